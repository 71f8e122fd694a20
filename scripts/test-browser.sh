#!/usr/bin/env bash
# Browser tests of the pages of `newskg serve` in Debian's headless Chromium: ingests the
# examples and a hostile article, serves them, and drives the article, entity, event,
# search and query pages through chromedriver (scripts/test-browser.py: marks at the right
# text, links that answer, clicks, escaping, no request to another host). Installs
# `chromium` and `chromium-driver` with apt when missing. Keeps the screenshots in
# $BROWSER_ARTIFACTS (default: browser-test/ beside the release binary) and prints where.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
if [ ${#need[@]} -gt 0 ]; then
  echo "test-browser: installing ${need[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
artifacts="${BROWSER_ARTIFACTS:-$(dirname "$BIN")/browser-test}"
rm -rf "$artifacts"
mkdir -p "$artifacts"

# A free loopback port.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# Waits until URL answers.
wait_for() {
  for _ in $(seq 1 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "test-browser: FAIL $1 does not answer" >&2; exit 1
}

cat >"$tmp/hostile.jsonl" <<'JSON'
{"id": "hostile-1", "headline": "<script>window.pwned=1</script> & \"Quotes\" 'too'", "published": "2024-05-01", "body": "<script>window.pwned=1</script> Sen. Jane O'Hara met <img src=x onerror=\"window.pwned=2\"> Prime Minister Alan Smith & Co in Paris on Monday. \"<b>We agreed</b> & more,\" O'Hara said."}
JSON
"$BIN" ingest --store "$tmp/store" examples/ "$tmp/hostile.jsonl" 2>/dev/null
port=$(free_port)
"$BIN" serve --store "$tmp/store" --bind "127.0.0.1:$port" 2>"$tmp/serve.log" &
pids+=($!)
wait_for "http://127.0.0.1:$port/"
driver_port=$(free_port)
chromedriver --port="$driver_port" --allowed-ips=127.0.0.1 >"$tmp/chromedriver.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$driver_port/status"
python3 scripts/test-browser.py "http://127.0.0.1:$port" "http://127.0.0.1:$driver_port" "$artifacts" "$tmp/profile"
echo "test-browser: screenshots in $artifacts" >&2
