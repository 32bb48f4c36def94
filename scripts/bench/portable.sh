#!/usr/bin/env bash
# The portable build (the default: plain x86-64, the GEMM and pooling kernels chosen at run
# time) against a native one (-DGRADSCOPE_NATIVE=ON: everything compiled for this processor),
# docs/benchmarks.md "Portable and native builds". RUNS rounds (default 5) alternate the two
# gradscope-cli binaries on each workload; prints each round's seconds, the medians and the
# ratio portable / native.
#
#   scripts/bench/portable.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-5}"
source "$root/scripts/lib/common.sh"
gs_build "$root/build" Release
GS_BUILD_TARGETS=(gradscope-cli)
gs_build "$root/build-native" Release -DGRADSCOPE_NATIVE=ON -DBUILD_TESTING=OFF
portable="$root/build/app/gradscope-cli" native="$root/build-native/app/gradscope-cli"
source "$root/scripts/lib/bench.sh"
wide_preset "$out/wide.json"
# name|arguments: an epoch of MNIST where it is installed; the toy runs are step counts.
workloads=("spiral|--preset spiral --steps 20000" "mnist-mlp|--preset mnist-mlp --epochs 1"
    "mnist-mlp-adam|--preset mnist-mlp --epochs 1 --optimizer adam --lr 0.001"
    "wide-mlp|--preset $out/wide.json --epochs 1" "mnist-cnn|--preset mnist-cnn --steps 300")
run() { # run BINARY ARGS...: the run's seconds, from its last JSON line
    "$@" --json | tail -1 | field seconds
}
printf '%-16s %10s %10s %8s\n' workload portable native ratio
for w in "${workloads[@]}"; do
    name="${w%%|*}"
    read -r -a args <<<"${w#*|}"
    : >"$out/p" && : >"$out/n"
    for _ in $(seq "$runs"); do
        run "$portable" train "${args[@]}" >>"$out/p"
        run "$native" train "${args[@]}" >>"$out/n"
    done
    p=$(median <"$out/p") n=$(median <"$out/n")
    printf '%-16s %10.3f %10.3f %8.3f\n' "$name" "$p" "$n" "$(echo "$p / $n" | bc -l)"
done
echo "(medians of $runs alternating runs, seconds; ratio: portable / native)"
