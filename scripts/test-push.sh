#!/usr/bin/env bash
# Pushes the example articles to two real SPARQL 1.1 stores, OpenLink Virtuoso 7 (Debian's
# virtuoso-opensource) and the Oxigraph server (PyPI's `oxigraph`), by both protocols
# (Graph Store PUT and SPARQL Update), and checks through each store's own SPARQL endpoint
# that exactly the same quads arrived and that pushing again leaves the same quads.
# Installs what it needs, runs the servers on free loopback ports in a temporary folder,
# and stops them on exit. NEWSKG_SKIP_VIRTUOSO=1 skips Virtuoso.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
VENV="$(scripts/venv.sh oxigraph)"


free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_http() { # URL SECONDS
  for _ in $(seq 1 $(($2 * 5))); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.2
  done
  echo "test-push: $1 did not answer within $2 s" >&2
  return 1
}

# The quads of the article graphs as a SPARQL SELECT, and a normaliser of its JSON results
# to sorted lines (so that both stores' JSON dialects compare).
# The rows of the article graphs, without ingest's bookkeeping (the extraction
# fingerprint stays in the store it was ingested into: push never sends it).
ROWS='SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/newskg/id/article/") && ?p != <https://w3id.org/newskg/ontology#extractionFingerprint>) }'
normalise() {
  python3 -c '
import json, sys
XSD = "http://www.w3.org/2001/XMLSchema#"
def term(t):
    if t["type"] == "uri":
        return "<%s>" % t["value"]
    if t["type"] == "bnode":
        return "_:b"
    if "xml:lang" in t:
        return json.dumps(t["value"]) + "@" + t["xml:lang"].lower()
    return json.dumps(t["value"]) + "^^" + t.get("datatype", XSD + "string")
rows = json.load(sys.stdin)["results"]["bindings"]
for line in sorted(" ".join(term(r[v]) for v in ("g", "s", "p", "o")) for r in rows):
    print(line)
'
}
remote_rows() { # SPARQL-ENDPOINT
  curl -fsS -H 'Accept: application/sparql-results+json' --data-urlencode "query=$ROWS" "$1" | normalise
}

echo "test-push: ingesting examples/" >&2
"$BIN" ingest --store "$tmp/source" examples/ 2>/dev/null
"$BIN" query --store "$tmp/source" -e "$ROWS" --format json | normalise > "$tmp/expected"
graphs=$(cut -d' ' -f1 "$tmp/expected" | sort -u | wc -l)
echo "test-push: $graphs graphs, $(wc -l < "$tmp/expected") quads to push" >&2
[ "$graphs" -gt 1 ]

check() { # NAME SPARQL-ENDPOINT
  remote_rows "$2" > "$tmp/got"
  if ! diff -q "$tmp/expected" "$tmp/got" >/dev/null; then
    echo "test-push: FAIL $1: the store does not hold the pushed quads:" >&2
    diff "$tmp/expected" "$tmp/got" | head -20 >&2
    exit 1
  fi
  echo "test-push: ok   $1 ($(wc -l < "$tmp/got") quads)" >&2
}

clear_graphs() { # UPDATE-ENDPOINT [CURL-AUTH...]
  local endpoint=$1
  shift
  cut -d' ' -f1 "$tmp/expected" | sort -u | sed 's/^\(.*\)$/DROP SILENT GRAPH \1 ;/' > "$tmp/drop.ru"
  curl -fsS "$@" -H 'Content-Type: application/sparql-update' --data-binary @"$tmp/drop.ru" "$endpoint" >/dev/null
  local left
  left=$(remote_rows "${SPARQL_ENDPOINT}" | wc -l)
  [ "$left" -eq 0 ] || { echo "test-push: could not empty the store ($left quads left)" >&2; exit 1; }
}

push_twice() { # NAME SPARQL-ENDPOINT PUSH-ARGS...
  local name=$1 sparql=$2
  shift 2
  "$BIN" push --store "$tmp/source" "$@" 2>"$tmp/push.log" || { cat "$tmp/push.log" >&2; exit 1; }
  check "$name, first push" "$sparql"
  "$BIN" push --store "$tmp/source" "$@" 2>"$tmp/push.log" || { cat "$tmp/push.log" >&2; exit 1; }
  check "$name, second push" "$sparql"
}

