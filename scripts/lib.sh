# Shared set-up of the test scripts (sourced, from the project root): the release binary
# in $BIN (built when missing), a temporary folder in $tmp, and the background servers
# whose PIDs the script adds to `pids`; all are stopped and removed on exit.
BIN="${CARGO_TARGET_DIR:-$(pwd)/target}/release/newskg"
[ -x "$BIN" ] || cargo build --release
tmp="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
