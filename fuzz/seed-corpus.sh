#!/usr/bin/env bash
# Lays the seed inputs (seeds/inputs.txt, one per line; seeds/latex.txt for
# the latex target) out as the starting corpus of each fuzz target:
# fuzz/corpus/TARGET/seed-N.
set -euo pipefail
cd "$(dirname "$0")"
lay_out() {
    local target=$1 seeds=$2
    mkdir -p "corpus/$target"
    n=0
    while IFS= read -r line || [ -n "$line" ]; do
        n=$((n + 1))
        printf '%s' "$line" > "corpus/$target/seed-$n"
    done < "$seeds"
}
for target in parse round_trip eval equation; do
    lay_out "$target" seeds/inputs.txt
done
lay_out latex seeds/latex.txt
