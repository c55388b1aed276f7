#!/usr/bin/python3
"""Independent test oracle for socassess scoring.

Written from docs/scoring.md and docs/formats.md only, without
reading src/score.c, so that the two implementations can check each
other (tests/oracle/run.sh).

    score_oracle.py MODEL.yaml QUESTIONNAIRE.yaml ANSWERS.(yaml|json)

prints the oracle's result as JSON. The result uses the names of the
JSON report (docs/schema/report.schema.json) but holds only what the
scoring rules decide: numbers, levels, states, orders and the texts of
recommendations. Numbers are not rounded; compare with a tolerance.

Rules worth restating because they are easy to get wrong: a gated
area has a score when at least one of its questions is answered; an
unanswered question fails its level, N/A questions are left out, and
the area reaches the top of the scale when nothing fails; level-sum
levels without a scored question add nothing; importance none drops an area from the domain, overall
and CSF means only (it keeps its gap, priority 0, its share of percent
to target and its recommendations); percent to target is null when
the targets of the scored areas sum to 0; the CSF view adds question
values scaled by k (1, or the top level for level-sum and gated).
Slack of 1e-9 everywhere a score meets a boundary: levels, the gated
pass mark, gaps, recommendations, and the sort keys (rounded to 1e-9).
"""

import json
import math
import re
import sys

import yaml

EPS = 1e-9
FUNCTIONS = ("GV", "ID", "PR", "DE", "RS", "RC")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loader with YAML 1.2 booleans: only true/false, so option
    texts such as `No` or `Yes` stay strings (as libyaml/libcyaml read
    them in socassess)."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))


def load_file(path):
    with open(path, encoding="utf-8") as f:
        if path.endswith(".json"):
            return json.load(f)
        return yaml.load(f, Loader=_Loader)


def rkey(x):
    """A number rounded to a multiple of 1e-9, as an integer: sort keys
    are compared after this rounding, so near-ties are ties."""
    return math.floor(x * 1e9 + 0.5)


def to_num(x):
    if isinstance(x, bool):
        raise ValueError("boolean where a number is expected")
    return float(x)


# ---------------------------------------------------------------- inputs

class Model:
    def __init__(self, d):
        self.id = d["id"]
        self.scoring = d["scoring"]
        self.pass_mark = 1.0 if d.get("pass") is None else to_num(d["pass"])
        self.min_completeness = (0.8 if d.get("minimum_completeness") is None
                                 else to_num(d["minimum_completeness"]))
        self.min_scored = (0.5 if d.get("minimum_scored") is None
                           else to_num(d["minimum_scored"]))
        self.scale = [(int(s["level"]), str(s["name"])) for s in d["scale"]]
        self.max_level = max(lv for lv, _ in self.scale)
        self.importance = {}
        for imp in d.get("importance") or []:
            self.importance[str(imp["name"])] = to_num(imp["weight"])
        self.domains = []
        self.areas = {}          # id -> area dict
        for dom in d["domains"]:
            dd = {
                "id": dom["id"],
                "weight": (1.0 if dom.get("weight") is None
                           else to_num(dom["weight"])),
                "areas": [],
            }
            for a in dom["areas"]:
                if a.get("weight") is not None:
                    w, imp = to_num(a["weight"]), None
                elif a.get("importance") is not None:
                    imp = str(a["importance"])
                    w = self.importance[imp]
                elif "normal" in self.importance:
                    w, imp = self.importance["normal"], "normal"
                else:
                    w, imp = 1.0, None
                ad = {
                    "id": a["id"],
                    "domain": dom["id"],
                    "weight": w,
                    "importance": imp,
                    "csf": list(a.get("csf") or []),
                }
                dd["areas"].append(ad)
                self.areas[ad["id"]] = ad
            self.domains.append(dd)
        self.profiles = {}
        for p in d["profiles"]:
            self.profiles[p["id"]] = {
                "tier": int(p["tier"]) if p.get("tier") is not None else 0,
                "id": p["id"],
                "target": to_num(p["target"]),
                "targets": {t["area"]: to_num(t["level"])
                            for t in p.get("targets") or []},
                "not_applicable": set(p.get("not_applicable") or []),
            }

    def level_of(self, score):
        """Highest scale level <= score (1e-9 slack), clamped."""
        if score is None:
            return None
        best = min(lv for lv, _ in self.scale)
        for lv, _ in self.scale:
            if lv <= score + EPS and lv > best:
                best = lv
        return best

    def level_name(self, level):
        if level is None:
            return None
        for lv, name in self.scale:
            if lv == level:
                return name
        return None


