#!/bin/sh
# Make the workbooks of tests/data/import (the unit test of import and
# the seeds of fuzz-import): the blank workbook of the test
# questionnaire t-wm-q (profile p1) as template --xlsx writes it (shared
# strings, blank.xlsx), and the same filled with every kind of answer by
# openpyxl (inline strings, filled.xlsx), also as its parts in text
# (tests/fuzz/import-seed.txt, lines "== NAME ==" before each). Usage:
#
#     sh tests/fuzz/import-seed.sh ./socassess
set -eu
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
data=$root/tests/data/score
out=$root/tests/data/import
rm -f "$out/blank.xlsx"
"$bin" --quiet --data-dir "$data" template -q t-wm-q -p p1 \
    --xlsx "$out/blank.xlsx"
/usr/bin/python3 - "$out/blank.xlsx" "$out/filled.xlsx" \
    "$root/tests/fuzz/import-seed.txt" <<'PY'
import datetime, sys, zipfile
import openpyxl
blank, filled, seed = sys.argv[1:4]
wb = openpyxl.load_workbook(blank)
for row in wb["Assessment"].iter_rows(min_col=1, max_col=2):
    if row[0].value == "Organisation":
        row[1].value = "Acme"
    elif row[0].value == "Date":
        row[1].value = datetime.date(2026, 11, 30)
one = wb["Domain one"]
one["E4"] = "2 - O2"
one["E5"] = 3
one["E6"], one["F6"] = "N/A", "Not here"
one["G7"], one["H7"], one["I7"] = "a\nb", "x\ny", "Bo"
wb["Domain two"]["E4"] = "1"
wb.save(filled)
z = zipfile.ZipFile(filled)
with open(seed, "wb") as f:
    for name in z.namelist():
        f.write(b"== " + name.encode() + b" ==\n" + z.read(name) + b"\n")
PY
"$bin" --data-dir "$data" import "$out/filled.xlsx" -o - > /dev/null
