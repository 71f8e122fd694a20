#!/usr/bin/env python3
"""Quality ratchet: scores the extraction on the dev sets and fails below the floors.

Runs ../shared/eval/score.py (the project's scorer, kept beside the clone) on each dev set
named in tests/quality-floors.json and compares every category's F1 with its floor. Raise
the floors when the extraction improves; never lower them to make a change pass.

Usage: quality-ratchet.py --bin target/release/newskg [--eval ../shared/eval]
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--eval", default=str(ROOT.parent / "shared" / "eval"))
    ap.add_argument("--floors", default=str(ROOT / "tests" / "quality-floors.json"))
    a = ap.parse_args()
    scorer = Path(a.eval) / "score.py"
    if not scorer.exists():
        print(f"quality ratchet: skipped ({scorer} not found)")
        return 0
    floors = json.loads(Path(a.floors).read_text())
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, want in floors["sets"].items():
            out = Path(tmp) / f"{name}.json"
            run = subprocess.run([sys.executable, str(scorer), "--bin", a.bin, "--set", str(Path(a.eval) / "dev" / name), "--json", str(out)],
                                 capture_output=True, text=True)
            if not out.exists():
                failures.append(f"{name}: the scorer failed: {run.stderr.strip()[-300:]}")
                continue
            got = json.loads(out.read_text())
            if got.get("failed_articles"):
                failures.append(f"{name}: {got['failed_articles']} article(s) failed to extract")
            cells = []
            for category, floor in want.items():
                f1 = got.get(category, {}).get("f1", 0.0)
                cells.append(f"{category} {f1:.3f} (floor {floor:.3f})")
                if f1 + 1e-9 < floor:
                    failures.append(f"{name}: {category} F1 {f1:.3f} is below its floor {floor:.3f}")
            print(f"quality ratchet {name}: " + " | ".join(cells))
    for f in failures:
        print("quality ratchet FAILED:", f, file=sys.stderr)
    failed_sets = {f.split(":")[0] for f in failures}
    print(f"ratchet: {len(floors['sets']) - len(failed_sets)} passed, {len(failed_sets)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