class Questionnaire:
    def __init__(self, d):
        self.id = d["id"]
        sets = {}
        for s in d.get("answer_sets") or []:
            sets[s["id"]] = s["options"]
        self.questions = []
        for q in d["questions"]:
            opts = q.get("options")
            if opts is None:
                opts = sets[q["answer_set"]]
            # (value, text, next step): the action, else the text.
            opts = sorted(((to_num(o["value"]), str(o["text"]),
                            str(o.get("action") or o["text"]))
                           for o in opts), key=lambda o: o[0])
            self.questions.append({
                "id": str(q["id"]),
                "area": q["area"],
                "weight": to_num(q["weight"]) if q.get(
                    "weight") is not None else 1.0,
                "level": int(q["level"]) if q.get(
                    "level") is not None else None,
                "profiles": (None if q.get("profiles") is None
                             else list(q["profiles"])),
                "csf": list(q.get("csf") or []),
                "options": opts,
                "effort": q.get("effort"),
            })


# ---------------------------------------------------------------- scoring

def _wmean(pairs):
    """Σ w·x / Σ w over (w, x) pairs with w > 0; None when Σ w = 0."""
    sw = sum(w for w, _ in pairs)
    if not pairs or sw <= 0:
        return None
    return sum(w * x for w, x in pairs) / sw


def _completeness(app, ans, na, un):
    return {"applicable": app, "answered": ans, "na": na, "unanswered": un,
            "ratio": (ans + na) / app if app else None}


def verdict(area, runs, target, min_scored):
    """An area's verdict against a requirement (docs/scoring.md)."""
    if not runs:
        return "not run"
    if target <= EPS:
        return "not required"
    if area["score"] is None:
        return "not assessed"
    if area["score"] + EPS < target:
        return "below target"
    c = area["completeness"]
    if c["answered"] + EPS < min_scored * c["applicable"]:
        return "insufficient data"
    return "met"


SHORT = ("below target", "not assessed", "insufficient data")


def provisional(c, minimum):
    return "provisional" if (c["ratio"] is None or
                             c["ratio"] + EPS < minimum) else "final"


