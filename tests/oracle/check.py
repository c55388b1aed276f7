#!/usr/bin/python3
"""Compare socassess's JSON reports with the scoring oracle.

    check.py PATH/TO/socassess SOURCE_TREE [SEEDS]

For each data set (the shipped questionnaires, the fixtures of
tests/data/score and model variants made from them here), writes SEEDS
(default 40) random answers files (random_answers.py, fixed seeds, so
every run checks the same files) and scores them with socassess: one
batch run, `socassess --data-dir DIR score FILES... --out-dir OUT`
(one process per data set keeps the run short under ASan), plus one
`score FILE --format json` run on the first file. The shipped
examples/ are scored the same way, and so are the hand-written answers files of
tests/data/score/answers (partly answered gated files among them).
Every report is compared with
score_oracle.py: every number to 1e-9 (null where the oracle has no
score), levels, question states, the gap and recommendation orders,
the CSF view and the number of warnings. Prints one line per mismatch,
then `N passed, N failed` (one count per report); exits 1 on any
mismatch.
"""

import copy
import glob
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score_oracle import (Model, Questionnaire, load_file,  # noqa: E402
                          score)
from random_answers import generate  # noqa: E402

Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
TOL = 1e-9


def ydump(doc, path):
    with open(path, "w", encoding="utf-8") as f:
        yaml.dump(doc, f, Dumper=Dumper, sort_keys=False,
                  allow_unicode=True, default_flow_style=False)


# ------------------------------------------------------------ model variants

CSF_POOL = ["GV", "GV.OC", "ID.AM", "ID.RA-01", "PR.AA", "PR.PS-04",
            "DE.CM", "DE.AE-02", "RS.MA", "RS.CO-02", "RC.RP", "RC.CO-03"]


def target_of(profile, area):
    """A profile's target for an area in a model file."""
    for t in profile.get("targets") or []:
        if t["area"] == area:
            return t["level"]
    return profile["target"]


