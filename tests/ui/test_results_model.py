"""The results model (qtmodeltester), twin merging, start-page order, snippet highlights."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QListView, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from desktop.core.search import Hit
from desktop.core.taxonomy import Label, Taxonomy
from desktop.ui.results import (
    ResultDelegate,
    ResultsModel,
    Role,
    highlight_spans,
    home_first,
    mark_rows,
    merge_twins,
)


def hit(card_id: str, lang: str = "en", stage: str = "hold", score: float = 1.0,
        kind: str = "card", snippet: str = "May I put you on hold?") -> Hit:
    return Hit(card_id, f"Title {card_id}", lang, stage, ("irate", "long-wait"), "phone", kind,
               f"/kb/{lang}/{card_id}.md", snippet, score, ("hold",))


TAXONOMY = Taxonomy(stages=[Label("hold", "Hold", "Hold"), Label("listen", "Listen", "Makinig")],
                    tags=[Label("irate", "Irate", "Galit na customer"),
                          Label("long-wait", "Long wait", "Matagal na naghintay")])


def test_qtmodeltester_with_rows_resets_and_relabels(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ResultsModel()
    model.set_taxonomy(TAXONOMY)
    qtmodeltester.check(model)
    model.set_rows(merge_twins([hit("a"), hit("a", "fil"), hit("b"), hit("d", kind="document")]))
    qtmodeltester.check(model)
    model.set_ui_language("fil")
    model.set_pinned(["b"])
    model.set_rows([])
    qtmodeltester.check(model)


def test_data_roles() -> None:
    model = ResultsModel()
    model.set_taxonomy(TAXONOMY)
    model.set_rows(mark_rows(merge_twins([hit("a", "fil"), hit("a")]), ["a"]))
    index = model.index(0, 0)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "Title a"
    assert index.data(Role.Langs) == ["en", "fil"]
    assert index.data(Role.Lang) == "fil"  # the better hit opens first
    assert index.data(Role.StageLabel) == "Hold"
    assert index.data(Role.TagLabels) == ["Irate", "Long wait"]
    assert index.data(Role.Pinned) is True
    assert "Irate" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    model.set_ui_language("fil")
    assert index.data(Role.TagLabels) == ["Galit na customer", "Matagal na naghintay"]
    assert model.data(QModelIndex()) is None
    assert model.find("card:a") == 0 and model.find("card:zzz") == -1


def test_merge_twins_keeps_order_and_languages() -> None:
    rows = merge_twins([hit("a", "fil", score=3), hit("b"), hit("a", "en", score=2)])
    assert [(r.hit.id, r.hit.lang, r.langs) for r in rows] == [
        ("a", "fil", ("en", "fil")), ("b", "en", ("en",))]


def test_home_first_puts_pinned_then_recent_first() -> None:
    rows = mark_rows(merge_twins([hit("a"), hit("b"), hit("c"), hit("d")]), ["c"], ["d", "b"])
    assert [r.hit.id for r in home_first(rows, ["d", "b"])] == ["c", "d", "b", "a"]


def test_highlight_spans_prefixes_and_phrases() -> None:
    text = "I put you on hold, holding on. Iwasang i-hold ang galit"
    marked = [text[s:s + n] for s, n in highlight_spans(text, ["hold", "i", "i-hold", "on hold"])]
    assert marked == ["on hold", "hold", "i-hold"]
    assert highlight_spans("Galit na customer", ["GALIT"]) == [(0, 5)]
    assert highlight_spans("", ["x"]) == []


def test_delegate_paints_every_kind_of_row(qtbot: QtBot) -> None:
    view = QListView()
    qtbot.addWidget(view)
    model = ResultsModel(view)
    model.set_taxonomy(TAXONOMY)
    long = "word " * 80 + "hold"
    model.set_rows(mark_rows(merge_twins([hit("a", snippet=long), hit("b", kind="document"),
                                          hit("c", snippet="")]), ["a"]))
    delegate = ResultDelegate(view)
    view.setModel(model)
    view.setItemDelegate(delegate)
    image = QImage(400, 100, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    for row in range(model.rowCount()):
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = image.rect()
        index = model.index(row, 0)
        size = delegate.sizeHint(option, index)
        assert isinstance(size, QSize) and size.height() > 40
        delegate.paint(painter, option, index)
    painter.end()
