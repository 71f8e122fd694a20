#!/usr/bin/env bash
# The test command: set-up, formatting, lints, the test suite, and the extraction-quality
# ratchet (the dev-set scores must stay at or above tests/quality-floors.json).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo fmt --all -- --check
cargo clippy --release --all-targets -- -D warnings
cargo test --release
cargo build --release
python3 scripts/quality-ratchet.py --bin "${CARGO_TARGET_DIR:-target}/release/newskg"
