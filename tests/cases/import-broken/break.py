# Broken copies of a blank questionnaire workbook of the test
# questionnaire t-wm-q (profile p1), each with one mistake a person can
# make, as openpyxl saves them; and beside each, in expected.txt, the
# one message import must give: "NAME.xlsx<TAB>message". Cells are
# found by their content, so the messages follow the template's layout.
import sys

import openpyxl

blank = sys.argv[1]
expected = []


def row_of(ws, column, text):
    for row in ws.iter_rows(min_col=column, max_col=column):
        if row[0].value == text:
            return row[0].row
    raise SystemExit("no %r in %s" % (text, ws.title))


def broken(name, message, change):
    wb = openpyxl.load_workbook(blank)
    change(wb)
    wb.save(name + ".xlsx")
    expected.append("%s.xlsx\tsocassess: %s.xlsx: %s" % (name, name, message))


def put(sheet, ref, value):
    return lambda wb: wb[sheet].__setitem__(ref, value)


def both(*changes):
    def change(wb):
        for c in changes:
            c(wb)
    return change


wb = openpyxl.load_workbook(blank)
one, two = wb["Domain one"], wb["Domain two"]
assert [one.cell(row=r, column=1).value for r in range(4, 8)] == \
    ["a1.x", "a1.y", "a2.x", "a2.y"]
assert two["A4"].value == "b1.x" and two["A5"].value is None
date = row_of(wb["Assessment"], 1, "Date")
kind = row_of(wb["Assessment"], 1, "Type")
version = row_of(wb["socassess"], 1, "questionnaire_version")
questionnaire = row_of(wb["socassess"], 1, "questionnaire")

broken("wrong-value", "Domain one!E4: 'maybe' is not one of the options "
       "of a1.x (0-3)", put("Domain one", "E4", "maybe"))
broken("out-of-range", "Domain one!E4: '4' is not one of the options of "
       "a1.x (0-3)", put("Domain one", "E4", 4))
broken("na-without-reason", "Domain one!E5: N/A needs a reason in F5 "
       "(a1.y)", put("Domain one", "E5", "N/A"))
broken("reason-without-na", "Domain one!F6: a reason for N/A, but the "
       "answer in E6 is not N/A (a2.x)",
       both(put("Domain one", "E6", "2 - O2"),
            put("Domain one", "F6", "not ours")))
broken("unknown-id", "Domain one!A8: 'zz.top' is not a question of "
       "questionnaire 't-wm-q'", put("Domain one", "A8", "zz.top"))
broken("duplicate-id", "Domain two!A5: question 'a1.x' appears twice "
       "(first at Domain one!A4)", put("Domain two", "A5", "a1.x"))
broken("not-asked", "Domain one!A8: question 'a1.z' is not asked for "
       "profile 'p1'", put("Domain one", "A8", "a1.z"))
broken("bad-date", "Assessment!B%d: date '30/11/2026' must be written "
       "YYYY-MM-DD, for example 2026-03-31" % date,
       put("Assessment", "B%d" % date, "30/11/2026"))
broken("number-date", "Assessment!B%d: the number 3000000 is not a "
       "date (expected a date from 1900 on, or text written YYYY-MM-DD)"
       % date, put("Assessment", "B%d" % date, 3000000))
broken("bad-type", "Assessment!B%d: Type 'annual' is not one of "
       "quick-scan, baseline, progress or scoped" % kind,
       put("Assessment", "B%d" % kind, "annual"))
broken("no-marker", "no sheet 'socassess': not a questionnaire workbook "
       "of socassess (make one with 'socassess template --xlsx')",
       lambda wb: wb.remove(wb["socassess"]))
broken("other-version", "socassess!B%d: the workbook is for version "
       "0.9.0 of questionnaire 't-wm-q', the data folder has version "
       "1.0.0: make a new workbook with 'socassess template --xlsx'"
       % version, put("socassess", "B%d" % version, "0.9.0"))
broken("other-questionnaire", "socassess!B%d: the workbook is for "
       "questionnaire 'acme-q', which is not in the data folder (see "
       "'socassess list')" % questionnaire,
       put("socassess", "B%d" % questionnaire, "acme-q"))
broken("missing-sheet", "no sheet 'Domain two' (the workbook lists it as "
       "a domain sheet)", lambda wb: wb.remove(wb["Domain two"]))


def swap_columns(wb):
    ws = wb["Domain one"]
    for row in range(3, ws.max_row + 1):
        e, g = ws.cell(row=row, column=5), ws.cell(row=row, column=7)
        e.value, g.value = g.value, e.value


broken("moved-headers", "Domain one!E3: header 'Comment' where 'Answer' "
       "belongs: columns must stay where the template put them",
       swap_columns)
with open("expected.txt", "w") as f:
    f.write("\n".join(expected) + "\n")
