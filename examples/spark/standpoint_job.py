"""Score a JSON Lines corpus on Spark with the standpoint Python package.

Each partition is scored with ``mapInPandas`` into one partial table (sums, not rows); the driver
collects the partials in partition order and merges them into the table a single
``standpoint score`` run prints, byte for byte.

    python examples/spark/standpoint_job.py ../shared/articles/wikinews-2019-2020.jsonl \\
        --master 'local[2]' --format csv [--compare-with-binary target/release/standpoint]

On a cluster: ``spark-submit --py-files`` cannot ship a compiled extension, so install the wheel
on the executors (``pip install standpoint-*.whl`` in the image, or
``--archives venv.tar.gz#venv`` with ``PYSPARK_PYTHON=./venv/bin/python``; see README).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql.types import LongType, StringType, StructField, StructType

ARTICLE = StructType(
    [StructField(c, StringType()) for c in ["id", "title", "date", "source", "text"]]
)
PARTIAL = StructType([StructField("part", LongType()), StructField("partial", StringType())])


_MODELS: dict = {}


def _model(path):
    """The model, loaded once per Python worker (Spark reuses workers across tasks)."""
    import standpoint

    if path not in _MODELS:
        _MODELS[path] = standpoint.Model.load(path)
    return _MODELS[path]


def score_partitions(model_path: str | None, quotes: bool):
    """The mapInPandas function: all batches of a partition → one partial table."""

    def run(batches):
        import pyspark

        model = _model(model_path)
        frames = [b for b in batches if len(b)]
        if not frames:
            return
        df = pd.concat(frames, ignore_index=True)
        part = pyspark.TaskContext.get().partitionId()
        yield pd.DataFrame({"part": [part], "partial": [model.partial(df, quotes=quotes)]})

    return run


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", help="JSON Lines: {id, title, date, source, text} per line")
    ap.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    ap.add_argument("--model", default=None, help="model file (default: the shipped model)")
    ap.add_argument("--format", default="table", choices=["table", "csv", "json", "markdown"])
    ap.add_argument(
        "--partition-bytes", type=int, default=200_000,
        help="spark.sql.files.maxPartitionBytes: input split size (default 200000, ~7 "
        "partitions for the Wikinews corpus; partitions keep file order)",
    )
    ap.add_argument(
        "--compare-with-binary", metavar="BIN",
        help="also run `BIN score CORPUS --format F` and exit 1 unless the outputs are equal",
    )
    args = ap.parse_args(argv)

    import os

    import standpoint

    # the executors' Python is the driver's (the one with the package installed)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    t0 = time.perf_counter()
    spark = (
        SparkSession.builder.master(args.master)
        .appName("standpoint")
        .config("spark.sql.files.maxPartitionBytes", str(args.partition_bytes))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    t1 = time.perf_counter()
    articles = spark.read.schema(ARTICLE).json(args.corpus)
    partials = (
        articles.mapInPandas(score_partitions(args.model, args.format == "json"), PARTIAL)
        .collect()
    )
    partials.sort(key=lambda r: r["part"])
    n_articles = sum(json.loads(r["partial"])["articles"] for r in partials)
    out = standpoint.merge_report([r["partial"] for r in partials], format=args.format)
    t2 = time.perf_counter()
    spark.stop()
    sys.stdout.write(out)
    print(
        f"standpoint-spark: {n_articles} articles in {len(partials)} partitions on {args.master}: "
        f"{t2 - t1:.2f} s scoring and merging ({n_articles / (t2 - t1):.0f} articles/s), "
        f"{t1 - t0:.2f} s starting Spark",
        file=sys.stderr,
    )
    if args.compare_with_binary:
        want = subprocess.run(
            [args.compare_with_binary, "score", args.corpus, "--format", args.format]
            + (["--model", args.model] if args.model else []),
            capture_output=True, check=True, text=True,
        ).stdout
        if want != out:
            print("standpoint-spark: MISMATCH with the single-process table", file=sys.stderr)
            return 1
        print("standpoint-spark: equal to the single-process table", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
