#!/usr/bin/env bash
# The browser end-to-end test of `symdiff serve`: builds the binary, starts
# it on a free port, runs page.test.mjs in headless Chromium, stops the
# server. Screenshots go to target/browser/. Exits non-zero on failure; where
# no Chromium is installed it says so loudly and exits 0.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
chromium="${CHROMIUM:-/usr/bin/chromium}"

if [ ! -x "$chromium" ]; then
    echo "=================================================================="
    echo "SKIPPED: the browser test of symdiff serve needs Chromium at"
    echo "$chromium (Debian: apt-get install chromium). NOT RUN."
    echo "=================================================================="
    exit 0
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "error: the browser test needs Node.js and npm" >&2
    exit 1
fi

cd "$root"
cargo build --quiet --bin symdiff
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

log="$(mktemp)"
target/debug/symdiff serve --port 0 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT

url=""
for _ in $(seq 1 100); do
    url="$(grep -o 'http://[^ ]*' "$log" || true)"
    [ -n "$url" ] && break
    if ! kill -0 "$server" 2>/dev/null; then
        cat "$log" >&2
        echo "error: symdiff serve did not start" >&2
        exit 1
    fi
    sleep 0.1
done
if [ -z "$url" ]; then
    echo "error: symdiff serve printed no address" >&2
    exit 1
fi

mkdir -p target/browser
SYMDIFF_URL="$url" SCREENSHOTS="$root/target/browser" CHROMIUM="$chromium" \
    node --test "$here/page.test.mjs"
