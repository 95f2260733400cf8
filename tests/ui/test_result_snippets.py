"""Result snippets show the call panel's values, in the full window and in mini mode."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QApplication, QListView
from pytestqt.qtbot import QtBot
from ui_helpers import settle, type_query

from desktop.ui.main_window import MainWindow
from desktop.ui.results import ResultDelegate, Role


def painted_texts(view: QListView) -> list[str]:
    """The snippet texts the view's delegate has laid out (what it painted)."""
    delegate = view.itemDelegate()
    assert isinstance(delegate, ResultDelegate)
    return [layout.text() for layout in delegate._layouts.values()]


def snippets(window: MainWindow) -> list[str]:
    model = window.results_model
    return [model.index(n, 0).data(Role.Snippet) for n in range(model.rowCount())]


def test_snippets_follow_the_call_panel(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    tools = window.call_tools
    tools.customer_edit.clear()
    tools.agent_edit.clear()
    type_query(qtbot, window, "vent")
    assert snippets(window) == ["Go ahead, {customer}, I'm listening."]  # nothing typed yet
    changed: list[QModelIndex] = []
    window.results_model.dataChanged.connect(lambda top, bottom, roles: changed.append(top))
    painted_before = len(painted_texts(window.results_view))

    qtbot.keyClicks(tools.customer_edit, "Ana")  # each key updates the panel's values
    assert snippets(window) == ["Go ahead, Ana, I'm listening."]
    assert changed  # the views were told: the rows repaint with the new text
    qtbot.waitUntil(lambda: "Go ahead, Ana, I'm listening." in painted_texts(
        window.results_view), timeout=3000)
    assert len(painted_texts(window.results_view)) > painted_before
    # The card pane and the list say the same thing.
    row = window.card_view.columns["en"].row(0)
    assert row is not None and "Go ahead, Ana," in row.text.text()

    type_query(qtbot, window, "listening")  # a new search keeps the values
    assert "Go ahead, Ana, I'm listening." in snippets(window)
    tools.customer_edit.clear()
    QApplication.processEvents()
    assert "Go ahead, {customer}, I'm listening." in snippets(window)


def test_snippet_search_ignores_the_call_panel(qtbot: QtBot, make_window,
                                                small_kb: Path) -> None:
    window = make_window(small_kb)
    window.call_tools.customer_edit.setText("Zebulon")
    type_query(qtbot, window, "Zebulon")  # filled-in names are not KB text: nothing found
    assert window.results_model.rowCount() == 0
    type_query(qtbot, window, "customer")  # the placeholder is still what search sees
    assert window.results_model.rowCount() > 0


def test_mini_mode_snippets_are_filled_too(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    window.call_tools.customer_edit.setText("Maria")
    window.call_tools.issue_edit.setText("a double charge")
    window.set_mini_mode(True)
    mini = window.mini_window
    assert mini is not None
    mini.search_edit.clear()
    qtbot.keyClicks(mini.search_edit, "repeat back")
    settle(qtbot, window)
    expected = "Let me make sure I have this right, Maria: a double charge."
    assert expected in snippets(window)
    qtbot.waitUntil(lambda: expected in painted_texts(mini.results_view), timeout=3000)
    assert not any("{customer}" in text for text in painted_texts(mini.results_view))
    window.set_mini_mode(False)


def test_a_cut_snippet_never_takes_a_third_line(qtbot: QtBot) -> None:
    """The "…" that ends a cut snippet can push its last word onto a line of its own; the
    row has room for SNIPPET_LINES lines, so the cut goes back a word instead."""
    from PySide6.QtGui import QFont

    from desktop.ui import results

    view = QListView()
    qtbot.addWidget(view)
    colors = results._RowColors.of(view.palette(), selected=False)
    font = QFont(view.font())
    texts = ["Naiintindihan ko po, Maria. Gusto po ninyong maayos ito, at gusto ninyong may "
             "talagang makinig sa inyo. Nakikinig po ako, at aayusin natin ito.",
             "I understand you're considering that, Maria, and that's your right. I'd still "
             "like to try to fix a double charge on the June bill with you now."]
    checked = 0
    for text in texts:
        for width in range(150, 420, 3):
            layout = results._snippet_layout(text, ("maria",), font, colors, width)
            assert layout.lineCount() <= results.SNIPPET_LINES, (width, text[:20])
            checked += 1
    assert checked > 100
