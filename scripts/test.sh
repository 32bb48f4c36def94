#!/usr/bin/env bash
# Installs what is missing (Debian 12), builds Gradscope and runs the whole test suite with
# CTest (GUI tests on the offscreen platform). Exits non-zero on any failure.
#
#   scripts/test.sh              Release build in build/
#   scripts/test.sh --sanitize   AddressSanitizer + UBSan build in build-sanitize/
#   scripts/test.sh --fuzz       the fuzz targets (tests/fuzz) with libFuzzer, clang 14, ASan and
#                                UBSan in build-fuzz/: each runs its corpus, then fuzzes for
#                                GRADSCOPE_FUZZ_SECONDS (5); long runs: scripts/fuzz.sh
#   scripts/test.sh --tsan       ThreadSanitizer build in build-tsan/: the engine tests and the
#                                tests where the worker thread meets the GUI (Qt's own calls
#                                ignored: scripts/lib/tsan.supp; docs/reliability.md)
#   scripts/test.sh --cuda       where nvcc is installed (on PATH or in /usr/local/cuda): the
#                                CUDA backend in build-cuda/ and its tests (tst_cuda skips
#                                with the reason where no GPU can be used); without nvcc it
#                                says so and succeeds, the backend being optional
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
    ctest_args=(-LE 'mnist|install') # a full MNIST epoch and the package: the optimised build
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
--cuda)
    shift
    nvcc="$(gs_find_nvcc)"
    if [ -z "$nvcc" ]; then
        gs_log "No nvcc found: the optional CUDA backend is not built"
        exit 0
    fi
    dir="$GRADSCOPE_ROOT/build-cuda"
    cmake_args=(-DGRADSCOPE_CUDA=ON -DCMAKE_CUDA_COMPILER="$nvcc")
    GS_BUILD_TARGETS=(gradscope_cuda tst_cuda tst_device_step)
    ctest_args=(-R '^(tst_cuda|tst_device_step)$')
    ;;
--tsan)
    shift
    dir="$GRADSCOPE_ROOT/build-tsan"
    type=RelWithDebInfo
    cmake_args=(-DGRADSCOPE_TSAN=ON)
    # The engine's tests, and those where the training worker's thread meets the GUI.
    tests=(tst_tensor tst_parallel tst_ops tst_gradcheck tst_graph tst_stepthrough tst_torch_reference
        tst_torch_reference_f64 tst_trainer tst_landscape tst_optimizers tst_optimizers_f64
        tst_data tst_model tst_session tst_io tst_trainingworker tst_shell tst_mainwindow)
    GS_BUILD_TARGETS=("${tests[@]}")
    ctest_args=(-R "^($(
        IFS='|'
        echo "${tests[*]}"
    ))\$")
    # Reports fail the test (exit code 66) once it ends; Qt's own frames: scripts/lib/tsan.supp.
    export TSAN_OPTIONS="suppressions=$GRADSCOPE_ROOT/scripts/lib/tsan.supp:second_deadlock_stack=1:history_size=4"
    ;;
esac

# PyTorch, ONNX's Python package and OpenCV check the exports and the ONNX import against
# other programs (tests/interop; those tests skip without them). The install tests (label
# install) validate what is installed and packaged with Debian's own tools.
gs_ensure_packages python3-torch libopenblas0-pthread python3-onnx python3-opencv \
    desktop-file-utils appstream lintian dpkg-dev file man-db
gs_build "$dir" "$type" "${cmake_args[@]}"
gs_log "Testing $dir"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$dir" --output-on-failure --parallel "$(nproc)" "${ctest_args[@]}" "$@"
