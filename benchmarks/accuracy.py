"""Accuracy benchmark (run through benchmarks/accuracy.sh): `standpoint eval` on the shipped data
and on the public datasets in ../shared/data, scikit-learn's TF-IDF + logistic regression on the
identical splits, the majority baseline and the published reference numbers; writes
benchmarks/ACCURACY.md. Pass --no-grid to skip the (slow) grid searches.
"""
import datetime
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STANDPOINT = os.path.join(ROOT, "target", "release", "standpoint")
SPEED = os.path.join(ROOT, "target", "release", "examples", "speed")
SHARED = os.path.join(ROOT, "..", "shared", "data")
PY = sys.executable
GRID = "--no-grid" not in sys.argv

# (name, csv, split (train, test) or None for 5-fold CV, tasks, published reference text)
DATASETS = [
    (
        "shipped training data",
        os.path.join(ROOT, "training_data", "negotiation.csv"),
        None,
        ["stance", "sentiment"],
        "none (the project's own data)",
    ),
    (
        "IBM ArgQ-Rank-30k (stance toward the motion)",
        os.path.join(SHARED, "ibm-argq-30k", "sentences.csv"),
        ("train", "test"),
        ["stance"],
        "no published stance result (the paper ranks argument quality); test topics unseen in training",
    ),
    (
        "IBM Claim Stance (EACL 2017)",
        os.path.join(SHARED, "ibm-claim-stance", "sentences.csv"),
        ("train", "test"),
        ["stance", "sentiment"],
        "papers report accuracy at coverage for a sentiment-based model; exact figures not verified here "
        "(see the dataset README); test topics unseen in training; sentiment = claim toward its own target",
    ),
    (
        "NewsMTSC, test-rw",
        os.path.join(SHARED, "newsmtsc", "sentences.csv"),
        ("train", "test"),
        ["sentiment"],
        "macro-F1 0.831 (GRU-TSC + RoBERTa), 0.817 (TD-BERT), 0.801 (SPC-BERT); target-dependent, fine-tuned transformers",
    ),
    (
        "NewsMTSC, test-mt",
        os.path.join(SHARED, "newsmtsc", "sentences.csv"),
        ("train", "test_mt"),
        ["sentiment"],
        "macro-F1 0.825 (GRU-TSC + RoBERTa), 0.784 (TD-BERT), 0.737 (SPC-BERT)",
    ),
]

CONFIGS = [
    ("standpoint, defaults", []),
    ("standpoint, scikit-learn's settings", ["--alpha", "1", "--class-weight", "none", "--no-name-mask", "--no-negation"]),
]


