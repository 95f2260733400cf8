"""One key from anywhere (X11 key grab, tested under Xvfb with xdotool) and one instance
(local IPC only: an AF_UNIX socket or a named pipe, no QtNetwork)."""

from __future__ import annotations

import os
import queue
import re
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.ui.hotkey import GlobalHotkey, parse_hotkey
from desktop.ui.single_instance import (
    PipeEndpoint,
    SingleInstance,
    UnixEndpoint,
    endpoint_for,
    private_folder_problem,
    runtime_folder,
    socket_path,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def x_display(qtbot: QtBot, tmp_path: Path) -> Iterator[str]:
    """A private Xvfb server; its display name (":N")."""
    if not shutil.which("Xvfb") or not shutil.which("xdotool"):
        pytest.skip("Xvfb and xdotool are needed (tools/dev.sh installs them)")
    ready = tmp_path / "display"
    with ready.open("w") as out:
        server = subprocess.Popen(["Xvfb", "-displayfd", str(out.fileno()), "-screen", "0",
                                   "640x480x24", "-nolisten", "tcp"], pass_fds=(out.fileno(),),
                                  stderr=subprocess.DEVNULL)
    try:
        qtbot.waitUntil(lambda: ready.read_text().strip() != "", timeout=10_000)
        yield f":{ready.read_text().strip()}"
    finally:
        server.terminate()
        server.wait(10)


def press_keys(display: str, keys: str) -> None:
    subprocess.run(["xdotool", "key", *keys.split()], env=dict(os.environ, DISPLAY=display),
                   check=True, timeout=30)


def test_parse_hotkey() -> None:
    assert parse_hotkey("Ctrl+Alt+K") == (["ctrl", "alt"], "k")
    with pytest.raises(ValueError):
        parse_hotkey("K")
    with pytest.raises(ValueError):
        parse_hotkey("Hyper+K")


def test_x11_hotkey_fires_from_any_program(qtbot: QtBot, x_display: str) -> None:
    hotkey = GlobalHotkey(display_name=x_display)
    assert hotkey.register("Ctrl+Alt+K"), hotkey.status()
    assert hotkey.status() == "active"
    try:
        with qtbot.waitSignal(hotkey.activated, timeout=10_000):
            press_keys(x_display, "ctrl+alt+k")
        with qtbot.waitSignal(hotkey.activated, timeout=10_000):
            press_keys(x_display, "Num_Lock ctrl+alt+k Num_Lock")  # Num Lock on: still works
        fired: list[int] = []
        hotkey.activated.connect(lambda: fired.append(1))
        press_keys(x_display, "ctrl+alt+j")  # another chord: not ours
        with qtbot.waitSignal(hotkey.activated, timeout=10_000):
            press_keys(x_display, "ctrl+alt+k")
        assert fired == [1]
    finally:
        hotkey.unregister()
    assert hotkey.status() == "off"


def test_the_hotkey_brings_the_search_forward(qtbot: QtBot, make_window, small_kb: Path,
                                              x_display: str) -> None:
    window = make_window(small_kb)
    window.search_edit.setText("hold")
    window.call_tools.customer_edit.setFocus()
    window.hide()
    hotkey = window.enable_global_hotkey(x_display)
    assert hotkey.status() == "active"
    press_keys(x_display, "ctrl+alt+k")
    qtbot.waitUntil(window.isVisible, timeout=10_000)
    qtbot.waitUntil(lambda: window.focusWidget() is window.search_edit, timeout=5000)
    assert window.search_edit.selectedText() == "hold"
    window.prefs.set("hotkey_target", "mini")
    press_keys(x_display, "ctrl+alt+k")
    qtbot.waitUntil(lambda: window.mini_window is not None and window.mini_window.isVisible(),
                    timeout=10_000)


@pytest.fixture
def runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private XDG_RUNTIME_DIR, short enough for a socket path (sun_path ~107 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="kr-"))  # mkdtemp: mode 0700, ours
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_second_launch_raises_the_first(qtbot: QtBot, make_window, small_kb: Path,
                                          runtime_dir: Path) -> None:
    name = f"kalma-test-{os.getpid()}"
    first = SingleInstance(name)
    assert first.listen()
    assert not SingleInstance(name).listen()  # the name is taken while the first runs
    window = make_window(small_kb)
    first.raiseRequested.connect(window.bring_to_front)
    window.hide()
    second = SingleInstance(name)
    with qtbot.waitSignal(first.raiseRequested, timeout=10_000):
        assert second.forward()  # True: the second launch quits
    qtbot.waitUntil(window.isVisible, timeout=5000)
    path = socket_path(name, runtime_dir)
    assert stat.S_ISSOCK(path.stat().st_mode)
    first.close()
    assert not path.exists()
    assert not SingleInstance(name).forward()  # nobody listening: this one would start


