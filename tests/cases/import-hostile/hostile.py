# Hostile copies of a blank questionnaire workbook: a zip bomb, a huge
# shared-string table, malformed XML, an entity bomb, a dangling shared
# string, a cell reference off the sheet, 200 000 rows of one question,
# 200 000 domain sheets listed, a comment longer than a cell may hold,
# and files that are no ZIP.
import re
import sys
import zipfile

blank = sys.argv[1]


def rewrite(out, change, strings=None):
    """Copy blank to out, passing each part to change; strings (bytes)
    replaces the shared-strings part."""
    zin = zipfile.ZipFile(blank)
    zout = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
    for name in zin.namelist():
        data = zin.read(name)
        if name == "xl/sharedStrings.xml" and strings is not None:
            data = strings
        zout.writestr(name, change(name, data))
    zout.close()


def keep(name, data):
    return data


def part_of(sheet):
    """The part of a sheet, through xl/workbook.xml and its rels."""
    z = zipfile.ZipFile(blank)
    book = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    tag = re.search(r'<sheet [^>]*name="%s"[^>]*>' % sheet, book).group(0)
    rid = re.search(r'r:id="([^"]*)"', tag).group(1)
    rel = re.search(r'<Relationship [^>]*Id="%s"[^>]*>' % rid, rels).group(0)
    target = re.search(r'Target="([^"]*)"', rel).group(1)
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


DOMAIN_ONE = part_of("Domain one")


def domain_sheet(name, data):
    return name == DOMAIN_ONE


rewrite("bomb.xlsx", keep, b"<sst>" + b"0" * (100 << 20) + b"</sst>")
rewrite("strings.xlsx", keep,
        b"<sst>" + b"<si><t>x</t></si>" * 1000001 + b"</sst>")


def truncate(name, data):
    return data[:len(data) // 2] if domain_sheet(name, data) else data


rewrite("malformed.xlsx", truncate)
LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">' +
          b"".join(b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">'
                   % ((c,) + (c - 1,) * 10) for c in range(ord("b"), ord("k"))))


def laughs(name, data):
    if not domain_sheet(name, data):
        return data
    data = re.sub(rb"^<\?xml[^>]*\?>", b"", data)
    data = re.sub(rb"<sheetData>", b"<sheetData><row r=\"2\"><c r=\"A2\" "
                  b"t=\"inlineStr\"><is><t>&j;</t></is></c></row>", data,
                  count=1)
    return LAUGHS + b"]>" + data


rewrite("laughs.xlsx", laughs)


def dangling(name, data):
    if not domain_sheet(name, data):
        return data
    return re.sub(rb'<c r="A4"[^>]*>.*?</c>',
                  b'<c r="A4" t="s"><v>99999999</v></c>', data, count=1)


rewrite("dangling.xlsx", dangling)


def off_sheet(name, data):
    if not domain_sheet(name, data):
        return data
    return re.sub(rb'<c r="A4"', b'<c r="ZZZZ99999999999"', data, count=1)


rewrite("offsheet.xlsx", off_sheet)
MARKER = part_of("socassess")


def many_rows(part, cells):
    """A change adding rows 1000 on to part, each with cells(n)."""
    def change(name, data):
        if name != part:
            return data
        rows = b"".join(b'<row r="%d">%s</row>' % (n, cells(n))
                        for n in range(1000, 201000))
        return data.replace(b"</sheetData>", rows + b"</sheetData>", 1)
    return change


def text(ref, value):
    return b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, value)


rewrite("rows.xlsx", many_rows(DOMAIN_ONE, lambda n: text(b"A%d" % n,
                                                           b"a1.x")))
rewrite("sheets.xlsx", many_rows(MARKER, lambda n: text(b"A%d" % n, b"sheet")
                                 + text(b"B%d" % n, b"Domain one")))


def long_comment(name, data):
    if not domain_sheet(name, data):
        return data
    data, k = re.subn(rb'<c r="G4"[^>]*/>', text(b"G4", "é".encode()
                      * 40000), data, count=1)
    assert k == 1
    return data


rewrite("long.xlsx", long_comment)  # openpyxl cuts at 32 767
with open("notzip.xlsx", "wb") as f:
    f.write(b"PK\x03\x04 this is not a zip file at all\n" * 40)
open("empty.xlsx", "wb").close()
