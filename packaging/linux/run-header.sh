#!/bin/sh
# Kalma self-extracting installer (@NAME@). A gzipped tar follows the marker line.
#   sh @NAME@-linux-*.run                 install (as root: /opt/kalma; else ~/.local)
#   sh @NAME@-linux-*.run --uninstall     remove it again
#   sh @NAME@-linux-*.run --extract DIR   only unpack into DIR (run DIR/@NAME@/kalma)
# Other options go to install.sh (--app-dir, --bin-dir, --share-dir; see --help).
set -eu
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
