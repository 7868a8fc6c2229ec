#!/usr/bin/env bash
# Quick speed-regression check for CI (a few seconds once built): builds a small generated corpus
# (1,000 notes) with spiegel and with the Markdown floor (examples/floor.rs), several times
# interleaved, and fails only when spiegel's total CPU time (user+sys) exceeds MAX_RATIO times
# the floor's. CPU time, not wall time, because CI machines are shared; a ratio, not seconds,
# because machines differ. MAX_RATIO is 2× the ratio recorded in docs/benchmarks.md (5.2; fresh CI
# machines measured 5.5 and 5.7), so a build that got twice as slow fails.
set -euo pipefail
cd "$(dirname "$0")/.."
MAX_RATIO=${MAX_RATIO:-11}
RUNS=${RUNS:-5}
NOTES=${NOTES:-1000}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
# A RAM disk when there is one, so the disk's noise does not decide.
TMP=${TMPDIR:-/tmp}; [ -d /dev/shm ] && [ -w /dev/shm ] && TMP=/dev/shm
WORK=$(mktemp -d "$TMP/spiegel-smoke.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# The `smoke` profile is the release one without link-time optimisation (Cargo.toml): a fresh
# CI machine builds it minutes sooner, and a 2x regression shows in it just the same.
cargo build --profile smoke --quiet --bin spiegel --example corpus --example floor
BIN="$CARGO_TARGET_DIR/smoke"
"$BIN/examples/corpus" --out "$WORK/site" --regions $((NOTES / 20)) --notes "$NOTES" \
  --practices $((NOTES * 3 / 100)) --seed 1 2>/dev/null
"$BIN/spiegel" check --root "$WORK/site" >/dev/null 2>&1

# cpu_ms CMD...: user+sys CPU milliseconds of one run (bash's `times` of the child).
cpu_ms() {
  local t
  t=$( { TIMEFORMAT='%U %S'; time "$@" >/dev/null 2>&1; } 2>&1 )
  awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%d\n", (a[1] + a[2]) * 1000 }'
}
total() { awk '{s += $1} END {print s}'; }

: >"$WORK/s"; : >"$WORK/f"
for _ in $(seq "$RUNS"); do
  rm -rf "$WORK/out-s" "$WORK/out-f"
  cpu_ms "$BIN/spiegel" build --root "$WORK/site" --output "$WORK/out-s" >>"$WORK/s"
  cpu_ms "$BIN/examples/floor" "$WORK/site" "$WORK/out-f" >>"$WORK/f"
done
s=$(total <"$WORK/s"); f=$(total <"$WORK/f")
[ "$f" -lt 10 ] && f=10   # the floor can round to 0 ms on a fast machine
ratio=$(awk -v s="$s" -v f="$f" 'BEGIN { printf "%.1f", s / f }')
echo "smoke: $NOTES notes, $RUNS runs: spiegel ${s} ms CPU, floor ${f} ms CPU, ratio $ratio (limit $MAX_RATIO)"
awk -v r="$ratio" -v m="$MAX_RATIO" 'BEGIN { exit !(r <= m) }' || {
  echo "smoke: spiegel/floor CPU ratio $ratio exceeds $MAX_RATIO: a speed regression?" >&2
  exit 1
}
