"""Both languages side by side: the phrase numbers are the keys that copy them.

One rule, whatever is shown: Ctrl+n copies phrase n of the English card, Alt+n of the
Filipino card; each column's heading says which. Enter copies phrase 1 of the left
column, which is English, or Filipino when the agent limits the search to Filipino
cards: a rule the agent can predict, not whichever version matched the words best.
A key that cannot copy says why in the status bar.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from ui_helpers import press_action as press
from ui_helpers import type_query

from desktop.ui.card_view import CardColumn
from desktop.ui.context_bar import ContextState
from desktop.ui.main_window import MainWindow


def clipboard() -> str:
    return QGuiApplication.clipboard().text()


def numbers(column: CardColumn) -> list[str]:
    rows = [column.row(n) for n in range(column.phrase_count())]
    return [row.number.text() for row in rows if row is not None]


def tooltips(column: CardColumn) -> list[str]:
    rows = [column.row(n) for n in range(column.phrase_count())]
    return [row.button.toolTip() for row in rows if row is not None]


def fill_call(window: MainWindow, customer: str) -> None:
    window.call_tools.customer_edit.setText(customer)
    window.call_tools.agent_edit.setText("Ben")


def test_both_columns_are_numbered_with_their_keys(qtbot: QtBot, make_window,
                                                   small_kb: Path) -> None:
    window = make_window(small_kb)
    fill_call(window, "Ana")
    type_query(qtbot, window, "hold")  # the Filipino "i-hold" matches best; English first
    view = window.card_view
    en, fil = view.columns["en"], view.columns["fil"]
    assert view.column_langs() == ["en", "fil"]
    assert numbers(en) == ["1", "2", "3"] and numbers(fil) == ["1", "2"]
    assert en.keys() == "Ctrl" and fil.keys() == "Alt"
    assert "Ctrl+1…3" in en.say_title.text() and "Alt+1…2" in fil.say_title.text()
    assert "Ctrl+1…3" in en.say_title.toolTip()
    assert tooltips(en)[1] == "Copy phrase 2 (Ctrl+2)"
    assert tooltips(fil)[1] == "Copy phrase 2 (Alt+2)"
    layout = view._columns_layout
    assert layout.indexOf(en) < layout.indexOf(fil)  # the Ctrl column is on the left

    press(window, "Ctrl+2")
    assert clipboard() == "Thank you for waiting, Ana. I'm back."
    press(window, "Alt+2")
    assert clipboard() == "Salamat po sa paghihintay, Ana."
    assert "Filipino" in view.copied.text()  # the toast says which column
    QGuiApplication.clipboard().setText("unchanged")
    press(window, "Alt+3")  # the Filipino card has two phrases
    assert clipboard() == "unchanged"


def test_the_first_column_does_not_depend_on_the_words(qtbot: QtBot, make_window,
                                                       small_kb: Path) -> None:
    window = make_window(small_kb)
    fill_call(window, "Ana")
    type_query(qtbot, window, "nakikinig")  # only the Filipino version has this word
    view = window.card_view
    assert window.results_model.rows()[0].hit.lang == "fil"
    assert view.column_langs() == ["en", "fil"]
    press(window, "Ctrl+1")
    assert clipboard() == "Go ahead, Ana, I'm listening."
    QGuiApplication.clipboard().setText("unchanged")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)  # Enter: phrase 1, same column
    assert clipboard() == "Go ahead, Ana, I'm listening."
    press(window, "Alt+1")
    assert clipboard() == "Sige po, Ana, nakikinig ako."


def test_cards_in_filipino_puts_filipino_first(qtbot: QtBot, make_window,
                                               small_kb: Path) -> None:
    window = make_window(small_kb)
    fill_call(window, "Ana")
    window.context_bar.set_state(ContextState(lang="fil"))
    type_query(qtbot, window, "nakikinig")
    view = window.card_view
    en, fil = view.columns["en"], view.columns["fil"]
    assert window.preferred_lang() == "fil"
    assert view.column_langs() == ["fil", "en"]
    assert fil.keys() == "Alt" and en.keys() == "Ctrl"  # the keys follow the language
    assert numbers(fil) == ["1", "2"] and numbers(en) == ["1", "2"]
    assert view._columns_layout.indexOf(fil) < view._columns_layout.indexOf(en)
    press(window, "Ctrl+1")
    assert clipboard() == "Go ahead, Ana, I'm listening."
    press(window, "Alt+1")
    assert clipboard() == "Sige po, Ana, nakikinig ako."
    QGuiApplication.clipboard().setText("unchanged")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)  # Enter: the left column
    assert clipboard() == "Sige po, Ana, nakikinig ako."


def test_one_language_shown_keys_still_follow_the_language(qtbot: QtBot, make_window,
                                                           small_kb: Path) -> None:
    window = make_window(small_kb)
    fill_call(window, "Ana")
    type_query(qtbot, window, "hold")
    window.set_kb_view("fil")
    view = window.card_view
    fil = view.columns["fil"]
    assert view.column_langs() == ["fil"]
    assert fil.keys() == "Alt" and numbers(fil) == ["1", "2"]
    assert "Alt+1…2" in fil.say_title.text()
    press(window, "Alt+2")
    assert clipboard() == "Salamat po sa paghihintay, Ana."
    assert "Filipino" in view.copied.text()  # the toast always says which language
    press(window, "Ctrl+2")  # English, though only Filipino is shown
    assert clipboard() == "Thank you for waiting, Ana. I'm back."
    assert "English" in view.copied.text()
    QGuiApplication.clipboard().setText("unchanged")
    press(window, "Alt+3")  # the Filipino card has two phrases: nothing copied, and why
    assert clipboard() == "unchanged"
    assert window.status_message() is not None
    assert window.status_message()[0] == "no_phrase"
    assert "no phrase 3" in window.statusBar().currentMessage()
    window.set_kb_view("both")
    assert view.column_langs() == ["en", "fil"]
    assert view.columns["en"].keys() == "Ctrl" and fil.keys() == "Alt"


def test_a_key_for_a_missing_language_says_why(qtbot: QtBot, make_window,
                                               small_kb: Path) -> None:
    window = make_window(small_kb)
    fill_call(window, "Ana")
    type_query(qtbot, window, "hold")
    view = window.card_view
    card = view.current_card()
    assert card is not None
    view.show_card(card, None)  # an English card without a Filipino twin
    QGuiApplication.clipboard().setText("unchanged")
    press(window, "Alt+1")
    assert clipboard() == "unchanged"
    assert window.status_message() == ("no_lang", ("Filipino", 0, 1))
    assert "no Filipino version" in window.statusBar().currentMessage()


def test_copy_buttons_match_the_keys_and_help_says_so(qtbot: QtBot, make_window,
                                                      small_kb: Path) -> None:
    window = make_window(small_kb)
    fill_call(window, "Ana")
    type_query(qtbot, window, "hold")
    row = window.card_view.columns["fil"].row(1)
    assert row is not None
    row.button.click()
    press_text = clipboard()
    press(window, "Alt+2")
    assert clipboard() == press_text == "Salamat po sa paghihintay, Ana."
    help_text = window._shortcuts_text()
    assert "Ctrl+1 … Ctrl+9" in help_text and "English" in help_text
    assert "Alt+1 … Alt+9" in help_text and "Filipino" in help_text
    second = [action.shortcut().toString() for action in window.menu_copy_second.actions()]
    assert second == [f"Alt+{n}" for n in range(1, 10)]


def test_alt_copy_waits_for_a_search_in_flight(qtbot: QtBot, make_window,
                                               small_kb: Path) -> None:
    window = make_window(small_kb)
    fill_call(window, "Ana")
    window.search_edit.setFocus()
    window.search_edit.clear()
    qtbot.keyClicks(window.search_edit, "hold")
    assert window.copy_phrase(2, "fil") is False  # pressed before the results arrived
    qtbot.waitUntil(lambda: clipboard() == "Salamat po sa paghihintay, Ana.", timeout=5000)


def test_card_links_open_only_http_and_mailto(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
                                               ) -> None:
    from PySide6.QtGui import QDesktopServices

    from desktop.ui.card_view import CardColumn

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    column = CardColumn("en")
    qtbot.addWidget(column)
    for url in ("javascript:alert(1)", "file:///etc/passwd", "https://example.com",
                "mailto:tl@example.com", "relative/x.md"):
        column.other.linkActivated.emit(url)
    assert opened == ["https://example.com", "mailto:tl@example.com"]
