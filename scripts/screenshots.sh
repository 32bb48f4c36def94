#!/usr/bin/env bash
# Renders the window at the screen sizes the docs show, on a real X server (Xvfb), into
# docs/screenshots/: sizes/WxH.png for 1024×600, 1280×720, 1366×768 and 1920×1080, sizes/
# 3840x2160-200pct.png at a 200 % scale, and spiral.png (the README's picture: spiral after
# 1500 steps at 1280×720).
#
#   scripts/screenshots.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
gs_build "$GRADSCOPE_ROOT/build" Release
app="$GRADSCOPE_ROOT/build/app/gradscope"
out="$GRADSCOPE_ROOT/docs/screenshots"
mkdir -p "$out/sizes"
# Settings of its own, so that no remembered layout or text size changes the pictures.
export XDG_CONFIG_HOME
XDG_CONFIG_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT

shoot() { # WIDTHxHEIGHT FILE STEPS [environment…]
    local size=$1 file=$2 steps=$3
    shift 3
    env "$@" xvfb-run -a -s "-screen 0 ${size}x24" \
        "$app" --preset spiral --screenshot "$file" --after-steps "$steps" 2>/dev/null
    gs_log "wrote $file ($(identify -format '%wx%h' "$file"))"
}
for size in 1024x600 1280x720 1366x768 1920x1080; do
    shoot "$size" "$out/sizes/$size.png" 300
done
shoot 3840x2160 "$out/sizes/3840x2160-200pct.png" 300 QT_SCALE_FACTOR=2
shoot 1280x720 "$out/spiral.png" 1500
# Each lesson's first step (docs/lessons.md); the MNIST lesson where MNIST is installed.
mkdir -p "$out/lessons"
for lesson in $("$GRADSCOPE_ROOT/build/app/gradscope-cli" lessons | cut -d' ' -f1); do
    xvfb-run -a -s "-screen 0 1280x720x24" \
        "$app" --lesson "$lesson" --screenshot "$out/lessons/$lesson.png" 2>/dev/null ||
        gs_log "skipped the lesson $lesson (its data is not installed?)"
done
