"""Ctrl+Shift+V: the customer's message goes into "customer said", situations become chips."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from ui_helpers import REPO, result_ids, settle
from ui_helpers import press_action as press

from desktop.core.detect import MAX_MESSAGE_CHARS


def with_glossary(kb: Path) -> Path:
    """The small test KB plus the shipped glossary (the detector's main vocabulary)."""
    (kb / "glossary.md").write_text((REPO / "kb" / "glossary.md").read_text("utf-8"),
                                    encoding="utf-8")
    return kb


def test_pasting_a_message_shows_its_situations_and_their_cards(qtbot: QtBot, make_window,
                                                                 small_kb: Path) -> None:
    window = make_window(with_glossary(small_kb))
    panel = window.customer_said
    assert not panel.isVisibleTo(window)
    QGuiApplication.clipboard().setText(
        "Ang tagal ko nang naghihintay, isang oras na ako sa pila at naka-hold pa!")
    press(window, "Ctrl+Shift+V")
    assert panel.isVisibleTo(window) and panel.edit.hasFocus()
    assert "isang oras" in panel.edit.toPlainText()
    qtbot.waitUntil(lambda: bool(panel.chips()), timeout=10_000)
    tags = [s.tag for s in panel.situations()]
    assert "long-wait" in tags[:3]
    chip = panel.chips()[tags.index("long-wait")]
    assert chip.text() and chip.accessibleName().startswith("Show the cards for")
    chip.click()
    assert window.context_bar.state().tags == ("long-wait",)
    settle(qtbot, window)
    assert "hold-ask" in result_ids(window)


def test_a_long_paste_is_cut_and_closing_clears_it(qtbot: QtBot, make_window,
                                                   small_kb: Path) -> None:
    window = make_window(with_glossary(small_kb))
    panel = window.customer_said
    QGuiApplication.clipboard().setText("galit na galit ako " * 300)
    press(window, "Ctrl+Shift+V")
    assert len(panel.edit.toPlainText()) <= MAX_MESSAGE_CHARS
    qtbot.waitUntil(lambda: bool(panel.situations()), timeout=10_000)
    assert panel.situations()[0].tag == "irate"
    panel.close_button.click()
    assert not panel.isVisibleTo(window) and panel.edit.toPlainText() == ""
