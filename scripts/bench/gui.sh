#!/usr/bin/env bash
# The app against the CLI, alternating: gradscope-bench-gui (the real main window, every view
# on, offscreen) for toy and mnist, and gradscope-cli train --preset mnist-mlp. Prints every
# run's JSON, then the medians and the app/CLI throughput ratio.
#
#   scripts/bench/gui.sh [RUNS] [SECONDS]     (default 3 runs of 10 s; needs MNIST)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
runs=${1:-3}
seconds=${2:-10}
gs_build "$GRADSCOPE_ROOT/build" Release
gui="$GRADSCOPE_ROOT/build/bench/gradscope-bench-gui"
cli="$GRADSCOPE_ROOT/build/app/gradscope-cli"
out=$(mktemp -d)
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^,\"}]*\).*/\1/p"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
export QT_QPA_PLATFORM=offscreen
for i in $(seq "$runs"); do
    "$gui" toy "$seconds" 2>/dev/null | tee -a "$out/toy"
    "$gui" mnist "$seconds" 2>/dev/null | tee -a "$out/mnist"
    "$cli" train --preset mnist-mlp --epochs 1 --whole-batches --json | tail -1 | tee -a "$out/cli"
done
for w in toy mnist; do
    printf '%s: %s samples/s, %s frames/s, worst GUI stall %s ms (slowest event %s ms)\n' "$w" \
        "$(field samples_per_s <"$out/$w" | median)" "$(field frames_per_s <"$out/$w" | median)" \
        "$(field worst_gui_stall_ms <"$out/$w" | median)" "$(field slowest_event_ms <"$out/$w" | median)"
done
app=$(field samples_per_s <"$out/mnist" | median)
alone=$(field samples_per_s <"$out/cli" | median)
awk -v a="$app" -v c="$alone" 'BEGIN { printf "mnist-mlp: the app %.0f samples/s, the CLI %.0f: %.0f %%\n", a, c, 100 * a / c }'
