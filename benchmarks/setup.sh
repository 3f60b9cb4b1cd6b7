# Shared set-up of the benchmark scripts (sourced, not run): scikit-learn in benchmarks/.venv, the
# release binaries, single-threaded BLAS for scikit-learn.
if [ ! -x benchmarks/.venv/bin/python ]; then
    python3 -m venv benchmarks/.venv
fi
benchmarks/.venv/bin/pip install --quiet "scikit-learn==1.5.2" "numpy<2.3" "scipy<1.16"
cargo build --release --quiet
cargo build --release --quiet --example speed
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