# --- The Oxigraph server -----------------------------------------------------------------
port=$(free_port)
"$VENV/bin/oxigraph" --version >&2
"$VENV/bin/oxigraph" serve --location "$tmp/oxigraph" --bind "127.0.0.1:$port" >"$tmp/oxigraph.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$port/query?query=ASK%7B%7D" 30
SPARQL_ENDPOINT="http://127.0.0.1:$port/query"
push_twice "oxigraph gsp" "$SPARQL_ENDPOINT" --to "http://127.0.0.1:$port/store" --protocol gsp
# Byte-level check too: the whole dataset as N-Quads equals the export.
curl -fsS -H 'Accept: application/n-quads' "http://127.0.0.1:$port/store" | sort > "$tmp/oxigraph.nq"
"$BIN" export --store "$tmp/source" --format nquads | sort > "$tmp/source.nq"
diff -q "$tmp/source.nq" "$tmp/oxigraph.nq" >/dev/null || { echo "test-push: FAIL oxigraph N-Quads differ" >&2; exit 1; }
clear_graphs "http://127.0.0.1:$port/update"
push_twice "oxigraph update" "$SPARQL_ENDPOINT" --to "http://127.0.0.1:$port/update" --protocol update --batch 2

# --- OpenLink Virtuoso -------------------------------------------------------------------
if [ "${NEWSKG_SKIP_VIRTUOSO:-0}" = 1 ]; then
  echo "test-push: Virtuoso skipped (NEWSKG_SKIP_VIRTUOSO=1)" >&2
  exit 0
fi
if ! command -v virtuoso-t >/dev/null || ! command -v isql-vt >/dev/null; then
  echo "test-push: installing virtuoso-opensource" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq virtuoso-opensource >/dev/null
fi
vdir="$tmp/virtuoso"
mkdir -p "$vdir"
sql_port=$(free_port)
http_port=$(free_port)
cat > "$vdir/virtuoso.ini" <<INI
[Database]
DatabaseFile = $vdir/virtuoso.db
ErrorLogFile = $vdir/virtuoso.log
LockFile = $vdir/virtuoso.lck
TransactionFile = $vdir/virtuoso.trx
xa_persistent_file = $vdir/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = $vdir/virtuoso-temp.db
TransactionFile = $vdir/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:$sql_port
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., $vdir
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:$http_port
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 400
INI
virtuoso-t +foreground +configfile "$vdir/virtuoso.ini" >"$vdir/stdout.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$http_port/sparql?query=ASK%7B%7D" 120 || { tail -20 "$vdir/stdout.log" >&2; exit 1; }
virtuoso-t +version 2>&1 | grep -m1 -i version >&2 || true
# Let the SPARQL user (anonymous /sparql requests) update, for the update protocol.
isql-vt "127.0.0.1:$sql_port" dba dba exec='GRANT SPARQL_UPDATE TO "SPARQL";' >/dev/null
SPARQL_ENDPOINT="http://127.0.0.1:$http_port/sparql"
# Graph Store Protocol with Digest authentication (user dba, the default password).
NEWSKG_PUSH_USER=dba NEWSKG_PUSH_PASSWORD=dba \
  push_twice "virtuoso gsp (digest auth)" "$SPARQL_ENDPOINT" \
  --to "http://127.0.0.1:$http_port/sparql-graph-crud-auth" --protocol gsp
clear_graphs "$SPARQL_ENDPOINT"
push_twice "virtuoso update" "$SPARQL_ENDPOINT" --to "$SPARQL_ENDPOINT" --protocol update --batch 2
# A wrong password is a 401 that stops the push with a clear message.
if NEWSKG_PUSH_USER=dba NEWSKG_PUSH_PASSWORD=wrong "$BIN" push --store "$tmp/source" \
  --to "http://127.0.0.1:$http_port/sparql-graph-crud-auth" 2>"$tmp/push.log"; then
  echo "test-push: FAIL a wrong password was accepted" >&2
  exit 1
fi
grep -q '401' "$tmp/push.log" || { echo "test-push: FAIL no 401 message:" >&2; cat "$tmp/push.log" >&2; exit 1; }
echo "test-push: ok   virtuoso refuses a wrong password: $(tail -1 "$tmp/push.log")" >&2
echo "test-push: all pushes verified" >&2
