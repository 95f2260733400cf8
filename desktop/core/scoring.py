"""BM25 over posting lists decoded once per index generation: candidates, slots, the top k.

The scorer reads each term's postings through Whoosh once per index generation, keeps them
in memory, and ranks with BM25: a slot scores its best alternative (all alternatives share
the idf of the best one, so a rare synonym cannot outrank the typed word), slots add up.
Cards must match every slot (all but one for three or more words, scaled by the share
matched); when that finds too little, cards matching any slot follow.
"""

from __future__ import annotations

import heapq
import math
import weakref
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from desktop.core.kb import Cancelled, IsCancelled
from desktop.core.planner import Slot
from desktop.core.whoosh_seam import field_lengths, read_postings

FIELD = "text"
# Below this many AND hits, an OR of the words fills the list.
MIN_AND_HITS = 5

# Whoosh stores the index and reads it; the scoring itself is done here, over posting lists
# decoded once per index generation and kept in memory. Whoosh's matcher trees cost about a
# microsecond per posting per alternative, which is too slow for the common words a short
# prefix or a synonym group brings on a 10,000-card KB; candidate sets are built with set
# operations instead and only candidates are scored.

K1, B = 1.2, 0.75  # BM25


@dataclass
class Postings:
    """One term's postings: document numbers and BM25 term-frequency parts (no idf)."""

    ids: list[int]
    impacts: list[float]
    docs: frozenset[int]
    _lookup: dict[int, float] | None = field(default=None, repr=False)
    _by_impact: list[tuple[float, int]] | None = field(default=None, repr=False)
    _top: float | None = field(default=None, repr=False)

    @property
    def df(self) -> int:
        return len(self.ids)

    @property
    def top(self) -> float:
        """The highest impact in the list."""
        if self._top is None:
            self._top = max(self.impacts, default=0.0)
        return self._top

    def lookup(self) -> dict[int, float]:
        """docnum → impact, for scoring a few candidates against a long list."""
        if self._lookup is None:
            self._lookup = dict(zip(self.ids, self.impacts, strict=True))
        return self._lookup

    def by_impact(self) -> list[tuple[float, int]]:
        """(impact, docnum), highest first: a top-k pass stops at the first that cannot
        reach the k-th best score."""
        if self._by_impact is None:
            self._by_impact = sorted(zip(self.impacts, self.ids, strict=True), reverse=True)
        return self._by_impact


_EMPTY = Postings([], [], frozenset())


class TermCache:
    """Decoded postings of the index field, least recently used dropped past a budget."""

    def __init__(self, reader: Any, budget: int = 2_000_000,
                 previous: TermCache | None = None) -> None:
        self.reader = reader
        self.total_docs = max(1, reader.doc_count_all())
        lengths, by_segment = field_lengths(
            reader, FIELD, previous.segment_lengths if previous else None)
        self.segment_lengths: dict[str, list[int]] = by_segment
        live = [n for n in lengths if n] or [1]
        average = sum(live) / len(live)
        # The length part of BM25's denominator, per document.
        self.norms = [K1 * ((1 - B) + B * n / average) for n in lengths]
        self.budget = budget
        self._size = 0
        self._lists: OrderedDict[str, Postings] = OrderedDict()
        # Finished words recur in every keystroke after them ("customer s", "customer sw"…):
        # their prepared slots and their scores over every document are kept.
        self._prepared: OrderedDict[tuple[Any, ...], _Scored | None] = OrderedDict()
        self._scores: OrderedDict[tuple[Any, ...], dict[int, float]] = OrderedDict()
        self._scores_size = 0

    @property
    def size(self) -> int:
        """Postings held now (the budget counts these)."""
        return self._size

    def get(self, token: str) -> Postings:
        found = self._lists.get(token)
        if found is not None:
            self._lists.move_to_end(token)
            return found
        ids, weights = read_postings(self.reader, FIELD, token)
        norms = self.norms
        impacts = [w * (K1 + 1) / (w + norms[d]) for d, w in zip(ids, weights, strict=True)]
        found = Postings(ids, impacts, frozenset(ids)) if ids else _EMPTY
        self._lists[token] = found
        self._size += len(ids) + 1
        while self._size > self.budget and len(self._lists) > 1:
            _, dropped = self._lists.popitem(last=False)
            self._size -= dropped.df + 1
        return found

    def prepared(self, slot: Slot) -> _Scored | None:
        """``prepare(slot)``, remembered for the slot's alternatives."""
        key = _slot_key(slot)
        if key in self._prepared:
            self._prepared.move_to_end(key)
            return self._prepared[key]
        scored = _prepare(slot, self, key)
        self._prepared[key] = scored
        if len(self._prepared) > PREPARED_SLOTS:
            self._prepared.popitem(last=False)
        return scored

    def slot_scores(self, slot: _Scored) -> dict[int, float]:
        """Each document's score in a finished word's slot (read-only: shared)."""
        found = self._scores.get(slot.key)
        if found is not None:
            self._scores.move_to_end(slot.key)
            return found
        found = _all_slot_scores(slot)
        self._scores[slot.key] = found
        self._scores_size += len(found) + 1
        while self._scores_size > self.budget // 4 and len(self._scores) > 1:
            _, dropped = self._scores.popitem(last=False)
            self._scores_size -= len(dropped) + 1
        return found

    def idf(self, token: str) -> float:
        """BM25 idf as Whoosh computes it, floored so very common tokens still count."""
        return max(0.1, math.log(self.total_docs / (self.get(token).df + 1)) + 1)


