#!/usr/bin/env bash
# Full-build benchmark: spiegel against Hugo and the Markdown floor (examples/floor.rs) on
# generated corpora (examples/corpus.rs), every tool reading from and writing to /dev/shm.
#
#   bench/run.sh                 # 1,000 and 10,000 notes, 5 runs each
#   RUNS=3 bench/run.sh 1000 10000 50000
#
# Corpus size per N notes: N/20 regions and 3N/100 practices (10,000 notes → 500 regions and
# 300 practices, the issue's target), so every part of the site grows with N.
# Runs interleave the tools (spiegel, hugo, floor, spiegel, …) so they share the machine's
# noise; each reported figure is the median of RUNS. Ratios are what to compare, not seconds.
# Needs: cargo, /usr/bin/time (GNU time), hugo (Debian: apt-get install -y hugo time).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SEED=${SEED:-1}
WORK=${WORK:-/dev/shm/spiegel-bench}
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}

for tool in /usr/bin/time hugo; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install -y time hugo)" >&2; exit 1; }
done

# BIN=DIR runs the binaries in DIR (spiegel, examples/…) instead of building them: to compare
# two builds of spiegel on the same machine in the same hour.
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet --bin spiegel --example corpus --example floor
  BIN="$CARGO_TARGET_DIR/release"
fi
mkdir -p "$WORK"

# time_run NAME OUTDIR CMD...: one timed run; appends "wall_µs max_rss_kb cpu_ms" (user +
# system) to $WORK/NAME.times
time_run() {
  local name=$1 out=$2; shift 2
  rm -rf "$out"
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f '%M %U %S' -o "$WORK/$name.rss" "$@" >/dev/null 2>"$WORK/$name.err" || {
    echo "bench: $name failed:" >&2; cat "$WORK/$name.err" >&2; exit 1; }
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000 )) $(tail -1 "$WORK/$name.rss" | awk '{printf "%d %d", $1, ($2 + $3) * 1000}')" >>"$WORK/$name.times"
}

# median COLUMN FILE
median() { awk -v c="$1" '{print $c}' "$2" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
pages() { find "$1" -name '*.html' | wc -l; }
size_mb() { du -sb "$1" | awk '{printf "%.1f", $1/1048576}'; }

echo "# $(date -u +%Y-%m-%d) $(uname -m), $(nproc) cores, runs=$RUNS, seed=$SEED"
echo "# $("$BIN/spiegel" --version 2>/dev/null || echo spiegel), $(hugo version | cut -d' ' -f1-2)"
echo
echo "| notes | regions | practices | tool | wall (median) | CPU (median) | pages | pages/s | peak RSS | output | vs spiegel (wall; CPU) |"
echo "|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"
for n in "${SIZES[@]}"; do
  regions=$(( n / 20 > 0 ? n / 20 : 1 )); practices=$(( n * 3 / 100 ))
  site="$WORK/site-$n"; hugo_site="$WORK/hugo-$n"
  "$BIN/examples/corpus" --out "$site" --hugo "$hugo_site" --regions "$regions" --notes "$n" \
    --practices "$practices" --seed "$SEED" 2>/dev/null
  "$BIN/spiegel" check --root "$site" >/dev/null
  rm -f "$WORK"/{spiegel,hugo,floor}.times
  for _ in $(seq "$RUNS"); do
    time_run spiegel "$WORK/out-spiegel" "$BIN/spiegel" build --root "$site" --output "$WORK/out-spiegel"
    time_run hugo "$WORK/out-hugo" hugo --quiet --source "$hugo_site" --destination "$WORK/out-hugo" --cacheDir "$WORK/hugo-cache"
    time_run floor "$WORK/out-floor" "$BIN/examples/floor" "$site" "$WORK/out-floor"
  done
  s_wall=$(median 1 "$WORK/spiegel.times"); s_cpu=$(median 3 "$WORK/spiegel.times")
  for tool in spiegel hugo floor; do
    wall=$(median 1 "$WORK/$tool.times"); rss=$(median 2 "$WORK/$tool.times")
    cpu=$(median 3 "$WORK/$tool.times")
    p=$(pages "$WORK/out-$tool")
    awk -v n="$n" -v r="$regions" -v pr="$practices" -v t="$tool" -v w="$wall" -v p="$p" \
        -v m="$rss" -v o="$(size_mb "$WORK/out-$tool")" -v s="$s_wall" -v c="$cpu" \
        -v sc="$s_cpu" 'BEGIN {
      printf "| %d | %d | %d | %s | %.3f s | %.2f s | %d | %.0f | %.0f MB | %s MB | %s |\n",
        n, r, pr, t, w/1e6, c/1e3, p, p/(w/1e6), m/1024, o,
        (t == "spiegel" ? "—" : sprintf("spiegel/%s = %.2f; %.2f", t, s/w, (c > 0 ? sc/c : 0))) }'
  done
  # The per-run figures, for anyone who distrusts medians.
  for tool in spiegel hugo floor; do
    echo "<!-- $n $tool runs (µs, KB, CPU ms): $(tr '\n' ';' <"$WORK/$tool.times") -->"
  done
done
