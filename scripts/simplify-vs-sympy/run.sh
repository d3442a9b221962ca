#!/usr/bin/env bash
# symdiff's simplified derivatives against SymPy's simplify(diff(f)) on
# random expressions: sizes (count_ops), agreement at random points, and
# per-case times. Outside `cargo test`: the project's tests never need SymPy.
#
#   scripts/simplify-vs-sympy/run.sh [--symdiff DIR] [--venv DIR] [--debug]
#                                    [compare.py options: --cases N --seed S
#                                     --timeout SECS --jobs J --out DIR ...]
#
# --symdiff DIR  the symdiff checkout (worktree) to test (default: this one);
#                its Python package is built there (target/) with maturin.
# --venv DIR     the virtual environment (default DIR/target/sympy-venv),
#                created with python3 -m venv and reused if present.
# --debug        build the package unoptimized (quicker to build; the
#                sizes are the same, the times are not worth reading).
# Every other argument goes to compare.py (see `compare.py --help`).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The command as given, for the report.
export SIMPLIFY_VS_SYMPY_COMMAND="scripts/simplify-vs-sympy/run.sh $*"
root="$(cd "$here/../.." && pwd)"
venv=""
release="--release"
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --symdiff) root="$(cd "$2" && pwd)"; shift 2 ;;
        --venv) venv="$2"; shift 2 ;;
        --debug) release=""; shift ;;
        *) args+=("$1"); shift ;;
    esac
done
venv="${venv:-$root/target/sympy-venv}"

if [ ! -x "$venv/bin/python" ]; then
    echo "== creating the virtual environment $venv" >&2
    python3 -m venv "$venv"
fi
py="$venv/bin/python"

echo "== installing SymPy and the build tools" >&2
"$py" -m pip install --quiet --disable-pip-version-check \
    "pip>=23" \
    "maturin>=1.7,<2" \
    "numpy>=1.26,<3" \
    "sympy==1.14.0" \
    "mpmath==1.3.0"

echo "== building symdiff's Python package from $root/python (maturin develop ${release:-debug})" >&2
(cd "$root/python" && VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" maturin develop $release --quiet >&2)

echo "== comparing" >&2
exec "$py" "$here/compare.py" --symdiff-root "$root" ${args[@]+"${args[@]}"}
