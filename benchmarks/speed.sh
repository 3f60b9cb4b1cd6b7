#!/usr/bin/env bash
# Speed benchmark: builds the binaries, installs scikit-learn into benchmarks/.venv, runs
# benchmarks/speed.py and writes benchmarks/SPEED.md. Needs ../shared/articles for the corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x benchmarks/.venv/bin/python ]; then
    python3 -m venv benchmarks/.venv
fi
benchmarks/.venv/bin/pip install --quiet "scikit-learn==1.5.2" "numpy<2.3" "scipy<1.16"
cargo build --release --quiet
cargo build --release --quiet --example speed
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
benchmarks/.venv/bin/python benchmarks/speed.py
