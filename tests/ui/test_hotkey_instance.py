"""One key from anywhere (X11 key grab, tested under Xvfb with xdotool) and one instance
(local IPC only: QLocalServer)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.ui.hotkey import GlobalHotkey, parse_hotkey
from desktop.ui.single_instance import SingleInstance


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


def test_a_second_launch_raises_the_first(qtbot: QtBot, make_window, small_kb: Path) -> None:
    name = f"kalma-test-{os.getpid()}"
    first = SingleInstance(name)
    assert first.listen()
    window = make_window(small_kb)
    first.raiseRequested.connect(window.bring_to_front)
    window.hide()
    second = SingleInstance(name)
    with qtbot.waitSignal(first.raiseRequested, timeout=10_000):
        assert second.forward()  # True: the second launch quits
    qtbot.waitUntil(window.isVisible, timeout=5000)
    first.close()
    assert not SingleInstance(name).forward()  # nobody listening: this one would start


def test_the_ipc_is_local_only() -> None:
    import inspect

    from desktop.ui import single_instance

    source = inspect.getsource(single_instance)
    assert "QLocalServer" in source and "QTcpServer" not in source
    assert "import socket" not in source
