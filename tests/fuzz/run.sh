#!/bin/sh
# Run every fuzz harness (built by tests/fuzz/fuzz.mk) for a bounded
# time: usage
#
#     sh tests/fuzz/run.sh SECONDS [TARGET...]
#
# Each target starts from a seed corpus of the shipped files and the
# test data (copied to build-fuzz/seeds/TARGET) and keeps what it finds
# in build-fuzz/corpus/TARGET, so a later run goes on from there. A
# crash, leak, sanitizer report or timeout leaves its input in
# build-fuzz/crash-TARGET-* and makes the exit status 1.

set -u
if [ $# -lt 1 ]; then
	echo "usage: sh tests/fuzz/run.sh SECONDS [TARGET...]" >&2
	exit 2
fi
secs=$1
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${FUZZ_DIR:-$root/build-fuzz}
targets=${*:-model questionnaire wording answers-yaml answers-json import}

# The seed files of one target, from the source tree.
seeds() {
	case $1 in
	model) ls models/*.yaml tests/data/model-*/*.yaml \
	    tests/data/score/models/*.yaml ;;
	questionnaire) ls questionnaires/*.yaml \
	    tests/data/questionnaire-*/*.yaml \
	    tests/data/score/questionnaires/*.yaml ;;
	wording) ls templates/*.yaml tests/data/wording/*.yaml ;;
	answers-yaml) ls examples/*.yaml tests/data/score/answers/*.yaml \
	    tests/data/answers-bad/*.yaml tests/cases/*/*.yaml ;;
	answers-json) ls tests/data/score/answers/*.json \
	    tests/data/answers-bad/*.json tests/cases/*/*.json ;;
	import) ls tests/data/import/*.xlsx tests/fuzz/import-seed.txt ;;
	esac 2>/dev/null
}

cd "$root" || exit 2
status=0
for t in $targets; do
	bin=$dir/fuzz-$t
	if [ ! -x "$bin" ]; then
		echo "fuzz: '$bin' is missing; run make fuzz-build" >&2
		exit 2
	fi
	rm -rf "$dir/seeds/$t"
	mkdir -p "$dir/seeds/$t" "$dir/corpus/$t"
	n=0
	for f in $(seeds "$t"); do
		n=$((n + 1))
		cp "$f" "$dir/seeds/$t/$n-$(basename "$f")"
	done
	log=$dir/fuzz-$t.log
	ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
	LSAN_OPTIONS=suppressions=$root/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	SOCASSESS_SRC=$root "$bin" -max_total_time="$secs" -timeout=10 \
	    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
	    -dict=tests/fuzz/socassess.dict \
	    -artifact_prefix="$dir/crash-$t-" \
	    "$dir/corpus/$t" "$dir/seeds/$t" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	if [ "$rc" -eq 0 ]; then
		echo "ok fuzz-$t: ${runs:-?} runs, ${execs:-?} execs/s," \
		    "$n seeds"
	else
		echo "FAIL fuzz-$t (exit $rc): see $log"
		grep -m 3 'ERROR\|SUMMARY\|runtime error' "$log"
		status=1
	fi
done
exit $status