def test_a_stale_socket_left_by_a_crash_is_recovered(qtbot: QtBot, runtime_dir: Path) -> None:
    name = f"kalma-stale-{os.getpid()}"
    path = socket_path(name, runtime_dir)
    crashed = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    crashed.bind(str(path))
    crashed.close()  # a crash: the socket file stays, nobody answers (ECONNREFUSED)
    assert path.exists()
    assert not SingleInstance(name).forward()
    instance = SingleInstance(name)
    assert instance.listen()
    try:
        with qtbot.waitSignal(instance.raiseRequested, timeout=10_000):
            assert SingleInstance(name).forward()
    finally:
        instance.close()


def test_a_silent_or_noisy_peer_does_not_raise(qtbot: QtBot, runtime_dir: Path) -> None:
    name = f"kalma-noise-{os.getpid()}"
    instance = SingleInstance(name)
    assert instance.listen()
    raised: list[int] = []
    instance.raiseRequested.connect(lambda: raised.append(1))
    try:
        for message in (b"", b"hello\n", b"x" * 500):
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as peer:
                peer.connect(str(socket_path(name, runtime_dir)))
                peer.sendall(message)
        with qtbot.waitSignal(instance.raiseRequested, timeout=10_000):
            assert SingleInstance(name).forward()
        assert raised == [1]  # only the real request
    finally:
        instance.close()


def test_a_folder_of_another_user_or_writable_by_others_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    uid = os.getuid()
    assert private_folder_problem(folder, uid) is None
    assert "another user" in str(private_folder_problem(folder, uid + 1))
    folder.chmod(0o777)
    assert "writable by other users" in str(private_folder_problem(folder, uid))
    link = tmp_path / "link"
    link.symlink_to(folder)
    assert "not a folder" in str(private_folder_problem(link, uid))


