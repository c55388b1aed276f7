#!/usr/bin/env python3
"""Check a `socassess compare` JSON document against the scored reports.

usage: compare-check.py COMPARE.json SCHEMA.json ANSWERS... -- REPORT.json...

ANSWERS and REPORT are given in date order (oldest first). Checks that
the document validates against its schema; that every score equals the
score of the report of its date; that every change equals the
difference of two reported scores (since the first and since the
previous), for the overall score, every domain and every area; that the
target and gap are the latest report's; and that the changed answers are
exactly the questions whose value or N/A differs between the last two
answers files (read here with PyYAML, not by socassess).
"""
import json
import sys

import jsonschema
import yaml


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) < 1e-8


def diff(a, b):
    return None if a is None or b is None else b - a


def check_row(what, row, reports, get):
    scores = [get(r)["score"] for r in reports]
    assert len(row["scores"]) == len(scores), what
    for got, want in zip(row["scores"], scores):
        assert close(got, want), (what, row["scores"], scores)
    assert close(row["change_since_first"], diff(scores[0], scores[-1])), \
        (what, row["change_since_first"], scores)
    assert close(row["change_since_previous"], diff(scores[-2],
                 scores[-1])), (what, row["change_since_previous"], scores)
    last = get(reports[-1])
    assert close(row["target"], last["target"]), (what, row, last["target"])
    if last["score"] is not None:
        assert close(row["gap"], last["gap"]), (what, row["gap"], last["gap"])


def answer_state(entry):
    if entry is None:
        return ("unanswered",)
    if entry.get("na"):
        return ("na",)
    if entry.get("value") is None:
        return ("unanswered",)
    return ("answered", float(entry["value"]))


def changed_ids(old_path, new_path):
    old = {a["id"]: a for a in yaml.safe_load(open(old_path))["answers"]}
    new = {a["id"]: a for a in yaml.safe_load(open(new_path))["answers"]}
    return {q for q in set(old) | set(new)
            if answer_state(old.get(q)) != answer_state(new.get(q))}


def main(argv):
    sep = argv.index("--")
    doc = json.load(open(argv[1]))
    schema = json.load(open(argv[2]))
    answers = argv[3:sep]
    reports = [json.load(open(p)) for p in argv[sep + 1:]]
    jsonschema.validate(doc, schema)
    assert [a["date"] for a in doc["assessments"]] == \
        [r["assessment"]["date"] for r in reports]
    check_row("overall", doc["overall"], reports, lambda r: r["overall"])
    n_areas = 0
    for d, dom in enumerate(doc["domains"]):
        check_row(dom["id"], dom, reports, lambda r, d=d: r["domains"][d])
        assert reports[0]["domains"][d]["id"] == dom["id"]
    areas = {a["id"]: a for a in doc["areas"]}
    for d, dom in enumerate(reports[0]["domains"]):
        for k, area in enumerate(dom["areas"]):
            check_row(area["id"], areas[area["id"]], reports,
                      lambda r, d=d, k=k: r["domains"][d]["areas"][k])
            n_areas += 1
    assert n_areas == len(doc["areas"])
    known = doc["changed_answers"]["known"]
    want = changed_ids(answers[-2], answers[-1]) if known else set()
    got = {q["id"] for q in doc["changed_answers"]["questions"]}
    assert got == want, (sorted(got ^ want))
    print("ok: %d dates, %d domains, %d areas, %d changed answers" %
          (len(reports), len(doc["domains"]), n_areas, len(got)))


if __name__ == "__main__":
    main(sys.argv)
