#!/usr/bin/env bash
# Speed of word search on a large store: `newskg reindex`, `newskg search` in names,
# quotations and texts, and the word filters of the ready-made queries.
#
#   bench/search.sh [N]      N synthetic articles (default 100000)
#
# Uses the store of bench/view.sh ($BENCH_DIR/view-store-N; made by it when missing, or
# give another with BENCH_STORE=DIR: the index is written into that folder). Rebuilds the
# word index when the store has none (timed, with its size), then runs each search and
# query BENCH_SEARCH_RUNS times (default 5) as a whole command (process start, store and
# index opening included) and prints the fastest and median wall time, the least CPU time
# and the rows or hits; then each word filter's phases (NEWSKG_TIMING=1: opening the store
# and the index, finding the names, evaluating the query, writing the rows).
#
# Environment: BENCH_DIR (default /tmp/newskg-bench), BENCH_STORE, BENCH_SEARCH_RUNS.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-${BENCH_N:-100000}}
WORK=${BENCH_DIR:-/tmp/newskg-bench}
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/newskg
STORE=${BENCH_STORE:-$WORK/view-store-$N}
say() { printf '\n== %s\n' "$*" >&2; }

say "building newskg (release)"
cargo build --release --quiet
if [ ! -e "$STORE/CURRENT" ]; then
    say "no store at $STORE: making it with bench/view.sh's recipe"
    mkdir -p "$WORK"
    SYNTH=$WORK/synth-$N.jsonl
    [ -s "$SYNTH" ] || python3 bench/gen_corpus.py synth "$N" "$SYNTH"
    "$BIN" ingest --store "$STORE" "$SYNTH"
    "$BIN" optimize --store "$STORE"
fi
if [ ! -e "$STORE/search-index/meta.json" ] || "$BIN" search --store "$STORE" said --limit 1 2>&1 >/dev/null | grep -q stale; then
    say "rebuilding the word index of $STORE"
    /usr/bin/time -f "reindex: %e s wall, %U s user, %M KiB peak RSS" "$BIN" reindex --store "$STORE"
fi
echo "word index: $(du -sh "$STORE/search-index" | cut -f1); store: $(du -sh --exclude=search-index "$STORE" | cut -f1)"
python3 bench/search_times.py "$BIN" "$STORE" "${BENCH_SEARCH_RUNS:-5}"
say "phases of the word filters (NEWSKG_TIMING=1, one run each)"
for q in "posts-held holder=Nakamura" "quotes-by-speaker speaker_filter=Nakamura" "who-met-whom name=Nakamura"; do
    set -- $q
    echo "$q"
    NEWSKG_TIMING=1 "$BIN" query "$1" --param "$2" --store "$STORE" --format tsv 2>&1 >/dev/null | grep 'timing:'
done
