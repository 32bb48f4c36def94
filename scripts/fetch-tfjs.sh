#!/usr/bin/env bash
# Installs TensorFlow.js's core, layers and CPU backend (npm, pinned, ~80 MB) into
# ${GRADSCOPE_TFJS:-$HOME/.cache/gradscope/tfjs}, for the check of the Keras export
# (tests/interop/check_keras.py, which skips without them). Safe to run again.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
dir="${GRADSCOPE_TFJS:-$HOME/.cache/gradscope/tfjs}"
version=4.22.0
if [ -f "$dir/node_modules/@tensorflow/tfjs-layers/package.json" ] &&
    grep -q "\"version\": \"$version\"" "$dir/node_modules/@tensorflow/tfjs-layers/package.json"; then
    gs_log "TensorFlow.js $version is in $dir"
    exit 0
fi
if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
    GRADSCOPE_PACKAGES=()
    gs_ensure_packages npm ca-certificates
fi
mkdir -p "$dir"
cd "$dir"
[ -f package.json ] || echo '{"name": "gradscope-tfjs-check", "private": true}' >package.json
gs_log "Installing TensorFlow.js $version into $dir"
npm install --no-audit --no-fund --ignore-scripts "@tensorflow/tfjs-core@$version" \
    "@tensorflow/tfjs-layers@$version" "@tensorflow/tfjs-backend-cpu@$version" >/dev/null