@dataclass
class _Scored:
    """A slot ready to score: weighted postings and multi-word alternatives."""

    terms: list[tuple[Postings, float]]  # heaviest first
    phrases: list[list[tuple[Postings, float]]]
    optional: bool
    docs: set[int] | frozenset[int]
    key: tuple[Any, ...] = ()
    typing: bool = False
    # The TermCache that remembers a finished word's scores (weak: it holds this slot).
    cache: weakref.ref[TermCache] | None = field(default=None, repr=False, compare=False)


PREPARED_SLOTS = 64


def _slot_key(slot: Slot) -> tuple[Any, ...]:
    return (tuple(slot.alternatives.items()), tuple(slot.phrases), slot.optional, slot.typing)


def prepare(slot: Slot, terms: TermCache) -> _Scored | None:
    """Weights for the slot's alternatives that occur in the index, all with one idf.

    Using the idf of the slot's best alternative keeps a rare synonym or variant from
    outscoring the word the agent typed; boosts alone then order the alternatives.
    """
    return terms.prepared(slot)


def _prepare(slot: Slot, terms: TermCache, key: tuple[Any, ...]) -> _Scored | None:
    live = {t: b for t, b in slot.alternatives.items() if terms.get(t).df}
    phrases = [(p, b) for p, b in slot.phrases if all(terms.get(t).df for t in p)]
    if not live and not phrases:
        return None
    if live:
        anchor = max(live, key=lambda t: (live[t], terms.get(t).df))
        idf = terms.idf(anchor)
    else:
        idf = min(terms.idf(t) for t in phrases[0][0])
    weighted = _without_shadowed(sorted(((terms.get(t), b * idf) for t, b in live.items()),
                                        key=lambda x: -x[1]))
    scored_phrases = [[(terms.get(t), b * idf / len(p)) for t in p] for p, b in phrases]
    sets: list[frozenset[int]] = [p.docs for p, _ in weighted]
    sets += [frozenset.intersection(*(p.docs for p, _ in ph)) for ph in scored_phrases]
    docs = sets[0] if len(sets) == 1 else set().union(*sets)
    return _Scored(weighted, scored_phrases, slot.optional, docs, key, slot.typing,
                   weakref.ref(terms))


def _without_shadowed(weighted: list[tuple[Postings, float]]) -> list[tuple[Postings, float]]:
    """Drop an alternative whose posting list equals a heavier one's: it can never raise a
    document's score (a word's stem usually has exactly the word's own postings)."""
    kept: list[tuple[Postings, float]] = []
    for postings, weight in weighted:  # heaviest first
        if not any(other is postings or (other.df == postings.df and other.ids == postings.ids
                                         and other.impacts == postings.impacts)
                   for other, _ in kept):
            kept.append((postings, weight))
    return kept


