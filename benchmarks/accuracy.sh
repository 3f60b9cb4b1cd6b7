#!/usr/bin/env bash
# Accuracy benchmark: standpoint eval on the shipped data and on the public datasets in
# ../shared/data, beside scikit-learn on identical splits; writes benchmarks/ACCURACY.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x benchmarks/.venv/bin/python ]; then
    python3 -m venv benchmarks/.venv
fi
benchmarks/.venv/bin/pip install --quiet "scikit-learn==1.5.2" "numpy<2.3" "scipy<1.16"
cargo build --release --quiet
cargo build --release --quiet --example speed
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
benchmarks/.venv/bin/python benchmarks/accuracy.py "$@"
