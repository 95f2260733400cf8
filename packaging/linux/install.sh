#!/bin/sh
# Install Kalma from the unpacked tarball (any Linux distribution).
#
#   sudo ./install.sh                 # /opt/kalma, /usr/local/bin/kalma, menu entry for all
#   ./install.sh                      # as a user: ~/.local/opt/kalma, ~/.local/bin/kalma
#   ./install.sh --uninstall          # remove what the same kind of install put there
#   options: --app-dir DIR --bin-dir DIR --share-dir DIR (defaults above)
#
# Kalma also runs without installing: ./kalma gui
set -eu

HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
if [ "$(id -u)" -eq 0 ]; then
    APP_DIR=/opt/kalma BIN_DIR=/usr/local/bin SHARE_DIR=/usr/local/share
else
    APP_DIR="$HOME/.local/opt/kalma" BIN_DIR="$HOME/.local/bin"
    SHARE_DIR="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
ACTION=install

while [ $# -gt 0 ]; do
    case "$1" in
        --app-dir) APP_DIR=$2; shift 2 ;;
        --bin-dir) BIN_DIR=$2; shift 2 ;;
        --share-dir) SHARE_DIR=$2; shift 2 ;;
        --uninstall) ACTION=uninstall; shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done

ICON_SIZES="16 24 32 48 64 128 256"

refresh_caches() {
    # Only refresh caches that exist: a new one would go stale and hide other entries.
    [ -f "$SHARE_DIR/applications/mimeinfo.cache" ] \
        && command -v update-desktop-database >/dev/null 2>&1 \
        && update-desktop-database -q "$SHARE_DIR/applications" 2>/dev/null || true
    [ -f "$SHARE_DIR/icons/hicolor/icon-theme.cache" ] \
        && command -v gtk-update-icon-cache >/dev/null 2>&1 \
        && gtk-update-icon-cache -q -t "$SHARE_DIR/icons/hicolor" 2>/dev/null || true
}

uninstall() {
    refuse_dpkg_owned
    # Only the files install() writes: never a recursive delete of a folder we did not make.
    rm -f "$BIN_DIR/kalma" "$SHARE_DIR/applications/kalma.desktop" \
        "$SHARE_DIR/icons/hicolor/scalable/apps/kalma.svg"
    for size in $ICON_SIZES; do
        rm -f "$SHARE_DIR/icons/hicolor/${size}x${size}/apps/kalma.png"
    done
    if [ -f "$APP_DIR/kalma" ] && [ -d "$APP_DIR/_internal" ]; then
        rm -rf "$APP_DIR/_internal" "$APP_DIR/kalma" "$APP_DIR/share" "$APP_DIR/install.sh" \
            "$APP_DIR/kalma.ini.example"
        rmdir "$APP_DIR" 2>/dev/null || true
    fi
    refresh_caches
    echo "Kalma removed from $APP_DIR"
}

dpkg_owner() {
    # The package that owns a path, if dpkg manages it ("" when none or no dpkg).
    command -v dpkg-query >/dev/null 2>&1 || return 0
    dpkg-query -S "$1" 2>/dev/null | sed -n '1s/:.*//p'
}

refuse_dpkg_owned() {
    for path in "$APP_DIR/kalma" "$BIN_DIR/kalma"; do
        owner=$(dpkg_owner "$path")
        if [ -n "$owner" ]; then
            echo "install.sh: $path belongs to the '$owner' package (installed from the .deb);" \
                "remove it first with: apt remove $owner" >&2
            exit 3
        fi
    done
}

install_files() {
    refuse_dpkg_owned
    if [ "$HERE" != "$APP_DIR" ]; then
        [ -e "$APP_DIR" ] && uninstall >/dev/null
        mkdir -p "$APP_DIR"
        cp -R "$HERE/kalma" "$HERE/_internal" "$HERE/share" "$HERE/install.sh" \
            "$HERE/kalma.ini.example" "$APP_DIR/"
    fi
    mkdir -p "$BIN_DIR" "$SHARE_DIR/applications" "$SHARE_DIR/icons/hicolor/scalable/apps"
    sed "s|@KALMA_HOME@|$APP_DIR|g" "$HERE/share/kalma.sh" > "$BIN_DIR/kalma"
    chmod 755 "$BIN_DIR/kalma"
    sed "s|@BIN@|$BIN_DIR/kalma|g" "$HERE/share/kalma.desktop" \
        > "$SHARE_DIR/applications/kalma.desktop"
    cp "$HERE/share/icons/kalma.svg" "$SHARE_DIR/icons/hicolor/scalable/apps/kalma.svg"
    for size in $ICON_SIZES; do
        mkdir -p "$SHARE_DIR/icons/hicolor/${size}x${size}/apps"
        cp "$HERE/share/icons/kalma-$size.png" \
            "$SHARE_DIR/icons/hicolor/${size}x${size}/apps/kalma.png"
    done
    refresh_caches
    echo "Kalma installed in $APP_DIR; command: $BIN_DIR/kalma"
}

if [ "$ACTION" = uninstall ]; then uninstall; else install_files; fi
