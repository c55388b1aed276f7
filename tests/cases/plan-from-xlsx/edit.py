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


wb = openpyxl.load_workbook(src)
ws = wb["Action plan"]
ws["H4"] = "placeholder"
ws["I4"] = datetime.datetime(2026, 10, 15)
ws["J4"] = "Done"
ws["H5"] = 42
ws["I5"] = "2027-01-31"
ws["J5"] = "In progress"
wb.save("tmp.xlsx")


def runs_in_h4(name, data):
    if not name.startswith("xl/worksheets/") or "Item id" not in data:
        return data
    data, k = re.subn(r'<c r="H4"[^>]*>.*?</c>',
        '<c r="H4" t="inlineStr"><is><r><t>Zo\u00eb </t></r>'
        '<r><rPr><i/></rPr><t>\u674e &amp; "x"</t></r></is></c>', data)
    assert k == 1, data
    return data


rewrite("tmp.xlsx", dst, runs_in_h4)


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
wb["Action plan"]["J5"] = "Finished"
wb["Action plan"]["I4"] = "next week"
wb.save(bad)
