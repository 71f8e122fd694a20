#!/usr/bin/env bash
# Incremental ingest: the first ingest of a folder of articles against ingesting it again.
#
#   bench/reingest.sh [N]       N synthetic articles (default 1000, about 500 words each)
#
# Generates N deterministic articles (bench/gen_corpus.py synth), one JSON file each in a
# folder, then times, on one store:
#   1. the first ingest (every article new);
#   2. the same folder again (every article unchanged: skipped, nothing written);
#   3. again with 10 articles edited and 10 added (what a growing folder costs);
#   4. the same folder with --force (every article re-extracted and replaced, as every
#      re-ingest did before fingerprints);
# checks that run 2 left the store's quads as they were, and prints the wall and CPU times
# and the ratios first / unchanged (the target is at least 10).
#
# Environment: BENCH_DIR (default /tmp/newskg-reingest), BENCH_JOBS (ingest --jobs,
# default: all cores).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

N=${1:-1000}
WORK=${BENCH_DIR:-/tmp/newskg-reingest}
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/newskg
JOBS=${BENCH_JOBS:+--jobs $BENCH_JOBS}

if [ ! -x /usr/bin/time ]; then
    apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
cargo build --release --quiet
rm -rf "$WORK"
mkdir -p "$WORK/articles"
python3 bench/gen_corpus.py synth "$N" "$WORK/corpus.jsonl"
# One file per article, as a folder of saved articles is.
python3 - "$WORK/corpus.jsonl" "$WORK/articles" <<'EOF'
import sys
from pathlib import Path
out = Path(sys.argv[2])
for i, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    (out / f"{i:07d}.json").write_text(line, encoding="utf-8")
EOF
STORE="$WORK/store"

# Runs `newskg ingest ARGS...` into the store; prints its wall time and its CPU time (user
# + system) in seconds, and keeps its summary line in $WORK/last.log. The CPU time says
# more than the wall time on a machine that other work keeps busy.
timed_ingest() {
    # shellcheck disable=SC2086
    /usr/bin/time -f '%e %U %S' -o "$WORK/time" "$BIN" ingest --store "$STORE" $JOBS "$@" 2>"$WORK/last.log"
    awk '{ printf "%.2f %.2f", $1, $2 + $3 }' "$WORK/time"
}
# Every quad of the store, the fingerprints included, sorted.
dump() {
    "$BIN" query --store "$STORE" --format tsv \
        -e 'SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?s ?p ?o' | sha256sum
}

first=$(timed_ingest "$WORK/articles")
first_line=$(tail -1 "$WORK/last.log")
before=$(dump)
again=$(timed_ingest "$WORK/articles")
again_line=$(tail -1 "$WORK/last.log")
[ "$(dump)" = "$before" ] || { echo "re-ingest changed the store" >&2; exit 1; }

# Ten articles edited (a sentence added to the body), ten added.
python3 - "$WORK/articles" <<'EOF'
import json, sys
from pathlib import Path
folder = Path(sys.argv[1])
files = sorted(folder.glob("*.json"))
for f in files[:10]:
    record = json.loads(f.read_text(encoding="utf-8"))
    record["body"] += "\n\nThe ministry declined to comment further on Tuesday."
    f.write_text(json.dumps(record) + "\n", encoding="utf-8")
for k, f in enumerate(files[:10]):
    record = json.loads(f.read_text(encoding="utf-8"))
    record["id"] = f"added-{k}"
    (folder / f"added-{k}.json").write_text(json.dumps(record) + "\n", encoding="utf-8")
EOF
grown=$(timed_ingest "$WORK/articles")
grown_line=$(tail -1 "$WORK/last.log")
forced=$(timed_ingest --force "$WORK/articles")
forced_line=$(tail -1 "$WORK/last.log")

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-40s %14s  %s\n' "run" "wall s / CPU s" "summary line"
row() { printf '%-40s %6s / %-6s  %s\n' "$1" ${2} "$3"; }
row "first ingest ($N articles)" "$first" "$first_line"
row "same folder again (unchanged)" "$again" "$again_line"
row "10 edited, 10 added" "$grown" "$grown_line"
row "--force (re-extract and replace all)" "$forced" "$forced_line"
read -r first_wall first_cpu <<<"$first"
read -r again_wall again_cpu <<<"$again"
read -r forced_wall forced_cpu <<<"$forced"
awk -v a="$first_wall" -v b="$again_wall" -v f="$forced_wall" -v ac="$first_cpu" -v bc="$again_cpu" -v fc="$forced_cpu" 'BEGIN {
    printf "first / unchanged: %.1fx wall, %.1fx CPU (target >= 10x)\n", a / b, ac / bc
    printf "--force / unchanged: %.1fx wall, %.1fx CPU\n", f / b, fc / bc }'
