#!/usr/bin/env bash
# Speed of the pages of `newskg serve` (/view and /search) on a large store.
#
#   bench/view.sh [N]        N synthetic articles (default 100000)
#
# Generates N articles with bench/gen_corpus.py and ingests them into
# $BENCH_DIR/view-store-N (kept between runs: delete it to start again; about 10 minutes
# of both cores for 100,000 articles), serves the store read-only, waits until the pages'
# catalog is built (and says how long that took), then asks each page several times and
# prints, per page, the rows behind it, the fastest and the median wall time, and the
# server's CPU time (bench/view_pages.py). The pages: the entity with the most articles,
# with the most events and with the most quotations (first page and a deep page of each
# long list), a newest article, an event, a quotation, searches, and the RDF description.
#
# Environment: BENCH_DIR (default /tmp/newskg-bench), BENCH_VIEW_RUNS (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-${BENCH_N:-100000}}
WORK=${BENCH_DIR:-/tmp/newskg-bench}
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/newskg
STORE=$WORK/view-store-$N
say() { printf '\n== %s\n' "$*" >&2; }

say "building newskg (release)"
cargo build --release --quiet
mkdir -p "$WORK"
if [ ! -e "$STORE/CURRENT" ]; then
    SYNTH=$WORK/synth-$N.jsonl
    if [ ! -s "$SYNTH" ]; then
        say "generating $N synthetic articles"
        python3 bench/gen_corpus.py synth "$N" "$SYNTH"
    fi
    say "ingesting them into $STORE, then optimizing it"
    /usr/bin/time -f "ingest: %e s wall, %U s user" "$BIN" ingest --store "$STORE" "$SYNTH"
    /usr/bin/time -f "optimize: %e s wall" "$BIN" optimize --store "$STORE"
fi
log=$(mktemp)
"$BIN" serve --store "$STORE" --bind 127.0.0.1:0 --timeout 120 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 300); do grep -q 'listening on ' "$log" && break; sleep 0.1; done
base="http://$(sed -n 's/.*listening on //p' "$log" | head -1)"
say "pages of $STORE ($N articles) at $base, server PID $pid"
python3 bench/view_pages.py "$base" "$pid" "${BENCH_VIEW_RUNS:-5}"
