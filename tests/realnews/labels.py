#!/usr/bin/env python3
"""Label tool for the real-news dev set (tests/realnews/, format in README.md).

The label files hold labels, byte spans and digests, never the article text: the text is read from
../shared/articles/wikinews-2019-2020.jsonl (or --corpus). Standard library only.

  labels.py resolve WORK.json...   turn working files (with `content` strings) into label files
  labels.py show ID                print an article's labels beside its text, for review
  labels.py check                  validate every label file against the corpus; print counts
  labels.py split                  list the articles of each half (dev / locked)
"""
import argparse
import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.join(HERE, "..", "..", "..", "shared", "articles", "wikinews-2019-2020.jsonl")
HELD_OUT = os.path.join(HERE, "..", "..", "..", "shared", "articles", "HELD_OUT.txt")

STANCE = {"favor", "against", "neutral"}
SPEAKER_STANCE = STANCE | {"mixed"}
SENTIMENT = {"positive", "negative", "neutral"}
KINDS = {"direct", "indirect", "mixed"}
SPEAKER_KINDS = {"person", "group", "organization", "state", "unknown"}
GROUPS = {"negotiation", "control"}


def digest(s):
    """First 12 hex digits of the SHA-256 of the UTF-8 bytes."""
    return hashlib.sha256(s.encode("utf-8")).hexdigest()[:12]


def half(article_id):
    """`locked` or `dev`: fixed by the SHA-256 of the id (first 32 bits, odd = locked)."""
    return "locked" if int(hashlib.sha256(article_id.encode()).hexdigest()[:8], 16) % 2 == 1 else "dev"


def load_corpus(path):
    texts = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                texts[r["id"]] = r["text"]
    return texts


def held_out():
    try:
        with open(HELD_OUT, encoding="utf-8") as f:
            return {l.strip() for l in f if l.strip() and not l.startswith("#")}
    except OSError:
        return set()


_FOLD = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " ",
         "\u2014": "-", "\u2013": "-"}


def _normalise(s):
    """Folds quote marks and dashes and collapses whitespace; returns the string and, for each of its
    characters, the index of the source character."""
    out, index = [], []
    prev_space = False
    for i, ch in enumerate(s):
        ch = _FOLD.get(ch, ch)
        if ch.isspace():
            if prev_space:
                continue
            ch, prev_space = " ", True
        else:
            prev_space = False
        out.append(ch)
        index.append(i)
    return "".join(out), index


def _char_to_byte(text, i):
    return len(text[:i].encode("utf-8"))


def find_span(text, content, after=None, occurrence=None):
    """Byte span of `content` in `text` (exact, else after folding quote marks and whitespace).
    `after`: a string that comes before the content (the first occurrence after it is used);
    `occurrence`: 0-based index among several matches. Raises ValueError when absent or ambiguous."""
    start_at = 0
    if after is not None:
        pos = text.find(after)
        if pos < 0:
            ntext, idx = _normalise(text)
            nafter, _ = _normalise(after)
            p = ntext.find(nafter)
            if p < 0:
                raise ValueError(f"`after` string not found: {after!r}")
            pos = idx[p]
        start_at = pos
    hits = [m.start() for m in re.finditer(re.escape(content), text) if m.start() >= start_at]
    if hits:
        spans = [(h, h + len(content)) for h in hits]
    else:
        ntext, idx = _normalise(text)
        ncontent, _ = _normalise(content.strip())
        spans = []
        for m in re.finditer(re.escape(ncontent), ntext):
            s, e = idx[m.start()], idx[m.end() - 1] + 1
            if s >= start_at:
                spans.append((s, e))
        if not spans:
            raise ValueError(f"content not found in the article: {content[:80]!r}")
    if after is not None and occurrence is None:
        spans = spans[:1]
    if occurrence is not None:
        if occurrence >= len(spans):
            raise ValueError(f"occurrence {occurrence} but only {len(spans)} matches: {content[:60]!r}")
        spans = [spans[occurrence]]
    if len(spans) > 1:
        raise ValueError(f"content occurs {len(spans)} times; give `after` or `occurrence`: {content[:60]!r}")
    s, e = spans[0]
    return _char_to_byte(text, s), _char_to_byte(text, e)


