"""An unmounted share with no offline copy: the app starts from the bundled KB and says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.kb_location import BUNDLED_NOTICE


def test_empty_share_starts_from_the_bundled_kb_with_a_banner(
        qtbot: QtBot, make_window, tmp_path: Path, bundled_kb: Path) -> None:
    unmounted = tmp_path / "mnt" / "kalma"
    unmounted.mkdir(parents=True)
    window = make_window(unmounted)
    assert window.kb_location.path == bundled_kb and window.kb_location.notice == BUNDLED_NOTICE
    assert window.kb_label.text() == (
        "Shared KB not available — showing the KB shipped with Kalma")
    assert "background: palette(highlight)" in window.kb_label.styleSheet()
    assert len(window.engine.snapshot.cards) > 100  # the bundled cards, loaded


def test_unreadable_it_settings_are_announced_in_the_window(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QSettings

    from desktop.core import settings
    from desktop.ui.app import build_main_window
    from desktop.ui.settings_store import SettingsStore

    broken = tmp_path / "kalma.ini"
    broken.mkdir()  # a folder where the file should be: unreadable, for root too
    monkeypatch.setattr(settings, "system_config_path", lambda: broken)
    store = SettingsStore(QSettings(str(tmp_path / "user.ini"), QSettings.Format.IniFormat))
    window = build_main_window(tmp_path / "kb", store=store, persist=False, watch=False)
    qtbot.addWidget(window)
    assert window.settings.trainer_enabled is False
    assert "IT settings could not be read" in window.statusBar().currentMessage()
