# What a new user writes to fill in a questionnaire workbook with
# openpyxl: choose entries of each Answer dropdown, type numbers as
# text, put numbers in cells, mark N/A with a reason, add comments,
# evidence and assessors. Writes the filled workbook and, separately,
# the same answers by hand as an answers file.
import datetime
import sys

import openpyxl
import yaml

src, dst, hand = sys.argv[1:4]
wb = openpyxl.load_workbook(src)
marker = list(wb["socassess"].iter_rows(values_only=True))
meta = {r[0]: r[1] for r in marker if r[0] != "sheet"}
sheets = [r[1] for r in marker if r[0] == "sheet"]


def unquote(sheet):
    return sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet


def dropdown(ws, ref):
    """The entries of the list validation of cell ref."""
    for dv in ws.data_validations.dataValidation:
        if ref not in dv.sqref:
            continue
        target = dv.formula1.lstrip("=")
        if "!" not in target:  # a defined name
            target = wb.defined_names.get(target).attr_text
        sheet, cells = target.rsplit("!", 1)
        rows = wb[unquote(sheet)][cells.replace("$", "")]
        return [r[0].value for r in rows if r[0].value is not None]
    raise SystemExit("no dropdown on %s!%s" % (ws.title, ref))


def set_label(ws, label, value):
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == label:
            ws.cell(row=row[0].row, column=2, value=value)
            return
    raise SystemExit("no row " + label)


a = wb["Assessment"]
set_label(a, "Organisation", "Acme & Söhne <SOC>")
set_label(a, "Scope", "EU operations")
set_label(a, "Assessor", "Ana Lima")
set_label(a, "Date", datetime.date(2026, 11, 30))
set_label(a, "Type", "baseline")
set_label(a, "Style", "guided")
answers = []
k = 0
for name in sheets:
    ws = wb[name]
    for row in range(4, ws.max_row + 1):
        qid = ws.cell(row=row, column=1).value
        if not qid:
            continue
        k += 1
        entries = dropdown(ws, "E%d" % row)
        options = [e for e in entries if e != "N/A"]
        values = [int(float(e.split(" - ")[0])) for e in options]
        assert "N/A" in entries and len(values) >= 2, entries
        ans = {"id": qid}
        form = k % 7
        if form == 0:    # an entry chosen from the dropdown
            ws["E%d" % row] = options[k % len(values)]
            ans["value"] = values[k % len(values)]
        elif form == 1:  # "3" typed into the text cell
            v = 3 if 3 in values else values[-1]
            ws["E%d" % row] = str(v)
            ans["value"] = v
        elif form == 2:  # a number cell
            ws["E%d" % row] = values[1]
            ans["value"] = values[1]
        elif form == 3:  # N/A with its reason
            ws["E%d" % row] = "N/A"
            ws["F%d" % row] = "Outsourced to the MSSP\nsince 2024"
            ans["na"] = True
            ans["na_reason"] = "Outsourced to the MSSP\nsince 2024"
        elif form == 4:  # unanswered, with a comment pasted from Windows
            ws["G%d" % row] = "Ask Bob;\r\nhe runs it"
            ans["comment"] = "Ask Bob;\nhe runs it"
        elif form == 5:  # typed with spaces, as "1.0", lowercase n/a
            if k % 2:
                ws["E%d" % row] = " %d.0 " % values[0]
                ans["value"] = values[0]
            else:
                ws["E%d" % row] = "n/a"
                ws["F%d" % row] = "No such team"
                ans["na"] = True
                ans["na_reason"] = "No such team"
        else:
            continue     # left empty
        if k % 3 == 0:
            ws["G%d" % row] = "Seen in the SIEM.\n  Second line, indented"
            ans["comment"] = "Seen in the SIEM.\n  Second line, indented"
        if k % 4 == 0:
            ws["H%d" % row] = "runbook v2.pdf\n  ticket SOC-12 \n\nwiki page"
            ans["evidence"] = ["runbook v2.pdf", "ticket SOC-12", "wiki page"]
        if k % 5 == 0:
            ws["I%d" % row] = "Zoë 李" if k % 2 else "Bo"
            ans["assessor"] = "Zoë 李" if k % 2 else "Bo"
        answers.append(ans)
assert k >= 20, k
wb.save(dst)
doc = {"assessment": {
    "questionnaire": meta["questionnaire"],
    "questionnaire_version": meta["questionnaire_version"],
    "profile": meta["profile"], "organisation": "Acme & Söhne <SOC>",
    "scope": "EU operations", "assessor": "Ana Lima", "date": "2026-11-30",
    "type": "baseline", "style": "guided"}, "answers": answers}
with open(hand, "w") as f:
    yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
