"""scikit-learn reference for benchmarks/accuracy.py: TF-IDF + LogisticRegression(C=1) on exactly
the rows and splits standpoint uses, with one of three feature sets (FEATURES):

  word12        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
  word13_char25 word 1-3-grams and char_wb 2-5-grams, both TF-IDF with sublinear tf (FeatureUnion)
  word12_nb     word12 with each column scaled by its largest one-vs-rest Naive Bayes log-count
                ratio (Wang & Manning 2012; presence counts + 1), then rows L2-normalised

Usage:
  python sklearn_accuracy.py split CSV TEXT_COL LABEL_COL SPLIT_COL TRAIN_VALUE TEST_VALUE [FEATURES]
  python sklearn_accuracy.py folds CSV TEXT_COL LABEL_COL FOLDS.csv [FEATURES]
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


FEATURES = "word12"


def nb_scale(x, y):
    """Per column: the largest |log-count ratio| over the labels, one label against the rest."""
    xb = (x > 0).astype(np.float64)
    y = np.asarray(y)
    scale = np.zeros(x.shape[1])
    for label in sorted(set(y)):
        p = np.asarray(xb[y == label].sum(axis=0)).ravel() + 1.0
        q = np.asarray(xb[y != label].sum(axis=0)).ravel() + 1.0
        scale = np.maximum(scale, np.abs(np.log((p / p.sum()) / (q / q.sum()))))
    return np.maximum(scale, 1e-6)


def fit_predict(train_x, train_y, test_x):
    from scipy.sparse import diags
    from sklearn.pipeline import FeatureUnion
    from sklearn.preprocessing import normalize

    if FEATURES == "word13_char25":
        vec = FeatureUnion([
            ("words", TfidfVectorizer(ngram_range=(1, 3), sublinear_tf=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
        ])
    elif FEATURES == "word12_nb":
        vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, norm=None)
    else:
        vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    x = vec.fit_transform(train_x)
    xt = vec.transform(test_x)
    if FEATURES == "word12_nb":
        d = diags(nb_scale(x, train_y))
        x, xt = normalize(x @ d), normalize(xt @ d)
    model = LogisticRegression(C=1.0, max_iter=1000)
    model.fit(x, train_y)
    return model.predict(xt)


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
    global FEATURES
    mode = sys.argv[1]
    if mode == "split":
        path, text_col, label_col, split_col, tr, te = sys.argv[2:8]
        FEATURES = sys.argv[8] if len(sys.argv) > 8 else FEATURES
        data = list(rows(path, text_col, label_col))
        train = [(t, l) for r, t, l in data if r[split_col] == tr]
        test = [(t, l) for r, t, l in data if r[split_col] == te]
        pred = fit_predict([t for t, _ in train], [l for _, l in train], [t for t, _ in test])
        out = scores([l for _, l in test], list(pred))
        out.update(n_train=len(train), n_test=len(test))
    else:
        path, text_col, label_col, folds_path = sys.argv[2:6]
        FEATURES = sys.argv[6] if len(sys.argv) > 6 else FEATURES
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