def slice_bytes(text, start, end):
    return text.encode("utf-8")[start:end].decode("utf-8")


def speaker_rule(stances):
    """The guideline's speaker stance from quote stances: neutral when none takes a side; the side of at
    least two thirds of the stance-taking quotes; otherwise mixed."""
    f, a = stances.count("favor"), stances.count("against")
    if f + a == 0:
        return "neutral"
    if f * 3 >= 2 * (f + a):
        return "favor"
    if a * 3 >= 2 * (f + a):
        return "against"
    return "mixed"


def check_article(lab, text, path):
    """Returns a list of problems (empty when the file is valid) and a list of warnings."""
    problems, warnings = [], []
    if lab.get("group") not in GROUPS:
        problems.append(f"group must be one of {sorted(GROUPS)}")
    speakers = {s["speaker"]: s for s in lab.get("speakers", [])}
    for s in lab.get("speakers", []):
        if s.get("stance") not in SPEAKER_STANCE:
            problems.append(f"speaker {s.get('speaker')!r}: stance must be one of {sorted(SPEAKER_STANCE)}")
        if s.get("speaker_kind") not in SPEAKER_KINDS:
            problems.append(f"speaker {s.get('speaker')!r}: speaker_kind must be one of {sorted(SPEAKER_KINDS)}")
    by_speaker = {}
    for field in ("quotes", "acts"):
        for n, q in enumerate(lab.get(field, [])):
            where = f"{field}[{n}]"
            if field == "quotes" and q.get("kind") not in KINDS:
                problems.append(f"{where}: kind must be one of {sorted(KINDS)}")
            if q.get("stance") not in STANCE:
                problems.append(f"{where}: stance must be one of {sorted(STANCE)}")
            if q.get("sentiment") not in SENTIMENT:
                problems.append(f"{where}: sentiment must be one of {sorted(SENTIMENT)}")
            if q.get("speaker") not in speakers:
                problems.append(f"{where}: speaker {q.get('speaker')!r} is not in `speakers`")
            if text is not None:
                try:
                    got = slice_bytes(text, q["start"], q["end"])
                except (UnicodeDecodeError, KeyError, TypeError):
                    problems.append(f"{where}: start/end do not slice the text at character boundaries")
                    continue
                if digest(got) != q.get("digest"):
                    problems.append(f"{where}: digest does not match bytes {q['start']}..{q['end']} of the text")
            by_speaker.setdefault(q.get("speaker"), []).append(q.get("stance"))
    for name, s in speakers.items():
        if name not in by_speaker:
            problems.append(f"speaker {name!r} has no quote or act")
            continue
        rule = speaker_rule(by_speaker[name])
        if s.get("stance") != rule:
            if not s.get("note"):
                problems.append(f"speaker {name!r}: stance {s.get('stance')!r} but the rule gives {rule!r} "
                                "(fix it, or give a `note` saying why)")
            else:
                warnings.append(f"speaker {name!r}: {s.get('stance')} against the rule's {rule} ({s['note']})")
    return problems, warnings


