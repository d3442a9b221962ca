#!/usr/bin/env bash
# Every test of symdiff, the one command README.md gives: the Rust tests
# (cargo test), the Python package's tests
# (python/run-tests.sh: a virtual environment with pip, the package built
# with maturin, pytest), and the browser test of `symdiff serve`
# (tests/browser/run.sh: Node's test runner driving Debian's Chromium).
# What they need is installed here: the Python tools into a virtual
# environment, and Chromium with apt-get when it is missing and this runs
# as root. Exits non-zero when any part fails.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

echo "== Rust: cargo test"
cargo test

echo "== Python: python/run-tests.sh"
bash python/run-tests.sh -q

if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Debian's Chromium for the browser test"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ||
        echo "warning: could not install chromium with apt-get"
fi
echo "== Browser: tests/browser/run.sh"
bash tests/browser/run.sh
