# ruff: noqa: F811  (pytest injects the fixtures imported from test_trainer by name)
"""Editor for a team (issue 12, item 6): list filter, following, lint highlight, twins."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.core import editing
from desktop.ui.trainer.window import TrainerWindow
from tests.ui.test_trainer import gap_log, kb, refreshed, window  # noqa: F401


def _visible(window: TrainerWindow) -> list[str]:
    return [str(item.data(0, 256)) for item in window.card_list.items() if not item.isHidden()]


def test_card_list_filters_on_both_languages_and_card_text(window: TrainerWindow) -> None:
    window.card_list.filter_edit.setText("paghihintay")  # a Filipino word, in FIL text only
    assert sorted(_visible(window)) == ["close-thank-customer.md", "hold-check-in.md"]
    window.card_list.filter_edit.setText("Balikan ang customer")  # the Filipino title
    assert _visible(window) == ["hold-check-in.md"]
    window.card_list.filter_edit.setText("")
    assert len(_visible(window)) == 3


def test_list_follows_new_card_and_lint_clicks(window: TrainerWindow, kb: Path,
                                               qtbot: QtBot) -> None:
    window.ask_new_card = lambda title="": editing.NewCard(  # type: ignore[method-assign]
        "Refund follow-up", "en", "follow-up")
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.new_action.trigger()
    assert window.card_list.current_name() == "refund-follow-up.md"
    window.open_card("hold-check-in.md")
    path = kb / "en" / "close-thank-customer.md"
    window.lint_panel.problemActivated.emit(path, 4)
    assert window.card_list.current_name() == "close-thank-customer.md"
    assert window.editors["en"].highlighted_line() == 4
    window.editors["en"].text_edit.insertPlainText("x")
    assert window.editors["en"].highlighted_line() is None  # edited: the mark goes
