#!/bin/sh
# Kalma self-extracting installer (@NAME@). A gzipped tar follows the marker line.
#   sh @NAME@-linux-*.run                 install (as root: /opt/kalma; else ~/.local)
#   sh @NAME@-linux-*.run --uninstall     remove it again
#   sh @NAME@-linux-*.run --extract DIR   only unpack into DIR (run DIR/@NAME@/kalma)
# Other options go to install.sh (--app-dir, --bin-dir, --share-dir; see --help).
set -eu
usage() {
    cat <<'USAGE'
Kalma self-extracting installer (@NAME@) for any Linux distribution (x86_64, glibc).

Usage: sh @NAME@-linux-*.run [OPTION]...

  (no option)          install: as root into /opt/kalma with /usr/local/bin/kalma and a
                       menu entry for everybody; as a user into ~/.local/opt/kalma
  --uninstall          remove what the same kind of install put there
  --extract DIR        only unpack into DIR (then run DIR/@NAME@/kalma gui)
  --app-dir DIR        install the program into DIR
  --bin-dir DIR        put the `kalma` command into DIR
  --share-dir DIR      put the menu entry and icons under DIR
  -h, --help           show this help

A Kalma installed from the .deb package is managed by dpkg/apt: this installer refuses
to overwrite it (remove it with `apt remove kalma` first). Kalma needs no network.
Configuration for all seats: /etc/kalma/kalma.ini (see kalma.ini.example).
USAGE
}
case "${1:-}" in -h|--help) usage; exit 0 ;; esac
SKIP=$(awk '/^__KALMA_PAYLOAD__$/ { print NR + 1; exit }' "$0")
if [ "${1:-}" = "--extract" ]; then
    mkdir -p "${2:-.}"
    tail -n "+$SKIP" "$0" | tar -xzf - -C "${2:-.}"
    echo "unpacked into ${2:-.}/@NAME@"
    exit 0
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kalma-run.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
tail -n "+$SKIP" "$0" | tar -xzf - -C "$TMP"
sh "$TMP/@NAME@/install.sh" "$@"
exit $?
__KALMA_PAYLOAD__
