#!/usr/bin/env bash
# Accuracy benchmark: standpoint eval on the shipped data and on the public datasets in
# ../shared/data, beside scikit-learn on identical splits; writes benchmarks/ACCURACY.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/setup.sh
benchmarks/.venv/bin/python benchmarks/accuracy.py "$@"
