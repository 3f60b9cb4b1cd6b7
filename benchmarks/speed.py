"""Speed benchmark: our sparse solver, linfa-logistic and scikit-learn on the same data, plus
`standpoint score` end to end. Run through benchmarks/speed.sh, which builds the binaries and
installs scikit-learn; writes benchmarks/SPEED.md.
"""
import datetime
import json
import os
import platform
import resource
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "benchmarks", "data")
SPEED = os.path.join(ROOT, "target", "release", "examples", "speed")
STANDPOINT = os.path.join(ROOT, "target", "release", "standpoint")
PY = sys.executable

DATASETS = [
    # name, docs, features, seed, alpha (= 1/C), run linfa?
    ("synthetic 2k x 5k", 2000, 5000, 1, 1.0, True),
    ("synthetic 10k x 20k", 10000, 20000, 2, 1.0, False),
    ("synthetic 50k x 20k", 50000, 20000, 3, 1.0, False),
]


def run_json(cmd, env=None):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def timed(cmd, stdout_path):
    """Wall time and peak RSS (MB) of `cmd`, run under a fresh Python whose only child it is."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[2:], check=True, stdout=open(sys.argv[1], 'w'))\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([PY, "-c", probe, stdout_path] + cmd, check=True, capture_output=True, text=True, cwd=ROOT)
    wall, rss_kb = out.stdout.split()
    return float(wall), int(rss_kb) / 1024


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    import sklearn

    return (
        f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} {platform.release()}; "
        f"{rustc}; Python {platform.python_version()}, scikit-learn {sklearn.__version__}"
    )


def main():
    os.makedirs(DATA, exist_ok=True)
    rows = []
    sets = list(DATASETS)
    for name, n, d, seed, alpha, linfa in sets:
        path = os.path.join(DATA, f"{n}x{d}")
        if not os.path.exists(os.path.join(path, "test.svm")):
            subprocess.run([SPEED, "generate", str(n), str(d), str(seed), path], check=True)
    shipped = os.path.join(DATA, "shipped")
    subprocess.run([SPEED, "shipped", os.path.join(ROOT, "training_data", "negotiation.csv"), shipped], check=True)
    sets.append(("shipped training data (stance, 80/20)", None, None, None, 0.03, True))

    for name, n, d, seed, alpha, linfa in sets:
        path = shipped if n is None else os.path.join(DATA, f"{n}x{d}")
        train, test = os.path.join(path, "train.svm"), os.path.join(path, "test.svm")
        results = {}
        results["ours"] = run_json([SPEED, "fit", "sparse", train, test, str(alpha)])
        one = dict(os.environ, RAYON_NUM_THREADS="1")
        results["ours, 1 thread"] = run_json([SPEED, "fit", "sparse", train, test, str(alpha)], env=one)
        if linfa:
            results["linfa-logistic"] = run_json([SPEED, "fit", "linfa", train, test, str(alpha)])
        for solver in ["lbfgs", "saga"]:
            results[f"sklearn {solver}"] = run_json(
                [PY, os.path.join(ROOT, "benchmarks", "sklearn_speed.py"), solver, train, test, str(alpha)]
            )
        rows.append((name, alpha, results))
        print(name, json.dumps(results), flush=True)

    # end to end: standpoint score on a 50 MB and a 10 MB JSON Lines corpus
    e2e = []
    for mb in [10, 50]:
        corpus = os.path.join(DATA, f"corpus{mb}.jsonl")
        if not os.path.exists(corpus):
            subprocess.run(
                [SPEED, "corpus", str(mb), corpus, "../shared/articles/wikinews", "../shared/articles/seed"],
                check=True,
            )
        size = os.path.getsize(corpus)
        n_articles = sum(1 for _ in open(corpus))
        runs = [timed([STANDPOINT, "score", corpus], os.path.join(DATA, "score.out")) for _ in range(3)]
        wall = sorted(r[0] for r in runs)[1]
        rss = max(r[1] for r in runs)
        e2e.append((mb, size, n_articles, wall, rss))
        print(f"score {mb} MB: {wall:.2f} s, {size / wall / 1e6:.1f} MB/s, {rss:.0f} MB", flush=True)

    write_report(rows, e2e)


def fmt_row(label, r, saga):
    ratio = r["fit_s"] / saga["fit_s"]
    return (
        f"| {label} | {r['fit_s']:.3f} | {r['iterations']} | {r['accuracy']:.4f} | "
        f"{r['predict_rows_per_s'] / 1e6:.2f}M | {r['peak_rss_mb']:.0f} | {ratio:.2f} |"
    )


def write_report(rows, e2e):
    today = datetime.date.today().isoformat()
    lines = [
        "# Speed",
        "",
        f"Measured {today} by `benchmarks/speed.sh` on {machine()}.",
        "Every figure in a table comes from the same run; the machine is shared and noisy, so compare",
        "ratios within a table rather than absolute times across runs.",
        "",
        "## Fitting and prediction",
        "",
        "Multinomial logistic regression, L2 penalty `alpha` = 1/C, tolerance 1e-4, at most 100 iterations,",
        "on TF-IDF rows (L2-normalised). Synthetic data: Zipf(1.07) vocabulary, documents of 15-35 tokens,",
        "3 classes from a planted linear model plus Gumbel noise, 80/20 split (`examples/speed.rs`).",
        "`ours` = `standpoint::logistic` (L-BFGS, diagonal preconditioning, rayon on 2 threads);",
        "scikit-learn's solvers run single-threaded on scipy CSR. Predict = `predict_proba` rows per second on",
        "one core over the test split. Peak RSS is the whole process (data loading included; Python's",
        "baseline with numpy and scipy imported is about 100 MB). *ratio* = fit time / scikit-learn saga's.",
        "",
    ]
    for name, alpha, results in rows:
        saga = results["sklearn saga"]
        lines += [
            f"### {name} (alpha = {alpha})",
            "",
            "| solver | fit s | iterations | test accuracy | predict rows/s | peak RSS MB | fit time / saga |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for label, r in results.items():
            lines.append(fmt_row(label, r, saga))
        lines.append("")
    lines += [
        "## `standpoint score` end to end",
        "",
        "JSON Lines corpora generated by recombining paragraphs of the project's own training sentences and",
        "of the articles in `../shared/articles` (`examples/speed.rs corpus`); default model, table output,",
        "2 threads; median of 3 runs, peak RSS the largest of the 3.",
        "",
        "| corpus | articles | wall s | MB/s | articles/s | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for mb, size, n, wall, rss in e2e:
        lines.append(
            f"| {size / 1e6:.1f} MB | {n} | {wall:.2f} | {size / wall / 1e6:.1f} | {n / wall:.0f} | {rss:.0f} |"
        )
    lines.append("")
    with open(os.path.join(ROOT, "benchmarks", "SPEED.md"), "w") as f:
        f.write("\n".join(lines))
    print("wrote benchmarks/SPEED.md")


if __name__ == "__main__":
    main()