def _all_slot_scores(slot: _Scored) -> dict[int, float]:
    """Every document's best alternative score in the slot (what _slot_scores gives for
    candidates that hold all of them), walking the postings without set operations."""
    best: dict[int, float] = {}
    for postings, weight in slot.terms:
        if not best:
            best = dict(zip(postings.ids, [weight * v for v in postings.impacts], strict=True))
            continue
        get = best.get
        for d, v in zip(postings.ids, postings.impacts, strict=True):
            score = weight * v
            if score > get(d, 0.0):
                best[d] = score
    if slot.phrases:
        for d, score in _slot_scores(_Scored([], slot.phrases, slot.optional, slot.docs),
                                     slot.docs).items():
            if score > best.get(d, 0.0):
                best[d] = score
    return best


def _scores_in(slot: _Scored, candidates: set[int] | frozenset[int]) -> dict[int, float]:
    """The slot's scores of the candidates it matches: from the remembered scores of a
    finished word, else worked out for these candidates only."""
    cache = slot.cache() if slot.cache is not None else None
    if slot.typing or cache is None:
        return _slot_scores(slot, candidates)
    every = cache.slot_scores(slot)
    if len(candidates) == len(every) and every.keys() == candidates:
        return dict(every)  # the candidates are all the slot's documents: copied in C
    if len(candidates) < len(every):
        get = every.get
        return {d: s for d in candidates if (s := get(d)) is not None}
    return {d: every[d] for d in every.keys() & candidates}


def _slot_scores(slot: _Scored, candidates: set[int] | frozenset[int]) -> dict[int, float]:
    """Each candidate's best alternative score in this slot (a max, not a sum)."""
    best: dict[int, float] = {}
    for postings, weight in slot.terms:
        _raise_to(best, postings, weight, candidates)
    for phrase in slot.phrases:
        inside = frozenset.intersection(*(p.docs for p, _ in phrase)) & candidates
        total: dict[int, float] = dict.fromkeys(inside, 0.0)
        for postings, weight in phrase:
            for d, v in zip(postings.ids, postings.impacts, strict=True):
                if d in inside:
                    total[d] += weight * v
        get = best.get
        for d, score in total.items():
            if score > get(d, 0.0):
                best[d] = score
    return best


def _raise_to(best: dict[int, float], postings: Postings, weight: float,
              candidates: set[int] | frozenset[int]) -> None:
    """best[d] = max(best[d], weight × impact) for the candidates in ``postings``: the
    documents in both are found by a set intersection (in C), and only they are visited."""
    if postings.df <= 8:  # a rare term: its few postings are cheaper to walk than a set op
        common: Iterable[int] = (d for d in postings.ids if d in candidates)
    elif len(candidates) < postings.df:
        common = postings.docs.intersection(candidates)
    else:
        common = postings.docs & candidates if isinstance(candidates, frozenset) \
            else candidates.intersection(postings.docs)
    impact = postings.lookup()
    if not best:
        best.update({d: weight * impact[d] for d in common})
        return
    get = best.get
    for d in common:
        score = weight * impact[d]
        if score > get(d, 0.0):
            best[d] = score


def _single_slot_top(slot: _Scored, candidates: set[int] | frozenset[int], limit: int
                     ) -> dict[int, float]:
    """Scores good enough for the top ``limit`` of a one-slot query: after the heaviest
    alternative, the others only matter where they can beat the current k-th best score
    (documents below it keep a lower score, which cannot change the top)."""
    if slot.phrases or len(slot.terms) < 2:
        return _slot_scores(slot, candidates)
    first, weight = slot.terms[0]
    best: dict[int, float] = {}
    _raise_to(best, first, weight, candidates)
    # The k-th best after the heaviest alternative: it only grows, so this older value is a
    # safe (lower) floor for every later alternative, and it is worked out once.
    floor = heapq.nlargest(limit, best.values())[-1] if len(best) >= limit else 0.0
    for postings, weight in slot.terms[1:]:
        if weight * postings.top < floor:
            continue
        if postings.by_impact() and weight * postings.by_impact()[0][0] < floor:
            continue
        get = best.get
        for v, d in postings.by_impact():
            score = weight * v
            if score < floor:
                break
            if d in candidates and score > get(d, 0.0):
                best[d] = score
    return best


