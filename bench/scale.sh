#!/usr/bin/env bash
# Ingest at scale: wall and CPU time of `newskg ingest` on N synthetic articles, the store
# it leaves, and (optionally) `oxigraph load` of the same quads, with the 1,000,000-article
# extrapolation from both the wall time and the CPU time.
#
#   bench/scale.sh [N]        N synthetic articles (default 100000; bench/gen_corpus.py)
#
# On a shared machine the wall time depends on the other processes: the script prints the
# load average before and after, and extrapolates 1M articles from the wall time and from
# the CPU time (user + sys, spread over the machine's cores) so both can be judged. Since
# compaction grows with the store, it also extrapolates from the marginal cost of the last
# fifth of the articles: every 10 s it samples the ingest's CPU time (/proc) and how far
# it has read the corpus (the file position: the records are of similar size), and
# prints the CPU per article between 80% and the end (the last commit and flush included,
# which overstates it on small corpora).
#
# Environment: BENCH_DIR (default /tmp/newskg-scale), BENCH_ANCHORS=1 also extracts the
# N-Quads and times `oxigraph load` of them (the Oxigraph CLI of bench/run.sh's virtualenv,
# BENCH_VENV, default ~/.cache/newskg/bench-venv; it needs about 190 bytes of disk per quad),
# BENCH_KEEP=1 keeps the stores, BENCH_PERF=1 runs the ingest under `perf record` and
# prints where its CPU went by thread: the extraction workers (`newskg-worker-*`: reading,
# extraction, quads, fingerprints), the main thread with Oxigraph's bulk-loader threads
# (`newskg`: sorted files built from the quads; the loader and word-index feeding are a
# few percent of it), RocksDB's compaction (`rocksdb:low`) and the word index (`thrd-tantivy*`).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
WORK=${BENCH_DIR:-/tmp/newskg-scale}
VENV=${BENCH_VENV:-$HOME/.cache/newskg/bench-venv}
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/newskg
NPROC=$(nproc)
mkdir -p "$WORK"
cargo build --release --quiet
CORPUS=$WORK/synth-$N.jsonl
[ -s "$CORPUS" ] || python3 bench/gen_corpus.py synth "$N" "$CORPUS"

# run NAME COMMAND...: prints "NAME wall_s cpu_s peak_MiB load_before load_after".
run() {
    local name=$1
    shift
    local before
    before=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.$name" "$@" 2>"$WORK/$name.log" >/dev/null
    read -r wall user sys rss <"$WORK/time.$name"
    printf '%s %s %.1f %d %s %s\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024)) \
        "$before" "$(cut -d' ' -f1 /proc/loadavg)"
}

rm -rf "$WORK/store-newskg" "$WORK/store-oxigraph" "$WORK/samples"

# sample: once the ingest runs, every 10 s "cpu_seconds fraction_of_corpus_read" to $WORK/samples.
sample() {
    local pid="" fd pos tick size
    tick=$(getconf CLK_TCK)
    size=$(stat -L -c %s "$CORPUS")
    for _ in $(seq 100); do
        pid=$(pgrep -n -f "^$BIN ingest --store $WORK/store-newskg" || true)
        [ -n "$pid" ] && break
        sleep 0.1
    done
    while [ -n "$pid" ] && [ -d "/proc/$pid" ]; do
        fd=$(find "/proc/$pid/fd" -lname "$(realpath "$CORPUS")" -printf '%f\n' 2>/dev/null | head -1 || true)
        pos=$(awk '/^pos:/ {print $2}' "/proc/$pid/fdinfo/$fd" 2>/dev/null || true)
        awk -v t="$tick" -v p="${pos:-0}" -v s="$size" '{printf "%.2f %.5f\n", ($14 + $15) / t, p / s}' \
            "/proc/$pid/stat" 2>/dev/null >>"$WORK/samples" || true
        sleep 10
    done
}
sample &
SAMPLER=$!
PERF=()
[ "${BENCH_PERF:-0}" = 1 ] && PERF=(perf record -F 99 -o "$WORK/perf.data" --)
read -r _ wall cpu rss l0 l1 < <(run ingest "${PERF[@]}" "$BIN" ingest --store "$WORK/store-newskg" "$CORPUS")
wait "$SAMPLER" 2>/dev/null || true
triples=$(grep -o '([0-9]* triples)' "$WORK/ingest.log" | tr -dc 0-9)
size=$(du -sm "$WORK/store-newskg" | cut -f1)
echo "machine: $NPROC cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(date -u +%F)"
echo "| measure | value |"
echo "|---|---|"
echo "| newskg ingest, $N articles | wall $wall s, CPU $cpu s (user+sys), peak RSS $rss MiB, load average $l0 -> $l1 |"
echo "| triples | $triples ($(echo "$triples / $wall" | bc) per wall second) |"
echo "| store after ingest | $size MiB |"
echo "| 1,000,000 articles from wall time | $(echo "scale=2; $wall * 1000000 / $N / 3600" | bc) h |"
echo "| 1,000,000 articles from CPU time on $NPROC cores | $(echo "scale=2; $cpu * 1000000 / $N / 3600 / $NPROC" | bc) h |"
# The first sample at or past 80% of the corpus, to the end (the total CPU time).
read -r cpu80 frac80 < <(awk '$2 >= 0.8 {print; exit}' "$WORK/samples" 2>/dev/null) || true
if [ -n "${cpu80:-}" ] && [ "$(echo "$frac80 < 0.99" | bc)" = 1 ]; then
    echo "| same, from the CPU per article after $(echo "$frac80 * 100 / 1" | bc)% of the corpus | $(echo "scale=2; ($cpu - $cpu80) / ((1 - $frac80) * $N) * 1000000 / 3600 / $NPROC" | bc) h |"
fi
if [ "${BENCH_PERF:-0}" = 1 ]; then
    echo
    echo "| ingest CPU by thread (perf samples) | share |"
    echo "|---|---|"
    perf report -i "$WORK/perf.data" --sort comm --stdio 2>/dev/null | awk '/%/ {print "| " $2 " | " $1 " |"}'
    rm -f "$WORK/perf.data"
fi
if [ "${BENCH_ANCHORS:-0}" = 1 ]; then
    "$BIN" extract "$CORPUS" --format nquads -o "$WORK/synth.nq" 2>/dev/null
    read -r _ owall ocpu orss ol0 ol1 < <(run oxigraph_load "$VENV/bin/oxigraph" load \
        --location "$WORK/store-oxigraph" --file "$WORK/synth.nq")
    echo "| oxigraph load of the same N-Quads | wall $owall s, CPU $ocpu s, peak RSS $orss MiB, load average $ol0 -> $ol1 |"
    echo "| store after oxigraph load | $(du -sm "$WORK/store-oxigraph" | cut -f1) MiB |"
    rm -f "$WORK/synth.nq"
fi
[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$WORK/store-newskg" "$WORK/store-oxigraph"