def ours(path, split, task, extra):
    cmd = [STANDPOINT, "eval", "--data", path, "--format", "json"]
    other = "sentiment" if task == "stance" else "stance"
    cmd += [f"--{other}-col", "-"]
    if split:
        cmd += ["--split-col", "split", "--train-split", split[0], "--test-split", split[1]]
    out = subprocess.run(cmd + extra, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    d = json.loads(out)
    e = d["evaluations"][0]
    best = None
    if d["grids"]:
        pts = d["grids"][0]["points"]
        best = max(pts, key=lambda p: p["macro_f1"])
    return e, best


def sklearn(path, split, task):
    script = os.path.join(ROOT, "benchmarks", "sklearn_accuracy.py")
    if split:
        cmd = [PY, script, "split", path, "text", task, "split", split[0], split[1]]
    else:
        folds = os.path.join(ROOT, "benchmarks", "data", f"folds-{task}.csv")
        os.makedirs(os.path.dirname(folds), exist_ok=True)
        subprocess.run([SPEED, "folds", path, task, "5", "42", folds], check=True, cwd=ROOT)
        cmd = [PY, script, "folds", path, "text", task, folds]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def f3(x):
    return "-" if x is None else f"{x:.3f}"


def main():
    lines = []
    summary = []
    for name, path, split, tasks, published in DATASETS:
        if not os.path.exists(path):
            print(f"skipping {name}: {path} is absent", flush=True)
            continue
        protocol = "5-fold stratified cross-validation (seed 42; scikit-learn on the same folds)" if split is None else f"train on split = {split[0]}, test on split = {split[1]}"
        for task in tasks:
            results = []
            for label, extra in CONFIGS:
                e, _ = ours(path, split, task, extra)
                results.append((label, e, None))
            if GRID:
                e, best = ours(path, split, task, ["--grid"])
                desc = f"alpha {best['alpha']}, n-grams {best['ngram_range'][0]}-{best['ngram_range'][1]}, min_df {best['min_df']}, class weight {best['class_weight']}, names {'masked' if best['mask_names'] else 'kept'}"
                results.append(("standpoint, --grid (5-fold CV on the training data)", e, desc))
            sk = sklearn(path, split, task)
            base = results[0][1]
            lines += [
                f"### {name}: {task}",
                "",
                f"{protocol}; {base['n_train']} training rows, {base['report']['n']} test rows.",
                f"Published: {published}.",
                "",
                "| system | macro-F1 | accuracy | F_avg | Brier |",
                "|---|---:|---:|---:|---:|",
            ]
            for label, e, desc in results:
                r = e["report"]
                shown = label if not desc else f"{label}: {desc}"
                lines.append(f"| {shown} | {f3(r['macro_f1'])} | {f3(r['accuracy'])} | {f3(r['f_avg'])} | {f3(e['calibration']['brier'])} |")
            lines.append(f"| scikit-learn TfidfVectorizer(1-2-grams, sublinear tf) + LogisticRegression(C=1) | {f3(sk['macro_f1'])} | {f3(sk['accuracy'])} | {f3(sk.get('f_avg'))} | - |")
            m = base["majority"]
            lines.append(f"| majority class ({base['majority_label']}) | {f3(m['macro_f1'])} | {f3(m['accuracy'])} | {f3(m['f_avg'])} | - |")
            lines.append("")
            like = results[1][1]["report"]["macro_f1"]
            summary.append((f"{name}: {task}", results[0][1]["report"]["macro_f1"], like, results[-1][1]["report"]["macro_f1"] if GRID else None, sk["macro_f1"], m["macro_f1"]))
            print(name, task, "done", flush=True)
    head = [
        "# Accuracy",
        "",
        f"Measured {datetime.date.today().isoformat()} by `benchmarks/accuracy.sh` (standpoint {version()}, scikit-learn 1.5.2).",
        "Every number is macro-F1 over the labels that occur, unless the column says otherwise;",
        "F_avg is SemEval-2016 Task 6's mean F1 of favor and against; Brier is the multi-class Brier score.",
        "",
        "standpoint configurations: *defaults* are the shipped model's settings (word 1-2-grams, min_df 1,",
        "TF-IDF with sublinear tf, negation marking, capitalised names masked, balanced class weights,",
        "alpha 0.01); *scikit-learn's settings* turn off what scikit-learn's reference does not do",
        "(`--alpha 1 --class-weight none --no-name-mask --no-negation`) for a like-for-like comparison;",
        "*--grid* picks alpha, n-gram range, min_df, class weights and name masking by 5-fold",
        "cross-validated macro-F1 on the training data only, then refits and tests once.",
        "",
        "## Summary (macro-F1)",
        "",
        "| data | standpoint defaults | standpoint, scikit-learn's settings | standpoint --grid | scikit-learn | majority |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, a, b, c, s, m in summary:
        head.append(f"| {name} | {f3(a)} | {f3(b)} | {f3(c)} | {f3(s)} | {f3(m)} |")
    head += [
        "",
        "Notes:",
        "",
        "- Like for like (*scikit-learn's settings* against *scikit-learn*) ours is within 0.01 of scikit-learn or better on",
        "  every data set: the remaining gaps come from tokenisation (we keep one-letter words, `?` and `!`;",
        "  scikit-learn's default pattern drops them) and from the solvers' stopping points.",
        "- The *defaults* are tuned (by `--grid`) for the shipped data: about 2,800 short sentences, where a",
        "  weak penalty (alpha 0.01) and balanced class weights help. On 21,000 crowd-written arguments",
        "  (ArgQ) and on target-dependent news sentiment (NewsMTSC) they under-regularise, and masking",
        "  capitalised names hides the very targets NewsMTSC asks about; `--grid` recovers scikit-learn's",
        "  level or better, except on NewsMTSC test-mt, whose multi-target sentences differ from the training",
        "  split the grid is scored on (the like-for-like row matches scikit-learn there).",
        "- IBM Claim Stance's test topics are unseen in training, so every bag-of-words model stays near",
        "  the majority baseline; our negation marking and name masking help most there.",
        "- The published NewsMTSC results (0.80-0.83) are fine-tuned transformers with the target marked;",
        "  a bag-of-words model cannot tell the sentiment toward one target from the sentence's tone.",
        "",
        "## Details",
        "",
    ]
    with open(os.path.join(ROOT, "benchmarks", "ACCURACY.md"), "w") as f:
        f.write("\n".join(head + lines))
    print("wrote benchmarks/ACCURACY.md")


def version():
    return subprocess.run([STANDPOINT, "--version"], capture_output=True, text=True).stdout.split()[-1]


if __name__ == "__main__":
    main()
