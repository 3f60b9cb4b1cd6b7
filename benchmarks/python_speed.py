"""Throughput of the Python package against the binary (and the Spark job) on a corpus.

    target/ci-venv/bin/python benchmarks/python_speed.py [--corpus FILE] [--binary BIN]
        [--runs 5] [--spark]

Each measurement is a fresh process; its wall time and the peak resident memory of its whole
process tree (sampled from /proc every 20 ms) are recorded; the median wall over --runs is
reported. "package" times Model.load + reading the corpus into a DataFrame + Model.score, in
one process, after the interpreter has imported pandas; "package, process" is the whole process
(interpreter start and imports included). Prints Markdown rows for benchmarks/SPEED.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PACKAGE = r"""
import sys, time, json
import pandas as pd
import standpoint
t0 = time.perf_counter()
model = standpoint.Model.load()
df = pd.read_json(sys.argv[1], lines=True, dtype=False)
speakers, quotes = model.score(df)
t1 = time.perf_counter()
print(json.dumps({"seconds": t1 - t0, "articles": len(df), "quotes": len(quotes)}))
"""


def tree_rss_kb(root_pid: int) -> int:
    """Resident memory (kB) of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ppid, pages = int(fields[1]), int(fields[21])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(d))
        rss[int(d)] = pages * os.sysconf("SC_PAGE_SIZE") // 1024
    total, stack = 0, [root_pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total


def measure(cmd: list[str]) -> tuple[float, float, str]:
    """(wall s, peak tree RSS MB, stdout) of one run of cmd."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss_kb(proc.pid))
            time.sleep(0.02)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    th.join()
    if proc.returncode != 0:
        sys.exit(f"{cmd[0]} failed: {err.decode()[-2000:]}")
    return wall, peak[0] / 1024, out.decode()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/articles/wikinews-2019-2020.jsonl"))
    ap.add_argument("--binary", default=str(ROOT / "target/release/standpoint"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--spark", action="store_true", help="also time examples/spark (local[2])")
    args = ap.parse_args()
    n = sum(1 for line in open(args.corpus) if line.strip())
    rows = []

    def median(cmd, parse=None):
        walls, peaks, inner = [], [], []
        for _ in range(args.runs):
            w, p, out = measure(cmd)
            walls.append(w)
            peaks.append(p)
            if parse:
                inner.append(parse(out))
        return statistics.median(walls), max(peaks), (statistics.median(inner) if inner else None)

    b_wall, b_peak, _ = median([args.binary, "score", args.corpus, "--format", "csv"])
    rows.append(("binary (`standpoint score`, whole process)", b_wall, b_peak))
    p_wall, p_peak, p_inner = median(
        [sys.executable, "-c", PACKAGE, args.corpus], lambda o: json.loads(o)["seconds"]
    )
    rows.append(("Python package (load + read + score, in process)", p_inner, p_peak))
    rows.append(("Python package (whole process, imports included)", p_wall, p_peak))
    if args.spark:
        s_wall, s_peak, _ = median(
            [sys.executable, "-W", "ignore", "examples/spark/standpoint_job.py", args.corpus,
             "--master", "local[2]", "--format", "csv"]
        )
        rows.append(("Spark local[2] (whole job, JVM start included)", s_wall, s_peak))
    print(f"{n} articles ({Path(args.corpus).name}), {os.cpu_count()} cores, median of {args.runs} runs\n")
    print("| run | wall s | articles/s | articles/s per core | peak RSS MB | time / binary |")
    print("|---|---:|---:|---:|---:|---:|")
    cores = os.cpu_count() or 1
    for name, wall, peak in rows:
        print(f"| {name} | {wall:.2f} | {n / wall:.0f} | {n / wall / cores:.0f} | {peak:.0f} | {wall / b_wall:.2f} |")


if __name__ == "__main__":
    main()
