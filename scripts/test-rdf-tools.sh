#!/usr/bin/env bash
# Checks newskg's RDF against independent tools from PyPI (installed into the project venv):
# - pyld expands `newskg export --format jsonld` (compacted with ontologies/context.jsonld)
#   back to exactly the quads of the N-Quads export;
# - pySHACL checks the shapes (ontologies/newskg-shapes.ttl) against the SHACL-SHACL meta
#   shapes, agrees with `newskg validate` that the example export conforms, and finds the
#   same results as `newskg validate` on a deliberately broken copy.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
VENV="$(scripts/venv.sh pyld pyshacl)"
PY="$VENV/bin/python"

"$BIN" ingest --store "$tmp/store" examples/ tests/fixtures/wire-summit.txt tests/fixtures/record.json 2>/dev/null
"$BIN" export --store "$tmp/store" --format nquads -o "$tmp/all.nq"
"$BIN" export --store "$tmp/store" --format jsonld -o "$tmp/all.jsonld"
"$BIN" export --store "$tmp/store" --format trig -o "$tmp/all.trig"

# --- JSON-LD: pyld expands the compacted export to the same quads ------------------------
"$PY" - "$tmp/all.jsonld" "$tmp/all.nq" <<'PY'
import json, sys
from pyld import jsonld
import rdflib

doc = json.load(open(sys.argv[1], encoding="utf-8"))
assert isinstance(doc["@context"], dict) and "speaker" in doc["@context"], "compacted with the context"
text = open(sys.argv[1], encoding="utf-8").read()
for term in ('"evidence"', '"participant"', '"label"', '"beginIndex"'):
    assert term in text, f"{term} should appear as a short key"
nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})

def quads(data):
    ds = rdflib.Dataset()
    ds.parse(data=data, format="nquads")
    return {(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None))}

got = quads(nquads)
want = quads(open(sys.argv[2], encoding="utf-8").read())
if got != want:
    print("pyld: FAIL", len(got - want), "extra,", len(want - got), "missing", file=sys.stderr)
    for q in list(want - got)[:5]:
        print("  missing", q, file=sys.stderr)
    for q in list(got - want)[:5]:
        print("  extra  ", q, file=sys.stderr)
    sys.exit(1)
print(f"test-rdf-tools: ok   pyld expands the JSON-LD export to the same {len(got)} quads", file=sys.stderr)
PY

# --- SHACL: the `sh` constants of src/rdf/vocab.rs are terms of the W3C vocabulary ---------
"$PY" - src/rdf/vocab.rs <<'PY'
import re, sys
from rdflib.namespace import SH  # rdflib's SHACL terms, generated from https://www.w3.org/ns/shacl.ttl

src = open(sys.argv[1], encoding="utf-8").read()
block = re.search(r'pub mod sh \{\s*namespace!\("http://www\.w3\.org/ns/shacl#";(.*?)\);', src, re.S).group(1)
names = re.findall(r'=\s*"([^"]+)"', block)
unknown = [n for n in names if n not in SH]
if len(names) < 50 or unknown:
    print(f"test-rdf-tools: FAIL vocab::sh: {len(names)} constants read, not SHACL terms: {unknown}", file=sys.stderr)
    sys.exit(1)
print(f"test-rdf-tools: ok   the {len(names)} vocab::sh constants are terms of the SHACL vocabulary", file=sys.stderr)
PY

# --- SHACL: the shapes are valid SHACL ----------------------------------------------------
"$VENV/bin/pyshacl" --metashacl -s ontologies/newskg-shapes.ttl -sf turtle -df turtle ontologies/newskg-shapes.ttl \
  >"$tmp/meta.txt" 2>&1 || { cat "$tmp/meta.txt" >&2; echo "test-rdf-tools: FAIL the shapes are not valid SHACL" >&2; exit 1; }
echo "test-rdf-tools: ok   the shapes pass pySHACL's SHACL-SHACL check" >&2

