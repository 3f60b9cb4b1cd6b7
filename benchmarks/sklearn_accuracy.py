"""scikit-learn reference for benchmarks/accuracy.py: TfidfVectorizer(ngram_range=(1, 2),
sublinear_tf=True) + LogisticRegression(C=1) on exactly the rows and splits standpoint uses.

Usage:
  python sklearn_accuracy.py split CSV TEXT_COL LABEL_COL SPLIT_COL TRAIN_VALUE TEST_VALUE
  python sklearn_accuracy.py folds CSV TEXT_COL LABEL_COL FOLDS.csv
Prints one JSON line: macro_f1, accuracy, f_avg (favor/against, when those labels exist), n_train, n_test.
"""
import csv
import json
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

csv.field_size_limit(10**9)


def rows(path, text_col, label_col):
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            label = r[label_col].strip().lower()
            if label == "none":
                label = "neutral"
            if label:
                yield r, r[text_col].strip(), label


def fit_predict(train_x, train_y, test_x):
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    x = vec.fit_transform(train_x)
    model = LogisticRegression(C=1.0, max_iter=1000)
    model.fit(x, train_y)
    return model.predict(vec.transform(test_x))


def scores(truth, pred):
    labels = sorted(set(truth) | set(pred))
    out = {
        "macro_f1": f1_score(truth, pred, labels=labels, average="macro", zero_division=0),
        "accuracy": accuracy_score(truth, pred),
    }
    if "favor" in labels and "against" in labels:
        per = f1_score(truth, pred, labels=["favor", "against"], average=None, zero_division=0)
        out["f_avg"] = float(np.mean(per))
    return out


def main():
    mode = sys.argv[1]
    if mode == "split":
        path, text_col, label_col, split_col, tr, te = sys.argv[2:8]
        data = list(rows(path, text_col, label_col))
        train = [(t, l) for r, t, l in data if r[split_col] == tr]
        test = [(t, l) for r, t, l in data if r[split_col] == te]
        pred = fit_predict([t for t, _ in train], [l for _, l in train], [t for t, _ in test])
        out = scores([l for _, l in test], list(pred))
        out.update(n_train=len(train), n_test=len(test))
    else:
        path, text_col, label_col, folds_path = sys.argv[2:6]
        data = [(t, l) for _, t, l in rows(path, text_col, label_col)]
        with open(folds_path, newline="") as f:
            folds = [int(r["fold"]) for r in csv.DictReader(f)]
        assert len(folds) == len(data), "fold file does not match the labelled rows"
        pred = [None] * len(data)
        for k in sorted(set(folds)):
            tr = [i for i, f in enumerate(folds) if f != k]
            te = [i for i, f in enumerate(folds) if f == k]
            p = fit_predict([data[i][0] for i in tr], [data[i][1] for i in tr], [data[i][0] for i in te])
            for i, v in zip(te, p):
                pred[i] = v
        out = scores([l for _, l in data], pred)
        out.update(n_train=len(data) - len(data) // len(set(folds)), n_test=len(data))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
