#!/usr/bin/env bash
# Lays the seed inputs (seeds/inputs.txt, one per line) out as the starting
# corpus of each fuzz target: fuzz/corpus/TARGET/seed-N.
set -euo pipefail
cd "$(dirname "$0")"
for target in parse round_trip eval equation; do
    mkdir -p "corpus/$target"
    n=0
    while IFS= read -r line || [ -n "$line" ]; do
        n=$((n + 1))
        printf '%s' "$line" > "corpus/$target/seed-$n"
    done < seeds/inputs.txt
done
