#!/usr/bin/env bash
# Cold start to window for the Linux bundle, on a real X server (Xvfb).
#
#   tools/measure_start.sh [BUNDLE_DIR] [RUNS]      default: dist/kalma, 5 runs
#
# Each run starts `kalma gui` with an empty HOME on a private Xvfb display and polls the
# X window tree until a window titled "Kalma..." is mapped; prints the milliseconds from
# exec to that moment. The first run is "cold": the page cache is dropped first when
# /proc/sys/vm/drop_caches is writable (root), and the index is not built yet.
# Needs: Xvfb and xwininfo (apt-get install xvfb x11-utils).
set -euo pipefail

BUNDLE=${1:-dist/kalma}
RUNS=${2:-5}
APP="$(cd "$BUNDLE" && pwd)/kalma"
for tool in Xvfb xwininfo; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool missing (apt-get install xvfb x11-utils)"; exit 0; }
done
[ -x "$APP" ] || { echo "no bundle at $BUNDLE (make bundle)"; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kalma-start.XXXXXX")
DISPLAY_NUM=$((90 + RANDOM % 100))
Xvfb ":$DISPLAY_NUM" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
trap 'kill "$XVFB" 2>/dev/null; rm -rf "$WORK"' EXIT
export DISPLAY=":$DISPLAY_NUM"
for _ in $(seq 100); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.05; done

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

one_run() {
    local label=$1 started pid shown=""
    started=$(now_ms)
    env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 DISPLAY="$DISPLAY" \
        XDG_RUNTIME_DIR="$WORK/runtime" "$APP" gui >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1000); do
        if xwininfo -root -tree 2>/dev/null | grep -q '"Kalma'; then shown=$(now_ms); break; fi
        sleep 0.01
    done
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
    if [ -z "$shown" ]; then echo "$label: no window within 10 s"; return 1; fi
    echo "$label: window after $((shown - started)) ms"
}

mkdir -m 700 -p "$WORK/home" "$WORK/runtime"
if [ -w /proc/sys/vm/drop_caches ]; then
    sync && echo 3 > /proc/sys/vm/drop_caches
    one_run "cold (page cache dropped, no index yet)"
else
    one_run "first (no index yet; page cache not dropped: not root)"
fi
for i in $(seq 2 "$RUNS"); do one_run "warm run $i"; done