def test_an_unsafe_temp_folder_is_not_used(monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    (tmp_path / f"kalma-{os.getuid()}").mkdir(mode=0o777)
    (tmp_path / f"kalma-{os.getuid()}").chmod(0o777)  # planted by someone else
    with pytest.raises(PermissionError, match="writable by other users"):
        runtime_folder()
    instance = SingleInstance("kalma-unsafe")
    assert not instance.listen() and not instance.forward()  # runs alone, trusts nothing


def test_without_xdg_runtime_dir_a_private_temp_folder_is_made(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    folder = runtime_folder()
    assert folder == tmp_path / f"kalma-{os.getuid()}"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_long_name_gives_a_short_socket_path(runtime_dir: Path) -> None:
    path = socket_path("k" * 500, runtime_dir)
    assert len(os.fsencode(path)) <= 107 and path.parent == runtime_dir
    with pytest.raises(OSError, match="too long"):
        socket_path("kalma", Path("/" + "d" * 120))


def test_the_ipc_is_local_only(qtbot: QtBot, runtime_dir: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    families: list[int] = []
    real_socket = socket.socket

    def recording_socket(family: int = -1, *args: object, **kwargs: object) -> socket.socket:
        families.append(family)
        return real_socket(family, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "socket", recording_socket)
    name = f"kalma-local-{os.getpid()}"
    instance = SingleInstance(name)
    assert instance.listen()
    with qtbot.waitSignal(instance.raiseRequested, timeout=10_000):
        assert SingleInstance(name).forward()
    instance.close()
    assert families and set(families) == {socket.AF_UNIX}


def test_desktop_never_imports_qtnetwork() -> None:
    """The bundle leaves libQt6Network out (size target): an import would fail there."""
    imports = re.compile(r"^\s*(from|import)\s[^#\n]*\bQtNetwork\b", re.MULTILINE)
    sources = [p for p in (REPO / "desktop").rglob("*.py")
               if imports.search(p.read_text(encoding="utf-8"))]
    assert sources == []
    code = ("import sys, desktop.ui.app, desktop.ui.single_instance; "
            "print('PySide6.QtNetwork' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                         text=True, timeout=120, env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert out.stdout.strip() == "False", out.stderr


# --- Windows named pipe, driven through a fake multiprocessing.connection ---------------

class FakeConnection:
    def __init__(self, pipes: FakePipes, message: bytes) -> None:
        self.pipes = pipes
        self.message = message

    def __enter__(self) -> FakeConnection:
        return self

    def __exit__(self, *_: object) -> None:
        pass

    def send_bytes(self, data: bytes) -> None:
        self.pipes.inbox.put(data)

    def recv_bytes(self, maxlength: int) -> bytes:
        return self.message


class FakePipes:
    """Just enough of multiprocessing.connection: one pipe, a queue as its wire."""

    def __init__(self) -> None:
        self.inbox: queue.Queue[bytes] = queue.Queue()
        self.listening: set[str] = set()
        self.closed = False

    def Listener(self, address: str, family: str) -> FakePipes:
        assert family == "AF_PIPE" and address.startswith("\\\\.\\pipe\\")
        if address in self.listening:
            raise PermissionError("first pipe instance exists")
        self.listening.add(address)
        return self

    def Client(self, address: str, family: str) -> FakeConnection:
        assert family == "AF_PIPE"
        if address not in self.listening:
            raise FileNotFoundError(address)
        return FakeConnection(self, b"")

    def accept(self) -> FakeConnection:
        return FakeConnection(self, self.inbox.get(timeout=30))

    def close(self) -> None:
        self.closed = True
        self.listening.clear()


def test_windows_uses_a_named_pipe(qtbot: QtBot) -> None:
    owner = SingleInstance("kalma-x")
    assert isinstance(endpoint_for("kalma-x", owner, "win32"), PipeEndpoint)
    assert isinstance(endpoint_for("kalma-x", owner, "linux"), UnixEndpoint)
    assert isinstance(endpoint_for("kalma-x", owner, "darwin"), UnixEndpoint)
    assert PipeEndpoint("kalma-x").address == "\\\\.\\pipe\\kalma-x"


def test_the_pipe_thread_raises_on_the_gui_thread(qtbot: QtBot) -> None:
    pipes = FakePipes()
    instance = SingleInstance("kalma-pipe")
    instance._endpoint = PipeEndpoint("kalma-pipe", pipes)
    threads: list[threading.Thread] = []
    instance.raiseRequested.connect(lambda: threads.append(threading.current_thread()))
    assert not instance.forward()  # nobody listens yet
    assert instance.listen()
    assert not PipeEndpoint("kalma-pipe", pipes).listen(lambda: None)  # name taken
    with qtbot.waitSignal(instance.raiseRequested, timeout=10_000):
        assert PipeEndpoint("kalma-pipe", pipes).forward()
    assert threads == [threading.main_thread()]
    instance.close()
    assert pipes.closed
    assert instance._endpoint._thread is None  # type: ignore[attr-defined]
