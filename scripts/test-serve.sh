#!/usr/bin/env bash
# Checks `newskg serve` with an independent HTTP client (curl): SPARQL Protocol queries by
# GET and POST with content negotiation, the Graph Store Protocol, the query page and the
# JSON-LD context, read-only refusals, and a writable server's PUT and update. Runs the
# servers on free loopback ports and stops them on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
fail() { echo "test-serve: FAIL $*" >&2; exit 1; }
ok() { echo "test-serve: ok   $*" >&2; }

# Starts `newskg serve ARGS... --bind 127.0.0.1:0` and sets BASE from its "listening on" line.
start() {
  local log="$tmp/serve-${#pids[@]}.log"
  "$BIN" serve --bind 127.0.0.1:0 "$@" 2>"$log" &
  pids+=($!)
  for _ in $(seq 1 100); do
    if grep -q 'listening on ' "$log"; then
      BASE="http://$(sed -n 's/.*listening on //p' "$log" | head -1)"
      return 0
    fi
    sleep 0.1
  done
  cat "$log" >&2
  fail "newskg serve did not start"
}
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
# Saves the body of a request in $tmp/body (a grep that stops early must not break a pipe).
fetch() { curl -fsS "$@" -o "$tmp/body"; }

"$BIN" ingest --store "$tmp/store" examples/ 2>/dev/null
start --store "$tmp/store"

COUNT='SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
expected=$("$BIN" query --store "$tmp/store" -e "$COUNT" --format csv | tail -1 | tr -d '\r')
got=$(curl -fsS -G -H 'Accept: text/csv' --data-urlencode "query=$COUNT" "$BASE/sparql" | tail -1 | tr -d '\r')
[ "$got" = "$expected" ] || fail "GET CSV count $got, expected $expected"
ok "GET /sparql as CSV ($got triples)"
got=$(curl -fsS -H 'Accept: application/sparql-results+json' -H 'Content-Type: application/sparql-query' \
  --data-binary "$COUNT" "$BASE/sparql" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"]["bindings"][0]["n"]["value"])')
[ "$got" = "$expected" ] || fail "POST JSON count $got"
ok "POST /sparql (application/sparql-query) as JSON"
fetch -H 'Accept: application/sparql-results+xml' --data-urlencode 'query=ASK { ?s a <https://w3id.org/newskg/ontology#Person> }' "$BASE/query"
grep -q '<boolean>true</boolean>' "$tmp/body" || fail "ASK as XML"
ok "POST /query (form) ASK as XML"
fetch -G -H 'Accept: text/tab-separated-values' --data-urlencode "query=SELECT ?s WHERE { ?s a <https://w3id.org/newskg/ontology#Article> }" "$BASE/sparql"
[ "$(head -1 "$tmp/body")" = '?s' ] || fail "TSV header"
ok "TSV results"
graph=$("$BIN" query --store "$tmp/store" -e 'SELECT ?g WHERE { GRAPH ?g { ?g a <https://w3id.org/newskg/ontology#Article> } } ORDER BY ?g LIMIT 1' --format csv | tail -1 | tr -d '\r')
curl -fsS -G -H 'Accept: application/n-triples' --data-urlencode "graph=$graph" "$BASE/store" | sort > "$tmp/gsp.nt"
"$BIN" export --store "$tmp/store" --graph "$graph" --format ntriples | sort > "$tmp/export.nt"
cmp -s "$tmp/gsp.nt" "$tmp/export.nt" || fail "GSP GET of $graph differs from the export"
ok "GET /store?graph=... as N-Triples equals the export ($(wc -l < "$tmp/gsp.nt") triples)"
fetch -G -H 'Accept: text/turtle' --data-urlencode "query=CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <$graph> { ?s ?p ?o } }" "$BASE/sparql"
grep -q '@prefix nkg:' "$tmp/body" || fail "CONSTRUCT as Turtle"
ok "CONSTRUCT as Turtle"
curl -fsS -H 'Accept: application/ld+json' -G --data-urlencode "graph=$graph" "$BASE/store" | python3 -c '
import json, sys
doc = json.load(sys.stdin)
assert "speaker" in doc["@context"], "compacted with the newskg context"' || fail "GSP GET as JSON-LD"
ok "GET /store as compacted JSON-LD"
[ "$(status -H 'Accept: image/png' -G --data-urlencode "query=$COUNT" "$BASE/sparql")" = 406 ] || fail "406"
[ "$(status -G --data-urlencode 'query=SELECT WHERE {' "$BASE/sparql")" = 400 ] || fail "400"
[ "$(status -H 'Content-Type: application/sparql-update' --data-binary 'CLEAR ALL' "$BASE/sparql")" = 403 ] || fail "update not refused"
[ "$(status -X DELETE -G --data-urlencode "graph=$graph" "$BASE/store")" = 403 ] || fail "DELETE not refused"
ok "406, 400 and read-only 403s"
fetch "$BASE/"
grep -q '<textarea' "$tmp/body" || fail "query page"
curl -fsS "$BASE/queries.json" | python3 -c 'import json,sys; assert any(q["name"] == "who-met-whom" for q in json.load(sys.stdin))' || fail "queries.json"
curl -fsS "$BASE/context.jsonld" | cmp -s - ontologies/context.jsonld || fail "context.jsonld"
ok "query page, ready-made queries and JSON-LD context"
curl -s -D "$tmp/headers" -o /dev/null -G --data-urlencode "query=$COUNT" "$BASE/sparql"
! grep -qi '^access-control-allow-origin' "$tmp/headers" || fail "CORS without --cors"

start --store "$tmp/rw" --writable --cors
printf '<https://example.org/a> <https://example.org/p> "x" .\n' > "$tmp/a.ttl"
[ "$(status -X PUT -H 'Content-Type: text/turtle' --data-binary @"$tmp/a.ttl" "$BASE/store?graph=https://example.org/g")" = 201 ] || fail "PUT"
[ "$(status -X PUT -H 'Content-Type: text/turtle' --data-binary @"$tmp/a.ttl" "$BASE/store?graph=https://example.org/g")" = 204 ] || fail "PUT again"
[ "$(status -H 'Content-Type: application/sparql-update' --data-binary 'INSERT DATA { GRAPH <https://example.org/h> { <urn:a> <urn:b> "c" } }' "$BASE/update")" = 204 ] || fail "update"
n=$(curl -fsS -G -H 'Accept: text/csv' --data-urlencode "query=$COUNT" "$BASE/sparql" | tail -1 | tr -d '\r')
[ "$n" = 2 ] || fail "writable store holds $n triples, expected 2"
curl -s -D "$tmp/headers" -o /dev/null -G --data-urlencode "query=$COUNT" "$BASE/sparql"
grep -qi '^access-control-allow-origin: \*' "$tmp/headers" || fail "CORS header"
ok "writable server: PUT 201 then 204, update 204, CORS"
echo "test-serve: all checks passed" >&2
