#!/usr/bin/env bash
# The test command: set-up, formatting, lints, the test suite, checks with independent
# clients and tools (scripts/test-serve.sh, test-browser.sh, test-rdf-tools.sh,
# test-push.sh), and the extraction-quality ratchet (the dev-set scores must stay at or
# above tests/quality-floors.json).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo fmt --all -- --check
cargo clippy --release --all-targets -- -D warnings
cargo test --release
cargo build --release
# Independent clients and tools: curl against `serve`, Debian's headless Chromium against
# its pages, pyld and pySHACL against the JSON-LD export and the shapes, Virtuoso and the
# Oxigraph server for `push`.
scripts/test-serve.sh
scripts/test-browser.sh
scripts/test-rdf-tools.sh
scripts/test-push.sh
python3 scripts/quality-ratchet.py --bin "${CARGO_TARGET_DIR:-target}/release/newskg"