def evaluate(slots: list[_Scored], allow: set[int] | None, limit: int,
              is_cancelled: IsCancelled | None) -> list[tuple[int, float]]:
    """Top documents. Every required slot must match (one may be missing when there are
    three or more: agents type words a card does not use), optional slots only add to the
    score; when that finds fewer than MIN_AND_HITS, documents matching any slot follow."""
    required = [s for s in slots if not s.optional]
    candidates = _candidates(required, slots)
    if allow is not None:
        candidates &= allow
    found = _top(slots, candidates, limit, is_cancelled, partial=len(required) >= 3)
    if len(required) > 1 and len(found) < min(limit, MIN_AND_HITS):
        rest = set().union(*(s.docs for s in slots)) - candidates
        if allow is not None:
            rest &= allow
        found += _top(slots, rest, limit - len(found), is_cancelled, partial=True)
    return found


def _candidates(required: list[_Scored], slots: list[_Scored]) -> set[int]:
    if not required:
        return set().union(*(s.docs for s in slots))
    if len(required) < 3:
        return _intersection([s.docs for s in required])
    # All but one: the union of the intersections that each leave one slot out.
    sets = [s.docs for s in required]
    found: set[int] = set()
    for skip in range(len(sets)):
        found |= _intersection(sets[:skip] + sets[skip + 1:])
    return found


def _intersection(sets: list[set[int] | frozenset[int]]) -> set[int]:
    ordered = sorted(sets, key=len)
    return set(ordered[0]).intersection(*ordered[1:])


def _top(slots: list[_Scored], candidates: set[int], limit: int,
         is_cancelled: IsCancelled | None, partial: bool) -> list[tuple[int, float]]:
    """Best candidates by summed slot scores, scaled by the share of required slots matched
    (``partial``: some candidates may miss a required slot)."""
    if not candidates or limit <= 0:
        return []
    required = sum(1 for s in slots if not s.optional)
    count = partial and required > 1
    totals: dict[int, float] = {}
    matched: dict[int, int] = {}
    if not count:  # required slots first: every candidate is in each of them
        slots = sorted(slots, key=lambda s: s.optional)
    reach = _reach(slots)
    for number, slot in enumerate(slots):
        if is_cancelled and is_cancelled():
            raise Cancelled()
        if number and required and len(totals) > limit:
            candidates = _still_possible(totals, matched if count else None, required, limit,
                                         reach[number], candidates)
        scores = (_single_slot_top(slot, candidates, limit) if len(slots) == 1
                  else _scores_in(slot, candidates))
        if not totals:
            totals = scores
        else:
            get = totals.get
            for d, score in scores.items():
                totals[d] = get(d, 0.0) + score
        if count and not slot.optional:
            seen = matched.get
            for d in scores:
                matched[d] = seen(d, 0) + 1
    if count:
        for d in totals:
            totals[d] *= matched.get(d, 0) / required
    best = heapq.nlargest(limit, totals, key=totals.__getitem__)
    return [(d, totals[d]) for d in best]


def _reach(slots: list[_Scored]) -> list[float]:
    """For each position, the most the slots from there on can still add to a score."""
    best = [max([w * p.top for p, w in s.terms]
                + [sum(w * p.top for p, w in ph) for ph in s.phrases], default=0.0)
            for s in slots]
    return [sum(best[n:]) for n in range(len(slots))]


def _still_possible(totals: dict[int, float], matched: dict[int, int] | None, required: int,
                    limit: int, reach: float, candidates: set[int]) -> set[int]:
    """Candidates that can still make the top ``limit`` when the remaining slots add at
    most ``reach`` (MaxScore pruning). A lower bound of the final k-th best score: the
    k-th best of the scores so far (with ``matched``, scaled by the share matched so far,
    which only grows). A document's upper bound: its sum so far plus ``reach``."""
    if matched is None:
        floor = heapq.nlargest(limit, totals.values())[-1]
    else:
        get = matched.get
        floor = heapq.nlargest(limit, (t * get(d, 0) / required for d, t in totals.items()))[-1]
    need = floor - reach
    if need <= 0:
        return candidates
    if matched is None:  # every candidate matched the slots so far: all are in totals
        return {d for d, total in totals.items() if total >= need}
    get_total = totals.get
    return {d for d in candidates if get_total(d, 0.0) >= need}
