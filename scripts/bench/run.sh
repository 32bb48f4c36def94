#!/usr/bin/env bash
# Runs Gradscope's benchmarks side by side with PyTorch (Debian's python3-torch) on this machine
# and prints a Markdown table of medians and ratios, for docs/benchmarks.md.
#
#   scripts/bench/run.sh [RUNS]      RUNS per measurement (default 5), alternating the two
#
# PyTorch runs in its fastest configuration here: the faster of 1 and 2 threads, with
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset. Epoch times are the loop over mini-batches only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-5}"
source "$root/scripts/lib/common.sh"
gs_ensure_packages python3-torch libopenblas0-pthread
gs_build "$root/build" Release
cli="$root/build/app/gradscope-cli"
toy="$root/build/bench/gradscope-bench-toy"
torch=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3)
source "$root/scripts/lib/bench.sh"
# whole T: --whole-batches for a thread count written 2w (each batch kept whole), else nothing.
whole() { case "$1" in *w) echo --whole-batches ;; esac; }


# Gradscope on every core (its default) and on one; PyTorch on one and two threads (its
# thread counts set before torch loads: scripts/bench/torch_threads.py).
for i in $(seq "$runs"); do
    # How fast the two cores exchange data right before and right after this round's mnist-mlp
    # runs (the machine's state changes within minutes: docs/benchmarks.md).
    "$root/build/bench/gradscope-bench-gemm" roundtrip | field round_trip_ns >>"$out/rt-before"
    # 2w: every core with each batch kept whole (--whole-batches, the app's way)
    for t in 2 1 2w; do
        "$cli" train --preset mnist-mlp --epochs 1 --threads ${t%w} $(whole "$t") --json | field seconds >>"$out/mlp-ours$t"
        "$cli" train --preset mnist-mlp --epochs 1 --threads ${t%w} $(whole "$t") --optimizer adam --lr 0.001 --json | field seconds >>"$out/adam-ours$t"
    done
    "$root/build/bench/gradscope-bench-gemm" roundtrip | field round_trip_ns >>"$out/rt-after"
    for t in 1 2; do
        "${torch[@]}" "$root/scripts/bench/torch_mnist.py" --model mlp --threads $t | field seconds >>"$out/mlp-torch$t"
        "${torch[@]}" "$root/scripts/bench/torch_mnist.py" --model mlp --threads $t --optimizer adam --lr 0.001 | field seconds >>"$out/adam-torch$t"
        "${torch[@]}" "$root/scripts/bench/torch_toy.py" ce 5000 --threads $t | field steps_per_s >>"$out/toyce-torch$t"
    done
    # Two parts' products at once, and beside each other (and the round trip once more).
    "$root/build/bench/gradscope-bench-gemm" together >>"$out/together"
    "$toy" ce 100000 | field steps_per_s >>"$out/toyce-ours"
    "$toy" mse 100000 | field steps_per_s >>"$out/toymse-ours"
done
for i in $(seq 3); do
    for t in 2 1 2w; do
        "$cli" train --preset mnist-cnn --epochs 1 --threads ${t%w} $(whole "$t") --json | field seconds >>"$out/cnn-ours$t"
    done
    for t in 1 2; do
        "${torch[@]}" "$root/scripts/bench/torch_mnist.py" --model cnn --threads $t --optimizer momentum --lr 0.05 | field seconds >>"$out/cnn-torch$t"
    done
done
# The MLP at other hidden widths (784-H-10, SGD 0.1, batch 64): the mnist-mlp preset with H.
widths=(256 512 1024)
for h in "${widths[@]}"; do
    sed "s/\"out\": 128}/\"out\": $h}/; s/\"in\": 128,/\"in\": $h,/" \
        "$root/resources/presets/mnist-mlp.json" >"$out/mlp-$h.json"
    grep -q "\"out\": $h}" "$out/mlp-$h.json" || gs_die "could not make the $h-wide preset"
done
for i in $(seq 3); do
    for h in "${widths[@]}"; do
        "$cli" train --preset "$out/mlp-$h.json" --epochs 1 --json | field seconds >>"$out/mlp$h-ours2"
        "$cli" train --preset "$out/mlp-$h.json" --epochs 1 --whole-batches --json | field seconds >>"$out/mlp$h-ours2w"
        for t in 1 2; do
            "${torch[@]}" "$root/scripts/bench/torch_mnist.py" --model mlp --hidden "$h" --threads $t | field seconds >>"$out/mlp$h-torch$t"
        done
    done
    for h in 128 1024; do
        "$root/build/bench/gradscope-bench-gemm" "$h" 2 >>"$out/gemm$h"
    done
    "$root/build/bench/gradscope-bench-gemm" batches >>"$out/batches"
done
gui="$root/build/bench/gradscope-bench-gui"
for i in $(seq 3); do
    QT_QPA_PLATFORM=offscreen "$gui" toy 10 2>/dev/null >>"$out/gui-toy"
    QT_QPA_PLATFORM=offscreen "$gui" mnist 10 2>/dev/null >>"$out/gui-mnist"
    "$cli" train --preset mnist-mlp --epochs 1 --whole-batches --json | field samples_per_s >>"$out/cli-mnist-rate"
done
peak=$( { /usr/bin/time -f '%M' "$cli" train --preset mnist-mlp --epochs 1 >/dev/null; } 2>&1 | tail -1)

