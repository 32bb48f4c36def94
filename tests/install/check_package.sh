#!/usr/bin/env bash
# The Debian package (docs/install.md): CPack writes gradscope_<version>_amd64.deb with the
# programs, the desktop entry, icons, metadata, manual pages and documentation under /usr; its
# dependencies come from the libraries the programs link; lintian finds no error in it.
#
#   check_package.sh BUILD_DIR WORK_DIR VERSION
set -euo pipefail
build="$1" work="$2" version="$3"
fail() { echo "FAIL: $*" >&2; exit 1; }

command -v dpkg-deb >/dev/null || { echo "SKIP: not a Debian system (no dpkg-deb)"; exit 77; }
rm -rf "$work"
mkdir -p "$work"
(cd "$work" && cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work" >cpack.log 2>&1) ||
    { cat "$work/cpack.log" >&2; fail "cpack failed"; }
arch="$(dpkg --print-architecture)"
deb="$work/gradscope_${version}_${arch}.deb"
[ -f "$deb" ] || fail "no $(basename "$deb") (found: $(ls "$work"/*.deb 2>/dev/null || true))"

info="$(dpkg-deb --info "$deb")"
for field in "Package: gradscope" "Version: $version" "Architecture: $arch" "Section: science"; do
    grep -q "^ $field\$" <<<"$info" || fail "the control file lacks '$field'"
done
depends="$(dpkg-deb --field "$deb" Depends)"
for library in libqt6widgets6 libqt6charts6 libqt6svg6 libqt6gui6 libstdc++6 libc6 zlib1g; do
    grep -q "\b$library\b" <<<"$depends" || fail "Depends lacks $library: $depends"
done
recommends="$(dpkg-deb --field "$deb" Recommends)"
grep -q fonts-noto-cjk <<<"$recommends" || fail "the package does not recommend a CJK font"
grep -q qt6-translations-l10n <<<"$recommends" || fail "the package does not recommend Qt's translations"

contents="$(dpkg-deb --contents "$deb" | awk '{print $6}')"
for path in ./usr/bin/gradscope ./usr/bin/gradscope-cli \
    ./usr/share/applications/org.gradscope.Gradscope.desktop \
    ./usr/share/metainfo/org.gradscope.Gradscope.metainfo.xml \
    ./usr/share/icons/hicolor/256x256/apps/org.gradscope.Gradscope.png \
    ./usr/share/man/man1/gradscope-cli.1.gz ./usr/share/doc/gradscope/copyright; do
    grep -qx -- "$path" <<<"$contents" || fail "the package lacks $path"
done
if grep -v '^\./usr/' <<<"$contents" | grep -qv '^\./$'; then
    fail "files outside /usr: $(grep -v '^\./usr/' <<<"$contents" | grep -v '^\./$' | head -3)"
fi
! grep -q 'tst_\|/usr/local\|fuzz_' <<<"$contents" || fail "test programs or /usr/local in it"

if command -v lintian >/dev/null; then
    # Errors fail the check; warnings are printed for the reader.
    lintian --fail-on error --tag-display-limit 0 "$deb" | tee "$work/lintian.log" ||
        fail "lintian reports errors (above)"
else
    echo "lintian is not installed: the package's policy check is skipped"
fi
echo "$(basename "$deb"): $(wc -l <<<"$contents") paths, depends on $depends"
