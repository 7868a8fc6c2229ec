#!/usr/bin/env bash
# Growth: spiegel alone (Hugo needs minutes at 50,000 notes) on generated corpora, one build
# each in /dev/shm: wall, CPU, peak memory, pages and output size.
#
#   bench/growth.sh                          # the table in docs/benchmarks.md
#   bench/growth.sh "500 10000 300"          # "regions notes practices" ...
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=("50 1000 30" "500 10000 300" "500 50000 300" "2500 50000 1500")
WORK=${WORK:-/dev/shm/spiegel-growth}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
command -v /usr/bin/time >/dev/null || { echo "growth: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 1; }
# BIN=DIR runs the binaries in DIR (spiegel, examples/corpus) instead of building them.
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet --bin spiegel --example corpus
  BIN="$CARGO_TARGET_DIR/release"
fi
echo "| notes (regions, practices) | pages | wall | user + sys CPU | peak RSS | output |"
echo "|---:|---:|---:|---:|---:|---:|"
for size in "${SIZES[@]}"; do
  read -r regions notes practices <<<"$size"
  rm -rf "$WORK" && mkdir -p "$WORK"
  "$BIN/examples/corpus" --out "$WORK/site" --regions "$regions" --notes "$notes" \
    --practices "$practices" --seed 1 >/dev/null 2>&1
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" \
    "$BIN/spiegel" build --root "$WORK/site" --output "$WORK/out" >/dev/null 2>&1
  read -r wall user sys rss <"$WORK/time"
  pages=$(find "$WORK/out" -name '*.html' | wc -l)
  awk -v n="$notes" -v r="$regions" -v p="$practices" -v pg="$pages" -v w="$wall" -v u="$user" \
      -v s="$sys" -v m="$rss" -v o="$(du -sb "$WORK/out" | cut -f1)" 'BEGIN {
    printf "| %d (%d, %d) | %d | %.2f s | %.1f s | %.0f MiB | %.0f MB |\n",
      n, r, p, pg, w, u + s, m / 1024, o / 1e6 }'
done
rm -rf "$WORK"
