#!/bin/sh
# Data-driven CLI cases: each tests/cases/NAME/ holds `cmd` (the
# arguments of socassess on one line; $SOCASSESS_SRC expands to the
# source tree), optional `status` (exit code, default 0), `stdout`
# (exact), `stderr` (each line must appear) and `expected.json`
# (compared byte for byte with the out.json the command writes), and
# `check` (a shell script run afterwards in the same folder that must
# exit 0; $SOCASSESS is the binary). A case
# runs in a temporary copy of its folder with SOCASSESS_DATA set to the
# source tree.
# usage: tests/run-cases.sh ./socassess
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SOCASSESS_SRC=$(cd "$(dirname "$0")/.." && pwd)
SOCASSESS_DATA=$SOCASSESS_SRC
export SOCASSESS_SRC SOCASSESS_DATA
fails=0 n=0
for dir in "$SOCASSESS_SRC"/tests/cases/*/; do
	[ -f "$dir/cmd" ] || continue
	name=$(basename "$dir")
	n=$((n + 1))
	tmp=$(mktemp -d)
	cp -r "$dir"/. "$tmp"/
	want=0
	[ -f "$dir/status" ] && want=$(cat "$dir/status")
	args=$(cat "$dir/cmd")
	(cd "$tmp" && eval "set -- $args" && "$bin" "$@" >out.stdout \
	    2>out.stderr)
	got=$?
	bad=""
	[ "$got" -eq "$want" ] || bad="exit status $got, expected $want"
	if [ -z "$bad" ] && [ -f "$dir/stdout" ] &&
	    ! cmp -s "$dir/stdout" "$tmp/out.stdout"; then
		bad="stdout differs"
	fi
	if [ -z "$bad" ] && [ -f "$dir/stderr" ]; then
		while IFS= read -r line; do
			grep -qF -- "$line" "$tmp/out.stderr" ||
			    bad="stderr lacks: $line"
		done < "$dir/stderr"
	fi
	if [ -z "$bad" ] && [ -f "$dir/expected.json" ] &&
	    ! cmp -s "$dir/expected.json" "$tmp/out.json"; then
		bad="out.json differs from expected.json"
	fi
	if [ -z "$bad" ] && [ -f "$dir/check" ] &&
	    ! (cd "$tmp" && SOCASSESS="$bin" sh ./check >check.out 2>&1); then
		bad="check failed: $(tail -n 3 "$tmp/check.out")"
	fi
	if [ -n "$bad" ]; then
		echo "FAIL $name: $bad"
		sed 's/^/  stderr: /' "$tmp/out.stderr" | head -5
		fails=$((fails + 1))
	fi
	rm -rf "$tmp"
done
echo "$((n - fails)) of $n cases passed"
[ "$fails" -eq 0 ]
