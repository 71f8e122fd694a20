#!/usr/bin/env bash
# The main job on a fresh machine: set up, build, ingest the example articles into the
# embedded store (./newskg-store), and ask who met whom.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo build --release
bin="${CARGO_TARGET_DIR:-target}/release/newskg"
"$bin" ingest examples/
"$bin" stats
"$bin" query who-met-whom --format table
