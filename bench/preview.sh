#!/usr/bin/env bash
# Preview rebuild times: starts `spiegel serve` on a generated corpus (examples/corpus.rs) in
# /dev/shm, makes the saves an editor makes and prints the rebuild time the server logs for
# each: five body edits, an edit to a note's first paragraph (its summary), two results
# edits to a region's earlier round and two to its latest, a front-matter edit, a new note and
# its removal. The edited note's page is open (a
# reload stream as its page's script opens it, with curl), and so is the new note's, so the log
# also shows when the open page was served ("open pages in N ms"); so is the page of the region
# whose results are edited. OPEN=0 leaves no page open.
#
#   bench/preview.sh            # 10,000 notes, 500 regions, 300 practices
#   bench/preview.sh 1000       # N notes, N/20 regions, 3N/100 practices
set -euo pipefail
cd "$(dirname "$0")/.."
NOTES=${1:-10000}
WORK=${WORK:-/dev/shm/spiegel-preview}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
# BIN=DIR runs the binaries in DIR (spiegel, examples/…) instead of building them: to compare
# two builds of spiegel on the same machine in the same hour.
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet --bin spiegel --example corpus
  BIN="$CARGO_TARGET_DIR/release"
fi
rm -rf "$WORK" && mkdir -p "$WORK"
SITE="$WORK/site"
"$BIN/examples/corpus" --out "$SITE" --regions $((NOTES / 20)) --notes "$NOTES" \
  --practices $((NOTES * 3 / 100)) --seed 1 >/dev/null 2>&1
# Files saved moments ago are re-read until their time vouches for them (docs/serve.md).
find "$SITE" -type f -exec touch -d '1 minute ago' {} +
LOG="$WORK/serve.log"
"$BIN/spiegel" serve --root "$SITE" --port 0 >"$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
builds() { grep -c "^built" "$LOG" || true; }
wait_build() { # wait_build N: until more than N builds are logged
  for _ in $(seq 600); do [ "$(builds)" -gt "$1" ] && break; sleep 0.1; done; sleep 0.3; }
wait_build 0
notes=("$SITE"/content/notes/*.md)
note=${notes[49]}
results_files=("$SITE"/content/regions/*/quickscan-*.toml)
results=${results_files[0]}
# The same region's latest round: its scores are "now" on the compare, national and theme
# pages too. (The files' names are their dates, so the last in order is the latest.)
latest_files=("$(dirname "$results")"/quickscan-*.toml)
latest=${latest_files[-1]}
if [ "${OPEN:-1}" = 1 ]; then
  address=$(sed -n 's|^serving at \(http://[^/]*\)/.*|\1|p' "$LOG" | head -1)
  slug=$(basename "$note" .md)
  curl -sN "$address/__spiegel/livereload?page=%2Fnotities%2F$slug%2F" >/dev/null &
  CURL=$!
  # And the new note's page (below), open on its "not found" page before the note exists.
  curl -sN "$address/__spiegel/livereload?page=%2Fnotities%2Fzz-nieuwe-notitie%2F" >/dev/null &
  CURL2=$!
  # And the page of the region whose results are edited.
  region=$(basename "$(dirname "$results")")
  curl -sN "$address/__spiegel/livereload?page=%2Fregio%2F$region%2F" >/dev/null &
  CURL3=$!
  trap 'kill $PID $CURL $CURL2 $CURL3 2>/dev/null || true' EXIT
  sleep 0.3
fi
for i in 1 2 3 4 5; do n=$(builds); echo "Nog een zin $i." >>"$note"; wait_build "$n"; done
n=$(builds)
python3 - "$note" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
body = text.index("+++", 3) + 4
space = text.index(" ", body + 5)
open(path, "w", encoding="utf-8").write(text[:space] + " echt" + text[space:])
PY
wait_build "$n"
for _ in 1 2; do
  n=$(builds); sed -i '0,/respondents = \([0-9]*\)/s//respondents = 1\1/' "$results"; wait_build "$n"
done
for score in 1 2; do # a first answer's score in the latest round
  n=$(builds); sed -i "0,/^\([a-z]*-1\) = [0-9.]*$/s//\1 = $score/" "$latest"; wait_build "$n"
done
n=$(builds); sed -i '0,/^title = "/s//title = "Bijgewerkt: /' "$note"; wait_build "$n"
# A new note (a copy of another under a new name and title), then the same note removed.
new_note="$SITE/content/notes/zz-nieuwe-notitie.md"
n=$(builds); sed '0,/^title = "/s//title = "Nieuw: /' "${notes[70]}" >"$new_note"; wait_build "$n"
n=$(builds); rm "$new_note"; wait_build "$n"
echo "# $NOTES notes; peak memory of the server: $(grep VmHWM /proc/$PID/status | tr -s ' ' | cut -d' ' -f2-)"
grep "^built" "$LOG" | sed -E 's/ \(read.*//'
