#!/usr/bin/env bash
# What `cmake --install` puts on a system, checked as a packager and a user would
# (docs/install.md): every file in its place, the desktop entry, the AppStream metadata and the
# manual pages valid, every command of the CLI in its manual page, and the installed programs
# running from elsewhere with nothing of the source tree.
#
#   check_install.sh BUILD_DIR SOURCE_DIR WORK_DIR VERSION
set -euo pipefail
build="$1" source="$2" work="$3" version="$4"
fail() { echo "FAIL: $*" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work"
prefix="$work/usr"
cmake --install "$build" --prefix "$prefix" >"$work/install.log" || fail "cmake --install failed"

id=org.gradscope.Gradscope
expect=(
    bin/gradscope bin/gradscope-cli
    "share/applications/$id.desktop" "share/metainfo/$id.metainfo.xml"
    "share/mime/packages/$id.xml" "share/icons/hicolor/scalable/apps/$id.svg"
    share/man/man1/gradscope.1.gz share/man/man1/gradscope-cli.1.gz
    share/doc/gradscope/README.md share/doc/gradscope/CHANGELOG.md share/doc/gradscope/LICENSE
    share/doc/gradscope/README.zh_CN.md share/doc/gradscope/docs/app.zh_CN.md
    share/doc/gradscope/docs/app.md share/doc/gradscope/docs/install.md
)
for size in 16 22 24 32 48 64 128 256 512; do
    png="share/icons/hicolor/${size}x${size}/apps/$id.png"
    expect+=("$png")
done
for file in "${expect[@]}"; do
    [ -s "$prefix/$file" ] || fail "$file was not installed"
done
for size in 16 48 512; do
    file "$prefix/share/icons/hicolor/${size}x${size}/apps/$id.png" |
        grep -q "PNG image data, $size x $size" || fail "the ${size}px icon is not $size×$size"
done
[ -x "$prefix/bin/gradscope" ] && [ -x "$prefix/bin/gradscope-cli" ] || fail "not executable"

desktop="$prefix/share/applications/$id.desktop"
desktop-file-validate "$desktop" || fail "desktop-file-validate rejects $id.desktop"
grep -qx "Exec=gradscope %f" "$desktop" || fail "the desktop entry does not start gradscope"
grep -qx "Icon=$id" "$desktop" || fail "the desktop entry names another icon"
appstreamcli validate --no-net "$prefix/share/metainfo/$id.metainfo.xml" ||
    fail "appstreamcli rejects the metainfo file"
grep -q "<release version=\"$version\"" "$prefix/share/metainfo/$id.metainfo.xml" ||
    fail "the metainfo file has no release $version"

# Manual pages: no warnings from man, the version in the header, and every command and option.
for page in gradscope gradscope-cli; do
    gz="$prefix/share/man/man1/$page.1.gz"
    warnings="$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$gz" 2>&1 >/dev/null)"
    [ -z "$warnings" ] || fail "man warns about $page.1: $warnings"
    zcat "$gz" | grep -q "^\.TH .*\"Gradscope $version\"" || fail "$page.1 does not say $version"
done
cli_page="$(zcat "$prefix/share/man/man1/gradscope-cli.1.gz")"
commands="$("$prefix/bin/gradscope-cli" --help | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p;s/^  \([a-z][a-z-]*\)$/\1/p' | sort -u)"
[ -n "$commands" ] || fail "gradscope-cli --help lists no commands"
for command in $commands; do
    grep -qx "\.SS $command" <<<"$cli_page" || fail "gradscope-cli.1 has no section on '$command'"
done
app_page="$(zcat "$prefix/share/man/man1/gradscope.1.gz")"
options="$("$prefix/bin/gradscope" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)"
for option in $options; do
    grep -q -- "${option//-/\\\\-}" <<<"$app_page" || fail "gradscope.1 does not explain $option"
done

# The installed programs, run from elsewhere with a home of their own.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" GRADSCOPE_DATA="$work/data"
mkdir -p "$HOME"
cd "$work"
[ "$("$prefix/bin/gradscope-cli" --version)" = "gradscope-cli $version" ] ||
    fail "gradscope-cli --version does not say $version"
"$prefix/bin/gradscope" --version | grep -qx "Gradscope $version" ||
    fail "gradscope --version does not say $version"
"$prefix/bin/gradscope-cli" train --preset xor --epochs 2 --json >"$work/train.json" ||
    fail "the installed gradscope-cli cannot train a preset"
[ "$(wc -l <"$work/train.json")" = 2 ] || fail "two epochs should give two lines"
QT_QPA_PLATFORM=offscreen "$prefix/bin/gradscope" --screenshot "$work/shot.png" --after-steps 5 ||
    fail "the installed app cannot start"
file "$work/shot.png" | grep -q "PNG image data" || fail "the installed app drew no window"
echo "cmake --install: ${#expect[@]} files in place and valid; the installed programs run"
