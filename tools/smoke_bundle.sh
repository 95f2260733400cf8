#!/usr/bin/env bash
# Offline proof for the Linux bundle (run by `make smoke` and tests/packaging).
#
#   tools/smoke_bundle.sh dist/kalma-VERSION-linux-MACHINE.tar.gz
#
# Unpacks the tarball into a temporary folder and runs, in a network namespace with no
# network (unshare -n), a clean environment and an empty HOME:
#   kalma --version, kalma search --json hold, kalma lint, kalma doctor,
#   kalma gui --self-test (QT_QPA_PLATFORM=offscreen)
# Every command must exit 0. When strace is installed, every command also runs under
# `strace -f -e trace=%network` and any AF_INET/AF_INET6 socket, connect or bind fails
# the test (AF_UNIX, e.g. for D-Bus, is fine). Prints one line per command with its
# wall time (under strace, so a little slower than a plain start).
# Exit 0: passed, or skipped with a line starting "SKIP:" (no unshare); 1: failed.
set -euo pipefail

TARBALL=${1:?usage: tools/smoke_bundle.sh TARBALL}
[ -f "$TARBALL" ] || { echo "SKIP: $TARBALL not built (make tarball)"; exit 0; }

if unshare -n true 2>/dev/null; then
    NONET=(unshare -n)
elif unshare -rn true 2>/dev/null; then
    NONET=(unshare -rn)  # unprivileged: a user namespace makes the network namespace
else
    echo "SKIP: unshare cannot create a network namespace here (util-linux, root or userns)"
    exit 0
fi

TRACE=()
if command -v strace >/dev/null 2>&1 && strace -f -qq -e trace=%network -o /dev/null true \
        2>/dev/null; then
    TRACE=(strace -f -qq -e trace=%network)
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kalma-smoke.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
tar -xzf "$TARBALL" -C "$WORK"
APP=$(find "$WORK" -mindepth 2 -maxdepth 2 -name kalma -type f -perm -u+x | head -n1)
[ -n "$APP" ] || { echo "FAIL: no kalma executable in $TARBALL"; exit 1; }
mkdir -m 700 "$WORK/home" "$WORK/runtime"

FAILED=0
run() {
    local name="$*" log="$WORK/out.log" trace="$WORK/trace.log" started ended
    local cmd=("${NONET[@]}")
    [ ${#TRACE[@]} -gt 0 ] && cmd+=("${TRACE[@]}" -o "$trace")
    started=$(date +%s%N)
    if ! env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 \
            XDG_RUNTIME_DIR="$WORK/runtime" QT_QPA_PLATFORM=offscreen \
            "${cmd[@]}" "$APP" "$@" >"$log" 2>&1; then
        echo "FAIL: kalma $name"; sed 's/^/    /' "$log" | tail -n 20; FAILED=1; return
    fi
    ended=$(date +%s%N)
    if [ ${#TRACE[@]} -gt 0 ] && grep -E 'AF_INET6?\b' "$trace" >/dev/null; then
        echo "FAIL: kalma $name opened a network socket:"; grep -E 'AF_INET6?\b' "$trace" \
            | sed 's/^/    /' | head -n 5; FAILED=1; return
    fi
    printf 'ok   %-28s %5.2f s\n' "kalma $name" "$(awk "BEGIN { print ($ended - $started) / 1e9 }")"
}

echo "smoke: $(basename "$TARBALL") in $WORK, network off (${NONET[*]})," \
     "socket trace: $([ ${#TRACE[@]} -gt 0 ] && echo strace || echo 'none (no strace)')"
run --version
run search --json hold
run lint
run doctor
run gui --self-test
[ "$FAILED" -eq 0 ] && echo "smoke: all passed" || echo "smoke: FAILED"
exit "$FAILED"
