#!/usr/bin/env python3
"""Rerun the commands behind README.md's pasted-output blocks and compare (or replace) the blocks.

usage: CARGO_TARGET_DIR=... python3 benchmarks/readme_blocks.py check|update [BLOCK...]
Run from the checkout root after `cargo build --release`. BLOCK numbers count opening fences in README.md
(1-based). `check` exits 1 when a block differs from a fresh run (timings such as "12.30 s" are ignored);
`update` writes the fresh output into the differing blocks. Scratch files go to /tmp/rd.
"""
import os, re, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)
os.environ["PATH"] = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release") + os.pathsep + os.environ["PATH"]
os.makedirs("/tmp/rd", exist_ok=True)
S = "standpoint"
# ordinal of the fenced block (1-based, opening fences counted), shell command, selection, prefix line
SPECS = [
    (2, f"{S} score examples/harbour-strike-talks.txt 2>/dev/null", "all", None),
    (5, f"COLUMNS=80 {S} score examples/harbour-strike-talks.txt 2>/dev/null", "all", None),
    (7, f"{S} score ../shared/articles/wikinews-2019-2020.jsonl 2>&1 >/dev/null", "all", None),
    (8, f"{S} score tests/fixtures/web/harbour-page.html 2>/dev/null", "all", "$ standpoint score tests/fixtures/web/harbour-page.html"),
    (9, f"{S} score examples/harbour-strike-talks.txt --max-article-bytes 400 2>&1", "all", "$ standpoint score examples/harbour-strike-talks.txt --max-article-bytes 400"),
    (10, f"{S} score examples/harbour-strike-talks.txt --max-article-bytes 0 2>&1", "all", "$ standpoint score examples/harbour-strike-talks.txt --max-article-bytes 0"),
    (14, f"{S} score ../shared/articles/wikinews-2019-2020.jsonl --by month 2>/dev/null", "headtail", None),
    (17, f"{S} train --data training_data/negotiation.csv --out models/negotiation.json --force 2>&1", "all", None),
    (18, f"rm -rf /tmp/rd/t && mkdir -p /tmp/rd/t && cp tests/fixtures/small.csv /tmp/rd/t/talks.csv && cd /tmp/rd/t && {S} train --data talks.csv --folds 3 >/dev/null 2>&1; {S} train --data talks.csv --folds 3 2>&1 >/dev/null", "all", None),
    (19, f"rm -rf /tmp/rd/t && mkdir -p /tmp/rd/t && cp tests/fixtures/small.csv /tmp/rd/t/talks.csv && cd /tmp/rd/t && {S} train --data talks.csv --folds 3 2>&1 >/dev/null", "all", None),
    (20, "cd /tmp/rd && printf 'text,stance\\nWe will talk.,favor\\nNo talks.,maybe\\n' > data.csv && standpoint train --data data.csv 2>&1", "all", None),
    (27, f"{S} eval --data tests/fixtures/small.csv --folds 3 --sentiment-col - --errors 2>/dev/null", "find:^stance: \\d+ misclassified", None),
    (28, f"{S} eval --data training_data/negotiation.csv 2>/dev/null", "head", None),
    (30, f"{S} eval-quotes --realnews 2>/dev/null", "all", None),
    (31, f"{S} eval-quotes --realnews --format csv 2>/dev/null | grep -E '^dev/all,(quote_recall|speaker_attribution|speaker_rows|spurious|unmerged|duplicates)'", "all",
     "$ standpoint eval-quotes --realnews --format csv | grep -E '^dev/all,(quote_recall|speaker_attribution|speaker_rows|spurious|unmerged|duplicates)'"),
    (33, f"{S} explain --text 'We will never negotiate while they hold a gun to our heads.' 2>/dev/null", "all", None),
    (34, f"{S} explain ../shared/articles/seed/khamenei-rejects-us-talks.txt --top 3 2>/dev/null", "all", None),
    (35, f"{S} score ../shared/articles/seed/khamenei-rejects-us-talks.txt --quotes 2>/dev/null", "all", None),
    (37, f"cd /tmp/rd && {S} score $OLDPWD/examples/harbour-strike-talks.txt --partial a.json 2>/dev/null && {S} score $OLDPWD/../shared/articles/seed/khamenei-rejects-us-talks.txt --partial b.json 2>/dev/null && {S} merge a.json b.json --format markdown", "headtail", None),
    (42, f"{S} eval-quotes --no-labels 2>/dev/null", "all", None),
    (43, f"{S} eval-quotes 2>/dev/null", "find:^stance: extracted", None),
    (44, f"{S} score examples/layouts --quotes --format csv 2>/dev/null | cut -d, -f1,3,5,8", "all", None),
    (47, f"{S} score --alias examples/aliases.csv examples/alias-demo 2>/dev/null", "drop1", None),
]
TIMING = re.compile(r"\d+\.\d+ s\b")

def blocks(lines):
    out, start = [], None
    for i, l in enumerate(lines):
        if l.startswith("```"):
            if start is None:
                start = i
            else:
                out.append((start, i)); start = None
    return out

def select(out, old, how):
    if how == "all":
        return out
    if how == "drop1":
        return out[1:]
    if how == "head":
        return out[:len(old)]
    if how == "headtail":
        k = old.index("…")
        return out[:k] + ["…"] + out[len(out) - (len(old) - k - 1):]
    if how.startswith("find:"):
        k = next(i for i, x in enumerate(out) if re.search(how[5:], x))
        return out[k:k + len(old)]
    raise ValueError(how)

def main(mode, only=None):
    text = open("README.md").read().split("\n")
    bl = blocks(text)
    bad = 0
    for n, cmd, how, prefix in reversed(SPECS):
        if only and n not in only:
            continue
        s, e = bl[n - 1]
        old = text[s + 1:e]
        body = old[1:] if prefix else old
        if prefix:
            assert old[0] == prefix, (n, old[0])
        res = subprocess.run(cmd, shell=True, capture_output=True, text=True, executable="/bin/bash")
        out = res.stdout.rstrip("\n").split("\n")
        new = select(out, body, how)
        same = [TIMING.sub("T s", x) for x in new] == [TIMING.sub("T s", x) for x in body]
        print(f"block {n} (line {s+1}): {'same' if same else 'DIFFERENT'}")
        if not same:
            bad += 1
        if mode == "update" and not same:
            text[s + 1:e] = ([prefix] if prefix else []) + new
    if mode == "update":
        open("README.md", "w").write("\n".join(text))
    sys.exit(1 if (bad and mode == "check") else 0)

if __name__ == "__main__":
    main(sys.argv[1], [int(x) for x in sys.argv[2:]] or None)
