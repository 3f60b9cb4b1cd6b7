#!/usr/bin/env python3
"""Builds fuzz/corpus/<target>/ seed inputs (not committed: the articles are not ours to copy).

- article_text: tests/gold/*.txt, examples/*.txt, ../shared/articles/seed/*.txt and the text of every
  article of ../shared/articles/wikinews-2019-2020.jsonl that is not held out (HELD_OUT.txt); the
  wikinews/ folder is skipped, as it holds the held-out articles.
- json_line: the non-held-out lines of that corpus (first 200) and a few hand-made records.
- labelled_csv: training_data/negotiation.csv cut into 50 small files, tests/fixtures/small.csv.
- model_json: a small model trained on tests/fixtures/small.csv (needs the built binary).
- alias_csv: a few alias files.
Run from the repository root: python3 fuzz/seed.py
"""
import json
import pathlib
import subprocess

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "fuzz" / "corpus"
shared = root.parent / "shared" / "articles"


def put(target, name, data):
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


for p in sorted((root / "tests" / "gold").glob("*.txt")) + sorted((root / "examples").glob("*.txt")):
    put("article_text", p.name, p.read_bytes())
if shared.is_dir():
    held = {l.strip() for l in (shared / "HELD_OUT.txt").read_text().splitlines()
            if l.strip() and not l.startswith("#")}
    for p in sorted((shared / "seed").glob("*.txt")):
        put("article_text", "seed-" + p.name, p.read_bytes())
    n = 0
    for line in (shared / "wikinews-2019-2020.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec.get("id") in held:
            continue
        put("article_text", f"wn-{n:04}.txt", rec["text"])
        if n < 200:
            put("json_line", f"wn-{n:04}.jsonl", line)
        n += 1
for i, rec in enumerate([
    {"text": "\"No,\" she said."},
    {"id": 7, "title": "T", "date": "2020-01-01", "text": "&quot;Yes,&quot; he said."},
    {"html": "<html><body><article><p>\u201cWe agree,\u201d the mayor said.</p></article></body></html>"},
]):
    put("json_line", f"hand-{i}.jsonl", json.dumps(rec))
rows = (root / "training_data" / "negotiation.csv").read_text(encoding="utf-8").splitlines()
for i in range(50):
    put("labelled_csv", f"part-{i:02}.csv", "\n".join([rows[0]] + rows[1 + i * 20: 21 + i * 20]) + "\n")
put("labelled_csv", "small.csv", (root / "tests" / "fixtures" / "small.csv").read_bytes())
for i, body in enumerate([
    "alias,canonical\nOsei,Daniel Osei\n",
    "alias,canonical,kind\nthe union,Coastal Dockworkers Union,organization\n",
    "\ufeffalias,canonical\nthe minister,Ines Barros\n",
]):
    put("alias_csv", f"alias-{i}.csv", body)
binary = root / "target" / "release" / "standpoint"
if binary.exists():
    m = out / "model_json" / "small-model.json"
    m.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(binary), "train", "--data", str(root / "tests/fixtures/small.csv"),
                    "--out", str(m), "--folds", "0"], check=True, capture_output=True)
print("seed corpus in", out)
