#!/usr/bin/env python3
"""Times the pages of a running `newskg serve` (run by bench/view.sh).

    view_pages.py BASE PID RUNS

Waits for the pages' catalog (timing it), picks the heaviest entities with SPARQL (most
articles, most events, most quotations), asks each page RUNS times and prints a Markdown
table: rows behind the page, fastest and median wall time, and the median CPU time the
server spent (user and system time of the process, from /proc/PID/stat, in steps of
10 ms). Standard library only.
"""

import json
import os
import statistics
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

BASE, PID, RUNS = sys.argv[1].rstrip("/"), sys.argv[2], int(sys.argv[3])
PREFIX = "PREFIX nkg: <https://w3id.org/newskg/ontology#> PREFIX schema: <https://schema.org/> "


TICK = os.sysconf("SC_CLK_TCK")


def cpu_ns():
    fields = Path(f"/proc/{PID}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1_000_000_000 // TICK


def fetch(path, accept="text/html"):
    req = urllib.request.Request(BASE + path, headers={"Accept": accept})
    with urllib.request.urlopen(req, timeout=300) as r:
        return r.read().decode()


def select(query):
    path = "/sparql?" + urllib.parse.urlencode({"query": PREFIX + query})
    return json.loads(fetch(path, "application/sparql-results+json"))["results"]["bindings"]


def view(iri, extra=""):
    return "/view?iri=" + urllib.parse.quote(iri, safe="") + extra


started = time.monotonic()
while "still being built" in fetch("/search?q=a"):
    time.sleep(0.5)
catalog_s = time.monotonic() - started
print(f"catalog (names and dates) ready {catalog_s:.1f} s after the server started", file=sys.stderr)


def top(pattern):
    rows = select(f"SELECT ?e (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {pattern} }} }} GROUP BY ?e ORDER BY DESC(?n) LIMIT 1")
    return rows[0]["e"]["value"], int(rows[0]["n"]["value"])


def first(query):
    return select(query)[0]["x"]["value"]


most_articles, n_articles = top("?g nkg:mentions ?e")
most_events, n_events = top("?x nkg:participant ?e")
most_quotes, n_quotes = top("?x nkg:speaker ?e")
newest = first("SELECT ?x WHERE { GRAPH ?x { ?x schema:datePublished ?d } } ORDER BY DESC(?d) LIMIT 1")
event = first(f"SELECT ?x WHERE {{ ?x nkg:participant <{most_events}> }} LIMIT 1")
quote = first(f"SELECT ?x WHERE {{ ?x nkg:speaker <{most_quotes}> }} LIMIT 1")
label = select(f"SELECT ?l WHERE {{ <{most_articles}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }} LIMIT 1")[0]["l"]["value"]
middle = lambda n: max(1, (n + 99) // 100 // 2)

pages = [
    ("entity, most articles", most_articles, f"{n_articles} articles", view(most_articles), "text/html"),
    ("its articles, a middle page", most_articles, f"page {middle(n_articles)}",
     view(most_articles, f"&list=articles&page={middle(n_articles)}"), "text/html"),
    ("entity, most events", most_events, f"{n_events} events", view(most_events), "text/html"),
    ("its events, a middle page", most_events, f"page {middle(n_events)}",
     view(most_events, f"&list=events&page={middle(n_events)}"), "text/html"),
    ("entity, most quotations", most_quotes, f"{n_quotes} quotations", view(most_quotes), "text/html"),
    ("newest article", newest, "", view(newest), "text/html"),
    ("an event", event, "", view(event), "text/html"),
    ("a quotation", quote, "", view(quote), "text/html"),
    ("search 'a' (most hits)", "", "", "/search?q=a", "text/html"),
    (f"search '{label.lower()}'", "", "", "/search?" + urllib.parse.urlencode({"q": label.lower()}), "text/html"),
    ("RDF description (Turtle), most articles", most_articles, "", view(most_articles), "text/turtle"),
]

print("| page | node | rows | fastest ms | median ms | server CPU ms (median) | KiB |")
print("|---|---|---|---|---|---|---|")
for name, node, rows, path, accept in pages:
    walls, cpus, size = [], [], 0
    for _ in range(RUNS):
        c0, t0 = cpu_ns(), time.monotonic()
        size = len(fetch(path, accept).encode())
        walls.append((time.monotonic() - t0) * 1000)
        cpus.append((cpu_ns() - c0) / 1e6)
    short = node.rsplit("/", 2)[-2] + "/" + node.rsplit("/", 1)[-1] if node else ""
    print(f"| {name} | {short} | {rows} | {min(walls):.0f} | {statistics.median(walls):.0f} | "
          f"{statistics.median(cpus):.0f} | {size // 1024} |")
