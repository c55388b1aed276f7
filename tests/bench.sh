#!/bin/sh
# Batch-scoring benchmark: N synthetic complete answer files for the full
# questionnaire (made from `socassess template` with random option
# values and without the template's comments, as an interview writes
# them), scored to JSON reports in --out-dir in one run. Prints files per second and the
# peak resident memory, for each N given (default 100 1000).
# usage: tests/bench.sh [./socassess] [N...]
set -eu
bin=${1:-./socassess}
[ $# -gt 0 ] && shift
sizes=${*:-100 1000}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$bin" template -q owasp-soc-full -p centralized > "$tmp/template.yaml"
for n in $sizes; do
	rm -rf "$tmp/in" "$tmp/out"
	mkdir -p "$tmp/in"
	# One awk run writes all n files: each option list seen in the
	# comments above a 'value:' gives the choices for that value.
	awk -v n="$n" -v dir="$tmp/in" '
	{ lines[NR] = $0 }
	END {
		srand(42)
		for (f = 1; f <= n; f++) {
			out = sprintf("%s/site-%04d.yaml", dir, f)
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
	start=$(date +%s.%N)
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%M' -o "$tmp/rss" "$bin" --quiet score \
		    --out-dir "$tmp/out" "$tmp"/in/*.yaml 2>"$tmp/err" || { head -5 "$tmp/err" >&2; exit 1; }
	else
		"$bin" --quiet score --out-dir "$tmp/out" "$tmp"/in/*.yaml 2>"$tmp/err" || { head -5 "$tmp/err" >&2; exit 1; }
		echo "?" > "$tmp/rss"
	fi
	end=$(date +%s.%N)
	count=$(ls "$tmp/out" | grep -c '^site-')
	awk -v n="$n" -v c="$count" -v s="$start" -v e="$end" \
	    -v rss="$(tail -n 1 "$tmp/rss")" 'BEGIN {
		t = e - s
		printf "N=%d: %d reports in %.3f s, %.0f files/s, " \
		    "peak RSS %s KiB\n", n, c, t, (t > 0 ? n / t : 0), rss
	}'
	[ "$count" -eq "$n" ] || { echo "bench: expected $n reports" >&2; exit 1; }
done
