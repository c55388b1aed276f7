# What a person does in a spreadsheet, as openpyxl saves it (inline
# strings), plus what other writers do: rich-text runs in an inline
# string and in a shared string with a phonetic run, a number typed
# into the Owner column, a date cell and a date typed as text.
import datetime, re, sys, zipfile
import openpyxl

src, dst, rich, bad = sys.argv[1:5]


def rewrite(path, out, change):
    """Copy the workbook at path to out, passing each part to change."""
    zin = zipfile.ZipFile(path)
    zout = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
    for item in zin.infolist():
        data = zin.read(item.filename).decode("utf-8")
        zout.writestr(item, change(item.filename, data).encode("utf-8"))
    zout.close()


def columns(ws):
    """The letters of the Owner, Due date and Status columns, by header."""
    head = {c.value: c.column_letter for c in ws[3]}
    return head["Owner"], head["Due date"], head["Status"]


wb = openpyxl.load_workbook(src)
ws = wb["Action plan"]
OWNER, DUE, STATUS = columns(ws)
ws[OWNER + "4"] = "placeholder"
ws[DUE + "4"] = datetime.datetime(2026, 10, 15)
ws[STATUS + "4"] = "Done"
ws[OWNER + "5"] = 42
ws[DUE + "5"] = "2027-01-31"
ws[STATUS + "5"] = "In progress"
wb.save("tmp.xlsx")


def runs_in_owner(name, data):
    if not name.startswith("xl/worksheets/") or "Item id" not in data:
        return data
    data, k = re.subn(r'<c r="%s4"[^>]*>.*?</c>' % OWNER,
        '<c r="%s4" t="inlineStr">' % OWNER + '<is><r><t>Zo\u00eb </t></r>'
        '<r><rPr><i/></rPr><t>\u674e &amp; "x"</t></r></is></c>', data)
    assert k == 1, data
    return data


rewrite("tmp.xlsx", dst, runs_in_owner)


def runs_in_shared(name, data):
    if name != "xl/sharedStrings.xml":
        return data
    data, k = re.subn(r"<si><t>In progress</t></si>",
        '<si><r><t>In </t></r><r><rPr><b/></rPr><t>progress</t></r>'
        '<rPh sb="0" eb="1"><t>IGNORED</t></rPh></si>', data)
    assert k == 1, data
    return data


rewrite(src, rich, runs_in_shared)
wb = openpyxl.load_workbook(src)
wb["Action plan"][STATUS + "5"] = "Finished"
wb["Action plan"][DUE + "4"] = "next week"
ws = wb["Action plan"]
ITEM = {c.value: c.column_letter for c in ws[3]}["Item id"]
ws[ITEM + str(ws.max_row + 1)] = "zz.top@1"
wb.save(bad)
