"""UI test setup: offscreen Qt, QSettings in a temp folder, a small KB, a window factory."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from ui_helpers import settle, write_small_kb

from desktop.core.settings import resolve
from desktop.ui import i18n
from desktop.ui.main_window import MainWindow
from desktop.ui.settings_store import SettingsStore


@pytest.fixture
def small_kb(tmp_path: Path) -> Path:
    return write_small_kb(tmp_path / "kb")


@pytest.fixture(autouse=True)
def _no_translator_left() -> Iterator[None]:
    yield
    i18n.reset()


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "kalma-test.ini"


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, settings_file: Path) -> Iterator[WindowFactory]:
    """make_window(kb, **options) -> a shown MainWindow whose index is loaded."""
    windows: list[MainWindow] = []

    def factory(kb: Path, *, wait: bool = True, user: dict[str, object] | None = None,
                **options: object) -> MainWindow:
        store = SettingsStore(QSettings(str(settings_file), QSettings.Format.IniFormat))
        if user:
            store.save_values(user, frozenset())
        resolved = resolve(user=store.load_user_values())
        i18n.set_language(resolved.settings.ui_language)
        options.setdefault("watch", False)
        window = MainWindow(resolved, store, kb, **options)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        windows.append(window)
        if not window.window_state.geometry:
            # The offscreen screen is 800x600: the window would open in its compact layout.
            # Tests of the wide layout get a laptop-sized window; compact tests resize.
            window.resize(1240, 800)
        window.show()
        if wait:
            with qtbot.waitSignal(window.indexReady, timeout=15_000):
                window.start()
            settle(qtbot, window)
        return window

    yield factory
    for window in windows:
        window.shutdown()
