#!/usr/bin/env bash
# Build the .tar.gz (any distribution) and the self-extracting .run (run by `make tarball`).
#
#   packaging/linux/build_tarball.sh BUNDLE_DIR ICONS_DIR OUT_DIR VERSION
#
# The archive holds one folder, kalma-VERSION/, that runs where it is unpacked
# (./kalma-VERSION/kalma) or installs itself (sudo ./kalma-VERSION/install.sh).
# The .run is a shell header plus the same archive: sh kalma-VERSION-linux-ARCH.run [--help]
set -euo pipefail

BUNDLE=${1:?bundle dir} ICONS=${2:?icons dir} OUT=${3:?output dir} VERSION=${4:?version}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NAME="kalma-$VERSION"
BASE="$OUT/$NAME-linux-$(uname -m)"

STAGE=$(mktemp -d "${TMPDIR:-/tmp}/kalma-tar.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
umask 022
cp -a "$BUNDLE" "$STAGE/$NAME"
chmod -R u=rwX,go=rX "$STAGE/$NAME"
install -d "$STAGE/$NAME/share/icons"
install -m 755 "$HERE/install.sh" "$STAGE/$NAME/install.sh"
install -m 644 "$HERE/kalma.sh" "$HERE/kalma.desktop" "$STAGE/$NAME/share/"
install -m 644 "$ICONS"/kalma.svg "$ICONS"/kalma-*.png "$STAGE/$NAME/share/icons/"
install -m 644 "$HERE/../kalma.ini.example" "$STAGE/$NAME/kalma.ini.example"

mkdir -p "$OUT"
# Reproducible order and owners; gzip -9 (a few seconds more) keeps it under 30 MiB.
tar --sort=name --owner=0 --group=0 --numeric-owner -C "$STAGE" -cf - "$NAME" \
    | gzip -9 -n > "$BASE.tar.gz"
sed "s|@NAME@|$NAME|g" "$HERE/run-header.sh" | cat - "$BASE.tar.gz" > "$BASE.run"
chmod 755 "$BASE.run"
echo "$BASE.tar.gz ($(du -h "$BASE.tar.gz" | cut -f1)), $BASE.run"
