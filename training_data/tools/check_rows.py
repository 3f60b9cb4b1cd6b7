#!/usr/bin/env python3
"""Checks (and with --merge, appends) labelled training rows.

  check_rows.py training_data/negotiation.csv                 check the file
  check_rows.py training_data/negotiation.csv --merge NEW...  append the new rows that pass

Checks: labels in their sets; `about` = other rows are neutral in stance; no exact or
near-duplicate texts (same words after lowercasing and removing punctuation and digits); and no
row sharing a sequence of 8 words with any article in ../shared/articles or any sentence of the
public datasets in ../shared/data (the rows are written by the team, never copied). Standard
library only.
"""
import argparse
import csv
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "..", "shared")
FIELDS = ["text", "stance", "sentiment", "about", "domain", "form"]
STANCE = {"favor", "against", "neutral"}
SENTIMENT = {"positive", "negative", "neutral"}
ABOUT = {"negotiation", "other"}
N = 8


def words(s):
    return re.findall(r"[a-z]+", s.lower().replace("\u2019", "'"))


def key(s):
    return " ".join(words(s))


def shingles(ws, n=N):
    return {" ".join(ws[i:i + n]) for i in range(len(ws) - n + 1)}


def outside_text():
    """8-word shingles of every article and public dataset sentence in ../shared."""
    out = set()
    jl = os.path.join(SHARED, "articles", "wikinews-2019-2020.jsonl")
    if os.path.exists(jl):
        for line in open(jl, encoding="utf-8"):
            out |= shingles(words(json.loads(line)["text"]))
    for p in glob.glob(os.path.join(SHARED, "articles", "**", "*.txt"), recursive=True):
        out |= shingles(words(open(p, encoding="utf-8").read()))
    for p in glob.glob(os.path.join(SHARED, "data", "*", "sentences.csv")):
        with open(p, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                out |= shingles(words(r.get("text", "")))
    return out


def problems(rows, seen, outside):
    bad = []
    for r, where in rows:
        t = (r.get("text") or "").strip()
        if not t:
            bad.append((where, "empty text"))
            continue
        if r.get("stance") not in STANCE:
            bad.append((where, f"stance {r.get('stance')!r}"))
        if r.get("sentiment") not in SENTIMENT:
            bad.append((where, f"sentiment {r.get('sentiment')!r}"))
        if r.get("about") not in ABOUT:
            bad.append((where, f"about {r.get('about')!r}"))
        if r.get("about") == "other" and r.get("stance") != "neutral":
            bad.append((where, "about other but stance not neutral"))
        k = key(t)
        if k in seen:
            bad.append((where, f"duplicate of {seen[k]}: {t[:70]!r}"))
        else:
            seen[k] = where
        hit = shingles(words(t)) & outside
        if hit:
            bad.append((where, f"shares {N} words with an article or dataset: {sorted(hit)[0]!r}"))
    return bad


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return [(r, f"{path}:{i + 2}") for i, r in enumerate(csv.DictReader(f))]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data")
    ap.add_argument("--merge", nargs="*", default=[])
    a = ap.parse_args()
    outside = outside_text()
    if not outside:
        print("note: ../shared not found; the copy check is skipped", file=sys.stderr)
    base = read(a.data)
    seen = {}
    bad = problems(base, seen, outside)
    for where, what in bad:
        print(f"{where}: {what}")
    if not a.merge:
        print(f"{len(base)} rows, {len(bad)} problems")
        sys.exit(1 if bad else 0)
    if bad:
        sys.exit("fix the base file first")
    keep = []
    for p in a.merge:
        rows = read(p)
        for (r, where) in rows:
            b = problems([(r, where)], seen, outside)
            if b:
                for w, what in b:
                    print(f"skipped {w}: {what}")
            else:
                keep.append({k: r.get(k, "") for k in FIELDS})
    with open(a.data, "a", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=FIELDS, lineterminator="\n")
        w.writerows(keep)
    print(f"appended {len(keep)} rows to {a.data}")


if __name__ == "__main__":
    main()
