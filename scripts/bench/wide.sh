#!/usr/bin/env bash
# The wide MLP and mnist-mlp rows of docs/benchmarks.md, alone and quickly: RUNS rounds
# (default 5) alternating Gradscope (every core) with PyTorch on 1 and 2 threads; prints each
# round's seconds and the medians.
#
#   scripts/bench/wide.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-5}"
source "$root/scripts/lib/common.sh"
gs_ensure_packages python3-torch libopenblas0-pthread
gs_build "$root/build" Release
cli="$root/build/app/gradscope-cli"
torch=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "$root/scripts/bench/torch_mnist.py")
source "$root/scripts/lib/bench.sh"
wide_preset "$out/wide.json"
echo "round: wide ours, wide torch 1, wide torch 2, mnist-mlp ours, mnist-mlp torch 1"
for i in $(seq "$runs"); do
    a=$("$cli" train --preset "$out/wide.json" --epochs 1 --json | tail -1 | field seconds)
    b=$("${torch[@]}" --model mlp --hidden 1024 --threads 1 | field seconds)
    c=$("${torch[@]}" --model mlp --hidden 1024 --threads 2 | field seconds)
    d=$("$cli" train --preset mnist-mlp --epochs 1 --json | tail -1 | field seconds)
    e=$("${torch[@]}" --model mlp --threads 1 | field seconds)
    echo "$i: $a $b $c $d $e" | tee -a "$out/rows"
done
for k in 2 3 4 5 6; do
    printf '%s ' "$(awk -v k=$k '{print $k}' "$out/rows" | median)"
done
echo "(medians, same order)"
