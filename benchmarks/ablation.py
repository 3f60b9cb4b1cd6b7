#!/usr/bin/env python3
"""Ablation on the real-news set: trains model variants and reports each on tests/realnews/.

  python3 benchmarks/ablation.py [--half dev|locked|both] [--only NAME...] [--keep DIR]

Each variant is a training CSV and a list of `standpoint train` options; the table gives, for
each, the end-to-end numbers of `standpoint eval-quotes --realnews` (found quotes and speakers
only), beside answering "neutral" for everything. Tune on the dev half; the locked half is for
reporting. Needs a release build (`cargo build --release`) and ../shared/articles beside the
checkout; the binary is $CARGO_TARGET_DIR/release/standpoint (default target/). The "previous
data" variants train on the 9,771 rows of commit 99c3b9f. The "old data" variants train on the 2,876 rows the shipped data had before the
real-news work (extracted from git history at commit 8a5e5ab, with the `about` column added).
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "standpoint")
DATA = os.path.join(ROOT, "training_data", "negotiation.csv")
OLD_COMMIT = "8a5e5ab"
# the 9,771 rows before the round that added news-speech rows where the dev half showed gaps
PREV_COMMIT = "99c3b9f"

VARIANTS = [
    # name, data ("new" or "old"), train options, eval options
    ("shipped defaults", "new", [], []),
    ("no relevance stage", "new", ["--no-relevance"], []),
    ("relevance, stance on all rows", "new", ["--stance-rows", "all"], []),
    ("relevance without article context", "new", ["--relevance-context", "0"], []),
    ("article context weight 0.5 (the previous default)", "new", ["--relevance-context", "0.5"], []),
    ("previous data (9,771 rows), article context 0.6", "prev", [], []),
    ("previous data (9,771 rows) and previous context weight 0.5", "prev", ["--relevance-context", "0.5"], []),
    ("no calibration", "new", ["--no-calibration"], []),
    ("old data (2,876 rows), no relevance", "old", ["--no-relevance"], []),
    ("old data and old settings (no relevance, no calibration, no NB weights)", "old", ["--no-relevance", "--no-calibration", "--no-nb-weight"], []),
    ("+ character 2-5-grams", "new", ["--char-ngrams", "2-5"], []),
    ("no NB weights", "new", ["--no-nb-weight"], []),
    ("no negation marking", "new", ["--no-negation"], []),
    ("no name masking", "new", ["--no-name-mask"], []),
]


def old_data(path):
    """The pre-real-news training rows, with `about` as the shipped file labels them."""
    raw = subprocess.run(["git", "show", f"{OLD_COMMIT}:training_data/negotiation.csv"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    about = {}
    with open(DATA, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            about[r["text"]] = r["about"]
    rows = list(csv.DictReader(raw.splitlines()))
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["text", "stance", "sentiment", "about"], lineterminator="\n",
                           extrasaction="ignore")
        w.writeheader()
        for r in rows:
            r["about"] = about.get(r["text"], "negotiation")
            w.writerow(r)


def prev_data(path):
    """The training rows as they were at PREV_COMMIT."""
    raw = subprocess.run(["git", "show", f"{PREV_COMMIT}:training_data/negotiation.csv"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(raw)


def evaluate(model):
    out = subprocess.run([BIN, "eval-quotes", "--realnews", "--model", model, "--format", "json"],
                         cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(out.stderr)
    return json.loads(out.stdout)


def row(name, e, half):
    s = {(x["half"], x["group"]): x for x in e["slices"]}
    a, n, c = s[(half, "all")], s[(half, "negotiation")], s[(half, "control")]
    f = lambda x: f"{x:.3f}"
    return (f"| {name} | {f(a['accuracy'])} ({f(a['neutral_accuracy'])}) | {f(a['macro_f1'])} | "
            f"{f(n['accuracy'])} ({f(n['neutral_accuracy'])}) | {f(n['macro_f1'])} ({f(n['neutral_macro_f1'])}) | "
            f"{f(c['accuracy'])} ({f(c['neutral_accuracy'])}) | "
            f"{f(a['speaker_accuracy'])} ({f(a['neutral_speaker_accuracy'])}) | {f(a['speaker_accuracy_mean_rule'])} | "
            f"{f(n['speaker_accuracy'])} ({f(n['neutral_speaker_accuracy'])}) | "
            f"{f(a['ece'])} | {f(a['confident_errors'])} | {f(a['sentiment_macro_f1'])} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--half", default="dev", choices=["dev", "locked", "both"])
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--keep")
    a = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit(f"{BIN}: build it first with `cargo build --release`")
    tmp = a.keep or tempfile.mkdtemp(prefix="standpoint-ablation-")
    os.makedirs(tmp, exist_ok=True)
    old = os.path.join(tmp, "old.csv")
    old_data(old)
    prev = os.path.join(tmp, "prev.csv")
    prev_data(prev)
    files = {"new": DATA, "old": old, "prev": prev}
    results = []
    for name, data, train_opts, _ in VARIANTS:
        if a.only and not any(o in name for o in a.only):
            continue
        model = os.path.join(tmp, f"{len(results)}.json")
        cmd = [BIN, "train", "--data", files[data], "--out", model, "--force"] + train_opts
        t = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        if t.returncode != 0:
            sys.exit(f"{' '.join(cmd)}\n{t.stderr}")
        results.append((name, evaluate(model)))
        print(f"done: {name}", file=sys.stderr)
    halves = ["dev", "locked"] if a.half == "both" else [a.half]
    for half in halves:
        print(f"\n{half} half (in brackets: answering neutral for everything)\n")
        print("| variant | quote acc. | quote macro-F1 | negotiation: acc. | negotiation: macro-F1 | "
              "control: acc. | speaker acc. | speaker acc., mean-probability rule | negotiation: speaker acc. | "
              "ECE | confident errors | sentiment macro-F1 |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for name, e in results:
            print(row(name, e, half))


if __name__ == "__main__":
    main()
