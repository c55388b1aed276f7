#!/usr/bin/python3
"""Write a blank questionnaire workbook laid out as docs/workbook.md says,
with openpyxl, for the import tests while 'template --xlsx' is not there:

    python3 tests/import-fixture.py DATA_DIR QUESTIONNAIRE PROFILE OUT.xlsx
"""
import glob
import sys

import openpyxl
import yaml
from openpyxl.worksheet.datavalidation import DataValidation

data, qid, pid, out = sys.argv[1:5]


def load(pattern, wanted):
    for path in sorted(glob.glob(pattern)):
        doc = yaml.safe_load(open(path))
        if doc.get("id") == wanted:
            return doc
    raise SystemExit("no %s" % wanted)


q = load(data + "/questionnaires/*.yaml", qid)
m = load(data + "/models/*.yaml", q["model"])
profile = [p for p in m["profiles"] if p["id"] == pid][0]
sets = {s["id"]: s["options"] for s in q.get("answer_sets", [])}
area_domain = {}
for d in m["domains"]:
    for a in d["areas"]:
        area_domain[a["id"]] = d

wb = openpyxl.Workbook()
wb.active.title = "Instructions"
wb.active["A1"] = "How to fill in this workbook"
ws = wb.create_sheet("Assessment")
rows = [("Organisation", None), ("Scope", None), ("Assessor", None),
        ("Date", None), ("Type", None), ("Style", None),
        ("Profile", pid), ("Questionnaire", qid),
        ("Questionnaire version", q["version"])]
for i, (label, value) in enumerate(rows, start=1):
    ws.cell(row=i, column=1, value=label)
    if value is not None:
        ws.cell(row=i, column=2, value=value)

lists = None
domain_sheets = []
col = 0
for d in m["domains"]:
    qs = [x for x in q["questions"]
          if area_domain[x["area"]] is d
          and pid in x.get("profiles", [pid])
          and x["area"] not in profile.get("not_applicable", [])]
    if not qs:
        continue
    name = d["name"][:31]
    ws = wb.create_sheet(name)
    domain_sheets.append((name, d["id"]))
    ws["A1"] = d["name"]
    for c, title in enumerate(["Id", "Area", "Question", "Help", "Answer",
                               "N/A reason", "Comment", "Evidence",
                               "Assessor"], start=1):
        ws.cell(row=3, column=c, value=title)
    for r, x in enumerate(qs, start=4):
        ws.cell(row=r, column=1, value=x["id"])
        ws.cell(row=r, column=2, value=x["area"])
        ws.cell(row=r, column=3, value=x["text"])
        ws.cell(row=r, column=4, value=x.get("help"))
        if lists is None:
            lists = openpyxl.Workbook.create_sheet(wb, "Lists")
        col += 1
        opts = x.get("options") or sets[x["answer_set"]]
        entries = ["%g - %s" % (o["value"], o["text"]) for o in opts]
        entries = [e if len(e) <= 255 else e[:252] + "..." for e in entries]
        for k, e in enumerate(entries + ["N/A"], start=1):
            lists.cell(row=k, column=col, value=e)
        letter = openpyxl.utils.get_column_letter(col)
        dv = DataValidation(type="list", formula1="Lists!$%s$1:$%s$%d" %
                            (letter, letter, len(entries) + 1))
        ws.add_data_validation(dv)
        dv.add("E%d" % r)
lists.sheet_state = "hidden"
# Lists must come before socassess: move socassess to the end.
mk = wb.create_sheet("socassess")
mk.sheet_state = "hidden"
for i, (k, v) in enumerate([("format", "socassess-workbook/1"),
                            ("generator", "socassess fixture"),
                            ("questionnaire", qid),
                            ("questionnaire_version", q["version"]),
                            ("profile", pid)], start=1):
    mk.cell(row=i, column=1, value=k)
    mk.cell(row=i, column=2, value=v)
for i, (name, did) in enumerate(domain_sheets, start=6):
    mk.cell(row=i, column=1, value="sheet")
    mk.cell(row=i, column=2, value=name)
    mk.cell(row=i, column=3, value=did)
wb.save(out)
