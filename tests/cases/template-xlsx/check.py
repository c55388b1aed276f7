# Checks a questionnaire workbook written by `socassess template --xlsx`
# against the questionnaire it was made from, as a person (or the
# importer) would read it with openpyxl:
#
#     check.py WORKBOOK QUESTIONNAIRE.yaml MODEL.yaml PROFILE TEMPLATE.yaml
#
# TEMPLATE.yaml is `socassess template -p PROFILE` for the same
# questionnaire: the workbook must hold exactly its questions.
import re
import sys
import unicodedata
import zipfile

import openpyxl
import yaml

HEADERS = ["Id", "Area", "Question", "Help", "Answer", "N/A reason",
           "Comment", "Evidence", "Assessor"]
LABELS = ["Organisation", "Scope", "Assessor", "Date", "Type", "Style",
          "Profile", "Questionnaire", "Questionnaire version"]

path, qpath, mpath, profile, tpath = sys.argv[1:6]
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
q = yaml.load(open(qpath, encoding="utf-8"), Loader=Loader)
m = yaml.load(open(mpath, encoding="utf-8"), Loader=Loader)
template = yaml.load(open(tpath, encoding="utf-8"), Loader=Loader)
asked = [a["id"] for a in template["answers"]]
wb = openpyxl.load_workbook(path)


def xml_clean(s):
    """What a cell may hold: no control character but tab and newline."""
    return "".join(c if c in "\t\n\r" or (ord(c) >= 0x20 and c not in
                   "\ufffe\uffff") else "\ufffd" for c in s)


def number(v):
    return "%d" % v if float(v) == int(v) else "%g" % v


def entry(opt):
    """The dropdown entry of an option, by the rule of docs/workbook.md."""
    text = xml_clean(str(opt["text"]))
    e = "%s - %s" % (number(opt["value"]), text)
    e = re.sub(r"[\t\n\r ]+", " ", e).rstrip(" ")
    if len(e) > 255:
        e = e[:252].rstrip(" ") + "..."
    return e


def options(question):
    if "options" in question:
        return question["options"]
    for s in q.get("answer_sets", []):
        if s["id"] == question["answer_set"]:
            return s["options"]
    raise KeyError(question["id"])


questions = {x["id"]: x for x in q["questions"]}
area_domain, area_name = {}, {}
for d in m["domains"]:
    for a in d["areas"]:
        area_domain[a["id"]] = d["id"]
        area_name[a["id"]] = a["name"]

# Sheets, their order and visibility; the marker names the domain sheets.
marker = {}
sheets = []
for row in wb["socassess"].iter_rows(values_only=True):
    if row[0] == "sheet":
        sheets.append((row[1], row[2]))
    else:
        marker[row[0]] = row[1]
assert marker == {"format": "socassess-workbook/1",
                  "generator": marker["generator"],
                  "questionnaire": q["id"],
                  "questionnaire_version": xml_clean(str(q["version"])),
                  "profile": profile}, marker
assert re.fullmatch(r"socassess \d+\.\d+\.\d+", marker["generator"])
names = [s[0] for s in sheets]
assert wb.sheetnames == ["Instructions", "Assessment"] + names + \
    ["Lists", "socassess"], wb.sheetnames
domains_asked = []
for qid in asked:
    d = area_domain[questions[qid]["area"]]
    if d not in domains_asked:
        domains_asked.append(d)
model_order = [d["id"] for d in m["domains"]]
assert [s[1] for s in sheets] == sorted(domains_asked, key=model_order.index)
for ws in wb.worksheets:
    hidden = ws.title in ("Lists", "socassess")
    assert ws.sheet_state == ("hidden" if hidden else "visible"), ws.title
    assert ws.protection.sheet and not ws.protection.password, ws.title
for name in names:
    assert len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name), name

