"""The call from the window: keys for every call tool, alerts above the card, End call undo,
closing during a call, and the F1 sheet that lists it all."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot
from ui_helpers import press_action as press

from desktop.ui.shortcut_sheet import ShortcutSheet, shortcut_rows


def test_keys_reach_every_call_tool(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    tools = window.call_tools
    press(window, "Ctrl+T")  # call tools hidden: a key brings them back
    assert window.call_tools_area.isHidden()
    press(window, "Alt+C")
    assert not window.call_tools_area.isHidden()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tools.customer_edit, timeout=3000)
    press(window, "Alt+I")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tools.issue_edit, timeout=3000)
    press(window, "Alt+N")
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QPlainTextEdit),
                    timeout=3000)
    press(window, "Ctrl+H")
    assert tools.on_hold() and window.status_message() == ("hold_on", ())
    press(window, "Ctrl+H")
    assert not tools.on_hold()
    press(window, "Ctrl+Shift+W")
    assert tools.warning_count.text().startswith("Warnings: 1")
    assert "abuse" in window.alert_banner.kinds()  # the phrase to read, above the card
    for _ in range(5):
        press(window, "Ctrl+Shift+W")
    assert window.status_message() == ("warning_limit", ())
    assert "abuse_limit" in window.alert_banner.kinds()


def test_end_call_can_be_undone_and_keeps_the_notes(qtbot: QtBot, make_window,
                                                    small_kb: Path) -> None:
    window = make_window(small_kb)
    tools = window.call_tools
    tools.customer_edit.setText("Ana")
    tools.issue_edit.setText("double charge")
    tools.notes_edit.setPlainText("charged twice in June")
    press(window, "Ctrl+Shift+E")
    assert tools.customer_edit.text() == "" and tools.notes() == ""
    assert "ended" in window.alert_banner.kinds()
    undo = window.alert_banner.action_button("ended")
    assert undo is not None and undo.isVisibleTo(window)
    undo.click()
    assert tools.customer_edit.text() == "Ana" and tools.issue_edit.text() == "double charge"
    assert tools.notes() == "charged twice in June"
    assert "ended" not in window.alert_banner.kinds()
    assert window.status_message() == ("call_restored", ())
    press(window, "Ctrl+Shift+Z")  # nothing left to undo
    assert window.status_message() == ("undo_too_late", ())


def test_end_call_undo_expires(qtbot: QtBot, make_window, small_kb: Path) -> None:
    now = [1000.0]
    window = make_window(small_kb, clock=lambda: now[0])
    window.call_tools.customer_edit.setText("Ana")
    press(window, "Ctrl+Shift+E")
    now[0] += 61
    press(window, "Ctrl+Shift+Z")
    assert window.call_tools.customer_edit.text() == ""
    assert window.status_message() == ("undo_too_late", ())


def test_closing_during_a_call_keeps_it(qtbot: QtBot, make_window, small_kb: Path) -> None:
    now = [0.0]
    window = make_window(small_kb, clock=lambda: now[0])
    window.call_tools.notes_edit.setPlainText("main points")
    assert window.tray is None or not window.tray.isVisible()  # offscreen: no tray
    event = QCloseEvent()
    window.closeEvent(event)
    assert not event.isAccepted() and window.isVisible()
    assert "close" in window.alert_banner.kinds()
    assert window.call_tools.notes() == "main points"
    now[0] += 60  # much later: asks again
    event = QCloseEvent()
    window.closeEvent(event)
    assert not event.isAccepted()
    now[0] += 2  # a second close soon after: the agent means it
    event = QCloseEvent()
    window.closeEvent(event)
    assert event.isAccepted()


def test_closing_without_a_call_just_closes(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    window.call_tools.customer_edit.clear()
    event = QCloseEvent()
    window.closeEvent(event)
    assert event.isAccepted()


def test_alerts_show_above_the_card_and_notify_when_away(qtbot: QtBot, make_window,
                                                         small_kb: Path) -> None:
    window = make_window(small_kb)
    banner = window.alert_banner
    assert banner.parentWidget() is window.card_view.parentWidget()
    layout = banner.parentWidget().layout()
    assert layout.indexOf(banner) < layout.indexOf(window.card_view)
    window.call_tools.alertRaised.emit("hold", "Check back now\nThanks for waiting, Ana.")
    assert banner.isVisibleTo(window) and banner.text("hold").startswith("Check back now")
    if not window.isActiveWindow():  # offscreen windows are never active: away
        assert window.notifications[-1].startswith("Check back now")
    assert not window.act_alert_sound.isChecked()  # sound is off by default


def test_shortcut_sheet_lists_every_key_aligned(qtbot: QtBot, make_window,
                                                small_kb: Path) -> None:
    window = make_window(small_kb)
    press(window, "F1")
    sheet = window.findChild(ShortcutSheet)
    assert sheet is not None
    qtbot.waitUntil(sheet.isVisible, timeout=3000)
    keys = [keys for keys, _ in shortcut_rows() if keys]
    for needed in ("Alt+C", "Alt+I", "Alt+N", "Ctrl+H", "Ctrl+Shift+W", "Ctrl+Shift+E",
                   "Ctrl+1 … Ctrl+9", "Alt+1 … Alt+9", "F1"):
        assert needed in keys
    bound = {seq.toString() for action in window.actions() for seq in action.shortcuts()}
    for key in ("Alt+C", "Alt+I", "Alt+N", "Ctrl+H", "Ctrl+Shift+W", "Ctrl+Shift+E",
                "Ctrl+Shift+Z", "F1", "Ctrl+M", "Ctrl+T"):
        assert key in bound  # the sheet does not promise keys the window lacks
    table = sheet.table
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for row in range(table.rowCount()):
        item = table.item(row, 0)
        if item is not None and table.columnSpan(row, 0) == 1:
            assert item.textAlignment() == right  # keys line up against the descriptions
    sheet.close()


def test_call_fields_have_focus_and_names(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    for edit in window.call_tools.findChildren(QLineEdit):
        if edit.isVisibleTo(window.call_tools) and edit.objectName().endswith("Edit"):
            assert edit.accessibleName(), edit.objectName()


def test_tab_reaches_phrases_copy_buttons_and_call_tools_in_order(qtbot: QtBot, make_window,
                                                                   small_kb: Path) -> None:
    from ui_helpers import type_query

    window = make_window(small_kb)
    window.call_tools.customer_edit.setText("Ana")
    type_query(qtbot, window, "vent")
    window.search_edit.setFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is window.search_edit, timeout=3000)
    seen = []
    for _ in range(40):
        window.focusNextChild()
        seen.append(window.focusWidget())
    row = window.card_view.columns["en"].row(0)
    assert row is not None
    tools = window.call_tools
    order = [window.results_view, row.text, row.button, tools.customer_edit, tools.notes_edit,
             tools.hold_button, tools.end_call_button]
    positions = [seen.index(widget) for widget in order]
    assert positions == sorted(positions), positions
    assert window.call_tools_area not in seen  # no dead stop on the scroll area
    assert "Go ahead, Ana" in row.text.accessibleName()  # the phrase itself, for a reader
    assert "Go ahead, Ana" in row.button.accessibleName()
    assert row.button.accessibleName().startswith("Copy phrase 1 (Ctrl+1)")


def test_the_alert_banner_copies_its_phrase(qtbot: QtBot, make_window, small_kb: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    window = make_window(small_kb)
    window.call_tools.customer_edit.setText("Ana")
    window.call_tools.alertRaised.emit("hold", "Check back now\nThanks for waiting, {customer}.")
    assert not window.call_tools.hold_reminder.isVisibleTo(window)  # the banner has it
    button = window.alert_banner.action_button("hold")
    assert button is not None and button.text() == "Copy phrase"
    button.click()
    assert QGuiApplication.clipboard().text() == "Thanks for waiting, Ana."


def test_the_window_takes_the_warning_limit_from_the_kb_policy(
        qtbot: QtBot, make_window, small_kb: Path) -> None:
    # The panel is built before the KB is loaded; the KB's policy.md must still win over
    # the seat setting (3) as soon as the KB is there, before any warning is given.
    (small_kb / "policy.md").write_text("---\nwarnings_before_end: 1\n---\n", encoding="utf-8")
    window = make_window(small_kb)
    count = window.call_tools.findChild(QLabel, "warningCount")
    qtbot.waitUntil(lambda: count.text() == "Warnings: 0 / 2", timeout=3000)
