"""Showing a card stays light on the GUI thread (issue 10, GUI stall ≤ 16 ms).

The left column is drawn at once and the other on the next event-loop turn; whoever
reads the columns, and every copy key, sees the card on show at every moment. Labels
whose text does not change are not laid out again; column labels answer their size
hints without laying their text out; result rows are painted once per look.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QLabel, QListView, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from desktop.core.cards import Card
from desktop.core.search import Hit
from desktop.ui.card_view import CardColumn, CardView, ColumnLabel, WrapLabel
from desktop.ui.results import ResultDelegate, ResultsModel, merge_twins


def card(card_id: str, lang: str, *say: str) -> Card:
    return Card(card_id, f"{card_id} {lang} title", lang, "listen", (), "phone", say,
                (f"{card_id} {lang} avoid {{customer}}",), f"why {card_id}", "",
                Path(f"/kb/{lang}/{card_id}.md"))


def pair(card_id: str, phrases: int = 2) -> tuple[Card, Card]:
    return (card(card_id, "en", *(f"{card_id} english {n}" for n in range(1, phrases + 1))),
            card(card_id, "fil", *(f"{card_id} filipino {n}" for n in range(1, phrases + 1))))


@pytest.fixture
def view(qtbot: QtBot) -> CardView:
    widget = CardView()
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def phrase_texts(column: CardColumn) -> list[str]:
    rows = [column.row(n) for n in range(column.phrase_count())]
    return [row.text.text() for row in rows if row is not None]


def test_the_second_column_follows_on_the_next_turn(qtbot: QtBot, view: CardView) -> None:
    en, fil = pair("a")
    view.show_card(en, fil)
    assert view.rendering_pending()  # only the left column was drawn in this turn
    qtbot.waitUntil(lambda: not view.rendering_pending(), timeout=3000)
    assert phrase_texts(view.columns["fil"]) == ["a filipino 1", "a filipino 2"]
    assert phrase_texts(view.columns["en"]) == ["a english 1", "a english 2"]


def test_a_card_replaced_before_its_turn_is_never_drawn(qtbot: QtBot, view: CardView,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[tuple[str, str]] = []
    original = CardColumn.set_card

    def recording(column: CardColumn, shown: Card | None, *args: object,
                  **kwargs: bool) -> None:
        drawn.append((column.lang, shown.id if shown else ""))
        original(column, shown, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(CardColumn, "set_card", recording)
    view.show_card(*pair("a"))
    view.show_card(*pair("b", 3))  # the agent moved on before "a" was finished
    qtbot.waitUntil(lambda: not view.rendering_pending(), timeout=3000)
    assert ("fil", "a") not in drawn  # the stale second column was dropped
    assert drawn.count(("fil", "b")) == 1
    assert phrase_texts(view.columns["fil"]) == [f"b filipino {n}" for n in (1, 2, 3)]


def test_no_slice_ever_shows_the_previous_card(qtbot: QtBot, view: CardView) -> None:
    view.show_card(*pair("a"))
    qtbot.waitUntil(lambda: not view.rendering_pending(), timeout=3000)
    en, fil = view._columns["en"], view._columns["fil"]  # as drawn: no finishing first
    assert "a en avoid" in en.avoid_text.text() and en.avoid_box.isVisibleTo(view)
    view.show_card(*pair("b"))
    # This turn: the new phrases on the left, nothing of card "a" anywhere.
    assert phrase_texts(en) == ["b english 1", "b english 2"]
    assert en.avoid_box.isHidden() and en.why.isHidden()
    assert fil.heading.text() == "" and not any(
        row.isVisibleTo(view) for row in (fil.row(n) for n in range(2)) if row is not None)
    qtbot.waitUntil(lambda: not view.rendering_pending(), timeout=3000)
    assert "b en avoid" in en.avoid_text.text() and en.avoid_box.isVisibleTo(view)
    assert "b fil avoid" in fil.avoid_text.text() and fil.avoid_box.isVisibleTo(view)
    assert phrase_texts(fil) == ["b filipino 1", "b filipino 2"]


def test_a_refresh_of_the_same_card_is_drawn_in_place(qtbot: QtBot, view: CardView) -> None:
    view.show_card(*pair("a"))
    qtbot.waitUntil(lambda: not view.rendering_pending(), timeout=3000)
    en = view._columns["en"]
    view.set_placeholders({"customer": "Ana"})  # typed in the call panel
    assert en.avoid_box.isVisibleTo(view)  # no flicker of the Don't say box
    qtbot.waitUntil(lambda: not view.rendering_pending(), timeout=3000)
    assert en.avoid_box.isVisibleTo(view)


def test_reading_the_columns_finishes_the_card_first(view: CardView) -> None:
    view.show_card(*pair("a"))
    view.show_card(*pair("b"))
    assert view.rendering_pending()
    assert phrase_texts(view.columns["fil"]) == ["b filipino 1", "b filipino 2"]
    assert not view.rendering_pending()


def test_copy_keys_copy_the_card_on_show_while_a_column_waits(qtbot: QtBot,
                                                              view: CardView) -> None:
    view.show_card(*pair("a"))
    qtbot.waitUntil(lambda: not view.rendering_pending(), timeout=3000)
    view.show_card(*pair("b"))
    assert view.rendering_pending()  # the Filipino column still shows "a"
    with qtbot.waitSignal(view.copyRequested) as copied:
        assert view.copy_phrase(2, "fil")
    assert copied.args is not None and copied.args[0] == "b filipino 2"
    assert view.rendering_pending()  # copying did not need the widgets


def test_a_message_drops_the_waiting_column(view: CardView) -> None:
    view.show_card(*pair("a"))
    view.show_message("No cards")
    assert not view.rendering_pending()
    assert view.message_shown()


def test_unchanged_text_is_not_laid_out_again(qtbot: QtBot,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    label = WrapLabel()
    qtbot.addWidget(label)
    label.setText("Thank you for waiting, <b>Ana</b>. I have your account here now.")
    layouts: list[int] = []
    original = QLabel.heightForWidth
    monkeypatch.setattr(QLabel, "heightForWidth",
                        lambda self, width: layouts.append(width) or original(self, width))
    first = label.heightForWidth(120)
    label.setText(label.text())  # a twin card or a refresh with the same phrase
    assert label.heightForWidth(120) == first
    assert layouts == [120]  # laid out once
    label.setText("Another phrase")
    label.heightForWidth(120)
    assert layouts == [120, 120]


def test_column_labels_size_hints_do_not_depend_on_the_text(qtbot: QtBot) -> None:
    short, long = ColumnLabel(), ColumnLabel()
    for label in (short, long):
        qtbot.addWidget(label)
    short.setText("Hi")
    long.setText("Thank you for bearing with me, may I have your full name please " * 4)
    assert short.sizeHint() == long.sizeHint()
    assert short.minimumSizeHint() == long.minimumSizeHint()
    line = long.fontMetrics().lineSpacing()
    assert long.heightForWidth(ColumnLabel.MIN_WIDTH) == line  # the minimum-width query
    assert long.heightForWidth(200) > 3 * line  # the real width: the real height


def _paint_rows(delegate: ResultDelegate, view: QListView, model: ResultsModel,
                selected: bool = False) -> None:
    image = QImage(400, 100, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    for row in range(model.rowCount()):
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = image.rect()
        if selected:
            option.state |= option.state.State_Selected
        delegate.paint(painter, option, model.index(row, 0))
    painter.end()


def test_result_rows_are_drawn_once_per_look(qtbot: QtBot,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    view = QListView()
    qtbot.addWidget(view)
    model = ResultsModel(view)
    model.set_rows(merge_twins([Hit(n, f"Title {n}", "en", "hold", (), "phone", "card",
                                    f"/kb/en/{n}.md", "Please hold, {customer}.", 1.0, ())
                                for n in ("a", "b")]))
    delegate = ResultDelegate(view)
    view.setModel(model)
    view.setItemDelegate(delegate)
    drawn: list[str] = []
    original = ResultDelegate._paint_title_line
    monkeypatch.setattr(ResultDelegate, "_paint_title_line",
                        lambda self, painter, rect, row, style:
                        drawn.append(row.hit.id) or original(self, painter, rect, row, style))
    _paint_rows(delegate, view, model)
    assert drawn == ["a", "b"]
    _paint_rows(delegate, view, model)  # the next keystroke's list shows the same rows
    assert drawn == ["a", "b"]
    _paint_rows(delegate, view, model, selected=True)  # selected rows look different
    assert drawn == ["a", "b", "a", "b"]
    model.set_placeholders({"customer": "Ana"})  # the snippet changes, the titles do not
    _paint_rows(delegate, view, model)
    assert drawn == ["a", "b", "a", "b"]
    assert any("Please hold, Ana." in text for text in
               (layout.text() for layout in delegate._layouts.values()))
