"""The call panel's "Details for this card": a field for each blank the shown card uses
beyond customer/issue/agent/minutes ({ref}, {date}…), shared with the blank prompt,
cleared by End call and brought back by its undo, without pushing End call off screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_helpers import card_text, type_query

from desktop.ui.main_window import MainWindow

FOLLOW_UP = dict(
    stage="close", tags="follow-up", channel="any",
    en=("Give the reference number",
        ["Your reference number is {ref}, {customer}.",
         "We will call you on {date}. If you need help sooner, call {crisis_line}."],
        [], ""),
    fil=("Ibigay ang reference number",
         ["Ang reference number n'yo po ay {ref}.",
          "Tatawagan po namin kayo sa {date}."],
         [], ""))


def add_follow_up_card(kb: Path) -> Path:
    for lang in ("en", "fil"):
        (kb / lang / "give-ref.md").write_text(card_text("give-ref", lang, FOLLOW_UP),
                                               encoding="utf-8")
    return kb


def show_follow_up(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "reference number")
    qtbot.waitUntil(lambda: window.card_view.current_card() is not None
                    and window.card_view.current_card().id == "give-ref", timeout=5000)


def test_fields_appear_for_the_blanks_the_card_uses(qtbot: QtBot, make_window,
                                                   small_kb: Path) -> None:
    window = make_window(add_follow_up_card(small_kb))
    tools = window.call_tools
    assert tools.details_box.isHidden()
    show_follow_up(qtbot, window)
    assert tools.detail_names() == ["ref", "date"]  # not customer (own field), not policy
    assert tools.details_box.isVisibleTo(tools)
    ref = tools.detail_edit("ref")
    assert ref is not None and ref.accessibleName() == "Reference number"
    assert ref.isVisibleTo(tools)
    date = tools.detail_edit("date")
    assert date is not None and date.accessibleName() == "Date"


def test_typing_in_a_detail_fills_the_card(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(add_follow_up_card(small_kb))
    show_follow_up(qtbot, window)
    ref = window.call_tools.detail_edit("ref")
    assert ref is not None
    row = window.card_view.columns["en"].row(0)
    assert row is not None and "{ref}" in row.text.text()
    qtbot.keyClicks(ref, "AB-123")
    assert "AB-123" in row.text.text() and "{ref}" not in row.text.text()
    fil = window.card_view.columns["fil"].row(0)
    assert fil is not None and "AB-123" in fil.text.text()
    assert window.card_view.copy_phrase(1, "fil")  # no blank left: straight to the clipboard
    assert QGuiApplication.clipboard().text() == "Ang reference number n'yo po ay AB-123."


def test_a_blank_prompt_value_shows_in_its_field(qtbot: QtBot, make_window,
                                                 small_kb: Path) -> None:
    window = make_window(add_follow_up_card(small_kb))
    show_follow_up(qtbot, window)
    assert window.copy_phrase(2, "fil")
    prompt = window.blank_prompt
    assert prompt.names() == ["date"]
    edit = prompt.edit_for("date")
    assert edit is not None
    qtbot.keyClicks(edit, "June 3")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    field = window.call_tools.detail_edit("date")
    assert field is not None and field.text() == "June 3"
    # A value for a blank this card does not use still shows, so it can be corrected.
    window.call_tools.phraseCopyRequested.emit("Team: {team}.")
    team = prompt.edit_for("team")
    assert team is not None
    qtbot.keyClicks(team, "Billing")
    qtbot.keyClick(team, Qt.Key.Key_Return)
    assert window.call_tools.detail_names() == ["ref", "date", "team"]
    field = window.call_tools.detail_edit("team")
    assert field is not None and field.text() == "Billing" and field.isVisibleTo(window)


def test_end_call_clears_the_details_and_undo_brings_them_back(qtbot: QtBot, make_window,
                                                                small_kb: Path) -> None:
    window = make_window(add_follow_up_card(small_kb))
    show_follow_up(qtbot, window)
    tools = window.call_tools
    ref = tools.detail_edit("ref")
    assert ref is not None
    qtbot.keyClicks(ref, "AB-123")
    assert tools.in_call()
    tools.end_call()
    assert ref.text() == "" and "ref" not in tools.placeholders()
    row = window.card_view.columns["en"].row(0)
    assert row is not None and "{ref}" in row.text.text()
    assert tools.undo_end_call()
    assert ref.text() == "AB-123" and "AB-123" in row.text.text()


def test_the_details_hide_when_the_card_uses_none(qtbot: QtBot, make_window,
                                                  small_kb: Path) -> None:
    window = make_window(add_follow_up_card(small_kb))
    tools = window.call_tools
    show_follow_up(qtbot, window)
    assert tools.details_box.isVisibleTo(tools)
    type_query(qtbot, window, "vent")
    qtbot.waitUntil(lambda: window.card_view.current_card() is not None
                    and window.card_view.current_card().id == "let-them-vent", timeout=5000)
    assert tools.details_box.isHidden() and tools.detail_names() == []


def test_the_details_come_after_issue_in_the_tab_order(qtbot: QtBot, make_window,
                                                       small_kb: Path) -> None:
    window = make_window(add_follow_up_card(small_kb))
    show_follow_up(qtbot, window)
    tools = window.call_tools
    ref, date = tools.detail_edit("ref"), tools.detail_edit("date")
    tools.issue_edit.setFocus()
    qtbot.waitUntil(tools.issue_edit.hasFocus, timeout=3000)
    seen = []
    for _ in range(4):
        window.focusNextChild()
        seen.append(QApplication.focusWidget())
    assert seen[:3] == [ref, date, tools.agent_edit]


def test_end_call_stays_in_view_at_1366x768_with_details(qtbot: QtBot, make_window,
                                                         small_kb: Path) -> None:
    window = make_window(add_follow_up_card(small_kb))
    window.resize(1366, 728 - 30)  # maximized on 1366x768, under a title bar
    qtbot.waitUntil(window.context_bar.is_folded, timeout=3000)
    show_follow_up(qtbot, window)
    tools = window.call_tools
    window.call_tools.phraseCopyRequested.emit("{amount} {team} {number} {time} {timeframe}")
    prompt = window.blank_prompt
    for name in prompt.names():
        edit = prompt.edit_for(name)
        assert edit is not None
        edit.setText("x")
    prompt.copy_button.click()
    assert len(tools.detail_names()) == 7  # every detail the KB uses, at once
    end_call = tools.end_call_button
    qtbot.waitUntil(end_call.isVisible, timeout=3000)
    area = window.call_tools_area
    qtbot.waitUntil(lambda: area.widget().height() <= area.viewport().height(), timeout=3000)
    bottom = end_call.mapTo(area.viewport(), end_call.rect().bottomLeft()).y()
    assert bottom <= area.viewport().height()  # End call visible without scrolling
    assert area.verticalScrollBar().maximum() == 0
    # The rows beyond the box's height scroll inside it, and Tab brings each into view.
    last = tools.detail_edit(tools.detail_names()[-1])
    assert last is not None
    inner = tools.details_area

    def in_view() -> bool:
        top = last.mapTo(inner.viewport(), last.rect().topLeft()).y()
        return top >= 0 and top + last.height() <= inner.viewport().height()

    assert not in_view()
    last.setFocus()
    qtbot.waitUntil(in_view, timeout=3000)


def test_detail_labels_follow_the_interface_language(qtbot: QtBot, make_window,
                                                     small_kb: Path) -> None:
    import subprocess
    import sys

    from desktop.ui import i18n

    if not Path(i18n.qm_path("fil")).is_file():  # a fresh checkout: build the catalogs
        subprocess.run([sys.executable, str(Path(__file__).resolve().parents[2] / "tools"
                                            / "build_i18n.py"), "--release"],
                       check=True, timeout=60)
    window = make_window(add_follow_up_card(small_kb))
    show_follow_up(qtbot, window)
    date = window.call_tools.detail_edit("date")
    assert date is not None and date.accessibleName() == "Date"
    window.set_ui_language("fil")
    qtbot.waitUntil(lambda: date.accessibleName() == "Petsa", timeout=3000)
    assert window.blank_prompt.field_label("date") == "Petsa"  # the prompt says the same
