"""desktop.core.session: the Qt-free search pipeline the window and the CLI share."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.core.search import Hit
from desktop.core.session import ResultRow, merge_twins, row_key

REPO = Path(__file__).resolve().parents[2]


def _hit(kind: str, hit_id: str, lang: str = "en", path: str = "a.md",
         score: float = 1.0) -> Hit:
    return Hit(hit_id, hit_id, lang, "listen", (), "any", kind, path, "snippet", score, ())


def test_row_keys_are_the_keys_merge_twins_groups_by() -> None:
    hits = [_hit("card", "vent", "en", "en/vent.md", 3.0),
            _hit("card", "vent", "fil", "fil/vent.md", 2.0),
            _hit("document", "intro", path="guide/one.md"),
            _hit("document", "intro", path="guide/two.md")]  # same heading id, other file
    rows = merge_twins(hits)
    assert [row.key for row in rows] == [row_key(h) for h in (hits[0], hits[2], hits[3])]
    assert len({row.key for row in rows}) == len(rows)  # a selection key finds one row
    assert rows[0].langs == ("en", "fil") and rows[0].hit.lang == "en"
    assert ResultRow(hits[3], ("en",)).key == "document:guide/two.md:intro"


def test_session_module_imports_no_qt() -> None:
    code = ("import sys, desktop.core.session; "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                            text=True, timeout=60, check=True)
    assert result.stdout.strip() == "False"


def test_search_session_opens_the_kb_and_searches(tmp_path: Path) -> None:
    from desktop.core.search import Engine, Filters
    from desktop.core.session import SearchSession

    session = SearchSession(REPO / "kb", lambda path: Engine(path, cache_dir=tmp_path))
    outcome = session.open()
    assert outcome.cards > 50 and session.engine is outcome.engine
    rows = session.quick("customer swearing")
    assert rows and rows[0].hit.kind == "card"
    assert len({row.key for row in rows}) == len(rows)  # twins merged: one row per card
    hold = session.quick("", Filters(stage="hold"))
    assert hold and all(row.hit.stage == "hold" for row in hold if row.hit.kind == "card")


def test_an_empty_situation_filter_falls_back_to_the_closest_cards(tmp_path: Path) -> None:
    from desktop.core.search import Engine, Filters
    from desktop.core.session import SearchRequest, SearchSession

    session = SearchSession(REPO / "kb", lambda path: Engine(path, cache_dir=tmp_path))
    session.open()
    narrow = Filters(stage="closing", tags=("long-wait", "billing", "supervisor-request"),
                     channel="chat")
    outcome = session.search(SearchRequest(1, "", narrow, home=False))
    assert outcome.rows and outcome.relaxed
    assert all(row.hit.stage == "closing" for row in outcome.rows if row.hit.kind == "card")
