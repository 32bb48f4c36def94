#!/usr/bin/env bash
# The Debian package on a clean Debian 12 (docs/install.md): a minimal bookworm made with
# debootstrap, where `apt-get install ./gradscope_*.deb` must bring in everything the programs
# need; the app is started as its desktop entry says (offscreen, drawing a screenshot), the CLI
# trains; `apt-get remove` must take every installed file away. Needs root, debootstrap and the
# network (Debian's mirror); not part of CTest. Run by hand or from a release checklist:
#
#   tests/install/check_clean_install.sh DEB [ROOT]   ROOT: the chroot (default /tmp/gradscope-deb12;
#                                                      made when missing, reused after)
set -euo pipefail
deb="$(realpath "$1")" root="${2:-/tmp/gradscope-deb12}"
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root (chroot, debootstrap)"
[ -f "$deb" ] || fail "no package $deb"
if [ ! -x "$root/usr/bin/apt-get" ]; then
    command -v debootstrap >/dev/null || apt-get install -y -q debootstrap
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian
fi
mount --bind /proc "$root/proc"
trap 'umount "$root/proc"' EXIT
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

cp "$deb" "$root/tmp/"
name="$(basename "$deb")"
in_root apt-get update -q
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "/tmp/$name" ||
    fail "apt-get install ./$name failed"

desktop=/usr/share/applications/org.gradscope.Gradscope.desktop
exec_line="$(sed -n 's/^Exec=//p' "$root$desktop")"
[ -n "$exec_line" ] || fail "no Exec line in $desktop"
read -r -a command <<<"${exec_line//%f/}"
in_root env QT_QPA_PLATFORM=offscreen "${command[@]}" --screenshot /tmp/shot.png --after-steps 10 ||
    fail "the app, started as its menu entry says ($exec_line), failed"
[ -s "$root/tmp/shot.png" ] || fail "the app drew no window"
# In Chinese too: the translation is inside the program, the CJK font comes as a Recommends.
in_root env QT_QPA_PLATFORM=offscreen LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 GRADSCOPE_LANGUAGE=zh_CN \
    "${command[@]}" --screenshot /tmp/shot-zh_CN.png --after-steps 10 ||
    fail "the app in Chinese failed"
[ -s "$root/tmp/shot-zh_CN.png" ] || fail "the app drew no window in Chinese"
in_root dpkg -s fonts-noto-cjk >/dev/null 2>&1 || fail "fonts-noto-cjk (Recommends) is not installed"
help_zh="$(in_root env GRADSCOPE_LANGUAGE=zh_CN gradscope-cli --help)"
[[ "$help_zh" == *用法* ]] || fail "gradscope-cli --help is not in Chinese"
cp "$root/tmp/shot.png" "$root/tmp/shot-zh_CN.png" /tmp/ 2>/dev/null || true
in_root gradscope-cli --version
in_root gradscope-cli train --preset xor --epochs 1 || fail "gradscope-cli cannot train"
in_root man -w gradscope-cli >/dev/null 2>&1 || echo "(man-db is not in a minimal system: the page is not looked up)"

mapfile -t files < <(in_root dpkg -L gradscope | while read -r f; do [ -d "$root$f" ] || echo "$f"; done)
in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q gradscope || fail "apt-get remove failed"
left=()
for f in "${files[@]}"; do
    [ -e "$root$f" ] && left+=("$f")
done
[ ${#left[@]} -eq 0 ] || fail "apt-get remove left ${left[*]}"
echo "clean Debian 12: $name installed with its dependencies, the app started from its menu entry in English and in Chinese (screenshots: /tmp/shot.png, /tmp/shot-zh_CN.png), the CLI trained, and apt-get remove took all ${#files[@]} files away"
