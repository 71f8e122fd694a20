#!/usr/bin/env bash
# Peak memory of one large article: `newskg extract` (several output formats) and
# `newskg ingest` of a single dense article of about 2 MB.
#
#   bench/memory.sh [BYTES]      the article's size (default 2000000)
#
# The article is made deterministically: the real dev articles (../shared/eval/dev/*/*.txt,
# in sorted order, each followed by a blank line) repeated until BYTES are reached; without
# them, the bodies of synthetic articles of bench/gen_corpus.py (same seed, same bytes).
# Peak RSS is GNU time's "maximum resident set size" of the whole process. Prints a table
# (also written to $BENCH_DIR/memory.md).
#
# Environment: BENCH_DIR (default /tmp/newskg-bench-memory), BENCH_DEV_DIR, NEWSKG_BIN (the
# binary to measure; default $CARGO_TARGET_DIR/release/newskg).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

BYTES=${1:-2000000}
WORK=${BENCH_DIR:-/tmp/newskg-bench-memory}
DEV_DIR=${BENCH_DEV_DIR:-$ROOT/../shared/eval/dev}
BIN=${NEWSKG_BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/release/newskg}
[ -x "$BIN" ] || { echo "memory.sh: build first: cargo build --release ($BIN missing)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "memory.sh: needs GNU time (/usr/bin/time; Debian package time)" >&2; exit 2; }
mkdir -p "$WORK"
ARTICLE=$WORK/big.txt

python3 - "$BYTES" "$ARTICLE" "$DEV_DIR" "$ROOT/bench/gen_corpus.py" <<'EOF'
import json, subprocess, sys, tempfile
from pathlib import Path
size, out, dev, gen = int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
pieces = [p.read_text(encoding="utf-8").strip() + "\n\n" for p in sorted(dev.glob("*/*.txt"))]
if not pieces:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "synth.jsonl"
        subprocess.run([sys.executable, gen, "synth", str(size // 3000 + 1), str(corpus)], check=True)
        pieces = [json.loads(line)["body"].strip() + "\n\n" for line in corpus.open(encoding="utf-8")]
text, n, i = [], 0, 0
while n < size:
    piece = pieces[i % len(pieces)]
    text.append(piece)
    n += len(piece.encode("utf-8"))
    i += 1
out.write_text("".join(text), encoding="utf-8")
EOF

peak() { # peak RSS in MiB of a command, its stdout discarded
    /usr/bin/time -f '%M' -o "$WORK/time.txt" "$@" > /dev/null 2> "$WORK/stderr.txt" || {
        cat "$WORK/stderr.txt" >&2
        exit 1
    }
    echo $(($(tail -1 "$WORK/time.txt") / 1024))
}

words=$(wc -w < "$ARTICLE")
bytes=$(wc -c < "$ARTICLE")
quads=$("$BIN" extract -f nquads "$ARTICLE" | wc -l)
{
    echo "One article of $bytes bytes ($words words, $quads quads); $(nproc) cores, $(date -u +%F)."
    echo
    echo "| command | peak RSS (MiB) |"
    echo "|---|---|"
    for format in nquads turtle jsonld; do
        echo "| newskg extract -f $format | $(peak "$BIN" extract -f "$format" "$ARTICLE") |"
    done
    echo "| newskg extract -f nquads --segments | $(peak "$BIN" extract -f nquads --segments "$ARTICLE") |"
    rm -rf "$WORK/store"
    echo "| newskg ingest (new store) | $(peak "$BIN" ingest --store "$WORK/store" "$ARTICLE") |"
    echo "| newskg ingest again (replacing its graph) | $(peak "$BIN" ingest --store "$WORK/store" "$ARTICLE") |"
    rm -rf "$WORK/store"
} | tee "$WORK/memory.md"
