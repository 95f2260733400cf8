"""The window's cold start: first results from the saved index, then the KB check."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from ui_helpers import result_ids, type_query

from desktop.core.search import Engine
from desktop.ui.main_window import MainWindow


def test_a_second_start_answers_from_the_saved_index_then_checks_the_kb(
        qtbot: QtBot, make_window, small_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = make_window(small_kb)
    card = small_kb / "en" / "hold-ask.md"
    card.write_text(card.read_text("utf-8").replace("check this", "check this okapi"),
                    encoding="utf-8")
    first._start_indexing()  # an edit: the index moves on from what was saved with it
    qtbot.waitUntil(lambda: not first.index_busy(), timeout=15_000)
    type_query(qtbot, first, "okapi")
    assert result_ids(first) == ["hold-ask"]
    first.shutdown()  # closes the engine: what a quick start needs is saved for this index
    events: list[str] = []
    real_open, real_ensure = Engine.open_saved, Engine.ensure_index

    def open_saved(engine: Engine) -> bool:
        opened = real_open(engine)
        events.append(f"open_saved:{opened}")
        return opened

    def ensure_index(engine: Engine, *args: object, **kwargs: object) -> object:
        events.append("ensure_index")
        return real_ensure(engine, *args, **kwargs)  # type: ignore[arg-type]

    statuses: list[str] = []
    real_status = MainWindow.show_status

    def show_status(window: MainWindow, kind: str, *args: object, **kwargs: object) -> None:
        statuses.append(kind)
        real_status(window, kind, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Engine, "open_saved", open_saved)
    monkeypatch.setattr(Engine, "ensure_index", ensure_index)
    monkeypatch.setattr(MainWindow, "show_status", show_status)
    second = make_window(small_kb)
    assert events[0] == "open_saved:True"
    # The check of the KB follows on its own and takes over.
    qtbot.waitUntil(lambda: "ensure_index" in events and not second.index_busy(),
                    timeout=15_000)
    assert "ready" in statuses and "updated" not in statuses
    type_query(qtbot, second, "okapi")
    assert result_ids(second) == ["hold-ask"]


def test_a_first_start_without_a_saved_index_loads_in_full(make_window, small_kb: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    opened: list[bool] = []
    real_open = Engine.open_saved

    def open_saved(engine: Engine) -> bool:
        opened.append(real_open(engine))
        return opened[-1]

    monkeypatch.setattr(Engine, "open_saved", open_saved)
    window = make_window(small_kb)
    assert opened == [False]
    assert not window._saved_index_only and window.engine is not None
    assert len(window.engine.snapshot.cards) == 10
