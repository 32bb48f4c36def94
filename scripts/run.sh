#!/usr/bin/env bash
# Installs what is missing (Debian 12), builds Gradscope (Release) and starts the app.
# Arguments are passed to the app, e.g. scripts/run.sh --screenshot shot.png
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

gs_ensure_packages
gs_build "$GRADSCOPE_ROOT/build" Release

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    gs_die "no display found (DISPLAY and WAYLAND_DISPLAY are unset). Run it on a desktop, under
       xvfb-run, or headless with: QT_QPA_PLATFORM=offscreen scripts/run.sh --screenshot shot.png"
fi
exec "$GRADSCOPE_ROOT/build/app/gradscope" "$@"
