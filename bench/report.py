#!/usr/bin/env python3
"""The table of bench/run.sh, from the files it leaves in $BENCH_DIR (results.tsv: name,
wall s, user s, sys s, peak RSS KiB; spacy_*.json; quads; ingested-triples; store-sizes;
query.*.tsv; status.*). Markdown on stdout. Python 3 standard library only."""

import json
import os
from pathlib import Path

E = os.environ
WORK = Path(E["WORK"])
N, DEV_N, SPACY_N, NPROC = (int(E[k]) for k in ("N", "DEV_N", "SPACY_N", "NPROC"))
HAVE_DEV = E.get("HAVE_DEV") == "1"

runs = {}
for line in (WORK / "results.tsv").read_text().splitlines():
    name, wall, user, sys_, rss = line.split()
    run = {"wall": float(wall), "cpu": float(user) + float(sys_), "rss": int(rss) / 1024}
    # A measure taken more than once (the loads): the fastest run.
    if name not in runs or run["wall"] < runs[name]["wall"]:
        runs[name] = run


def words(path, limit=None):
    n = 0
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                break
            n += len(json.loads(line)["body"].split())
    return n


def lines(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def number(name):
    p = WORK / name
    return int(p.read_text().strip()) if p.exists() and p.read_text().strip() else None


def fmt(x, digits=0):
    return f"{x:,.{digits}f}"


out = []
p = out.append
synth_words = words(WORK / f"synth-{N}.jsonl")
quads = number("quads") or number("ingested-triples")
spacy = json.loads((WORK / "spacy_synth.json").read_text()) if "spacy_synth" in runs else None

p(f"Machine: {NPROC} cores, {E['CPU_MODEL']}, {E['MEM_GB']} GiB; load average "
  f"{E['LOAD_BEFORE']} before, {E['LOAD_AFTER']} after (other work on the machine).")
corpus = f"Corpus: {N:,} synthetic articles, {synth_words:,} words ({synth_words / N:.0f} per article)"
if quads:
    corpus += f", {quads:,} quads ({quads / N:.0f} per article)"
if spacy:
    corpus += (f"; anchors: spaCy {E['SPACY_VERSION']} en_core_web_sm (nlp.pipe, full pipeline) on the "
               f"first {spacy['articles']} articles, Oxigraph CLI {E['OXIGRAPH_VERSION']} `oxigraph load`")
p(corpus + ".")
p("")
p("| measure | newskg | anchor | ratio | target |")
p("|---|---|---|---|---|")


def extract_rows(label, corpus_words, key, spacy_json, sample_words):
    r1, ra, rs = runs[f"extract_{key}_1"], runs[f"extract_{key}_all"], runs[f"extract_{key}_sample"]
    w1 = corpus_words / r1["wall"]
    ws = sample_words / rs["wall"]
    if spacy_json:
        sp = spacy_json["words"] / spacy_json["seconds"]
        p(f"| extract, 1 thread, words/s ({label}) | {fmt(w1)} | spaCy {fmt(sp)} | {w1 / sp:.0f}x | >= 100x |")
        if "cpu_seconds" in spacy_json:
            c1, csp = corpus_words / r1["cpu"], spacy_json["words"] / spacy_json["cpu_seconds"]
            p(f"| same, words per CPU-second ({label}) | {fmt(c1)} | spaCy {fmt(csp)} | {c1 / csp:.0f}x | >= 100x |")
        p(f"| same {spacy_json['articles']} articles as spaCy, 1 thread, words/s ({label}) | {fmt(ws)} "
          f"| spaCy {fmt(sp)} | {ws / sp:.0f}x | >= 100x |")
    else:
        p(f"| extract, 1 thread, words/s ({label}) | {fmt(w1)} ({fmt(corpus_words / r1['cpu'])} per CPU-s) "
          f"| | | |")
    p(f"| extract, {NPROC} threads, words/s ({label}) | {fmt(corpus_words / ra['wall'])} "
      f"({ra['cpu'] / ra['wall']:.2f} cores busy) | 1 thread {fmt(w1)} ({r1['cpu'] / r1['wall']:.2f} cores busy) "
      f"| {r1['wall'] / ra['wall']:.2f}x | scales with cores |")


extract_rows("synthetic", synth_words, "synth", spacy, words(WORK / "synth-sample.jsonl"))
if HAVE_DEV:
    spacy_dev = json.loads((WORK / "spacy_dev.json").read_text()) if "spacy_dev" in runs else None
    extract_rows("dev articles", words(WORK / f"dev-{DEV_N}.jsonl"), "dev", spacy_dev,
                 words(WORK / "dev-sample.jsonl"))
ing, ox = runs.get("ingest"), runs.get("oxigraph_load")
if ing and ox:
    p(f"| ingest (extraction included), triples/s | {fmt(quads / ing['wall'])} | `oxigraph load` "
      f"{fmt(quads / ox['wall'])} | {ox['wall'] / ing['wall']:.2f}x | >= 0.8x |")
elif ing:
    p(f"| ingest (extraction included), triples/s | {fmt(quads / ing['wall'])} | | | |")
if ing:
    hours = ing["wall"] * 1_000_000 / N / 3600
    p(f"| 1,000,000 articles extracted and ingested (extrapolated, linear) | {hours:.2f} h | | | < 1 h |")
p("")
p("| peak RSS | MiB |")
p("|---|---|")
for name, label in [("extract_synth_1", "newskg extract, 1 thread"),
                    ("extract_synth_all", f"newskg extract, {NPROC} threads"),
                    ("ingest", "newskg ingest"), ("oxigraph_load", "oxigraph load"),
                    ("spacy_synth", f"spaCy ({SPACY_N} articles)")]:
    if name in runs:
        p(f"| {label} | {fmt(runs[name]['rss'])} |")
if (WORK / "store-sizes").exists():
    sizes = {Path(path).name: int(kib) / 1024 for kib, path in
             (l.split() for l in (WORK / "store-sizes").read_text().splitlines())}
    p("| store on disk (MiB): " + ", ".join(f"{k.removeprefix('store-')} {fmt(v)}" for k, v in sizes.items())
      + " | |")
names = sorted({k.split("_", 2)[2] for k in runs if k.startswith("query_")})
KINDS = [("all", "all rows"), ("first1000", "first 1000 rows"), ("filtered", "with a filter"),
         ("exact", "exact name")]
if names:
    p("")
    p(f"| canned query on the {N:,}-article store | "
      + " | ".join(f"{label}: wall s / CPU s (rows)" for _, label in KINDS) + " |")
    p("|---|" + "---|" * len(KINDS))
for q in names:
    cells = []
    for kind, _ in KINDS:
        r = runs.get(f"query_{kind}_{q}")
        f = WORK / f"query.{q}.{kind}.tsv"
        status = WORK / f"status.query_{kind}_{q}"
        if not r:
            cells.append("-")
        elif status.exists():
            code = status.read_text().strip()
            cells.append(f"> {r['wall']:.0f} (stopped)" if code == "124" else f"failed ({code})")
        else:
            cpu = r["cpu"]
            cells.append(f"{r['wall']:.2f} / {cpu:.2f} ({max(lines(f) - 1, 0):,})")
    p(f"| {q} | " + " | ".join(cells) + " |")
p("")
p("Wall-clock times of whole commands (process start, rule loading and store opening "
  "included); spaCy is timed around nlp.pipe only.")
print("\n".join(out))
