#!/bin/sh
# Scoring oracle: compares socassess's JSON reports for random answers
# files (fixed seeds) with an independent Python implementation of the
# scoring rules (tests/oracle/score_oracle.py). usage:
#
#     sh tests/oracle/run.sh PATH/TO/socassess [SEEDS]
#
# One line per mismatch, then `N passed, N failed`; exit 1 on any
# mismatch. Needs /usr/bin/python3 with PyYAML.
set -u
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: sh tests/oracle/run.sh PATH/TO/socassess [SEEDS]" >&2
	exit 2
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
exec /usr/bin/python3 "$root/tests/oracle/check.py" "$1" "$root" ${2:+"$2"}