def mutate(model, quest, rnd):
    """A changed copy of a model and its questionnaire: another scale,
    other importance
    weights, area and domain weights (0 among them), pass mark, profile
    targets and not-applicable areas, question weights, levels, profiles
    and CSF tags. Everything stays valid for the loaders. Weights such
    as 0.1, 0.3 and 0.7 give means with binary noise (2.9999999999999996
    for 3), which the 1e-9 slack of levels, gaps and orders must absorb."""
    m = copy.deepcopy(model)
    q = copy.deepcopy(quest)
    top = max(int(s["level"]) for s in m["scale"])
    # Another scale: longer (option values stay within it) or, where
    # option values are fractions (level-sum, gated), shorter too.
    if rnd.random() < 0.5:
        low = top if m["scoring"] == "weighted-mean" else 1
        top = rnd.randint(low, 6)
        m["scale"] = [{"level": i, "name": "Level %d" % i}
                      for i in range(top + 1)]
        for qu in q["questions"]:
            if qu.get("level") is not None:
                qu["level"] = min(int(qu["level"]), top)
    if m.get("importance") or rnd.random() < 0.7:
        m["importance"] = [
            {"name": "none", "weight": 0},
            {"name": "low", "weight": rnd.choice([0.25, 0.5, 0.1, 0.3])},
            {"name": "normal", "weight": rnd.choice([1, 1, 1.5])},
            {"name": "high", "weight": rnd.choice([2, 2.5, 3])},
            {"name": "critical", "weight": rnd.choice([4, 5, 10])},
        ]
    names = [i["name"] for i in m.get("importance") or []]
    if m["scoring"] == "gated":
        m["pass"] = rnd.choice([0.5, 0.75, 1, 0.6])
    area_ids = []
    for d in m["domains"]:
        d["weight"] = rnd.choice([1, 1, 2, 0.5, 3, 0])
        for a in d["areas"]:
            area_ids.append(a["id"])
            a.pop("importance", None)
            a.pop("weight", None)
            r = rnd.random()
            if r < 0.4 and names:
                a["importance"] = rnd.choice(names)
            elif r < 0.7:
                a["weight"] = rnd.choice([0, 0.5, 1, 1.5, 3, 0.1, 0.7])
            if rnd.random() < 0.5:
                a["csf"] = sorted(set(rnd.sample(CSF_POOL,
                                                 rnd.randint(0, 3))))
    if all(d["weight"] == 0 for d in m["domains"]):
        m["domains"][0]["weight"] = 1
    prof_ids = [p["id"] for p in m["profiles"]]
    for p in m["profiles"]:
        p["target"] = rnd.randint(0, top)
        p["targets"] = [{"area": a, "level": rnd.randint(0, top)}
                        for a in rnd.sample(area_ids,
                                            rnd.randint(0, len(area_ids)))]
        if not p["targets"]:
            del p["targets"]
        na = rnd.sample(area_ids, rnd.randint(0, max(1, len(area_ids) // 4)))
        if na:
            p["not_applicable"] = na
        else:
            p.pop("not_applicable", None)
    # Tiers must each require at least the tier below: raise targets.
    prev = None
    for p in sorted((p for p in m["profiles"] if p.get("tier")),
                    key=lambda p: p["tier"]):
        p.pop("not_applicable", None)
        if prev is not None:
            p["targets"] = [{"area": a, "level": max(
                target_of(p, a), target_of(prev, a))} for a in area_ids]
        prev = p
    for qu in q["questions"]:
        if rnd.random() < 0.5:
            qu["weight"] = rnd.choice([0.5, 1, 2, 3, 1.25, 0.1, 0.3, 0.7])
        if rnd.random() < 0.4:
            qu["csf"] = sorted(set(rnd.sample(CSF_POOL, rnd.randint(0, 2))))
        if m["scoring"] != "weighted-mean" and rnd.random() < 0.3:
            qu["level"] = rnd.randint(1, top)
        if rnd.random() < 0.1:
            qu["profiles"] = rnd.sample(prof_ids,
                                        rnd.randint(1, len(prof_ids)))
        # Effort orders equal weighted gaps; a missing one counts as
        # medium, a missing action falls back to the option text.
        r = rnd.random()
        if r < 0.6:
            qu["effort"] = rnd.choice(["low", "medium", "high"])
        elif r < 0.8:
            qu.pop("effort", None)
        for o in qu.get("options") or []:
            if rnd.random() < 0.3:
                o.pop("action", None)
            elif rnd.random() < 0.3:
                o["action"] = "Act on %s to reach %s." % (qu["id"],
                                                          o["value"])
    return m, q


# ---------------------------------------------------------------- compare

def num_eq(got, want):
    if want is None or got is None:
        return got is None and want is None
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        return False
    return abs(got - want) <= TOL + 1e-12 * abs(want)


class Cmp:
    def __init__(self):
        self.lines = []

    def num(self, path, got, want):
        if not num_eq(got, want):
            self.lines.append("%s: got %s, oracle %s" % (
                path, json.dumps(got), json.dumps(want)))

    def eq(self, path, got, want):
        if got != want:
            self.lines.append("%s: got %s, oracle %s" % (
                path, json.dumps(got), json.dumps(want)))

    def completeness(self, path, got, want):
        for k in ("applicable", "answered", "na", "unanswered"):
            self.eq(path + "." + k, got.get(k), want[k])
        self.num(path + ".ratio", got.get("ratio"), want["ratio"])


def compare(rep, want, n_foreign):
    c = Cmp()
    go, wo = rep["overall"], want["overall"]
    for k in ("score", "target", "gap", "percent_to_target"):
        c.num("overall." + k, go.get(k), wo[k])
    for k in ("level", "level_name", "areas_short"):
        c.eq("overall." + k, go.get(k), wo[k])
    c.eq("status", rep.get("status"), want["status"])
    c.eq("verdict", rep.get("verdict"), want["verdict"])
    gt, wt = rep.get("tiers"), want["tiers"]
    if wt is None or gt is None:
        c.eq("tiers", gt, wt)
    else:
        c.eq("tiers.highest_met", (gt["highest_met"] or {}).get("id"),
             wt["highest_met"])
        c.eq("tiers.next", (gt["next"] or {}).get("id"), wt["next"])
        if gt["next"] is not None and wt["needs"] is not None:
            c.eq("tiers.next.needs",
                 [(n["area"], n["verdict"]) for n in gt["next"]["needs"]],
                 [(n["area"], n["verdict"]) for n in wt["needs"]])
    c.completeness("completeness", rep["completeness"], want["completeness"])

    if len(rep["domains"]) != len(want["domains"]):
        c.eq("domains (count)", len(rep["domains"]), len(want["domains"]))
    for gd, wd in zip(rep["domains"], want["domains"]):
        p = "domain " + wd["id"]
        c.eq(p + ".id", gd["id"], wd["id"])
        for k in ("weight", "score", "target", "gap"):
            c.num(p + "." + k, gd.get(k), wd[k])
        for k in ("level", "level_name", "areas_short", "status"):
            c.eq(p + "." + k, gd.get(k), wd[k])
        c.completeness(p + ".completeness", gd["completeness"],
                       wd["completeness"])
        if len(gd["areas"]) != len(wd["areas"]):
            c.eq(p + ".areas (count)", len(gd["areas"]), len(wd["areas"]))
        for ga, wa in zip(gd["areas"], wd["areas"]):
            pa = "area " + wa["id"]
            c.eq(pa + ".id", ga["id"], wa["id"])
            for k in ("weight", "score", "target", "gap", "priority"):
                c.num(pa + "." + k, ga.get(k), wa[k])
            for k in ("applicable", "level", "level_name",
                      "weight_overridden", "target_overridden", "verdict",
                      "status"):
                c.eq(pa + "." + k, ga.get(k), wa[k])
            c.completeness(pa + ".completeness", ga["completeness"],
                           wa["completeness"])
            gq = {x["id"]: x for x in ga["questions"]}
            c.eq(pa + ".questions", sorted(gq), sorted(wa["questions"]))
            for qid, wq in wa["questions"].items():
                if qid not in gq:
                    continue
                x = gq[qid]
                pq = "question " + qid
                c.eq(pq + ".state", x.get("state"), wq["state"])
                c.num(pq + ".weight", x.get("weight"), wq["weight"])
                c.eq(pq + ".level", x.get("level"), wq["level"])
                if wq["state"] == "answered":
                    c.num(pq + ".value", x.get("value"), wq["value"])
                    c.eq(pq + ".answer", x.get("answer"), wq["answer"])

    c.eq("gaps (order)", [g["area"] for g in rep["gaps"]],
         [g["area"] for g in want["gaps"]])
    for gg, wg in zip(rep["gaps"], want["gaps"]):
        if gg["area"] != wg["area"]:
            break
        p = "gaps[%s]" % wg["area"]
        c.eq(p + ".domain", gg.get("domain"), wg["domain"])
        for k in ("score", "target", "gap", "weight", "priority"):
            c.num(p + "." + k, gg.get(k), wg[k])

    c.eq("recommendations (order)",
         [r["question"] for r in rep["recommendations"]],
         [r["question"] for r in want["recommendations"]])
    for gr, wr in zip(rep["recommendations"], want["recommendations"]):
        if gr["question"] != wr["question"]:
            break
        p = "recommendations[%s]" % wr["question"]
        for k in ("rank", "area", "text", "action", "effort"):
            c.eq(p + "." + k, gr.get(k), wr[k])
        for k in ("value", "target", "next_value", "area_priority",
                  "weighted_gap"):
            c.num(p + "." + k, gr.get(k), wr[k])

    c.eq("csf (functions)", [f["function"] for f in rep["csf"]],
         [f["function"] for f in want["csf"]])
    for gf, wf in zip(rep["csf"], want["csf"]):
        p = "csf " + wf["function"]
        for k in ("score", "weight"):
            c.num(p + "." + k, gf.get(k), wf[k])
        for k in ("areas", "questions"):
            c.eq(p + "." + k, gf.get(k), wf[k])

    # Each answer to a question outside the profile gets a warning.
    c.eq("warnings (count)", len(rep["warnings"]), n_foreign)
    return c.lines


# ---------------------------------------------------------------- data sets

def data_sets(src, work):
    """(name, data dir, model file, questionnaire file) for every set."""
    sets = [
        ("owasp-soc-full", src, src + "/models/owasp-soc.yaml",
         src + "/questionnaires/owasp-soc-full.yaml"),
        ("owasp-soc-quick", src, src + "/models/owasp-soc.yaml",
         src + "/questionnaires/owasp-soc-quick.yaml"),
    ]
    fix = src + "/tests/data/score"
    for name, q in (("weighted-mean", "t-wm"), ("level-sum", "t-ls"),
                    ("gated", "t-g"), ("tiered", "t-tier")):
        sets.append((name, fix, "%s/models/%s.yaml" % (fix, q),
                     "%s/questionnaires/%s-q.yaml" % (fix, q)))
    # Variants: changed copies of the fixture models (three each) and of
    # the shipped model with its quick scan, each in a data folder of
    # its own. Seeded, so every run builds the same ones.
    bases = [(n, m, q) for n, _, m, q in sets[1:]]
    for name, mpath, qpath in bases:
        count = 1 if name.startswith("owasp") else 3
        for i in range(count):
            rnd = random.Random("%s/%d" % (name, i))
            m, q = mutate(load_file(mpath), load_file(qpath), rnd)
            d = os.path.join(work, "data", "%s-v%d" % (name, i))
            os.makedirs(d + "/models")
            os.makedirs(d + "/questionnaires")
            mv = "%s/models/%s" % (d, os.path.basename(mpath))
            qv = "%s/questionnaires/%s" % (d, os.path.basename(qpath))
            ydump(m, mv)
            ydump(q, qv)
            sets.append(("%s-v%d" % (name, i), d, mv, qv))
    return sets


def foreign_answers(model, quest, doc):
    """Answers given to questions outside the profile."""
    prof_id = doc["assessment"]["profile"]
    prof = model.profiles[prof_id]
    outside = {q["id"] for q in quest.questions
               if q["area"] in prof["not_applicable"] or
               (q["profiles"] is not None and prof_id not in q["profiles"])}
    return sum(1 for a in doc.get("answers") or [] if a["id"] in outside)


def random_files(name, seq, model, quest, seeds, indir):
    """Writes SEEDS random answers files (every fifth as JSON) into
    indir; returns (path, label, oracle result, foreign answers) each."""
    files = []
    for s in range(1, seeds + 1):
        seed = 1000 * seq + s
        as_json = s % 5 == 0
        doc = generate(model, quest, seed, as_json)
        path = os.path.join(indir, "s%03d.%s" % (
            s, "json" if as_json else "yaml"))
        if as_json:
            with open(path, "w", encoding="utf-8") as f:
                json.dump(doc, f, indent=1)
        else:
            ydump(doc, path)
        files.append((path, "%s seed %d (%s)" % (
            name, seed, os.path.basename(path)),
            score(model, quest, doc), foreign_answers(model, quest, doc)))
    return files


def example_files(src):
    """The shipped example assessments, scored with the shipped data."""
    files = []
    model = Model(load_file(src + "/models/owasp-soc.yaml"))
    for path in sorted(glob.glob(src + "/examples/*.yaml")):
        doc = load_file(path)
        quest = Questionnaire(load_file("%s/questionnaires/%s.yaml" % (
            src, doc["assessment"]["questionnaire"])))
        files.append((path, "example " + os.path.basename(path),
                      score(model, quest, doc),
                      foreign_answers(model, quest, doc)))
    return files


def fixture_files(src):
    """The hand-written answers files of tests/data/score/answers
    (partly answered gated files among them), each scored with its
    questionnaire's fixture model."""
    fix = src + "/tests/data/score"
    files = []
    for path in sorted(glob.glob(fix + "/answers/*.yaml")):
        doc = load_file(path)
        qid = doc["assessment"]["questionnaire"]
        qdoc = load_file("%s/questionnaires/%s.yaml" % (fix, qid))
        model = Model(load_file("%s/models/%s.yaml" % (fix, qdoc["model"])))
        quest = Questionnaire(qdoc)
        files.append((path, "fixture " + os.path.basename(path),
                      score(model, quest, doc),
                      foreign_answers(model, quest, doc)))
    return files


def main(argv):
    if len(argv) not in (3, 4):
        sys.stderr.write("usage: check.py SOCASSESS SOURCE_TREE [SEEDS]\n")
        return 2
    binary = os.path.abspath(argv[1])
    src = os.path.abspath(argv[2])
    seeds = int(argv[3]) if len(argv) == 4 else 40
    work = tempfile.mkdtemp(prefix="socassess-oracle.")
    env = dict(os.environ, LC_ALL="C")
    env.pop("SOCASSESS_DATA", None)
    passed = failed = 0
    try:
        sets = data_sets(src, work)
        os.makedirs(os.path.join(work, "out"))
        jobs = []
        for seq, (name, ddir, mpath, qpath) in enumerate(sets, 1):
            indir = os.path.join(work, "in", name)
            os.makedirs(indir)
            files = random_files(name, seq, Model(load_file(mpath)),
                                 Questionnaire(load_file(qpath)), seeds,
                                 indir)
            jobs.append((name, ddir, files))
        jobs.append(("examples", src, example_files(src)))
        jobs.append(("fixtures", src + "/tests/data/score",
                     fixture_files(src)))

        # Start every run at once, then read the reports.
        runs = []
        for name, ddir, files in jobs:
            outdir = os.path.join(work, "out", name)
            batch = subprocess.Popen(
                [binary, "--data-dir", ddir, "--quiet", "score",
                 "--out-dir", outdir] + [f[0] for f in files],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            single = subprocess.Popen(
                [binary, "--data-dir", ddir, "score", files[0][0],
                 "--format", "json"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            runs.append((name, files, outdir, batch, single))

        for name, files, outdir, batch, single in runs:
            _, berr = batch.communicate()
            sout, serr = single.communicate()
            if batch.returncode != 0:
                errs = [ln for ln in berr.decode(errors="replace")
                        .splitlines() if ": warning: " not in ln]
                print("%s: batch run exited %d: %s" % (
                    name, batch.returncode, " / ".join(errs[:3])[:400]))
            reports = []
            for path, label, want, nf in files:
                stem = os.path.splitext(os.path.basename(path))[0]
                reports.append((label, os.path.join(outdir, stem + ".json"),
                                want, nf))
            if single.returncode != 0:
                print("%s: score --format json exited %d: %s" % (
                    name, single.returncode,
                    serr.decode(errors="replace").strip()[:400]))
                failed += 1
            else:
                single_path = os.path.join(work, "out", name + ".single")
                with open(single_path, "wb") as f:
                    f.write(sout)
                path, label, want, nf = files[0]
                reports.append((label + " --format json", single_path,
                                want, nf))
            for label, rpath, want, nf in reports:
                try:
                    with open(rpath, encoding="utf-8") as f:
                        rep = json.load(f)
                except (OSError, ValueError) as e:
                    print("%s: no report: %s" % (label, e))
                    failed += 1
                    continue
                lines = compare(rep, want, nf)
                for ln in lines:
                    print("%s: %s" % (label, ln))
                if lines:
                    failed += 1
                else:
                    passed += 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
