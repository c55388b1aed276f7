#!/usr/bin/python3
"""Automatic checks of the shipped content (models/, questionnaires/).

    content-check.py [--only NAME[,NAME...]] [SOURCE-TREE]

Checks what a reviewer would otherwise count by hand, over the whole
files: unique area names in each model; an `action` on every option
above 0 and an `effort` on every question; no vague quantifier deciding
a level-3 to level-5 option text; questions of their own for each
operating-model profile; quick-scan questions tied to a full-
questionnaire counterpart in the same area; the topics a SOC assessment
must cover. Prints one line per check (ok or FAIL) with every offender
under a failing one, then `N passed, N failed`; exit 1 on any failure.
--only runs the named checks alone: area-names, actions, effort, vague,
profiles, counterparts, topics.
Needs /usr/bin/python3 with PyYAML.
"""

import glob
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "oracle"))
from score_oracle import load_file  # noqa: E402  (YAML 1.2 booleans)

FULL = "owasp-soc-full"
QUICK = "owasp-soc-quick"
EFFORTS = ("low", "medium", "high")

# Words that decide a level without saying what is counted or how often.
VAGUE = ("some", "a few", "most", "many", "regularly", "often",
         "frequently", "usually", "several", "periodically", "as needed",
         "at all times", "sometimes")
VAGUE_RE = re.compile(r"\b(%s)\b" % "|".join(re.escape(w) for w in VAGUE),
                      re.IGNORECASE)
VAGUE_FROM = 3  # option values from here up may not hold a vague word
# Judgement words that decide a level at any level (blind review 3):
# "easily beat", "repeatedly overdue", "every impactful decision".
JUDGED = ("easily", "repeatedly", "impactful", "serious", "significant",
          "timely", "prompt", "promptly", "quickly", "enough",
          "sufficient", "adequate", "appropriate")
JUDGED_RE = re.compile(r"\b(%s)\b" % "|".join(re.escape(w) for w in JUDGED),
                       re.IGNORECASE)

PROFILES = ("distributed", "centralized", "collaborative", "constituency",
            "managed", "hybrid")
SMALL_GROUP = 3  # a `profiles:` list this short makes a question specific

# Topics the issue asks for: a topic is present when the text of at least
# one question of the full questionnaire matches one of its patterns.
TOPICS = {
    "SOC platform access security": [
        r"access to the SOC'?s? (own )?(platforms?|tools?|consoles?)",
        r"(privileged|administrative|MFA|multi-factor)[^?]*"
        r"\b(SIEM|EDR|SOAR)\b",
        r"\b(SIEM|EDR|SOAR)\b[^?]*(privileged|MFA|multi-factor)",
        r"analysts?'? (look-?ups|queries|searches)[^?]*(audit|logged|review)",
        r"security of the SOC'?s? own",
    ],
    "SOC service continuity": [
        r"continuity of the SOC",
        r"SOC'?s? (service )?continuity",
        r"degraded mode",
        r"\b(SIEM|EDR|SOAR|SOC platforms?|SOC tools?)\b[^?]*"
        r"(outage|unavailable|fails?|failure)",
        r"(outage|failure|loss) of (the |its )?(SIEM|EDR|SOAR|SOC)",
    ],
    "human-reported detections": [
        r"phishing reports?",
        r"(reported|reports?) (by|from) (employees|staff|users|people|"
        r"the service desk|third parties|suppliers)",
        r"(employees|staff|users|people)[^?]*\breport(s|ed)?\b[^?]*"
        r"(suspicious|phishing|incident|security)",
        r"(human|user|employee)-reported",
    ],
    "emergency vulnerabilities and exposure": [
        r"known[- ]exploited",
        r"(newly|actively) exploited",
        r"zero[- ]days?",
        r"\bKEV\b",
        r"attack[- ]surface (monitoring|management|scan)",
        r"external attack surface",
        r"emergency (vulnerabilit|patch|mitigation)",
        r"exposure (management|monitoring)",
    ],
    "insider threat": [
        r"\binsiders?\b",
    ],
    "public and media communication": [
        r"\bmedia\b",
        r"\bpress\b",
        r"public (communication|statement|disclosure)",
        r"communicat[a-z]* [^?]*\bthe public\b",
    ],
    "governance of AI and automation": [
        r"\bAI\b",
        r"artificial intelligence",
        r"machine learning",
        r"\bLLMs?\b",
        r"(governance|oversight|approval|review) of (the SOC'?s? )?"
        r"(automat|AI\b|SOAR)",
        r"automat[a-z]*[^?]*\b(approv|govern|oversee|oversight|accountab)",
    ],
}


class Report:
    def __init__(self, only):
        self.passed = 0
        self.failed = 0
        self.only = only

    def wants(self, key):
        return self.only is None or key in self.only

    def check(self, name, offenders):
        if offenders:
            self.failed += 1
            print("FAIL %s (%d)" % (name, len(offenders)))
            for o in offenders:
                print("    " + o)
        else:
            self.passed += 1
            print("ok   %s" % name)


def options_of(quest, q):
    """A question's options, its own or those of its answer set."""
    if q.get("options") is not None:
        return q["options"]
    for s in quest.get("answer_sets") or []:
        if s["id"] == q.get("answer_set"):
            return s["options"]
    return []


def areas_of(model):
    return [a for d in model["domains"] for a in d["areas"]]


def check_area_names(rep, models):
    bad = []
    for mid, m in sorted(models.items()):
        seen = {}
        for a in areas_of(m):
            seen.setdefault(str(a["name"]).casefold(), []).append(a["id"])
        bad += ["model %s: area name %r is used by %s" % (
            mid, name, ", ".join(ids)) for name, ids in seen.items()
            if len(ids) > 1]
    rep.check("every area of a model has its own display name", bad)


