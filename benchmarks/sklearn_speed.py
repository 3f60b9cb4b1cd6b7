"""Fit and predict with scikit-learn's LogisticRegression on an svmlight data set written by
`cargo run --release --example speed -- gen|shipped`; prints one JSON line like the Rust driver.

Usage: python sklearn_speed.py SOLVER TRAIN.svm TEST.svm ALPHA   (C = 1 / ALPHA)
"""
import json
import resource
import sys
import time

import numpy as np
from sklearn.datasets import load_svmlight_file
from sklearn.linear_model import LogisticRegression

solver, train, test, alpha = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
n_features = int(open(train.rsplit("/", 1)[0] + "/n_features").read())
x, y = load_svmlight_file(train, n_features=n_features, zero_based=True)
xt, yt = load_svmlight_file(test, n_features=n_features, zero_based=True)

model = LogisticRegression(solver=solver, C=1.0 / alpha, max_iter=100, tol=1e-4)
t0 = time.perf_counter()
model.fit(x, y)
fit_s = time.perf_counter() - t0

reps, t1 = 0, time.perf_counter()
while True:
    p = model.predict_proba(xt)
    reps += 1
    if time.perf_counter() - t1 >= 0.5:
        break
rate = reps * xt.shape[0] / (time.perf_counter() - t1)
accuracy = float(np.mean(model.classes_[p.argmax(axis=1)] == yt))
print(json.dumps({
    "solver": "sklearn-" + solver,
    "fit_s": round(fit_s, 4),
    "iterations": int(np.max(model.n_iter_)),
    "accuracy": round(accuracy, 4),
    "predict_rows_per_s": round(rate),
    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
}))
