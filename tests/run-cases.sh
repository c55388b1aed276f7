#!/bin/sh
# Runs the command-line cases of tests/cases/: usage
#
#     sh tests/run-cases.sh PATH/TO/socassess [CASE...]
#
# (every case, or only those named; `make check` runs them one by one,
# in parallel with -j)
#
# Each case is a folder holding:
#   cmd            the arguments, on one line (split into words by the
#                  shell; $SOCASSESS_SRC expands to the source tree)
#   status         expected exit status (default 0)
#   stdout         expected standard output, byte for byte
#   stderr         lines that must each appear somewhere in standard error
#   expected.json  compared byte for byte with the out.json the command wrote
#   check          a shell script run afterwards in the same folder, which
#                  must exit 0 ($SOCASSESS is the binary)
# plus any input files. The folder is copied to a temporary folder and the
# command runs there, with SOCASSESS_DATA set to the source tree (a case
# can pick its own data with --data-dir) and LC_ALL=C. One line per case,
# then a count; the exit status is 1 when any case failed.

set -u

if [ $# -lt 1 ]; then
	echo "usage: sh tests/run-cases.sh PATH/TO/socassess [CASE...]" >&2
	exit 2
fi
case $1 in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
shift
if [ ! -x "$bin" ]; then
	echo "run-cases: '$bin' is not an executable" >&2
	exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
SOCASSESS_SRC=$root
export SOCASSESS_SRC
tmp=$(mktemp -d "${TMPDIR:-/tmp}/socassess-cases.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# The first line where two files differ, for the failure message.
first_diff() {
	diff "$1" "$2" | sed -n '2{s/^> /got: /;s/^< /want: /;p;}' | cut -c1-120
}

# Run one case; print nothing when it passes, else why it failed.
run_case() {
	src=$1
	work=$2
	out=$work.stdout
	err=$work.stderr
	cp -R "$src" "$work" || { echo "cannot copy the case"; return; }
	want=0
	if [ -f "$src/status" ]; then
		want=$(tr -d ' \t\r\n' <"$src/status")
	fi
	# Word splitting, quotes and $SOCASSESS_SRC in cmd are wanted.
	(
		cd "$work" || exit 125
		eval "set -- $(cat cmd)"
		SOCASSESS_DATA=$root LC_ALL=C exec "$bin" "$@"
	) >"$out" 2>"$err" </dev/null
	got=$?
	if [ "$got" != "$want" ]; then
		line=$(head -n 1 "$err" | cut -c1-120)
		echo "exit status $got, expected $want${line:+ (stderr: $line)}"
		return
	fi
	if [ -f "$src/stdout" ] && ! cmp -s "$src/stdout" "$out"; then
		echo "stdout differs: $(first_diff "$src/stdout" "$out")"
		return
	fi
	if [ -f "$src/stderr" ]; then
		while IFS= read -r line || [ -n "$line" ]; do
			[ -n "$line" ] || continue
			if ! grep -F -q -e "$line" "$err"; then
				echo "stderr lacks '$line'"
				return
			fi
		done <"$src/stderr"
	fi
	if [ -f "$src/expected.json" ]; then
		if [ ! -f "$work/out.json" ]; then
			echo "no out.json written"
		elif ! cmp -s "$src/expected.json" "$work/out.json"; then
			echo "out.json differs: $(first_diff "$src/expected.json" \
			    "$work/out.json")"
			return
		fi
	fi
	if [ -f "$src/check" ] && ! (cd "$work" && SOCASSESS="$bin" \
	    SOCASSESS_DATA="$root" sh ./check >check.out 2>&1); then
		echo "check failed: $(tail -n 3 "$work/check.out" | tr '\n' ' ')"
	fi
}

passed=0
failed=0
if [ $# -eq 0 ]; then
	set -- "$root"/tests/cases/*/
fi
for dir in "$@"; do
	case $dir in
	*/*) ;;
	*) dir=$root/tests/cases/$dir ;;
	esac
	dir=${dir%/}
	if [ ! -d "$dir" ]; then
		echo "FAIL $(basename "$dir"): no such case"
		failed=$((failed + 1))
		continue
	fi
	name=$(basename "$dir")
	if [ ! -f "$dir/cmd" ]; then
		why="no cmd file"
	else
		why=$(run_case "$dir" "$tmp/$name")
	fi
	if [ -z "$why" ]; then
		echo "ok $name"
		passed=$((passed + 1))
	else
		echo "FAIL $name: $why"
		failed=$((failed + 1))
	fi
done
[ $((passed + failed)) -eq 1 ] || echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