# Validates DATA.trig with pySHACL, each named graph on its own, and prints the sorted
# (focus, path, component, severity) of its results.
pyshacl_results() {
  "$PY" - "$1" <<'PY'
import sys
import rdflib
from pyshacl import validate

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
shapes = rdflib.Graph().parse("ontologies/newskg-shapes.ttl", format="turtle")
ds = rdflib.Dataset()
ds.parse(sys.argv[1], format="trig")
rows = set()
conforms = True
for g in ds.graphs():
    if len(g) == 0:
        continue
    data = rdflib.Graph()
    for t in g:
        data.add(t)
    ok, report, _ = validate(data, shacl_graph=shapes, allow_warnings=True)
    conforms = conforms and ok
    for r in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        rows.add(" ".join(str(report.value(r, p)) for p in (SH.focusNode, SH.resultPath, SH.sourceConstraintComponent, SH.resultSeverity)))
for row in sorted(rows):
    print(row)
print("conforms" if conforms else "does-not-conform")
PY
}
# The same from newskg's own report.
newskg_results() { # STORE-OR-FILE-ARGS...
  local status=0
  "$BIN" validate --format turtle "$@" >"$tmp/report.ttl" || status=$?
  [ "$status" -le 1 ] || { echo "test-rdf-tools: newskg validate failed ($status)" >&2; exit 1; }
  "$PY" - "$tmp/report.ttl" "$status" <<'PY'
import sys
import rdflib
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
report = rdflib.Graph().parse(sys.argv[1], format="turtle")
rows = set()
for r in report.subjects(rdflib.RDF.type, SH.ValidationResult):
    rows.add(" ".join(str(report.value(r, p)) for p in (SH.focusNode, SH.resultPath, SH.sourceConstraintComponent, SH.resultSeverity)))
for row in sorted(rows):
    print(row)
print("conforms" if sys.argv[2] == "0" else "does-not-conform")
PY
}

compare() { # NAME
  if ! diff "$tmp/py.txt" "$tmp/nkg.txt" >"$tmp/diff.txt"; then
    echo "test-rdf-tools: FAIL $1: pySHACL (<) and newskg validate (>) disagree:" >&2
    head -30 "$tmp/diff.txt" >&2
    exit 1
  fi
  echo "test-rdf-tools: ok   $1: pySHACL and newskg validate agree ($(tail -1 "$tmp/nkg.txt"), $(($(wc -l < "$tmp/nkg.txt") - 1)) results)" >&2
}

pyshacl_results "$tmp/all.trig" > "$tmp/py.txt"
newskg_results --store "$tmp/store" > "$tmp/nkg.txt"
compare "the example export"
if ! grep -qx conforms "$tmp/nkg.txt"; then
  # Not a failure of these tools: the extraction broke the contract; say where.
  echo "test-rdf-tools: note the example export does not conform to the shapes:" >&2
  "$BIN" validate --store "$tmp/store" | grep -E '^  Violation' | head -10 >&2 || true
fi

# A broken copy: every kind of constraint has something to find.
NKG='PREFIX nkg: <https://w3id.org/newskg/ontology#> PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>'
"$BIN" update --store "$tmp/store" -e "$NKG
DELETE { GRAPH ?g { ?h nkg:holder ?p } } WHERE { GRAPH ?g { ?h nkg:holder ?p } } ;
DELETE { GRAPH ?g { ?e a nkg:Event } } WHERE { GRAPH ?g { ?e a nkg:Meeting , nkg:Event } } ;
INSERT { GRAPH ?g { ?q nkg:text \"again\" , 42 ; nkg:speaker ?q } } WHERE { GRAPH ?g { ?q a nkg:Quotation } } ;
INSERT { GRAPH ?g { ?s nif:beginIndex \"999999\"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> } } WHERE { GRAPH ?g { ?s a nkg:Sentence } } ;
INSERT { GRAPH ?g { ?e nkg:participant \"nobody\" ; nkg:modality \"maybe\" ; a nkg:Attack } } WHERE { GRAPH ?g { ?e a nkg:Statement } } ;
INSERT { GRAPH ?g { ?x rdfs:label \"Another name\"@en } } WHERE { GRAPH ?g { ?x a nkg:Country } } ;
DELETE { GRAPH ?g { ?s nif:anchorOf ?a } } INSERT { GRAPH ?g { ?s nif:anchorOf \"moved\" } } WHERE { GRAPH ?g { ?s a nkg:Paragraph ; nif:anchorOf ?a } }"
"$BIN" export --store "$tmp/store" --format trig -o "$tmp/broken.trig"
pyshacl_results "$tmp/broken.trig" > "$tmp/py.txt"
newskg_results "$tmp/broken.trig" > "$tmp/nkg.txt"
compare "a broken copy"
grep -qx does-not-conform "$tmp/nkg.txt" || { echo "test-rdf-tools: FAIL the broken copy conforms" >&2; exit 1; }
components=$(awk '{print $3}' "$tmp/nkg.txt" | sort -u | grep -c ConstraintComponent || true)
[ "$components" -ge 9 ] || { echo "test-rdf-tools: FAIL only $components kinds of constraint were exercised" >&2; exit 1; }
echo "test-rdf-tools: all checks passed" >&2
