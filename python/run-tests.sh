#!/usr/bin/env bash
# The Python package's tests, from a machine with only python3 (with venv
# and pip), cargo and network access to PyPI and crates.io:
#   1. a virtual environment (default target/py-venv, reused if present;
#      PY_VENV=DIR to choose another),
#   2. the test tools pinned below,
#   3. the package built and installed from python/ (maturin, release),
#   4. the symdiff binary the agreement tests compare with,
#   5. pytest over python/tests (extra arguments go to pytest).
# Exits non-zero on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
venv="${PY_VENV:-$root/target/py-venv}"

if [ ! -x "$venv/bin/python" ]; then
    echo "== creating the virtual environment $venv"
    python3 -m venv "$venv"
fi
py="$venv/bin/python"

echo "== installing the test tools"
"$py" -m pip install --quiet --disable-pip-version-check \
    "pip>=23" \
    "maturin>=1.7,<2" \
    "numpy>=1.26,<3" \
    "pytest>=8,<9" \
    "dask[distributed]>=2024.8,<2027"

echo "== building and installing the package (maturin, release)"
# maturin develop installs into the venv without an sdist step and reuses
# cargo's build cache in target/ between runs.
(cd "$here" && VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" maturin develop --release --quiet)

echo "== building the symdiff binary"
(cd "$root" && cargo build --quiet --bin symdiff)
export SYMDIFF_BIN="$root/target/debug/symdiff"

echo "== pytest"
cd "$here"
exec "$py" -m pytest -p no:cacheprovider "$@"
