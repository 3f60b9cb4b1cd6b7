#!/usr/bin/env bash
# Speed benchmark: builds the binaries, installs scikit-learn into benchmarks/.venv, runs
# benchmarks/speed.py and writes benchmarks/SPEED.md. Needs ../shared/articles for the corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/setup.sh
benchmarks/.venv/bin/python benchmarks/speed.py
