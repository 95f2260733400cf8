"""Kalma never opens a network socket: the CLI commands and the GUI self-test, from source.

Two independent witnesses: a Python audit hook (sys.addaudithook, always available; sees
every socket Python code creates) and strace (when installed; also sees Qt's native code).
AF_UNIX sockets (D-Bus, X11) are allowed; AF_INET/AF_INET6 sockets, connects, binds and
name lookups are not. Each witness first proves it can see a socket (negative control).
The bundle gets the same strace check in tools/smoke_bundle.sh.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
COMMANDS = [
    ["--version"],
    ["search", "--json", "hold"],
    ["lint"],
    ["doctor"],
    ["gui", "--self-test"],
]

AUDIT_HOOK = '''
import os, sys

_LOG = os.environ["KALMA_NET_LOG"]
_NET_FAMILIES = {2, 10, -1}  # AF_INET, AF_INET6, and "default" (which means AF_INET)
_LOOKUPS = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
            "socket.getnameinfo"}


def _record(event, args):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()} {event} {args[1:]!r}\\n")


def _hook(event, args):
    if event == "socket.__new__" and args[1] in _NET_FAMILIES:
        _record(event, args)
    elif event in ("socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg") \\
            and isinstance(args[1], tuple):
        _record(event, args)
    elif event in _LOOKUPS:
        _record(event, (None, *args))


sys.addaudithook(_hook)
'''


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The test's isolated KALMA_* folders, plus an empty HOME for Qt's own files."""
    home = tmp_path / "home"
    home.mkdir()
    config = tmp_path / "kalma.ini"
    config.write_text("[defaults]\n", encoding="utf-8")  # doctor reports a missing one
    values = dict(os.environ)
    values.update(HOME=str(home), KALMA_CONFIG=str(config), XDG_CONFIG_HOME=str(home / ".config"),
                  XDG_CACHE_HOME=str(home / ".cache"), XDG_DATA_HOME=str(home / ".local"),
                  QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    values.pop("DBUS_SESSION_BUS_ADDRESS", None)
    return values


def run(argv: list[str], env: dict[str, str], prefix: tuple[str, ...] = ()
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*prefix, sys.executable, *argv], env=env, capture_output=True,
                          text=True, timeout=120, check=False, cwd=REPO)


def with_audit_hook(env: dict[str, str], tmp_path: Path) -> Path:
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir()
    (hook_dir / "sitecustomize.py").write_text(AUDIT_HOOK, encoding="utf-8")
    log = tmp_path / "net.log"
    log.touch()
    env.update(PYTHONPATH=os.pathsep.join([str(hook_dir), str(REPO)]), KALMA_NET_LOG=str(log))
    return log


def test_audit_hook_sees_a_socket(env: dict[str, str], tmp_path: Path) -> None:
    log = with_audit_hook(env, tmp_path)
    done = run(["-c", "import socket; socket.socket().close(); socket.getaddrinfo('x', 1)"],
               env)
    assert "socket.__new__" in log.read_text(encoding="utf-8"), done.stderr
    assert "socket.getaddrinfo" in log.read_text(encoding="utf-8")


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: " ".join(argv))
def test_no_network_from_python(argv: list[str], env: dict[str, str], tmp_path: Path) -> None:
    log = with_audit_hook(env, tmp_path)
    done = run(["-m", "desktop", *argv], env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert log.read_text(encoding="utf-8") == ""


STRACE = shutil.which("strace")
needs_strace = pytest.mark.skipif(STRACE is None, reason="strace not installed")


def strace_prefix(trace: Path) -> tuple[str, ...]:
    assert STRACE is not None
    return (STRACE, "-f", "-qq", "-e", "trace=%network", "-o", str(trace))


def inet_lines(trace: Path) -> list[str]:
    text = trace.read_text(encoding="utf-8", errors="replace")
    return [line for line in text.splitlines() if "AF_INET" in line]


@needs_strace
def test_strace_sees_a_socket(env: dict[str, str], tmp_path: Path) -> None:
    trace = tmp_path / "trace.log"
    done = run(["-c", "import socket; socket.socket().close()"], env, strace_prefix(trace))
    if done.returncode != 0 and "ptrace" in done.stderr:
        pytest.skip(f"strace cannot trace here: {done.stderr.strip()[:200]}")
    assert inet_lines(trace)


@needs_strace
@pytest.mark.parametrize("argv", [["search", "--json", "hold"], ["gui", "--self-test"]],
                         ids=lambda argv: " ".join(argv))
def test_no_network_from_native_code(argv: list[str], env: dict[str, str],
                                     tmp_path: Path) -> None:
    trace = tmp_path / "trace.log"
    done = run(["-m", "desktop", *argv], env, strace_prefix(trace))
    if done.returncode != 0 and "ptrace" in done.stderr:
        pytest.skip(f"strace cannot trace here: {done.stderr.strip()[:200]}")
    assert done.returncode == 0, done.stderr[-2000:]
    assert inet_lines(trace) == []
