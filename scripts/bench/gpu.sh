#!/usr/bin/env bash
# Training on a GPU against the CPU on the same machine: an epoch of mnist-mlp and of mnist-cnn
# (batch 64) on every CPU core and on cuda:0, alternating, with medians and the speed-up, for
# docs/benchmarks.md. Runs tst_cuda first (every kernel and whole steps against the graph).
#
#   scripts/bench/gpu.sh [RUNS]      RUNS per measurement (default 3)
#
# Needs nvcc and a GPU; builds build-cuda/ (scripts/test.sh --cuda's folder) with the CLI.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-3}"
source "$root/scripts/lib/common.sh"
nvcc="$(gs_find_nvcc)"
[ -n "$nvcc" ] || gs_die "no nvcc: install the CUDA toolkit (docs/engine.md, \"Training on a GPU\")"
GS_BUILD_TARGETS=(gradscope-cli tst_cuda)
gs_build "$root/build-cuda" Release -DGRADSCOPE_CUDA=ON -DCMAKE_CUDA_COMPILER="$nvcc"
cli="$root/build-cuda/app/gradscope-cli"
"$cli" devices
"$cli" devices | grep -q '^cuda:0 ' || gs_die "no GPU can be used here (see above)"
QT_QPA_PLATFORM=offscreen "$root/build-cuda/tests/tst_cuda" || gs_die "tst_cuda failed"
source "$root/scripts/lib/bench.sh"

for i in $(seq "$runs"); do
    for preset in mnist-mlp mnist-cnn; do
        for device in cpu cuda:0; do
            "$cli" train --preset $preset --epochs 1 --device $device --json |
                field seconds >>"$out/$preset-$device"
        done
    done
done
echo
echo "| epoch (batch 64) | CPU, every core | cuda:0 | speed-up |"
echo "|---|---|---|---|"
for preset in mnist-mlp mnist-cnn; do
    cpu=$(median <"$out/$preset-cpu")
    gpu=$(median <"$out/$preset-cuda:0")
    awk -v p=$preset -v c="$cpu" -v g="$gpu" 'BEGIN { printf "| %s | %.3f s | %.3f s | %.1f× |\n", p, c, g, c / g }'
done
