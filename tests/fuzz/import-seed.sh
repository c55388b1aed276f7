#!/bin/sh
# Make the seeds of fuzz-import: a workbook of the test questionnaire
# t-wm-q (profile p1) filled with every kind of answer, as an XLSX file
# and as its parts in text (lines "== NAME ==" before each). Usage:
#
#     sh tests/fuzz/import-seed.sh ./socassess
set -eu
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
data=$root/tests/data/score
if "$bin" help template | grep -q -e --xlsx; then
	"$bin" --quiet --data-dir "$data" template -q t-wm-q -p p1 \
	    --xlsx "$tmp/blank.xlsx"
else
	/usr/bin/python3 "$root/tests/import-fixture.py" "$data" t-wm-q p1 \
	    "$tmp/blank.xlsx"
fi
/usr/bin/python3 - "$tmp/blank.xlsx" "$root/tests/fuzz/import-seed" <<'PY'
import datetime, sys, zipfile
import openpyxl
blank, seed = sys.argv[1:3]
wb = openpyxl.load_workbook(blank)
wb["Assessment"]["B1"] = "Acme"
wb["Assessment"]["B4"] = datetime.date(2026, 11, 30)
one = wb["Domain one"]
one["E4"] = "2 - O2"
one["E5"] = 3
one["E6"], one["F6"] = "N/A", "Not here"
one["G7"], one["H7"], one["I7"] = "a\nb", "x\ny", "Bo"
wb["Domain two"]["E4"] = "1"
wb.save(seed + ".xlsx")
z = zipfile.ZipFile(seed + ".xlsx")
with open(seed + ".txt", "wb") as f:
    for name in z.namelist():
        f.write(b"== " + name.encode() + b" ==\n" + z.read(name) + b"\n")
PY
"$bin" --data-dir "$data" import "$root/tests/fuzz/import-seed.xlsx" -o - \
    > /dev/null
