"""Engine.search: free text, prefixes, typos, synonyms, filters, browse, documents, threads."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.core import search as search_module
from desktop.core.kb import Cancelled
from desktop.core.search import Engine, Filters, Hit
from tests.kbfiles import write_card

REPO = Path(__file__).resolve().parents[2]


def ids(hits: list[Hit], n: int = 3) -> list[str]:
    return [h.id for h in hits[:n]]


# --- free text, never syntax -------------------------------------------------------------------

JUNK = [
    '"unclosed quote', "title:refund", "refund AND NOT hold", "hold OR", "ref*", "*", "?",
    "(hold", "[transfer]", "{customer}", "a:b:c", "^2", "~", "hold^", "-", "!!!", "🙂",
    "😡 galit 😡", "\x00", "\t\n", "NOT", "AND OR NOT", "'", "\\", "/", "..", "ang", "the ",
    "ñ", "é" * 50, "x" * 300, "refund " * 2000, "日本語", "a-b-c-d-e-f", "--", "’’",
]


@pytest.mark.parametrize("text", JUNK)
def test_any_text_is_just_text(engine: Engine, text: str) -> None:
    hits = engine.search(text)
    assert isinstance(hits, list)
    assert all(isinstance(h, Hit) for h in hits)


def test_ten_kilobytes_of_text_is_capped_not_an_error(engine: Engine) -> None:
    text = ("angry caller wants a refund and a supervisor now " * 250)[:10_240]
    assert len(text) == 10_240
    assert isinstance(engine.search(text), list)


def test_query_words_are_matched_not_operators(engine: Engine) -> None:
    assert engine.search("refund AND hold")[0].id in {"refund-chat", "hold-ask"}
    assert ids(engine.search('"refund"'), 1) == ["refund-chat"]


# --- matching ----------------------------------------------------------------------------------

def test_exact_words_rank_first(tmp_path: Path, make_engine: Callable[[Path], Engine],
                                card_file: Callable[[tuple[Any, ...]], str]) -> None:
    kb = tmp_path / "exact"
    (kb / "en").mkdir(parents=True)
    cards = {"stem": "We can refund it today.", "exact": "It was refunded this morning.",
             "both": "Refunds are refunding slowly."}
    for card_id, say in cards.items():
        fields = (card_id, f"Card {card_id}", "en", "solve", "", "any", [say, "Thanks."], "-")
        (kb / "en" / f"{card_id}.md").write_text(card_file(fields), encoding="utf-8")
    engine = make_engine(kb)
    assert ids(engine.search("refunded "))[0] == "exact"
    assert set(ids(engine.search("refunded "))) == {"stem", "exact", "both"}
    assert ids(engine.search("refund "))[0] == "stem"


def test_last_word_is_a_prefix_while_typing(engine: Engine) -> None:
    assert ids(engine.search("nagmum"), 1) == ["swearing"]
    assert "refund-chat" in ids(engine.search("refu"))
    assert ids(engine.search("zebra"), 3) == []


def test_short_prefix_after_a_word_only_reranks(engine: Engine) -> None:
    with_prefix = {h.id for h in engine.search("refund s")}
    assert "refund-chat" in with_prefix


@pytest.mark.parametrize(("query", "expected"), [
    ("irrate custmer", "vent"),       # one edit each
    ("refnd", "refund-chat"),         # a deletion
    ("trasnfer ", "transfer"),        # a transposition
    ("statment", "refund-chat"),
    ("custmer swaering", "swearing"),
])
def test_typos_are_tolerated(engine: Engine, query: str, expected: str) -> None:
    assert expected in ids(engine.search(query))


def test_filipino_forms_meet_at_their_root(engine: Engine) -> None:
    assert "hold-ask" in ids(engine.search("pinahold ng matagal"))
    assert "transfer" in ids(engine.search("pano i-transfer"))
    assert "swearing" in ids(engine.search("minumura ako", Filters(lang="fil")))


@pytest.mark.parametrize(("query", "expected"), [
    ("nagmumura", "swearing"),            # Filipino word finds the English card
    ("cursing", "swearing"),
    ("high blood", "vent"),               # a multi-word glossary entry
    ("ibalik ang pera", "refund-chat"),
])
def test_glossary_synonyms_cross_languages(engine: Engine, query: str, expected: str) -> None:
    assert expected in ids(engine.search(query, Filters(lang="en")))


def test_title_and_say_weigh_more_than_body(engine: Engine, mini_kb: Path) -> None:
    hits = engine.search("trust", Filters(lang="en"))
    assert hits and hits[0].id == "hold-ask"  # only in its Why section: still found
    hits = engine.search("greet", Filters(lang="en"))
    assert hits[0].id == "greeting"  # in the title


# --- filters -----------------------------------------------------------------------------------

def test_language_filter(engine: Engine) -> None:
    assert {h.lang for h in engine.search("refund", Filters(lang="fil"))} == {"fil"}
    assert {h.lang for h in engine.search("refund", Filters(lang="en"))} == {"en"}
    assert {h.lang for h in engine.search("refund")} == {"en", "fil"}


def test_stage_and_tag_filters(engine: Engine) -> None:
    hits = engine.search("customer", Filters(stage="listen"))
    assert hits and all(h.stage == "listen" for h in hits)
    hits = engine.search("customer", Filters(tags=("abusive", "irate")))
    assert {h.id for h in hits} == {"swearing"}
    assert engine.search("customer", Filters(tags=("abusive", "billing"))) == []


def test_channel_filter_phone_includes_any(engine: Engine) -> None:
    phone = {h.id for h in engine.search("", Filters(channel="phone"), limit=100)}
    assert "greeting" in phone and "vent" in phone and "refund-chat" not in phone
    chat = {h.id for h in engine.search("refund", Filters(channel="chat"))}
    assert chat == {"refund-chat"}


def test_stage_filter_leaves_documents_out(engine: Engine) -> None:
    assert all(h.kind == "card" for h in engine.search("angry", Filters(stage="listen")))


# --- browse ------------------------------------------------------------------------------------

def test_empty_text_browses_cards_in_call_order(engine: Engine) -> None:
    hits = engine.search("", Filters(lang="en"), limit=100)
    assert [h.stage for h in hits] == ["opening", "listen", "listen", "hold", "transfer",
                                       "closing"]
    listen = [h.title for h in hits if h.stage == "listen"]
    assert listen == sorted(listen, key=str.casefold)
    assert all(h.kind == "card" and h.snippet for h in hits)


def test_browse_by_stage_shows_that_stage(engine: Engine) -> None:
    hits = engine.search("  ", Filters(stage="hold"))
    assert {(h.id, h.lang) for h in hits} == {("hold-ask", "en"), ("hold-ask", "fil")}


def test_limit_is_respected(engine: Engine) -> None:
    assert len(engine.search("", limit=3)) == 3
    assert len(engine.search("customer", limit=2)) <= 2
    assert engine.search("customer", limit=0) == []


# --- hits ----------------------------------------------------------------------------------------

def test_card_hit_fields_and_snippet_is_best_say_phrase(engine: Engine) -> None:
    hit = engine.search("statement", Filters(lang="en"))[0]
    assert (hit.id, hit.kind, hit.stage, hit.channel) == ("refund-chat", "card", "closing", "chat")
    assert hit.tags == ("billing",)
    assert hit.snippet == "You'll see it on your statement within five days."
    assert hit.path.endswith("refund-chat.md")
    assert "statement" in hit.terms
    assert set(hit.as_json()) == {"id", "title", "lang", "stage", "tags", "channel", "kind",
                                  "path", "snippet", "score"}
    json.dumps(hit.as_json())


def test_terms_hold_typed_and_expanded_words(engine: Engine) -> None:
    hit = engine.search("nagmumura", Filters(lang="en"))[0]
    assert "nagmumura" in hit.terms and "swearing" in hit.terms


def test_document_hits(engine: Engine) -> None:
    hits = [h for h in engine.search("stress slow breath") if h.kind == "document"]
    assert hits
    hit = hits[0]
    assert hit.id == "irate-callers#1"
    # The document's own title and the passage heading, never the file name.
    assert hit.title == "Handling irate callers — After the call"
    assert hit.lang == "en" and hit.stage == ""
    assert "breath" in hit.snippet.lower() and len(hit.snippet) <= 170


def test_placeholders_are_not_words(
        tmp_path: Path, make_engine: Callable[[Path], Engine]) -> None:
    write_card(tmp_path, "named", "en", "hold", say=["One moment, {customer}.", "Thanks."])
    write_card(tmp_path, "word", "en", "hold", say=["The customer is waiting.", "Thanks."])
    engine = make_engine(tmp_path)
    assert [h.id for h in engine.search("customer")] == ["word"]
    assert "customer" not in engine.search("one moment")[0].terms


def test_twin_and_card(engine: Engine) -> None:
    card = engine.card("vent", "en")
    assert card is not None and card.title == "Let the angry caller vent"
    twin = engine.twin(card)
    assert twin is not None and twin.lang == "fil"
    assert engine.card("nope", "en") is None
    assert len(engine.snapshot.cards) == 12


# --- cancellation, caching, threads -----------------------------------------------------------

def test_cancelled_search_stops(engine: Engine) -> None:
    with pytest.raises(Cancelled):
        engine.search("angry customer", is_cancelled=lambda: True)
    calls = iter([False, False, True, True, True, True])
    with pytest.raises(Cancelled):
        engine.search("refund statement", is_cancelled=lambda: next(calls, True))


def test_reader_is_reused_until_the_index_changes(engine: Engine, mini_kb: Path) -> None:
    engine.search("refund")
    reader = engine._state.reader if engine._state else None
    engine.search("hold")
    engine.ensure_index()
    assert engine._state is not None and engine._state.reader is reader
    card = mini_kb / "en" / "vent.md"
    card.write_text(card.read_text(encoding="utf-8") + "\nA new walrus line.\n", "utf-8")
    engine.ensure_index()
    assert engine._state is not None and engine._state.reader is not reader
    assert ids(engine.search("walrus "), 1) == ["vent"]


def test_repeated_search_is_served_from_cache(engine: Engine,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    first = engine.search("refund")
    monkeypatch.setattr(search_module, "_evaluate", _fail)
    assert engine.search("refund") == first
    assert engine.search("  Refund") == first  # same words after folding


def _fail(*_args: object) -> None:
    raise AssertionError("should have come from the cache")


def test_a_read_error_rebuilds_the_index_and_retries(engine: Engine,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    original = search_module._evaluate
    calls = {"n": 0}

    def broken_once(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError("simulated damaged segment")
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(search_module, "_evaluate", broken_once)
    assert ids(engine.search("nagmumura"), 1) == ["swearing"]
    assert calls["n"] == 2


def test_search_on_a_worker_while_the_gui_reads_cards(engine: Engine, mini_kb: Path) -> None:
    errors: list[BaseException] = []
    stop = threading.Event()

    def worker() -> None:
        queries = ["angry", "refund", "nagmumura", "hold", "transfer", "pinahold ng matagal"]
        try:
            for n in range(300):
                engine.search(queries[n % len(queries)] + " " * (n % 2))
        except BaseException as exc:  # collected for the main thread
            errors.append(exc)
        finally:
            stop.set()

    thread = threading.Thread(target=worker)
    thread.start()
    card = mini_kb / "en" / "greeting.md"
    n = 0
    while not stop.is_set():
        assert engine.card("vent", "en") is not None
        assert engine.snapshot.cards
        if n % 20 == 0:
            card.write_text(card.read_text(encoding="utf-8") + f"\nline {n}\n", "utf-8")
            engine.ensure_index()
        n += 1
    thread.join()
    assert not errors


# --- the benchmark smoke test ------------------------------------------------------------------

@pytest.mark.slow
def test_bench_quick_prints_a_json_line(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "desktop.bench", "--quick"], cwd=REPO,
                         capture_output=True, text=True, timeout=60,
                         env={"PATH": "/usr/bin:/bin", "KALMA_CACHE_DIR": str(tmp_path),
                              "PYTHONPATH": str(REPO), "HOME": str(tmp_path)})
    assert run.returncode == 0, run.stderr
    rows = json.loads(run.stdout.strip().splitlines()[-1])["bench"]
    engines = {(r["engine"], r["kb"]) for r in rows}
    assert {("kalma", "shipped"), ("fts5", "shipped"), ("kalma", "synthetic-300"),
            ("fts5", "synthetic-300")} <= engines
    assert all(r["p95_ms"] >= 0 and r["keystrokes"] > 400 for r in rows)


