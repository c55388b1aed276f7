#!/bin/sh
# Batch-scoring benchmark (`make bench`): N synthetic complete answer
# files for the full questionnaire (made from `socassess template` with
# random option values and without the template's comments, as an
# interview writes them), then, for each N, the median wall time and
# peak resident memory of (run in rounds: each command once a round,
# BENCH_RUNS rounds)
#
#   parse     tests/bench/yaml-parse: a bare libyaml event parse of the
#             same files, the floor every other time is divided by
#   score     socassess score of every file, no report written, with
#             -j 1 and -j BENCH_JOBS (default: the processors)
#   json      the same with a JSON report per file (--out-dir)
#   files     tests/bench/write-files: N copies of one of those reports
#             written as socassess writes its reports (temporary file,
#             fsync, rename), with nothing to compute: the file
#             system's share of the JSON runs, whose time beyond it
#             and the parse is socassess's own work
#   xlsx      the same with a JSON and an XLSX report per file, with
#             -j BENCH_JOBS only (and only for N up to BENCH_XLSX_MAX,
#             default 100: workbooks are slow)
#
#   Python  tests/bench/python-peer.py, the same job in a short Python
#             script (PyYAML's C loader, the scoring oracle's rules),
#             without and with a JSON report per file, and its time
#             divided by socassess's (skipped, with a line saying so,
#             when python3-yaml or its C loader is missing)
#
# and, for N up to BENCH_WRITER_MAX (default 1000), the report writer
# against jansson on the same reports (tests/bench/json-writers: time
# spent writing N reports into memory, in one run). The last line says
# how the peak memory with -j 1 changed from the first N to the last.
#
# usage: tests/bench.sh ./socassess PATH/TO/yaml-parse
#        PATH/TO/json-writers PATH/TO/write-files [N...]
# (default N: 100 1000 10000). BENCH_RUNS runs of each (default 3) give
# the median; BENCH_DIR is where the files go (default: a new folder in
# $TMPDIR or /tmp), so the disk that is measured can be chosen.
#
# Nothing is deleted until the end: each run's reports are moved aside
# (a rename) and a fresh folder made for the next. On ext4 without a
# journal, a file created within a minute or more of the deletion of
# many files nearby costs the kernel a look at each deleted inode
# (ext4's recently_deleted), so emptying the folder before each run
# made 1,000 reports take 0.5 s longer and 10,000 many times longer,
# a cost of the bench's own cleanup, paid by every program measured.
# The price is disk space: about runs x N x 900 KB for the largest N
# and the ones before it (checked before the first run). The
# machine's load average is printed first: timings on a busy machine
# are only comparable with each other. With -j N the peak memory is
# that of the largest process (GNU time's %M), not the sum.
set -eu
[ $# -ge 4 ] || { echo "usage: tests/bench.sh SOCASSESS YAML-PARSE" \
    "JSON-WRITERS WRITE-FILES [N...]" >&2; exit 2; }
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
bin=$(abs "$1")
parser=$(abs "$2")
writers=$(abs "$3")
files=$(abs "$4")
peer=$(abs "$(dirname "$0")/bench/python-peer.py")
# The data folder, found as socassess finds it from ./socassess or
# build/socassess (json-writers is told it).
data=${SOCASSESS_DATA:-$(dirname "$bin")}
[ -d "$data/models" ] || data=$(dirname "$data")
shift 4
sizes=${*:-100 1000 10000}
runs=${BENCH_RUNS:-3}
xlsx_max=${BENCH_XLSX_MAX:-100}
writer_max=${BENCH_WRITER_MAX:-1000}
# socassess runs with -j 1 and with -j BENCH_JOBS (default: the
# processors, socassess's own default).
jobs=${BENCH_JOBS:-$(nproc)}
tmp=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/socassess-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/aside"
# socassess keeps its questionnaire cache in the bench's folder, not the
# user's: made by the first command (the template), warm for every run.
SOCASSESS_CACHE=$tmp/cache
export SOCASSESS_CACHE
# What the kept files will take (about 250 KB a JSON report, three runs
# of them, and 130 KB a Python report, for each N) against what is free.
need=$(echo "$sizes" | awk -v runs="$runs" '
	{ for (i = 1; i <= NF; i++) kb += runs * $i * (3 * 250 + 130) + 12 * $i }
	END { printf "%d", kb }')
free=$(df -Pk "$tmp" | awk 'NR == 2 { print $4 }')
if [ "$need" -gt "$free" ]; then
	echo "bench: $tmp needs about $((need / 1024)) MB for the kept" \
	    "files, $((free / 1024)) MB are free (smaller N or BENCH_RUNS," \
	    "or another BENCH_DIR)" >&2
	exit 1
fi

# Move the folder $1 aside, if there, until the end (see above).
aside=0
set_aside() {
	if [ -e "$tmp/$1" ]; then
		aside=$((aside + 1))
		mv "$tmp/$1" "$tmp/aside/$aside"
	fi
}

# Write n answers files into $tmp/in. One awk run writes all of them:
# each option list seen in the comments above a 'value:' gives the
# choices for that value.
generate() {
	set_aside in
	mkdir "$tmp/in"
	awk -v n="$1" -v dir="$tmp/in" '
	{ lines[NR] = $0 }
	END {
		srand(42)
		for (f = 1; f <= n; f++) {
			out = sprintf("%s/site-%05d.yaml", dir, f)
			k = 0
			for (i = 1; i <= NR; i++) {
				l = lines[i]
				if (l ~ /^  #   [0-9.]+: /) {
					split(l, w, " ")
					v = w[2]; sub(":", "", v); opt[k++] = v
				}
				if (l == "    value:") {
					l = "    value: " opt[int(rand() * k)]; k = 0
				}
				if (l ~ /^  organisation: /)
					l = sprintf("  organisation: \"Site %04d\"", f)
				if (l ~ /^  date: /)
					l = "  date: \"2026-11-30\""
				# Keep what an interview writes: no comments.
				if (l !~ /^ *#/ && l != "" && l !~ /^    comment:/)
					print l > out
			}
			close(out)
		}
	}' "$tmp/template.yaml"
}

now() { date +%s.%N; }

# One run of "$@" into a new folder out (the last one moved aside): its
# wall seconds, user + system seconds and peak KiB added to the runs of
# label (the file $tmp/runs.label).
run_once() {
	label=$1
	shift
	set_aside out
	mkdir "$tmp/out"
	start=$(now)
	if ! (/usr/bin/time -f '%M %U %S' -o "$tmp/rss" "$@" \
	    >"$tmp/stdout" 2>"$tmp/err"); then
		echo "bench: '$*' failed:" >&2
		head -5 "$tmp/err" >&2
		exit 1
	fi
	end=$(now)
	tail -n 1 "$tmp/rss" | awk -v s="$start" -v e="$end" \
	    '{ print e - s, $2 + $3, $1 }' >>"$tmp/runs.$label"
}

# The median of column $2 of label $1's runs.
median_of() {
	awk -v c="$2" '{ print $c }' "$tmp/runs.$1" | sort -n |
	    awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

# Sets med (median wall seconds), cpu (median user + system seconds)
# and rss (median peak KiB) of label's runs.
medians() {
	med=$(median_of "$1" 1)
	cpu=$(median_of "$1" 2)
	rss=$(median_of "$1" 3)
}

# Run "$@" $runs times under label (for what is not run in rounds).
measure() {
	label=$1
	shift
	: >"$tmp/runs.$label"
	r=0
	while [ "$r" -lt "$runs" ]; do
		run_once "$label" "$@"
		r=$((r + 1))
	done
	medians "$label"
}

# One line of the table: what, N, median wall time, files per second,
# ratio to the parse, CPU time, its ratio to the parse's, RSS. The
# parse's times are in base and base_cpu.
row() {
	awk -v what="$1" -v n="$2" -v t="$med" -v base="$base" -v c="$cpu" \
	    -v bc="$base_cpu" -v rss="$rss" 'BEGIN {
		printf "%-22s %6d %8.3f %7.0f %6.1fx %8.3f %6.1fx %8d\n",
		    what, n, t, (t > 0 ? n / t : 0), (base > 0 ? t / base : 0),
		    c, (bc > 0 ? c / bc : 0), rss }'
}

# The reports written must be there: one per file.
expect_reports() {
	got=$(ls "$tmp/out" | grep -c "^site-.*\.$1\$" || true)
	[ "$got" -eq "$2" ] || { echo "bench: expected $2 .$1 reports, found $got" >&2; exit 1; }
}

# The Python peer without and with reports, and how many times
# socassess's wall time (-j 1, -j BENCH_JOBS) fits into the peer's, then
# the same for CPU time (socassess's times are "wall cpu" pairs).
python_peer() {
	medians peer-score
	row "Python peer, score" "$1"
	peer_score="$med $cpu"
	medians peer-json
	row "Python peer, JSON" "$1"
	echo "$peer_score $med $cpu $score_1 ${score_j:-$score_1} $json_1" \
	    "${json_j:-$json_1}" | awk -v jobs="$jobs" '
	function x(a, b) { return b > 0 ? sprintf("%.1fx", a / b) : "-" }
	{
		printf "  Python peer / socassess, wall: read and score %s" \
		    " (-j 1) %s (-j %d); JSON reports %s (-j 1) %s (-j %d)\n",
		    x($1, $5), x($1, $7), jobs, x($3, $9), x($3, $11), jobs
		printf "  Python peer / socassess, CPU:  read and score %s" \
		    " (-j 1) %s (-j %d); JSON reports %s (-j 1) %s (-j %d)\n",
		    x($2, $6), x($2, $8), jobs, x($4, $10), x($4, $12), jobs
	}'
}

# The peak memory with -j 1 at the first and the last N, for the last
# line: how flat it stays as the batch grows.
mem_first_n=
memory_track() {
	if [ -z "$mem_first_n" ]; then
		mem_first_n=$1
		mem_first_score=$score_rss
		mem_first_json=$json_rss
	fi
	mem_last_n=$1
	mem_last_score=$score_rss
	mem_last_json=$json_rss
}

if python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null; then
	peer_ok=1
else
	peer_ok=
	echo "bench: Python peer skipped: python3-yaml with its C loader" \
	    "(libyaml) is missing (apt-get install python3-yaml)"
fi
"$bin" template -q owasp-soc-full -p centralized >"$tmp/template.yaml"
# Short relative names (in/site-00001.yaml) keep 10,000 of them well
# within the command line's limit.
cd "$tmp"
echo "socassess bench: $runs runs each, medians; $(nproc) cores;" \
    "load average$(uptime | sed 's/.*load average//')"
echo "questionnaire cache: $(ls cache 2>/dev/null | tr '\n' ' ')(warm)"
printf '%-22s %6s %8s %7s %7s %8s %7s %8s\n' "" N "wall s" files/s \
    "x parse" "cpu s" "x parse" "RSS KiB"
for n in $sizes; do
	generate "$n"
	# Every command once a round, so that a slower or a faster spell of
	# the machine falls on all of them alike, not on one command's runs.
	for label in parse score-1 score-j json-1 json-j files peer-score \
	    peer-json; do
		: >"$tmp/runs.$label"
	done
	r=0
	while [ "$r" -lt "$runs" ]; do
		run_once parse "$parser" in/*.yaml
		run_once score-1 "$bin" --quiet score -j 1 in/*.yaml
		run_once score-j "$bin" --quiet score -j "$jobs" in/*.yaml
		run_once json-1 "$bin" --quiet score -j 1 --out-dir out in/*.yaml
		expect_reports json "$n"
		[ "$r" -gt 0 ] || cp out/site-00001.json "$tmp/one-report.json"
		run_once json-j "$bin" --quiet score -j "$jobs" --out-dir out \
		    in/*.yaml
		expect_reports json "$n"
		run_once files "$files" "$tmp/one-report.json" "$n" out
		if [ -n "$peer_ok" ]; then
			run_once peer-score python3 "$peer" "$data" - in/*.yaml
			run_once peer-json python3 "$peer" "$data" out in/*.yaml
			expect_reports json "$n"
		fi
		r=$((r + 1))
	done
	medians parse
	base=$med
	base_cpu=$cpu
	row "bare libyaml parse" "$n"
	for j in 1 $jobs; do
		[ "$j" = 1 ] && label=score-1 || label=score-j
		medians "$label"
		row "read and score -j $j" "$n"
		[ "$j" = 1 ] && score_1="$med $cpu" || score_j="$med $cpu"
		if [ "$j" = 1 ]; then score_rss=$rss; fi
	done
	for j in 1 $jobs; do
		[ "$j" = 1 ] && label=json-1 || label=json-j
		medians "$label"
		row "JSON reports -j $j" "$n"
		[ "$j" = 1 ] && json_1="$med $cpu" || json_j="$med $cpu"
		if [ "$j" = 1 ]; then json_rss=$rss; fi
	done
	medians files
	row "writing reports alone" "$n"
	echo "$json_1 $med $base" | awk '{
		printf "  JSON reports -j 1 less the writing alone: %.3f s," \
		    " %.1fx parse\n", $1 - $3, ($4 > 0 ? ($1 - $3) / $4 : 0) }'
	memory_track "$n"
	[ -z "$peer_ok" ] || python_peer "$n"
	if [ "$n" -le "$xlsx_max" ]; then
		measure xlsx "$bin" --quiet score -j "$jobs" --out-dir out \
		    --xlsx out/all.xlsx in/*.yaml
		expect_reports xlsx "$n"
		row "JSON+XLSX -j $jobs" "$n"
	fi
	if [ "$n" -le "$writer_max" ]; then
		"$writers" "$data" in/*.yaml >"$tmp/writers" || {
			echo "bench: json-writers failed" >&2; exit 1; }
		read -r count ours dump build same <"$tmp/writers"
		echo "  report writer, $count reports: ours $ours s;" \
		    "jansson dump $dump s ($(awk -v a="$dump" -v b="$ours" \
		    'BEGIN { printf "%.1fx", (b > 0 ? a / b : 0) }')), copy and" \
		    "dump $build s; jansson's text is ours in $same of $count"
	fi
done
if [ -n "$mem_first_n" ] && [ "$mem_first_n" != "$mem_last_n" ]; then
	awk -v a="$mem_first_n" -v b="$mem_last_n" -v s0="$mem_first_score" \
	    -v s1="$mem_last_score" -v j0="$mem_first_json" \
	    -v j1="$mem_last_json" 'BEGIN {
		printf "peak memory (-j 1) from N = %d to %d: read and score" \
		    " %+.0f %%, JSON reports %+.0f %%\n", a, b,
		    100 * (s1 - s0) / s0, 100 * (j1 - j0) / j0 }'
fi