def check_actions_effort(rep, quests):
    no_action, no_effort = [], []
    for qid, quest in sorted(quests.items()):
        for q in quest["questions"]:
            missing = [str(o["value"]) for o in options_of(quest, q)
                       if float(o["value"]) > 0 and
                       not str(o.get("action") or "").strip()]
            if missing:
                no_action.append("%s %s: options %s" % (
                    qid, q["id"], ", ".join(missing)))
            if q.get("effort") not in EFFORTS:
                no_effort.append("%s %s: effort %r" % (
                    qid, q["id"], q.get("effort")))
    if rep.wants("actions"):
        rep.check("every option above 0 has an action", no_action)
    if rep.wants("effort"):
        rep.check("every question has an effort (low, medium or high)",
                  no_effort)


def check_vague(rep, quests):
    bad = []
    for qid, quest in sorted(quests.items()):
        for q in quest["questions"]:
            for o in options_of(quest, q):
                text = str(o["text"])
                found = JUDGED_RE.finditer(text)
                if float(o["value"]) >= VAGUE_FROM:
                    found = list(found) + list(VAGUE_RE.finditer(text))
                words = sorted({m.group(0).lower() for m in found})
                if words:
                    bad.append("%s %s level %s: %s" % (
                        qid, q["id"], o["value"], ", ".join(
                            '"%s"' % w for w in words)))
    rep.check("no vague quantifier in option texts of levels %d-5 (%s) "
              "nor a judgement word at any level (%s)" % (
                  VAGUE_FROM, ", ".join(VAGUE), ", ".join(JUDGED)), bad)


def check_profiles(rep, full):
    """Each profile has a question asked only for it or a small group
    with it, and such questions set it apart from every other profile:
    for every other profile one of them is not asked there. (Two
    profiles that only share the same restricted questions, such as
    managed and hybrid with only `[managed, hybrid]` ones, fail.)"""
    own = {p: [] for p in PROFILES}
    for q in full["questions"]:
        ps = q.get("profiles")
        if ps and len(ps) <= SMALL_GROUP:
            for p in ps:
                if p in own:
                    own[p].append((q["id"], set(ps)))
    bad = []
    for p in PROFILES:
        if not own[p]:
            bad.append("%s: no question asked only for it or a group of "
                       "at most %d with it" % (p, SMALL_GROUP))
            continue
        shared = [o for o in PROFILES if o != p and
                  all(o in ps for _, ps in own[p])]
        if shared:
            bad.append("%s: every question of its own is also asked for "
                       "%s (%s)" % (p, ", ".join(shared),
                                    ", ".join(i for i, _ in own[p])))
    rep.check("each profile has questions of its own (profiles: lists of "
              "at most %d)" % SMALL_GROUP, bad)


def check_counterparts(rep, full, quick):
    area = {q["id"]: q["area"] for q in full["questions"]}
    bad = []
    for q in quick["questions"]:
        c = q.get("counterpart")
        if c is None:
            bad.append("%s: no counterpart" % q["id"])
        elif c not in area:
            bad.append("%s: counterpart %s is not in %s" % (q["id"], c,
                                                             FULL))
        elif area[c] != q["area"]:
            bad.append("%s: area %s, its counterpart %s is in %s" % (
                q["id"], q["area"], c, area[c]))
    rep.check("every quick question has a counterpart in the same area of "
              "the full questionnaire", bad)


def check_topics(rep, full):
    bad, found = [], []
    for topic, patterns in TOPICS.items():
        rx = re.compile("|".join("(?:%s)" % p for p in patterns),
                        re.IGNORECASE)
        ids = [q["id"] for q in full["questions"]
               if rx.search(str(q["text"]))]
        if ids:
            found.append("%s: %s" % (topic, ", ".join(ids)))
        else:
            bad.append("%s: no question text matches %s" % (
                topic, " | ".join(patterns)))
    rep.check("the topics of a SOC assessment are asked", bad)
    for line in found:
        print("    found " + line)


CHECKS = ("area-names", "actions", "effort", "vague", "profiles",
          "counterparts", "topics")


def main(argv):
    args = argv[1:]
    only = None
    if len(args) >= 2 and args[0] == "--only":
        only = set(args[1].split(","))
        args = args[2:]
        if not only <= set(CHECKS):
            print("content-check: unknown check %s (known: %s)" % (
                ", ".join(sorted(only - set(CHECKS))), ", ".join(CHECKS)),
                file=sys.stderr)
            return 2
    if len(args) > 1:
        print("usage: content-check.py [--only NAME[,NAME...]] "
              "[SOURCE-TREE]", file=sys.stderr)
        return 2
    src = os.path.abspath(args[0] if args else
                          os.path.join(os.path.dirname(__file__), ".."))
    models = {}
    for path in sorted(glob.glob(src + "/models/*.yaml")):
        m = load_file(path)
        models[m["id"]] = m
    quests = {}
    for path in sorted(glob.glob(src + "/questionnaires/*.yaml")):
        q = load_file(path)
        quests[q["id"]] = q
    if FULL not in quests or QUICK not in quests:
        print("content-check: %s or %s missing under %s/questionnaires" % (
            FULL, QUICK, src), file=sys.stderr)
        return 2
    rep = Report(only)
    if rep.wants("area-names"):
        check_area_names(rep, models)
    check_actions_effort(rep, quests)
    if rep.wants("vague"):
        check_vague(rep, quests)
    if rep.wants("profiles"):
        check_profiles(rep, quests[FULL])
    if rep.wants("counterparts"):
        check_counterparts(rep, quests[FULL], quests[QUICK])
    if rep.wants("topics"):
        check_topics(rep, quests[FULL])
    print("%d passed, %d failed" % (rep.passed, rep.failed))
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
