#!/usr/bin/env python3
"""Checks that a merged answers file (socassess merge) lost nothing.

usage: merge-check.py MERGED.yaml INPUT.yaml...

Every comment line, evidence item and N/A reason of every input answer
must be in the merged answer of the same question, credited to its
assessor ("NAME: text") when the merged answer has several assessors;
every value or N/A of an input must be the merged answer's (agreement)
or one of its candidates (conflict). Exits 1 naming what is missing.
"""
import sys

import yaml


def who(doc, ans):
    return ans.get("assessor") or doc["assessment"].get("assessor")


def said(ans):
    return any(ans.get(k) not in (None, "", []) for k in
               ("value", "na", "comment", "evidence"))


def main():
    merged = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    by_id = {a["id"]: a for a in merged.get("answers") or []}
    problems = []
    for path in sys.argv[2:]:
        doc = yaml.safe_load(open(path, encoding="utf-8"))
        for ans in doc.get("answers") or []:
            if not said(ans):
                continue
            name, qid = who(doc, ans), ans["id"]
            m = by_id.get(qid)
            if m is None:
                problems.append(f"{path}: {qid}: missing from the merge")
                continue
            several = ", " in (m.get("assessor") or "")
            pre = f"{name}: " if several else ""
            lines = (m.get("comment") or "").split("\n")
            for line in (ans.get("comment") or "").split("\n"):
                if line and pre + line not in lines:
                    problems.append(f"{path}: {qid}: comment line {line!r}")
            for item in ans.get("evidence") or []:
                if pre + item not in (m.get("evidence") or []):
                    problems.append(f"{path}: {qid}: evidence {item!r}")
            if name not in (m.get("assessor") or ""):
                problems.append(f"{path}: {qid}: assessor {name!r}")
            if ans.get("na") is True:
                cands = [c for c in m.get("candidates") or []
                         if c.get("assessor") == name and c.get("na")
                         and c.get("na_reason") == ans["na_reason"]]
                reasons = (m.get("na_reason") or "").split("\n")
                if not cands and not (m.get("na") is True and (
                        ans["na_reason"] in reasons
                        or name + ": " + ans["na_reason"] in reasons)):
                    problems.append(f"{path}: {qid}: N/A lost")
            elif ans.get("value") is not None:
                cands = [c for c in m.get("candidates") or []
                         if c.get("assessor") == name
                         and c.get("value") == ans["value"]
                         and c.get("comment") == ans.get("comment")]
                if not cands and m.get("value") != ans["value"]:
                    problems.append(f"{path}: {qid}: value lost")
    for p in problems:
        print("merge-check: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
