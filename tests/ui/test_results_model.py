"""The results model (qtmodeltester), twin merging, start-page order, snippet highlights."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QFont, QImage, QPainter
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
    placeholder_key,
    shown_snippet,
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


def _painted_snippets(qtbot: QtBot, model: ResultsModel) -> tuple[ResultDelegate, list[str]]:
    """Paint every row once; the snippet texts the delegate laid out (its layout cache)."""
    view = QListView()
    qtbot.addWidget(view)
    delegate = ResultDelegate(view)
    view.setModel(model)
    view.setItemDelegate(delegate)
    image = QImage(400, 100, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    for row in range(model.rowCount()):
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = image.rect()
        delegate.paint(painter, option, model.index(row, 0))
    painter.end()
    return delegate, [layout.text() for layout in delegate._layouts.values()]


def test_card_snippets_show_the_call_panel_values(qtbot: QtBot) -> None:
    model = ResultsModel()
    model.set_rows(merge_twins([
        hit("a", snippet="May I put you on hold for {minutes} minutes, {customer}?"),
        hit("b", snippet="I'm {agent}; about {issue}, {customer}."),
        hit("d", kind="document", snippet="Use {customer} in the greeting."),
    ]))
    changes: list[tuple[int, int, list[int]]] = []
    model.dataChanged.connect(lambda top, bottom, roles: changes.append(
        (top.row(), bottom.row(), list(roles))))
    model.set_placeholders({"customer": " Maria ", "minutes": "2", "agent": "", "issue": ""})
    assert model.placeholders() == {"customer": "Maria", "minutes": "2"}
    assert changes and changes[-1][:2] == (0, 1) and Role.Paint in changes[-1][2]
    first, second, guide = (model.index(n, 0) for n in range(3))
    assert first.data(Role.Snippet) == "May I put you on hold for 2 minutes, Maria?"
    # unfilled placeholders stay as written
    assert second.data(Role.Snippet) == "I'm {agent}; about {issue}, Maria."
    assert second.data(Qt.ItemDataRole.ToolTipRole) == "I'm {agent}; about {issue}, Maria."
    assert "Maria" in second.data(Qt.ItemDataRole.AccessibleTextRole)
    assert guide.data(Role.Snippet) == "Use {customer} in the greeting."  # guides as written
    _, painted = _painted_snippets(qtbot, model)
    assert "May I put you on hold for 2 minutes, Maria?" in painted
    assert not any("{customer}" in text for text in painted[:2])

    changes.clear()
    model.set_placeholders({"customer": "Maria", "minutes": "2"})  # nothing new
    assert changes == []
    model.set_placeholders({})  # the call ended: back to the placeholders
    assert first.data(Role.Snippet) == "May I put you on hold for {minutes} minutes, {customer}?"
    assert changes


def test_filled_snippets_keep_the_query_highlights(qtbot: QtBot) -> None:
    model = ResultsModel()
    model.set_rows(merge_twins([hit("a", snippet="Sorry for the hold, {customer}. Holding on.")]))
    model.set_placeholders({"customer": "Holden"})
    delegate, painted = _painted_snippets(qtbot, model)
    assert painted == ["Sorry for the hold, Holden. Holding on."]
    layout = next(iter(delegate._layouts.values()))
    marked = [layout.text()[f.start:f.start + f.length] for f in layout.formats()]
    assert marked == ["hold", "Hold", "Hold"]  # the query word "hold", in the filled text
    assert all(f.format.fontWeight() == QFont.Weight.Bold for f in layout.formats())


def test_snippet_filling_is_cached_per_text_and_values() -> None:
    shown_snippet.cache_clear()
    values = placeholder_key({"customer": "Ana", "agent": ""})
    assert values == (("customer", "Ana"),)
    for _ in range(3):
        assert shown_snippet("Hi  {customer},\n{agent} here", values) == "Hi Ana, {agent} here"
    info = shown_snippet.cache_info()
    assert info.misses == 1 and info.hits == 2
    model = ResultsModel()
    rows = merge_twins([hit("a", snippet="Hi {customer}")])
    model.set_placeholders({"customer": "Ana"})
    model.set_rows(rows)  # a new search: the same snippet and values come from the cache
    model.set_rows(rows)
    assert shown_snippet.cache_info().hits >= 3
