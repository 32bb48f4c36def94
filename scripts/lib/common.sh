# Shared by scripts/run.sh and scripts/test.sh: install what is missing, configure, build.
# Sourced, not run.

GRADSCOPE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Debian 12 packages the build and the tests need. Linguist's tools build the translations;
# Qt's own translations give standard dialogs their buttons in Chinese. Fonts: the offscreen
# platform draws text, Noto CJK the Chinese.
GRADSCOPE_PACKAGES=(
    g++ cmake ninja-build pkg-config
    qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev libeigen3-dev zlib1g-dev
    qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
    libonnx-dev libprotobuf-dev
    fonts-dejavu-core fonts-noto-cjk
)

gs_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
gs_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Installs the packages above that are not installed yet (apt-get; sudo when not root).
gs_ensure_packages() {
    local missing=() pkg
    for pkg in "${GRADSCOPE_PACKAGES[@]}" "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' ||
            missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null ||
        gs_die "missing packages (${missing[*]}) and no apt-get: install them by hand"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null ||
            gs_die "missing packages (${missing[*]}): run as root or install sudo"
        sudo=(sudo)
    fi
    gs_log "Installing ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q ||
        gs_die "apt-get update failed"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends "${missing[@]}" || gs_die "apt-get install failed"
}

# gs_build DIR BUILD_TYPE [extra cmake arguments...]: configures once, then builds
# incrementally with one job per core: everything, or only the targets in GS_BUILD_TARGETS.
GS_BUILD_TARGETS=()
gs_build() {
    local dir="$1" type="$2"
    shift 2
    if [ ! -f "$dir/build.ninja" ]; then
        gs_log "Configuring $dir ($type)"
        cmake -S "$GRADSCOPE_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@" ||
            gs_die "cmake configuration failed"
    fi
    gs_log "Building $dir"
    local targets=()
    [ ${#GS_BUILD_TARGETS[@]} -eq 0 ] || targets=(--target "${GS_BUILD_TARGETS[@]}")
    cmake --build "$dir" --parallel "$(nproc)" "${targets[@]}" || gs_die "build failed"
}

# The fuzzing build (tests/fuzz, docs/reliability.md): build-fuzz/ with clang 14 and libFuzzer,
# ASan and UBSan; only the fuzz targets are built.
GS_FUZZ_PACKAGES=(clang-14 libclang-rt-14-dev)
GS_FUZZ_DIR="$GRADSCOPE_ROOT/build-fuzz"
gs_build_fuzz() {
    gs_ensure_packages "${GS_FUZZ_PACKAGES[@]}"
    GS_BUILD_TARGETS=(fuzzers)
    gs_build "$GS_FUZZ_DIR" RelWithDebInfo -DGRADSCOPE_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++-14
    GS_BUILD_TARGETS=()
}

# nvcc on PATH, or the CUDA toolkit's usual place; empty when there is none.
gs_find_nvcc() {
    local nvcc
    nvcc="$(command -v nvcc || true)"
    [ -n "$nvcc" ] || [ ! -x /usr/local/cuda/bin/nvcc ] || nvcc=/usr/local/cuda/bin/nvcc
    echo "$nvcc"
}