# Custom document properties repeat the marker.
custom = zipfile.ZipFile(path).read("docProps/custom.xml").decode()
for k, v in (("socassess format", "socassess-workbook/1"),
             ("socassess questionnaire", q["id"]),
             ("socassess profile", profile)):
    assert re.search(r'name="%s"><vt:lpwstr>%s<' % (k, re.escape(v)),
                     custom), (k, custom)

# The Assessment sheet: labels, editable values, fixed ones.
ws = wb["Assessment"]
labels = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
for label in LABELS:
    assert label in labels, label
for label in LABELS[:6]:
    assert not ws.cell(labels[label], 2).protection.locked, label
for label, want in (("Profile", profile), ("Questionnaire", q["id"])):
    cell = ws.cell(labels[label], 2)
    assert cell.value == want and cell.protection.locked, (label, cell.value)
assert ws.cell(labels["Date"], 2).number_format == "yyyy-mm-dd"
kinds = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
assert kinds["B%d" % labels["Date"]].type == "date"
assert kinds["B%d" % labels["Type"]].formula1 == \
    '"quick-scan,baseline,progress,scoped"'
assert kinds["B%d" % labels["Style"]].formula1 == '"self,guided,third-party"'

# The domain sheets: one row per question asked, in questionnaire order.
lists = wb["Lists"]
seen = []
for name, domain in sheets:
    ws = wb[name]
    assert [c.value for c in ws[3]] == HEADERS, [c.value for c in ws[3]]
    assert ws.freeze_panes == "A4", ws.freeze_panes
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToHeight == 0
    assert ws.page_setup.fitToWidth in (None, 1)
    assert ws.print_title_rows == "$3:$3", ws.print_title_rows
    assert ws.print_area == ["$A$1:$I$%d" % ws.max_row], ws.print_area
    # N/A reason turns red while it and the answer disagree.
    rules = {str(r.sqref): [x.formula for x in r.rules]
             for r in ws.conditional_formatting}
    span = "F4" if ws.max_row == 4 else "F4:F%d" % ws.max_row
    assert rules == {span: [
        ['AND(OR(UPPER(TRIM($E4))="N/A",UPPER(TRIM($E4))="NA"),'
         'LEN(TRIM($F4))=0)'],
        ['AND(NOT(OR(UPPER(TRIM($E4))="N/A",UPPER(TRIM($E4))="NA")),'
         'LEN(TRIM($F4))>0)']]}, rules
    dvs = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            dvs[rng.coord] = dv
    for r in range(4, ws.max_row + 1):
        qid = ws.cell(r, 1).value
        qu = questions[qid]
        seen.append(qid)
        assert area_domain[qu["area"]] == domain, (name, qid)
        assert ws.cell(r, 2).value == xml_clean(area_name[qu["area"]])
        assert ws.cell(r, 3).value == xml_clean(qu["text"])
        assert ws.cell(r, 4).value == (xml_clean(qu["help"]) if "help" in qu
                                       else None)
        for c in range(1, 10):
            assert ws.cell(r, c).protection.locked == (c < 5), (qid, c)
        assert ws.cell(r, 4).alignment.wrap_text
        dv = dvs["E%d" % r]
        assert dv.type == "list", dv.type
        ref = re.fullmatch(r"Lists!\$([A-Z]+)\$2:\$\1\$(\d+)", dv.formula1)
        assert ref, dv.formula1
        got = [c[0].value for c in lists["%s2:%s%s" % (ref.group(1),
               ref.group(1), ref.group(2))]]
        want = [entry(o) for o in options(qu)] + ["N/A"]
        assert got == want, (qid, got, want)
        assert all(len(e) <= 255 for e in got), qid
assert seen == asked, (seen, asked)

# No control character in any cell (libxlsxwriter would write _xHHHH_).
for ws in wb.worksheets:
    for row in ws.iter_rows(values_only=True):
        for v in row:
            if isinstance(v, str):
                assert xml_clean(v) == v, (ws.title, v)
                assert "_x00" not in v, (ws.title, v)
print("%s: %d questions on %d sheets" % (path, len(seen), len(sheets)))
