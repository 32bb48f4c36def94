#!/usr/bin/env bash
# Long fuzzing runs (docs/reliability.md, "Fuzzing").
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]
#   scripts/fuzz.sh all SECONDS      each target in turn, SECONDS each
#
# TARGET: json, model, session, experiment, csv, idx, idx_gz, onnx, tar (tests/fuzz/fuzz_TARGET.cpp).
# Builds build-fuzz/ as scripts/test.sh --fuzz does, then fuzzes from the checked-in seed
# corpus (tests/fuzz/TARGET, never written to). Findings go outside the repository, to
# $GRADSCOPE_FUZZ_OUT/TARGET (default ~/.cache/gradscope-fuzz/TARGET):
#   corpus/     inputs that reached new code (reused by the next run)
#   crash-*, oom-*, timeout-*, leak-*   reproducers: build-fuzz/tests/fuzz/fuzz_TARGET FILE
#   fuzz.log    libFuzzer's output; its last lines give the executions and the speed
# and $GRADSCOPE_FUZZ_OUT/tally.tsv gets a line per run: time, target, seconds, executions.
# Exits non-zero when a target found something. Runs niced; run at most one per core.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

# The targets, as tests/fuzz holds them (fuzz_TARGET.cpp), so a new one needs no edit here.
targets=()
for source in "$GRADSCOPE_ROOT"/tests/fuzz/fuzz_*.cpp; do
    name="${source##*/fuzz_}"
    targets+=("${name%.cpp}")
done
[ $# -ge 2 ] || gs_die "usage: scripts/fuzz.sh TARGET|all SECONDS [libFuzzer options...] (targets: ${targets[*]})"
target="$1" seconds="$2"
shift 2
[[ "$seconds" =~ ^[0-9]+$ ]] || gs_die "SECONDS must be a whole number, not '$seconds'"
if [ "$target" = all ]; then
    run=("${targets[@]}")
else
    [[ " ${targets[*]} " == *" $target "* ]] || gs_die "unknown target '$target' (${targets[*]}, all)"
    run=("$target")
fi

gs_build_fuzz
out_root="${GRADSCOPE_FUZZ_OUT:-$HOME/.cache/gradscope-fuzz}"
status=0
for t in "${run[@]}"; do
    out="$out_root/$t"
    mkdir -p "$out/corpus"
    dict=()
    case "$t" in json | model | session | experiment) dict=(-dict="$GRADSCOPE_ROOT/tests/fuzz/json.dict") ;; esac
    gs_log "Fuzzing $t for $seconds s (findings in $out)"
    # A 64 MiB quarantine (ASan's default is 256) still holds thousands of runs' frees, so a
    # use after free is caught, and the small inputs run about 1.8 times as fast.
    ASAN_OPTIONS="quarantine_size_mb=64${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
        UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
        nice -n 10 "$GS_FUZZ_DIR/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$out/" "${dict[@]}" "$@" \
        "$out/corpus" "$GRADSCOPE_ROOT/tests/fuzz/$t" >"$out/fuzz.log" 2>&1 || status=1
    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)' \
        "$out/fuzz.log" >&2 || true
    # One line per run in tally.tsv, so runs that carry the corpus on can be added up.
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/fuzz.log" | tail -1)
    printf '%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$seconds" "${runs:-0}" >>"$out_root/tally.tsv"
    if ls "$out"/crash-* "$out"/oom-* "$out"/timeout-* "$out"/leak-* >/dev/null 2>&1; then
        gs_log "$t found something: $(ls "$out" | grep -E '^(crash|oom|timeout|leak)-' | tr '\n' ' ')"
        status=1
    fi
done
exit $status
