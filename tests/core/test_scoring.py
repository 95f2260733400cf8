"""The scorer's shortcuts (pruning, remembered slots, warm-up) never change a result.

Every keystroke of the benchmark's queries is scored twice: by desktop.core.scoring and by
a brute-force reference written from the rules in scoring.evaluate's docstring, over every
document, with nothing remembered and nothing pruned.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.bench import QUERIES, keystrokes, make_synthetic_kb
from desktop.core import scoring
from desktop.core.planner import Slot, plan_query
from desktop.core.scoring import MIN_AND_HITS, TermCache, evaluate, prepare
from desktop.core.search import Engine, Filters
from desktop.core.vocabulary import Vocabulary

MakeEngine = Callable[[Path], Engine]
LIMIT = 20


def reference(slots: list[Slot], terms: TermCache, limit: int,
              allow: set[int] | None = None) -> list[tuple[int, float]]:
    """Top documents by the scorer's rules, the slow and obvious way: each slot scores its
    best alternative (one idf for all of them), required slots must all match (all but one
    for three or more, scaled by the share matched), optional ones only add, and an OR of
    the slots, after them, fills a list shorter than MIN_AND_HITS."""
    scored = [_slot_scores(slot, terms) for slot in slots]
    if allow is not None:
        scored = [None if s is None else {d: v for d, v in s.items() if d in allow}
                  for s in scored]
    scored = [(s, slot.optional) for s, slot in zip(scored, slots, strict=True) if s is not None]
    if not scored:
        return []
    required = [s for s, optional in scored if not optional]
    every = set().union(*(s.keys() for s, _ in scored))

    def total(d: int) -> float:
        return sum(s.get(d, 0.0) for s, _ in scored)

    def share(d: int) -> float:
        return sum(1 for s in required if d in s) / len(required)

    if not required:
        found = {d: total(d) for d in every}
    elif len(required) < 3:
        found = {d: total(d) for d in every if all(d in s for s in required)}
    else:
        found = {d: total(d) * share(d) for d in every
                 if sum(1 for s in required if d in s) >= len(required) - 1}
    best = heapq.nlargest(limit, found.items(), key=lambda item: item[1])
    if len(required) > 1 and len(best) < min(limit, MIN_AND_HITS):
        rest = {d: total(d) * share(d) for d in every - found.keys()}
        best += heapq.nlargest(limit - len(best), rest.items(), key=lambda item: item[1])
    return best


def _slot_scores(slot: Slot, terms: TermCache) -> dict[int, float] | None:
    ready = scoring._prepare(slot, terms, ())
    if ready is None:
        return None
    scores: dict[int, float] = {}
    for postings, weight in ready.terms:
        for d, impact in zip(postings.ids, postings.impacts, strict=True):
            scores[d] = max(scores.get(d, 0.0), weight * impact)
    for phrase in ready.phrases:
        inside = set.intersection(*(set(p.ids) for p, _ in phrase))
        for d in inside:
            value = sum(w * p.lookup()[d] for p, w in phrase)
            scores[d] = max(scores.get(d, 0.0), value)
    return scores


def assert_same_top(found: list[tuple[int, float]], expected: list[tuple[int, float]],
                    text: str) -> None:
    assert [round(s, 9) for _, s in found] == [round(s, 9) for _, s in expected], text
    # Documents with equal scores may come in either order, and a tie at the cut may pick
    # either; every other document must be the same.
    scores = {round(s, 9) for _, s in expected}
    for score in scores:
        got = {d for d, s in found if round(s, 9) == score}
        want = {d for d, s in expected if round(s, 9) == score}
        tie_at_cut = score == min(scores)
        assert got == want or tie_at_cut, text


@pytest.fixture(scope="module")
def synthetic_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("scoring")
    engine = Engine(make_synthetic_kb(root / "kb", 600), root / "cache")
    engine.ensure_index()
    return engine


@pytest.mark.parametrize("kb", ["shipped", "synthetic"])
def test_every_keystroke_scores_as_the_brute_force_reference(
        kb: str, bundled_kb: Path, make_engine: MakeEngine, synthetic_engine: Engine) -> None:
    engine = synthetic_engine if kb == "synthetic" else make_engine(bundled_kb)
    engine.ensure_index()
    state = engine._state
    assert state is not None
    fresh = TermCache(state.reader)  # nothing remembered: the reference's own lists
    # Also with an allowed set (filters, drafts, the policy): every third document left out.
    allow = {d for d in range(state.reader.doc_count_all()) if d % 3}
    checked = 0
    for text in keystrokes(QUERIES):
        plan = plan_query(text, state.vocab, state.glossary)
        slots = [s for s in (prepare(slot, state.terms) for slot in plan.slots) if s]
        found = evaluate(slots, None, LIMIT, None) if slots else []
        assert_same_top(found, reference(plan.slots, fresh, LIMIT), text)
        found = evaluate(slots, allow, LIMIT, None) if slots else []
        assert_same_top(found, reference(plan.slots, fresh, LIMIT, allow), text)
        checked += 1
    assert checked == len(keystrokes(QUERIES))


def test_remembered_slots_give_the_results_a_fresh_engine_gives(
        bundled_kb: Path, make_engine: MakeEngine, tmp_path: Path) -> None:
    typed = make_engine(bundled_kb)
    fresh = Engine(bundled_kb, tmp_path / "other-cache")
    try:
        for text in keystrokes(QUERIES[:12]):
            typed.clear_cache()
            expected = fresh.search(text)
            fresh.close()  # every search on a new engine: nothing remembered at all
            fresh = Engine(bundled_kb, tmp_path / "other-cache")
            assert typed.search(text) == expected, text
    finally:
        fresh.close()


def test_warming_up_changes_no_result(bundled_kb: Path, make_engine: MakeEngine,
                                      tmp_path: Path) -> None:
    cold = make_engine(bundled_kb)
    warm = Engine(bundled_kb, tmp_path / "warm-cache")
    try:
        assert warm.warm() > 100  # it did decode lists
        for text in keystrokes(QUERIES[:20]):
            assert warm.search(text) == cold.search(text), text
    finally:
        warm.close()


def test_warm_up_stops_when_cancelled(bundled_kb: Path, make_engine: MakeEngine) -> None:
    from desktop.core.kb import Cancelled

    engine = make_engine(bundled_kb)
    asked = 0

    def is_cancelled() -> bool:
        nonlocal asked
        asked += 1
        return asked > 5

    with pytest.raises(Cancelled):
        engine.warm(is_cancelled)
    assert engine.search("refund")  # the engine is still fine


def test_warm_up_stops_at_a_quarter_of_the_postings_budget(bundled_kb: Path,
                                                   make_engine: MakeEngine) -> None:
    engine = make_engine(bundled_kb)
    engine.ensure_index()
    state = engine._state
    assert state is not None
    state.terms.budget = 2000
    engine.warm()
    # It stops at the first list past a quarter of the budget; that list may be long.
    assert state.terms.size < 500 + max(p.df for p in state.terms._lists.values()) + 1


def test_a_finished_words_scores_are_remembered_and_reused(bundled_kb: Path,
                                                          make_engine: MakeEngine) -> None:
    engine = make_engine(bundled_kb)
    engine.search("customer s")
    state = engine._state
    assert state is not None
    remembered = dict(state.terms._scores)
    assert len(remembered) == 1  # "customer"; the word being typed is not kept
    engine.search("customer sw")
    assert state.terms._scores.keys() == remembered.keys()
    (scores,) = state.terms._scores.values()
    assert scores is next(iter(remembered.values()))  # reused, not worked out again


def test_hidden_cards_leave_room_for_others(tmp_path: Path, make_engine: MakeEngine,
                                            card_file: Callable[[tuple[object, ...]], str]
                                            ) -> None:
    """Cards the account's policy rules out are not candidates at all: a full list of
    others is shown, not a list with holes."""
    kb = tmp_path / "kb"
    (kb / "en").mkdir(parents=True)
    for n in range(8):
        (kb / "en" / f"open-{n}.md").write_text(card_file(
            (f"open-{n}", f"Refund steps {n}", "en", "resolve", "", "phone",
             ["I can look into the refund for you."], "")), encoding="utf-8")
    for n in range(8):
        text = card_file((f"needs-{n}", f"Refund now {n}", "en", "resolve", "", "phone",
                          ["Refund refund refund, approved right away."], ""))
        text = text.replace("---\n", "---\nrequires: refund-approve\n", 1)
        (kb / "en" / f"needs-{n}.md").write_text(text, encoding="utf-8")
    (kb / "policy.md").write_text("---\nrefund_authority: none\n---\n", encoding="utf-8")
    engine = make_engine(kb)
    hits = engine.search("refund", Filters(), limit=8)
    assert len(hits) == 8
    assert {h.id for h in hits} == {f"open-{n}" for n in range(8)}


def test_vocabulary_forgets_remembered_lookups_when_it_changes() -> None:
    vocab = Vocabulary({"transfer": 3, "transform": 1})
    assert vocab.completions("trans", 5) == ["transfer", "transform"]
    vocab.add("transit", 9)
    assert "transit" in vocab.completions("trans", 5)
    assert vocab.corrections("transfr") == ["transfer"]
    vocab.add("transfer", -3)
    assert vocab.corrections("transfr") == []
