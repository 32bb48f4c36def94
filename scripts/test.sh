#!/usr/bin/env bash
# Installs what is missing (Debian 12), builds Gradscope and runs the whole test suite with
# CTest (GUI tests on the offscreen platform). Exits non-zero on any failure.
#
#   scripts/test.sh              Release build in build/
#   scripts/test.sh --sanitize   AddressSanitizer + UBSan build in build-sanitize/
#   scripts/test.sh --fuzz       the fuzz targets (tests/fuzz) with libFuzzer, clang 14, ASan and
#                                UBSan in build-fuzz/: each runs its corpus, then fuzzes for
#                                GRADSCOPE_FUZZ_SECONDS (5); long runs: scripts/fuzz.sh
#   scripts/test.sh -R graph     extra arguments go to ctest
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

dir="$GRADSCOPE_ROOT/build"
type=Release
cmake_args=()
ctest_args=()
case "${1:-}" in
--sanitize)
    shift
    dir="$GRADSCOPE_ROOT/build-sanitize"
    type=RelWithDebInfo
    cmake_args=(-DGRADSCOPE_SANITIZE=ON)
    ctest_args=(-LE mnist) # a full MNIST epoch is for the optimised build
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
    export LSAN_OPTIONS="suppressions=$GRADSCOPE_ROOT/scripts/lib/lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    ;;
--fuzz)
    shift
    gs_build_fuzz
    gs_log "Fuzzing (label fuzz) in $GS_FUZZ_DIR"
    cmake "$GS_FUZZ_DIR" -DGRADSCOPE_FUZZ_SECONDS="${GRADSCOPE_FUZZ_SECONDS:-5}" >/dev/null
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    exec ctest --test-dir "$GS_FUZZ_DIR" --output-on-failure --parallel "$(nproc)" -L fuzz "$@"
    ;;
esac

gs_ensure_packages
gs_build "$dir" "$type" "${cmake_args[@]}"
gs_log "Testing $dir"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$dir" --output-on-failure --parallel "$(nproc)" "${ctest_args[@]}" "$@"