best() { # the faster PyTorch thread count: lower time, or higher rate with "rate"
    local a b
    a=$(median <"$out/$1-torch1"); b=$(median <"$out/$1-torch2")
    if [ "${2:-time}" = rate ]; then awk -v a="$a" -v b="$b" 'BEGIN{print (a>b?a:b)}'
    else awk -v a="$a" -v b="$b" 'BEGIN{print (a<b?a:b)}'; fi
}
row() { # name ours torch unit ratio-kind
    awk -v n="$1" -v o="$2" -v t="$3" -v u="$4" -v k="$5" 'BEGIN {
        r = (k == "rate") ? o / t : o / t
        printf "| %s | %.4g %s | %.4g %s | %.2f× |\n", n, o, u, t, u, r }'
}
echo "| benchmark (median of $runs runs) | Gradscope, every core | PyTorch (best of 1 and 2 threads) | ratio |"
echo "|---|---|---|---|"
row "mnist-mlp epoch, SGD 0.1, batch 64" "$(median <"$out/mlp-ours2")" "$(best mlp)" s time
row "mnist-mlp epoch, Adam 1e-3, batch 64" "$(median <"$out/adam-ours2")" "$(best adam)" s time
row "mnist-cnn epoch (3 runs)" "$(median <"$out/cnn-ours2")" "$(best cnn)" s time
for h in "${widths[@]}"; do
    row "784-$h-10 MLP epoch, SGD 0.1 (3 runs)" "$(median <"$out/mlp$h-ours2")" "$(best mlp$h)" s time
done
row "2-8-8-2 tanh CE, batch 10: steps/s" "$(median <"$out/toyce-ours")" "$(best toyce rate)" steps/s rate
echo
echo "Gradscope on one thread, and every core's time as a share of it (the CLI's default, which"
echo "splits batches where each thread's share has work enough, and with --whole-batches):"
for w in mlp adam cnn; do
    awk -v w="$w" -v one="$(median <"$out/$w-ours1")" -v two="$(median <"$out/$w-ours2")" \
        -v whole="$(median <"$out/$w-ours2w")" 'BEGIN {
        printf "  %s: %.4g s on one thread; every core %.4g s by default (%.2f×), %.4g s whole (%.2f×)\n",
            w, one, two, two / one, whole, whole / one }'
done
for h in "${widths[@]}"; do
    awk -v h="$h" -v two="$(median <"$out/mlp$h-ours2")" -v whole="$(median <"$out/mlp$h-ours2w")" \
        'BEGIN { printf "  784-%s-10: every core %.4g s by default, %.4g s whole\n", h, two, whole }'
done
echo
echo "The products alone (gradscope-bench-gemm H 2, median of 3), against the MLP epoch:"
for h in 128 1024; do
    epoch=$(if [ "$h" = 128 ]; then median <"$out/mlp-ours2"; else median <"$out/mlp$h-ours2"; fi)
    awk -v h="$h" -v e="$epoch" -v g="$(field epoch_gemm_seconds <"$out/gemm$h" | median)" \
        -v p="$(field epoch_gemm_seconds_at_peak <"$out/gemm$h" | median)" \
        -v f="$(field peak_gflops <"$out/gemm$h" | median)" 'BEGIN {
        printf "  784-%s-10: epoch %.4g s; its products %.4g s as run, %.4g s at the peak of %.0f GFLOP/s; epoch / peak time %.2f×\n", h, e, g, p, f, e / p }'
done
printf '  One part of the unit split (64 units), its products alone on one thread (gradscope-bench-gemm batches, median of 3), µs:\n   '
for f in forward_us_cached forward_us_random forward_us_consecutive weight_grad_us_cached \
    weight_grad_us_random weight_grad_us_consecutive; do
    printf ' %s %s' "$f" "$(field "$f" <"$out/batches" | median)"
done
echo
echo
printf '  Two such parts at once (gradscope-bench-gemm together, median of %s), µs (round trip ns):\n   ' "$runs"
for f in alone_us alone_side_by_side_us together_us side_by_side_us round_trip_ns; do
    printf ' %s %s' "$f" "$(field "$f" <"$out/together" | median)"
done
echo
echo "  Round by round: a cache line's round trip between the cores right before and right after"
echo "  the round's mnist-mlp runs, and mnist-mlp on every core against one thread:"
paste -d' ' "$out/rt-before" "$out/rt-after" "$out/mlp-ours2" "$out/mlp-ours1" |
    awk '{ printf "    %s–%s ns: %.4g s against %.4g s (%.2f×)\n", $1, $2, $3, $4, $3 / $4 }'
echo
echo "2-8-8-1 tanh MSE (TensorFlow Playground's set-up), batch 10: $(median <"$out/toymse-ours") steps/s"
echo
echo "The app, every view on (gradscope-bench-gui, median of 3 runs of 10 s):"
for w in toy mnist; do
    printf '  %s: %s steps/s, %s samples/s, %s epochs/s, %s frames/s, worst GUI stall %s ms\n' "$w" \
        "$(field steps_per_s <"$out/gui-$w" | median)" "$(field samples_per_s <"$out/gui-$w" | median)" \
        "$(field epochs_per_s <"$out/gui-$w" | median)" "$(field frames_per_s <"$out/gui-$w" | median)" \
        "$(field worst_gui_stall_ms <"$out/gui-$w" | median)"
done
echo "  gradscope-cli train --preset mnist-mlp --whole-batches: $(median <"$out/cli-mnist-rate") samples/s"
echo "Peak memory of one mnist-mlp epoch (gradscope-cli, data loading included): $((peak / 1024)) MB"
