"""Drafts and TODO lines never reach agents (issue 12, item 1)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.search import Engine
from desktop.core.visibility import agent_card, is_todo_line
from tests.kbfiles import write_card


def _draft(root: Path, card_id: str, lang: str, say: str) -> Path:
    path = write_card(root, card_id, lang, "listen", title=f"{card_id} title", say=[say])
    text = path.read_text(encoding="utf-8").replace("stage: listen\n",
                                                    "stage: listen\nstatus: draft\n")
    path.write_text(text, encoding="utf-8")
    return path


def _kb(root: Path) -> Path:
    write_card(root, "live-card", "fil", "listen", title="Pasensya po",
               say=["TODO: translate — Wala po akong magagawa", "Naiintindihan ko po kayo"])
    _draft(root, "imported-draft", "fil", "Wala po akong magagawa diyan")
    return root


def test_todo_lines_are_recognised() -> None:
    assert is_todo_line("TODO: translate — Hello")
    assert is_todo_line("  todo write this")
    assert not is_todo_line("Today I will help you")


def test_agents_never_find_a_draft(empty_kb: Path) -> None:
    engine = Engine(_kb(empty_kb))
    ids = [hit.id for hit in engine.search("wala po akong magagawa")]
    assert "imported-draft" not in ids
    assert engine.card("imported-draft", "fil") is None
    assert all(hit.id != "imported-draft" for hit in engine.search(""))
    engine.close()


def test_agents_never_get_todo_lines(empty_kb: Path) -> None:
    engine = Engine(_kb(empty_kb))
    card = engine.card("live-card", "fil")
    assert card is not None
    assert card.say == ("Naiintindihan ko po kayo",)
    assert "TODO" not in card.body
    assert all("TODO" not in hit.snippet for hit in engine.search("magagawa"))
    engine.close()


def test_trainers_may_ask_for_drafts(empty_kb: Path) -> None:
    engine = Engine(_kb(empty_kb))
    engine.show_drafts = True
    assert engine.search("wala po akong magagawa")[0].id == "imported-draft"
    card = engine.card("live-card", "fil")
    assert card is not None and len(card.say) == 2
    engine.close()


def test_drafts_do_not_take_result_slots(empty_kb: Path) -> None:
    for n in range(5):
        _draft(empty_kb, f"draft-{n}", "en", "please hold the line")
    write_card(empty_kb, "hold-live", "en", "hold", say=["please hold while I check"])
    engine = Engine(empty_kb)
    assert [hit.id for hit in engine.search("please hold", limit=1)] == ["hold-live"]
    engine.close()


def test_approved_status_is_live(empty_kb: Path) -> None:
    path = _draft(empty_kb, "x", "en", "hello there")
    from desktop.core.cards import parse_card

    card = parse_card(path, path.read_text(encoding="utf-8"))
    assert agent_card(card) is None
    approved = parse_card(path, path.read_text(encoding="utf-8").replace("draft", "approved"))
    assert agent_card(approved) == approved


def test_lint_says_drafts_await_approval(empty_kb: Path) -> None:
    from desktop.core.approval import set_required_approvals
    from desktop.core.lint import lint_kb

    path = _draft(empty_kb, "x", "en", "hello there")
    set_required_approvals(empty_kb, 2)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "status: draft", "status: draft\napproved_by: maria"), encoding="utf-8")
    (message,) = [p.message for p in lint_kb(empty_kb) if p.rule == "draft"]
    assert "awaiting approval (1 of 2: maria)" in message
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft",
                                                             "status: retired"),
                    encoding="utf-8")
    (message,) = [p.message for p in lint_kb(empty_kb) if p.rule == "draft"]
    assert "keeps this card from agents" in message


def _set_status(path: Path, status: str) -> None:
    text = path.read_text(encoding="utf-8")
    text = text.replace("status: draft\n", "").replace("stage: listen\n",
                                                       f"stage: listen\n{status}")
    path.write_text(text, encoding="utf-8")


def test_one_card_edits_show_and_hide_cards_without_a_rebuild(empty_kb: Path,
                                                              tmp_path: Path) -> None:
    root = _kb(empty_kb)
    engine = Engine(root)
    engine.ensure_index()
    _set_status(root / "fil" / "imported-draft.md", "")  # approved
    _set_status(root / "fil" / "live-card.md", "status: draft\n")  # back to draft
    stats = engine.ensure_index()  # the engine patches its state, no rebuild
    assert not stats.rebuilt and stats.updated == 2
    assert engine.search("wala po akong magagawa")[0].id == "imported-draft"
    assert engine.card("imported-draft", "fil") is not None
    assert engine.card("live-card", "fil") is None
    assert all(hit.id != "live-card" for hit in [*engine.search("naiintindihan"),
                                                 *engine.search("")])
    # The patched vocabulary counts what Whoosh holds, drafts too, like a fresh start.
    fresh = Engine(root, tmp_path / "fresh-cache")
    fresh.ensure_index()
    assert engine._state is not None and fresh._state is not None
    assert engine._state.vocab.df == fresh._state.vocab.df
    fresh.close()
    engine.close()