def cmd_resolve(args, texts):
    held = held_out()
    bad = 0
    for work in args.work:
        with open(work, encoding="utf-8") as f:
            lab = json.load(f)
        aid = lab["article"]
        if aid in held:
            sys.exit(f"{work}: {aid} is a held-out article: it must not be labelled")
        if aid not in texts:
            sys.exit(f"{work}: no article {aid!r} in the corpus")
        text = texts[aid]
        errors = []
        for field in ("quotes", "acts", "not_speech"):
            for n, q in enumerate(lab.get(field, [])):
                if "content" not in q:
                    continue
                try:
                    s, e = find_span(text, q["content"], q.get("after"), q.get("occurrence"))
                except ValueError as err:
                    errors.append(f"{field}[{n}]: {err}")
                    continue
                q["start"], q["end"] = s, e
                q["digest"] = digest(slice_bytes(text, s, e))
                for k in ("content", "after", "occurrence"):
                    q.pop(k, None)
        problems, warnings = ([], [])
        if not errors:
            problems, warnings = check_article(lab, text, work)
        for w in warnings:
            print(f"{work}: warning: {w}")
        if errors or problems:
            bad += 1
            for p in errors + problems:
                print(f"{work}: {p}")
            continue
        for field in ("quotes", "acts", "not_speech"):
            lab.get(field, []).sort(key=lambda q: (q["start"], q.get("speaker", "")))
        out = os.path.join(args.out, aid + ".json")
        with open(out + ".tmp", "w", encoding="utf-8") as f:
            json.dump(lab, f, indent=1, ensure_ascii=False)
            f.write("\n")
        os.replace(out + ".tmp", out)
        print(f"{work}: wrote {out} ({len(lab.get('quotes', []))} quotes, {len(lab.get('acts', []))} acts, "
              f"{len(lab.get('speakers', []))} speakers; {half(aid)} half)")
    sys.exit(1 if bad else 0)


def label_files(directory):
    return sorted(os.path.join(directory, f) for f in os.listdir(directory) if f.endswith(".json"))


def cmd_check(args, texts):
    held = held_out()
    bad = 0
    totals = {}
    for path in label_files(args.dir):
        with open(path, encoding="utf-8") as f:
            lab = json.load(f)
        aid = lab["article"]
        if aid in held:
            print(f"{path}: held-out article")
            bad += 1
            continue
        problems, _ = check_article(lab, texts.get(aid), path)
        if aid not in texts:
            problems.append("article not in the corpus")
        for p in problems:
            print(f"{path}: {p}")
        bad += bool(problems)
        key = (half(aid), lab.get("group"))
        t = totals.setdefault(key, [0, 0, 0, 0])
        t[0] += 1
        t[1] += len(lab.get("quotes", []))
        t[2] += len(lab.get("acts", []))
        t[3] += len(lab.get("speakers", []))
    for (h, g), (a, q, ac, s) in sorted(totals.items()):
        print(f"{h:6} {g:11} {a:3} articles {q:4} quotes {ac:3} acts {s:4} speakers")
    sys.exit(1 if bad else 0)


def cmd_show(args, texts):
    path = os.path.join(args.dir, args.id + ".json")
    with open(path, encoding="utf-8") as f:
        lab = json.load(f)
    text = texts[lab["article"]]
    print(f"{lab['article']} [{lab['group']}; {half(lab['article'])} half] {lab.get('subject', '')}")
    for field in ("quotes", "acts"):
        for q in lab.get(field, []):
            body = slice_bytes(text, q["start"], q["end"]).replace("\n", " ")
            print(f"- {field[:-1]} {q.get('kind', 'act'):8} {q['stance']:7} {q['sentiment']:8} "
                  f"{q['speaker']} ({q.get('mention', '')!s} / {q.get('cue', '')}): {body}")
    for s in lab.get("speakers", []):
        print(f"* {s['speaker']} ({s['speaker_kind']}): {s['stance']}" + (f" — {s['note']}" if s.get("note") else ""))


def cmd_split(args, texts):
    for path in label_files(args.dir):
        with open(path, encoding="utf-8") as f:
            lab = json.load(f)
        print(half(lab["article"]), lab.get("group"), lab["article"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("resolve")
    r.add_argument("work", nargs="+")
    r.add_argument("--out", default=HERE)
    c = sub.add_parser("check")
    c.add_argument("--dir", default=HERE)
    s = sub.add_parser("show")
    s.add_argument("id")
    s.add_argument("--dir", default=HERE)
    p = sub.add_parser("split")
    p.add_argument("--dir", default=HERE)
    args = ap.parse_args()
    if not os.path.exists(args.corpus):
        sys.exit(f"{args.corpus}: not found (the Wikinews corpus from ../shared/articles)")
    texts = load_corpus(args.corpus)
    {"resolve": cmd_resolve, "check": cmd_check, "show": cmd_show, "split": cmd_split}[args.cmd](args, texts)


if __name__ == "__main__":
    main()
