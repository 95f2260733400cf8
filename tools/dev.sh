#!/usr/bin/env bash
# Kalma's two README commands, and what they need, from a fresh clone on a fresh machine.
#
#   bash tools/dev.sh run    set up, then start the app on the bundled kb/
#   bash tools/dev.sh test   set up, then run ruff, mypy and the whole test suite, then
#                            the Qt-free tests on Windows CPython in Wine
#                            (KALMA_SKIP_WINDOWS=1 skips that part)
#
# Setup is idempotent and quick the second time: the Debian libraries Qt needs (only the
# missing ones, only when we may install them), a virtualenv in .venv with the pinned
# packages, and the compiled translations (i18n/*.qm).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

# Shared libraries PySide6's xcb and offscreen platforms load on a bare Debian/Ubuntu.
QT_APT_PACKAGES=(
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  libx11-xcb1 libxrender1 libxi6 fonts-dejavu-core
  # Tagalog and English word lists for the trainer's Filipino/Taglish spell check
  myspell-tl hunspell-en-us
)
# What the installer checks in the test suite use: objdump for PyInstaller, makensis to
# compile the Windows script, unshare and strace for the offline/no-socket smoke test,
# patchelf/lintian/osslsigncode/msitools/wixl for the release checks, icu-devtools and gcc
# to trim ICU data, Xvfb and xdotool for the global-hotkey test (a real X11 key grab).
TEST_APT_PACKAGES=(binutils nsis util-linux strace patchelf lintian msitools wixl osslsigncode
  icu-devtools gcc xvfb xdotool)

log() { printf '\033[1m[kalma]\033[0m %s\n' "$*" >&2; }

missing_debs() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || printf '%s\n' "$pkg"
  done
}

install_debs() {
  command -v dpkg-query >/dev/null 2>&1 || { log "not a Debian system: skipping apt packages"; return 0; }
  local missing
  mapfile -t missing < <(missing_debs "$@")
  [ "${#missing[@]}" -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      log "please install: sudo apt-get install ${missing[*]}"
      return 0
    fi
  fi
  log "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  # Some names differ between releases (e.g. libgl1 vs libgl1-mesa-glx); install what exists.
  local available=() pkg
  for pkg in "${missing[@]}"; do
    if apt-cache show "$pkg" >/dev/null 2>&1; then available+=("$pkg"); fi
  done
  [ "${#available[@]}" -eq 0 ] && return 0
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${available[@]}" >/dev/null
}

ensure_python() {
  local python="${PYTHON:-python3}"
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    log "Kalma needs Python 3.11 or newer (found: $("$python" --version 2>&1))"
    exit 2
  fi
  if ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
    install_debs python3-venv
  fi
  echo "$python"
}

ensure_venv() {
  local extras="$1" python stamp want
  python="$(ensure_python)"
  stamp="$VENV/.kalma-installed"  # "<pyproject hash> <extras installed>"
  want="$(sha256sum < pyproject.toml | cut -c1-16)"
  if [ -x "$PY" ] && [ -f "$stamp" ] && has_extras "$want" "$extras" "$(cat "$stamp")"; then
    return 0
  fi
  # Keep what an earlier setup installed (run after test must not drop the dist tools).
  if [ -f "$stamp" ] && [ "$(cut -d' ' -f1 "$stamp")" = "$want" ]; then
    extras="$(printf '%s,%s' "$extras" "$(cut -d' ' -f2 "$stamp")" | tr ',' '\n' | sort -u | paste -sd,)"
  fi
  [ -x "$PY" ] || { log "creating $VENV"; "$python" -m venv "$VENV"; }
  log "installing Python packages ($extras)"
  "$PY" -m pip install -q --disable-pip-version-check --upgrade pip
  "$PY" -m pip install -q --disable-pip-version-check -e ".[$extras]"
  echo "$want $extras" > "$stamp"
}

# True when the stamp's hash matches and it lists every extra asked for.
has_extras() {
  local want="$1" asked="$2" stamp="$3" extra
  [ "${stamp%% *}" = "$want" ] || return 1
  for extra in ${asked//,/ }; do
    [[ ",${stamp#* }," == *",$extra,"* ]] || return 1
  done
}

build_translations() {
  if [ -f tools/build_i18n.py ]; then
    "$PY" tools/build_i18n.py --release >/dev/null || log "could not build translations"
  fi
}

setup() {
  install_debs "${QT_APT_PACKAGES[@]}"
  ensure_venv "$1"
  build_translations
}

cmd_run() {
  setup test
  log "starting Kalma on $ROOT/kb"
  exec "$VENV/bin/kalma" gui --kb "$ROOT/kb" "$@"
}

cmd_test() {
  install_debs "${TEST_APT_PACKAGES[@]}"
  setup "test,dist"
  export QT_QPA_PLATFORM=offscreen
  if command -v objdump >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1; then
    # Installers first, so tests/packaging checks and smoke-tests the real bundle.
    log "make dist (bundle, .deb, .tar.gz/.run, NSIS check)"
    make --no-print-directory dist DEB_XZ_LEVEL=1 >/dev/null
    make --no-print-directory smoke
  else
    log "objdump or dpkg-deb missing: installer tests will be skipped"
  fi
  log "ruff"
  "$VENV/bin/ruff" check desktop tests tools
  log "mypy"
  "$VENV/bin/mypy"
  log "pytest"
  "$PY" -m pytest -q -p no:cacheprovider "$@"
  check_windows
}

# The Qt-free tests again on Windows CPython under Wine (~1.5 min; KALMA_SKIP_WINDOWS=1 skips
# it). Failing tests fail the run; a machine that cannot get Wine or the downloads only warns.
check_windows() {
  if [ "${KALMA_SKIP_WINDOWS:-0}" = 1 ]; then
    log "KALMA_SKIP_WINDOWS=1: not running the Windows check"
    return 0
  fi
  log "Windows check (make check-windows)"
  local status=0
  bash tools/check_windows.sh || status=$?
  if [ "$status" -eq 3 ]; then
    log "WARNING: the Windows check could not run here (no Wine or no downloads); see above"
    return 0
  fi
  return "$status"
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  setup) setup "${2:-test}" ;;
  *) echo "usage: bash tools/dev.sh run|test [args]" >&2; exit 2 ;;
esac
