#!/usr/bin/env bash
# Build Kalma's MSI from packaging/windows/kalma.wxs.
#
#   tools/build_msi.sh BUNDLE_DIR VERSION OUT.msi
#
# On Windows (the workflow) WiX 3's heat/candle/light build the real installer. On Linux,
# msitools' wixl-heat/wixl build the same tables from a stand-in bundle (`make msi-check`):
# it proves the WiX source, the upgrade rules and the public properties, not the binaries.
set -euo pipefail
BUNDLE=${1:?bundle dir} VERSION=${2:?version} OUT=${3:?output .msi}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kalma-msi.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
BUNDLE=$(cd "$BUNDLE" && pwd)

# Every bundle file except the two executables the .wxs lists itself.
(cd "$BUNDLE" && find . -type f ! -name kalma.exe ! -name kalma-gui.exe | sed 's|^\./||' | sort) \
    > "$WORK/files.txt"
if command -v heat.exe >/dev/null 2>&1 || command -v heat >/dev/null 2>&1; then
    heat dir "$BUNDLE/_internal" -nologo -gg -sfrag -sreg -cg BundleFiles \
        -dr INSTALLDIR -var var.BundleInternal -out "$WORK/files.wxs"
    candle -nologo -arch x64 -dWixl=0 -dVersion="$VERSION" -dBundleDir="$BUNDLE" \
        -dBundleInternal="$BUNDLE/_internal" -out "$WORK/" \
        "$HERE/packaging/windows/kalma.wxs" "$WORK/files.wxs"
    light -nologo -sice:ICE61 -b "$HERE/packaging/windows" -out "$OUT" "$WORK/kalma.wixobj" \
        "$WORK/files.wixobj"
else
    # wixl resolves sources relative to the .wxs: lay the inputs out side by side.
    mkdir "$WORK/windows"
    ln -s "$BUNDLE" "$WORK/bundle"
    cp "$HERE/packaging/windows/kalma.wxs" "$WORK/windows/"
    cp "$HERE/packaging/kalma.ini.example" "$WORK/"
    sed 's|^|bundle/|' "$WORK/files.txt" \
        | wixl-heat --prefix "bundle/" --component-group BundleFiles --var var.BundleDir \
              --directory-ref INSTALLDIR > "$WORK/windows/files.wxs"
    OUT=$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")
    (cd "$WORK/windows" && wixl -a x64 -D Wixl=1 -D Version="$VERSION" -D BundleDir=../bundle \
        -o "$OUT" kalma.wxs files.wxs)
fi
echo "$OUT ($(du -h "$OUT" | cut -f1))"