def score(model, quest, answers):
    """The oracle: returns a dict shaped like the JSON report."""
    prof_id = answers["assessment"]["profile"]
    prof = model.profiles[prof_id]

    # Area weights and targets after the answers file's overrides.
    weight = {a: ad["weight"] for a, ad in model.areas.items()}
    target = {}
    t_over = set()
    w_over = set()
    for a in model.areas:
        target[a] = prof["targets"].get(a, prof["target"])
    for imp in answers.get("importance") or []:
        weight[imp["area"]] = model.importance[str(imp["importance"])]
        w_over.add(imp["area"])
    for t in answers.get("targets") or []:
        target[t["area"]] = to_num(t["level"])
        t_over.add(t["area"])

    by_id = {}
    for it in answers.get("answers") or []:
        by_id[str(it["id"])] = it

    # Question states.
    qres = {}                      # question id -> result
    area_q = {a: [] for a in model.areas}
    for q in quest.questions:
        applies = (q["area"] not in prof["not_applicable"] and
                   (q["profiles"] is None or prof_id in q["profiles"]))
        it = by_id.get(q["id"])
        state, value, text = "unanswered", None, None
        if not applies:
            state = "not-applicable"
        elif it is not None and it.get("na") is True:
            state = "na"
        elif it is not None and it.get("value") not in (None, ""):
            state = "answered"
            value = to_num(it["value"])
            for ov, ot, _ in q["options"]:
                if abs(ov - value) <= EPS:
                    text = ot
        r = {"id": q["id"], "area": q["area"], "weight": q["weight"],
             "level": q["level"], "state": state, "value": value,
             "answer": text, "q": q}
        qres[q["id"]] = r
        area_q[q["area"]].append(r)

    # Area scores.
    areas = {}
    for a, ad in model.areas.items():
        applicable = a not in prof["not_applicable"]
        qs = area_q[a]
        scored = [r for r in qs if r["state"] == "answered"]
        s = None
        if scored:
            if model.scoring == "weighted-mean":
                s = _wmean([(r["weight"], r["value"]) for r in scored])
            elif model.scoring == "level-sum":
                levels = sorted({r["level"] for r in scored})
                s = 0.0
                for k in levels:
                    s += _wmean([(r["weight"], r["value"]) for r in scored
                                 if r["level"] == k])
            elif model.scoring == "gated":
                # C2M2: an unanswered question fails its level; N/A
                # questions are left out.
                failing = [r["level"] for r in qs
                           if r["state"] == "unanswered" or
                           (r["state"] == "answered" and
                            not r["value"] >= model.pass_mark - EPS)]
                s = float(min(failing) - 1 if failing else model.max_level)
                s = max(s, 0.0)
            else:
                raise ValueError("unknown scoring " + model.scoring)
        t = target[a] if applicable else None
        gap = pri = None
        if s is not None:
            gap = max(0.0, t - s)
            if gap < EPS:
                gap = 0.0
            pri = gap * weight[a]
        lvl = model.level_of(s)
        n = {st: sum(1 for r in qs if r["state"] == st)
             for st in ("answered", "na", "unanswered")}
        areas[a] = {
            "id": a, "domain": ad["domain"], "applicable": applicable,
            "weight": weight[a], "weight_overridden": a in w_over,
            # Not compared: the report gives null for an overridden one.
            "importance": ad["importance"] if a not in w_over else
            next(str(i["importance"]) for i in answers["importance"]
                 if i["area"] == a),
            "score": s, "level": lvl, "level_name": model.level_name(lvl),
            "target": t, "target_overridden": a in t_over,
            "gap": gap, "priority": pri,
            "completeness": _completeness(
                sum(n.values()), n["answered"], n["na"], n["unanswered"]),
            "questions": {r["id"]: r for r in qs},
        }
        areas[a]["verdict"] = verdict(areas[a], applicable, t or 0.0,
                                      model.min_scored)
        areas[a]["status"] = ("final" if not applicable else provisional(
            areas[a]["completeness"], model.min_completeness))

    # Domains and overall.
    domains = []
    tot = [0, 0, 0, 0]
    for dom in model.domains:
        # Areas with target 0 are not required: named, not averaged.
        used = [areas[ad["id"]] for ad in dom["areas"]
                if areas[ad["id"]]["score"] is not None
                and areas[ad["id"]]["weight"] > 0
                and areas[ad["id"]]["target"] > EPS]
        ds = _wmean([(r["weight"], r["score"]) for r in used])
        dt = _wmean([(r["weight"], r["target"]) for r in used])
        c = [0, 0, 0, 0]
        for ad in dom["areas"]:
            cc = areas[ad["id"]]["completeness"]
            for i, k in enumerate(("applicable", "answered", "na",
                                   "unanswered")):
                c[i] += cc[k]
                tot[i] += cc[k]
        lvl = model.level_of(ds)
        dc = _completeness(*c)
        domains.append({
            "areas_short": sum(1 for ad in dom["areas"]
                               if areas[ad["id"]]["verdict"] in SHORT),
            "status": provisional(dc, model.min_completeness),
            "id": dom["id"], "weight": dom["weight"], "score": ds,
            "level": lvl, "level_name": model.level_name(lvl),
            "target": dt,
            "gap": None if ds is None else max(0.0, dt - ds),
            "completeness": dc,
            "areas": [areas[ad["id"]] for ad in dom["areas"]],
        })
    used = [d for d in domains if d["score"] is not None and d["weight"] > 0]
    os_ = _wmean([(d["weight"], d["score"]) for d in used])
    ot = _wmean([(d["weight"], d["target"]) for d in used])
    scored_areas = [r for r in areas.values() if r["score"] is not None]
    sum_t = sum(r["target"] for r in scored_areas)
    sum_g = sum(r["gap"] for r in scored_areas)
    lvl = model.level_of(os_)
    overall = {
        "score": os_, "level": lvl, "level_name": model.level_name(lvl),
        "target": ot, "gap": None if os_ is None else max(0.0, ot - os_),
        "percent_to_target": (1 - sum_g / sum_t) if scored_areas and
        sum_t > 0 else None,
    }

    # Gap list.
    gaps = [r for r in scored_areas if r["gap"] > 0]
    gaps.sort(key=lambda r: (-rkey(r["priority"]), r["id"].encode()))
    gaps = [{"area": r["id"], "domain": r["domain"], "score": r["score"],
             "target": r["target"], "gap": r["gap"], "weight": r["weight"],
             "priority": r["priority"]} for r in gaps]

    # Recommendations.
    recs = []
    for r in qres.values():
        if r["state"] != "answered":
            continue
        ar = areas[r["area"]]
        t, v = ar["target"], r["value"]
        if not v < t - EPS:
            continue
        nxt = [o for o in r["q"]["options"] if o[0] > v + EPS]
        if not nxt:
            continue
        recs.append({"question": r["id"], "area": r["area"], "value": v,
                     "target": t, "next_value": nxt[0][0],
                     "text": nxt[0][1], "action": nxt[0][2],
                     "effort": r["q"]["effort"],
                     "weight": r["weight"],
                     "area_priority": ar["priority"],
                     "weighted_gap": r["weight"] * ar["weight"] * (t - v)})
    # One list across areas: weighted gap, effort (low first, none as
    # medium), question weight, id (docs/scoring.md).
    effort_rank = {"low": 0, None: 1, "medium": 1, "high": 2}
    recs.sort(key=lambda x: (-rkey(x["weighted_gap"]),
                             effort_rank[x["effort"]],
                             -rkey(x["weight"]),
                             x["question"].encode()))
    for i, x in enumerate(recs):
        x["rank"] = i + 1

    # NIST CSF 2.0 function view.
    k = 1.0 if model.scoring == "weighted-mean" else float(model.max_level)
    csf = []
    for f in FUNCTIONS:
        num = den = 0.0
        na_ = nq = 0
        for a, ad in model.areas.items():
            ar = areas[a]
            if ar["score"] is None or ar["weight"] <= 0:
                continue
            if any(tag[:2] == f for tag in ad["csf"]):
                num += ar["weight"] * ar["score"]
                den += ar["weight"]
                na_ += 1
        for r in qres.values():
            if r["state"] != "answered" or areas[r["area"]]["weight"] <= 0:
                continue
            if any(tag[:2] == f for tag in r["q"]["csf"]):
                num += r["weight"] * r["value"] * k
                den += r["weight"]
                nq += 1
        csf.append({"function": f, "score": num / den if den > 0 else None,
                    "weight": den, "areas": na_, "questions": nq})

    def ids(v):
        return [a for a in model.areas if areas[a]["verdict"] == v]
    short = sum(1 for a in areas.values() if a["verdict"] in SHORT)
    overall["areas_short"] = short
    verdicts = {
        "target_met": short == 0, "areas_short": short,
        "below_target": ids("below target"),
        "not_assessed": ids("not assessed"),
        "insufficient_data": ids("insufficient data"),
        "not_required": ids("not required"),
    }

    # Tiers: the highest of an unbroken run from tier 1 that is met.
    tiers = None
    ranked = sorted((p for p in model.profiles.values() if p["tier"]),
                    key=lambda p: p["tier"])
    if ranked:
        met = None
        for p in ranked:
            if any(verdict(areas[a], a not in p["not_applicable"],
                           p["targets"].get(a, p["target"]),
                           model.min_scored) in SHORT
                   for a in model.areas):
                break
            met = p
        nxt = ranked[met["tier"]] if met and met["tier"] < len(ranked) \
            else (ranked[0] if met is None else None)
        needs = None
        if nxt is not None:
            needs = []
            for a in model.areas:
                t = nxt["targets"].get(a, nxt["target"])
                v = verdict(areas[a], a not in nxt["not_applicable"], t,
                            model.min_scored)
                if v in SHORT:
                    needs.append({"area": a, "verdict": v,
                                  "score": areas[a]["score"], "target": t})
        tiers = {"highest_met": met and met["id"],
                 "next": nxt and nxt["id"], "needs": needs}

    total = _completeness(*tot)
    return {
        "status": provisional(total, model.min_completeness),
        "verdict": verdicts,
        "tiers": tiers,
        "overall": overall,
        "completeness": total,
        "domains": domains,
        "gaps": gaps,
        "recommendations": recs,
        "csf": csf,
    }


def score_files(model_path, quest_path, answers_path):
    return score(Model(load_file(model_path)),
                 Questionnaire(load_file(quest_path)),
                 load_file(answers_path))


def _plain(o):
    """The result without the internal question links, for printing."""
    if isinstance(o, dict):
        return {k: _plain(v) for k, v in o.items() if k != "q"}
    if isinstance(o, list):
        return [_plain(v) for v in o]
    return o


def main(argv):
    if len(argv) != 4:
        sys.stderr.write("usage: score_oracle.py MODEL QUESTIONNAIRE "
                         "ANSWERS\n")
        return 2
    json.dump(_plain(score_files(*argv[1:])), sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
