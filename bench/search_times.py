"""Times `newskg search` and the word filters of the ready-made queries (bench/search.sh).

Usage: search_times.py BIN STORE RUNS. Each command runs RUNS times; prints a Markdown
table: the command, fastest and median wall seconds, the least CPU seconds (user and
system) of a run, and the hits or rows it printed; then the load average (the machine is
shared: CPU time is the steadier number)."""
import os
import resource
import statistics
import subprocess
import sys
import time

BIN, STORE, RUNS = sys.argv[1], sys.argv[2], int(sys.argv[3])

COMMANDS = [
    ("search nakamura (all kinds)", ["search", "nakamura"]),
    ("search nakamura --in names", ["search", "nakamura", "--in", "names"]),
    ("search tariffs --in quotes", ["search", "tariffs", "--in", "quotes"]),
    ("search \"debt relief\" --in text", ["search", "debt relief", "--in", "text"]),
    ("search said (most hits)", ["search", "said"]),
    ("search zeppelin (no hit)", ["search", "zeppelin"]),
    ("posts-held holder=Nakamura", ["query", "posts-held", "--param", "holder=Nakamura"]),
    ("quotes-by-speaker speaker_filter=Nakamura", ["query", "quotes-by-speaker", "--param", "speaker_filter=Nakamura"]),
    ("who-met-whom name=Nakamura", ["query", "who-met-whom", "--param", "name=Nakamura"]),
    ("posts-held holder=Anna (a common first name)", ["query", "posts-held", "--param", "holder=Anna"]),
    ("quotes-by-speaker speaker_filter=Reuters", ["query", "quotes-by-speaker", "--param", "speaker_filter=Reuters"]),
    # A name in many articles that rarely or never plays the part the query needs.
    ("posts-held holder=Reuters", ["query", "posts-held", "--param", "holder=Reuters"]),
    ("who-met-whom name=Reuters", ["query", "who-met-whom", "--param", "name=Reuters"]),
    ("who-met-whom name=Anna", ["query", "who-met-whom", "--param", "name=Anna"]),
]


def cpu_of_children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(args):
    cpu_before = cpu_of_children()
    started = time.perf_counter()
    out = subprocess.run([BIN, *args, "--store", STORE, *(["--format", "tsv"] if args[0] == "query" else [])],
                         capture_output=True, text=True, check=True)
    took = time.perf_counter() - started
    cpu = cpu_of_children() - cpu_before
    lines = out.stdout.count("\n") - (1 if args[0] == "query" else 0)
    total = next((l.split()[1] for l in out.stderr.splitlines() if l.startswith("newskg: ") and " hit" in l), None)
    return took, cpu, f"{lines} shown" + (f" of {total}" if total else "")


print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
print("| command | fastest s | median s | least CPU s | output |")
print("|---|---|---|---|---|")
for name, args in COMMANDS:
    times, cpus, shown = [], [], ""
    for _ in range(RUNS):
        took, cpu, shown = run(args)
        times.append(took)
        cpus.append(cpu)
    print(f"| {name} | {min(times):.3f} | {statistics.median(times):.3f} | {min(cpus):.2f} | {shown} |")
print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
