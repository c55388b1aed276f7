#!/usr/bin/python3
"""Check that every cell's text fits where a spreadsheet shows it.

usage: xlsx-fit.py WORKBOOK SHEET...

For each cell with a value on the named sheets: its text (a number as
its number format shows it) is measured with the advance widths of
Carlito, the metric twin of the report's Calibri (read from the font
file; a wide CJK character counts as a full em, twice a Latin letter),
at the cell's font size and weight. Unwrapped text must fit the width
of its column (of its merged range); wrapped text must break into lines
that fit that width, and those lines must fit the row's height. Prints
every cell that does not fit and exits 1, or prints a count and exits 0.
"""
import re
import struct
import subprocess
import sys
import unicodedata

import openpyxl
from openpyxl.utils import get_column_letter

DEFAULT_WIDTH = 8.43  # characters, when a column has no width set
DEFAULT_HEIGHT = 15.0  # points, when a row has no height set
PADDING_PX = 5  # what a cell keeps free around its text


class Font:
    """Advance widths of a TrueType font: cmap format 4 and hmtx."""

    def __init__(self, path):
        data = open(path, "rb").read()
        n = struct.unpack(">H", data[4:6])[0]
        tables = {}
        for i in range(n):
            tag, _, off, length = struct.unpack(
                ">4sIII", data[12 + 16 * i:28 + 16 * i])
            tables[tag.decode()] = (off, length)
        head = tables["head"][0]
        self.upem = struct.unpack(">H", data[head + 18:head + 20])[0]
        hhea = tables["hhea"][0]
        n_hmetrics = struct.unpack(">H", data[hhea + 34:hhea + 36])[0]
        hmtx = tables["hmtx"][0]
        self.adv = [struct.unpack(">H", data[hmtx + 4 * i:hmtx + 4 * i + 2])
                    [0] for i in range(n_hmetrics)]
        self.cmap = self._cmap(data, tables["cmap"][0])

    @staticmethod
    def _cmap(data, base):
        n = struct.unpack(">H", data[base + 2:base + 4])[0]
        for i in range(n):
            pid, eid, off = struct.unpack(
                ">HHI", data[base + 4 + 8 * i:base + 12 + 8 * i])
            sub = base + off
            if struct.unpack(">H", data[sub:sub + 2])[0] == 4 and pid in (0, 3):
                return Font._format4(data, sub)
        return {}

    @staticmethod
    def _format4(data, sub):
        segs = struct.unpack(">H", data[sub + 6:sub + 8])[0] // 2
        arr = lambda k: struct.unpack(">%dH" % segs, data[
            sub + 14 + k * 2 * segs + (2 if k else 0):
            sub + 14 + (k + 1) * 2 * segs + (2 if k else 0)])
        ends, starts, deltas, ranges = arr(0), arr(1), arr(2), arr(3)
        ro_base = sub + 16 + 6 * segs
        out = {}
        for s in range(segs):
            for c in range(starts[s], min(ends[s], 0xFFFE) + 1):
                if ranges[s] == 0:
                    g = (c + deltas[s]) & 0xFFFF
                else:
                    at = ro_base + 2 * s + ranges[s] + 2 * (c - starts[s])
                    g = struct.unpack(">H", data[at:at + 2])[0]
                    if g:
                        g = (g + deltas[s]) & 0xFFFF
                out[c] = g
        return out

    def width(self, text, size):
        """Width of text in pixels at size points (96 pixels an inch)."""
        units = 0
        for ch in text:
            if unicodedata.east_asian_width(ch) in "WF":
                units += self.upem
                continue
            g = self.cmap.get(ord(ch), 0)
            units += self.adv[min(g, len(self.adv) - 1)]
        return units / self.upem * size * 96 / 72


def font_file(style):
    out = subprocess.run(["fc-match", "-f", "%{file}", "Carlito:" + style],
                         capture_output=True, text=True).stdout
    if "Carlito" not in out:
        sys.exit("xlsx-fit: the Carlito font is missing "
                 "(apt-get install fonts-crosextra-carlito)")
    return out


FONTS = {False: Font(font_file("regular")), True: Font(font_file("bold"))}


def shown(cell):
    """The text a spreadsheet shows for the cell."""
    v = cell.value
    if isinstance(v, str):
        return v
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    fmt = cell.number_format
    if fmt.endswith("%"):
        return "%d%%" % round(v * 100)
    m = re.fullmatch(r"0\.(0+)", fmt)
    if m:
        return "%.*f" % (len(m.group(1)), v)
    return "%d" % v if float(v).is_integer() else repr(v)


def wrap(font, text, size, px):
    """Lines of text wrapped to px pixels where spreadsheets break lines
    (after a space or a hyphen); None when a piece is wider than px."""
    lines = 0
    for para in text.split("\n"):
        line = ""
        for piece in re.findall(r"[^ -]*[ -]?", para):
            if not piece:
                continue
            if font.width(piece.rstrip(), size) > px:
                return None
            if font.width((line + piece).rstrip(), size) <= px:
                line += piece
            else:
                lines += 1
                line = piece
        lines += 1
    return lines


def col_px(ws, c):
    """Width of column c in pixels (a width set for a range counts)."""
    w = DEFAULT_WIDTH
    for dim in ws.column_dimensions.values():
        if dim.min is not None and dim.min <= c <= dim.max and \
                dim.customWidth:
            w = dim.width
    return int(w * 7 + 5)


def row_pt(ws, r):
    h = ws.row_dimensions[r].height
    return h if h is not None else DEFAULT_HEIGHT


def check_sheet(ws, problems):
    merged = {}
    for rng in ws.merged_cells.ranges:
        merged[(rng.min_row, rng.min_col)] = rng
    n = 0
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None or cell.value == "":
                continue
            rng = merged.get((cell.row, cell.column))
            c2 = rng.max_col if rng else cell.column
            r2 = rng.max_row if rng else cell.row
            px = sum(col_px(ws, c) for c in range(cell.column, c2 + 1))
            px -= PADDING_PX
            pt = sum(row_pt(ws, r) for r in range(cell.row, r2 + 1))
            size = cell.font.sz or 11
            font = FONTS[bool(cell.font.b)]
            text = shown(cell)
            n += 1
            if cell.alignment.wrap_text:
                lines = wrap(font, text, size, px)
                # A line of Carlito takes 1.22 times the font size.
                if lines is None or lines * size * 1.22 > pt + 0.5:
                    problems.append("%s!%s: %s lines in %.0f pt: %r" % (
                        ws.title, cell.coordinate, lines, pt, text[:60]))
            elif font.width(text, size) > px or size * 1.22 > pt + 0.5:
                problems.append("%s!%s: %.0f px of text in %d px: %r" % (
                    ws.title, cell.coordinate, font.width(text, size), px,
                    text[:60]))
    return n


def main():
    wb = openpyxl.load_workbook(sys.argv[1])
    problems = []
    n = sum(check_sheet(wb[name], problems) for name in sys.argv[2:])
    for p in problems:
        print(p)
    if problems:
        print("xlsx-fit: %d of %d cells do not fit" % (len(problems), n))
        return 1
    print("xlsx-fit: %d cells fit" % n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
