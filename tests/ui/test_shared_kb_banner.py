"""An unmounted share with no offline copy: the app starts from the bundled KB and says so."""

from __future__ import annotations

from pathlib import Path

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
