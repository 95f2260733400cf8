#!/usr/bin/env bash
# Build the .deb from the PyInstaller bundle (run by `make deb`).
#
#   packaging/linux/build_deb.sh BUNDLE_DIR ICONS_DIR OUT_DIR VERSION
#
# Installs /opt/kalma (the bundle), /usr/bin/kalma (a wrapper), the menu entry and the
# icons; Depends comes from packaging/linux/system-libs.txt. No fakeroot needed:
# dpkg-deb --root-owner-group makes every file root-owned.
set -euo pipefail

BUNDLE=${1:?bundle dir} ICONS=${2:?icons dir} OUT=${3:?output dir} VERSION=${4:?version}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ARCH=$(dpkg --print-architecture)
MAINTAINER=${DEB_MAINTAINER:-Kalma maintainers <kalma@example.invalid>}
HOMEPAGE=${DEB_HOMEPAGE:-https://example.invalid/kalma}
ICON_SIZES="16 24 32 48 64 128 256"

STAGE=$(mktemp -d "${TMPDIR:-/tmp}/kalma-deb.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
ROOT="$STAGE/root"
umask 022

depends() {
    # Unique package expressions from system-libs.txt, in file order, comma-separated.
    grep -v '^\s*#' "$HERE/system-libs.txt" | awk 'NF { $1 = ""; sub(/^ /, ""); print }' \
        | awk '!seen[$0]++' | paste -sd, - | sed 's/,/, /g'
}

install -d "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" \
    "$ROOT/usr/share/icons/hicolor/scalable/apps" "$ROOT/usr/share/doc/kalma" "$ROOT/DEBIAN"
cp -a "$BUNDLE" "$ROOT/opt/kalma"
chmod -R u=rwX,go=rX "$ROOT/opt/kalma"
# Shared libraries are mapped, not run (lintian: shared-library-is-executable).
find "$ROOT/opt/kalma/_internal" -type f -name '*.so*' -exec chmod 644 {} +
install -D -m 644 "$HERE/lintian-overrides" "$ROOT/usr/share/lintian/overrides/kalma"
sed "s|@KALMA_HOME@|/opt/kalma|g" "$HERE/kalma.sh" > "$ROOT/usr/bin/kalma"
chmod 755 "$ROOT/usr/bin/kalma"
sed "s|@BIN@|kalma|g" "$HERE/kalma.desktop" > "$ROOT/usr/share/applications/kalma.desktop"
install -m 644 "$ICONS/kalma.svg" "$ROOT/usr/share/icons/hicolor/scalable/apps/kalma.svg"
for size in $ICON_SIZES; do
    install -D -m 644 "$ICONS/kalma-$size.png" \
        "$ROOT/usr/share/icons/hicolor/${size}x${size}/apps/kalma.png"
done
install -m 644 "$HERE/../kalma.ini.example" "$ROOT/usr/share/doc/kalma/kalma.ini.example"
install -m 644 "$HERE/copyright" "$ROOT/usr/share/doc/kalma/copyright"
# Debian policy 12.7: a changelog next to the copyright file.
printf 'kalma (%s) unstable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' \
    "$VERSION" "$VERSION" "$MAINTAINER" "$(date -R -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}")" \
    | gzip -9n > "$ROOT/usr/share/doc/kalma/changelog.gz"

SIZE=$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
sed -e "s|@VERSION@|$VERSION|" -e "s|@ARCH@|$ARCH|" -e "s|@MAINTAINER@|$MAINTAINER|" \
    -e "s|@SIZE@|$SIZE|" -e "s#@DEPENDS@#$(depends)#" -e "s|@HOMEPAGE@|$HOMEPAGE|" \
    "$HERE/control.in" > "$ROOT/DEBIAN/control"
install -m 755 "$HERE/postinst" "$HERE/postrm" "$ROOT/DEBIAN/"

mkdir -p "$OUT"
DEB="$OUT/kalma_${VERSION}_${ARCH}.deb"
# xz with threads: about half the size of gzip for Qt libraries, still quick on 2 cores.
dpkg-deb --root-owner-group -Zxz -z${DEB_XZ_LEVEL:-6} --threads-max="$(nproc)" --build "$ROOT" "$DEB" \
    >/dev/null 2>&1 || dpkg-deb --root-owner-group -Zxz -z${DEB_XZ_LEVEL:-6} --build "$ROOT" "$DEB" >/dev/null
echo "$DEB ($(du -h "$DEB" | cut -f1))"
