"""The search API the rest of the app uses: Engine.search(text, filters, limit) -> list[Hit].

Behind it: a Whoosh index in the per-user cache (desktop.core.index), a query planner and
a scorer.

The planner turns what the agent typed into explicit index terms; the text is never parsed
as query syntax. Every word becomes one "slot": its exact form, English stem and Filipino
root, its glossary synonyms, spelling corrections when the word is unknown and, for the word
still being typed, its most frequent completions. An in-memory vocabulary (sorted terms with
document frequencies) finds completions and corrections, so nothing ever walks the whole
term list the way Whoosh's own prefix and fuzzy queries do.

The scorer reads each term's postings through Whoosh once per index generation, keeps them
in memory, and ranks with BM25: a slot scores its best alternative (all alternatives share
the idf of the best one, so a rare synonym cannot outrank the typed word), slots add up.
Cards must match every slot (all but one for three or more words, scaled by the share
matched); when that finds too little, cards matching any slot follow.
"""

from __future__ import annotations

import bisect
import heapq
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop.core import analysis, visibility
from desktop.core.analysis import ROOT, STEM
from desktop.core.cards import Card, Passage
from desktop.core.index import (
    Document,
    IndexStore,
    ParsedFile,
    UpdateResult,
    document_tokens,
    field_lengths,
    open_generation,
    read_postings,
)
from desktop.core.kb import Cancelled, IsCancelled, KbSnapshot, Progress
from desktop.core.policy import Policy, cached_policy, shown_on_account

MAX_QUERY_CHARS = 200
MAX_SLOTS = 8
CACHE_SIZE = 512
FIELD = "text"

# Boosts of a slot's alternatives; exact words always outrank their variants.
EXACT, STEM_BOOST, ROOT_BOOST, BARE_ROOT_BOOST = 1.0, 0.6, 0.5, 0.35
COMPLETION, FUZZY, SYNONYM = 0.8, 0.45, 0.45
# Completions of the word being typed: few for short prefixes, whose candidates are the
# longest posting lists.
COMPLETIONS_BY_LENGTH = {1: 3, 2: 5, 3: 8}
MAX_COMPLETIONS = 12
MAX_CORRECTIONS = 3
MAX_SYNONYMS = 10
# Below this many AND hits, an OR of the words fills the list.
MIN_AND_HITS = 5
SNIPPET_CHARS = 160
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Filters:
    lang: str = "any"  # en | fil | any
    stage: str | None = None
    tags: tuple[str, ...] = ()  # a hit must carry every tag listed
    channel: str = "any"  # phone | chat | any; "phone" also matches cards for any channel


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    lang: str
    stage: str
    tags: tuple[str, ...]
    channel: str
    kind: str  # "card" | "document"
    path: str
    snippet: str
    score: float
    terms: tuple[str, ...] = field(default=(), compare=False)  # query words to highlight

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "lang": self.lang,
            "stage": self.stage,
            "tags": list(self.tags),
            "channel": self.channel,
            "kind": self.kind,
            "path": self.path,
            "snippet": self.snippet,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class IndexStats:
    cards: int
    documents: int
    added: int
    updated: int
    removed: int
    seconds: float
    rebuilt: bool


# --- vocabulary: completions and spelling neighbours -------------------------------------

class Vocabulary:
    """Exact index terms with document frequencies, sorted for prefix lookups."""

    def __init__(self, df: dict[str, int]) -> None:
        self.df = df
        self.terms = sorted(df)
        self._by_initial: dict[str, list[str]] | None = None

    @classmethod
    def from_reader(cls, reader: Any) -> Vocabulary:
        df: dict[str, int] = {}
        for raw, info in reader.iter_field(FIELD):
            term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            if analysis.is_exact(term):
                df[term] = info.doc_frequency()
        return cls(df)

    def copy(self) -> Vocabulary:
        return Vocabulary(dict(self.df))

    def __contains__(self, term: str) -> bool:
        return self.df.get(term, 0) > 0

    def add(self, term: str, delta: int) -> None:
        count = self.df.get(term, 0) + delta
        if term not in self.df:
            bisect.insort(self.terms, term)
            if self._by_initial is not None:
                self._by_initial.setdefault(term[:1], []).append(term)
        self.df[term] = max(0, count)

    def completions(self, prefix: str, limit: int) -> list[str]:
        """The ``limit`` most frequent terms that start with ``prefix`` (itself excluded)."""
        start = bisect.bisect_left(self.terms, prefix)
        end = bisect.bisect_left(self.terms, prefix + "\uffff", start)
        candidates = (t for t in self.terms[start:end] if t != prefix and self.df[t] > 0)
        if end - start <= limit:
            return list(candidates)
        return heapq.nlargest(limit, candidates, key=self.df.__getitem__)

    def has_prefix(self, prefix: str) -> bool:
        start = bisect.bisect_left(self.terms, prefix)
        return start < len(self.terms) and self.terms[start].startswith(prefix)

    def corrections(self, word: str, limit: int = MAX_CORRECTIONS) -> list[str]:
        """Known terms one edit away (two for words of 8+ letters), most frequent first."""
        if len(word) < 4 or not word.isalpha():
            return []
        # Corrections shorter than 4 letters ("pano" → "ano") change the word, not its spelling.
        found = {w for w in _edits1(word) if len(w) >= 4 and w in self}
        if not found and len(word) >= 8:
            found = self._two_edits(word)
        return heapq.nlargest(limit, found, key=self.df.__getitem__)

    def prefix_corrections(self, prefix: str, limit: int) -> list[str]:
        """Completions of the prefixes one edit away from ``prefix`` ("custm" → customer)."""
        if len(prefix) < 4 or not prefix.isalpha():
            return []
        found: set[str] = set()
        for variant in _edits1(prefix):
            if self.has_prefix(variant):
                found.update(self.completions(variant, limit))
                if variant in self:
                    found.add(variant)
        return heapq.nlargest(limit, found, key=self.df.__getitem__)

    def _two_edits(self, word: str) -> set[str]:
        if self._by_initial is None:
            by_initial: dict[str, list[str]] = {}
            for term in self.terms:
                by_initial.setdefault(term[:1], []).append(term)
            self._by_initial = by_initial
        size = len(word)
        return {t for t in self._by_initial.get(word[0], ())
                if abs(len(t) - size) <= 2 and self.df[t] > 0 and _within_distance(word, t, 2)}


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _ALPHABET]
    inserts = [a + c + b for a, b in splits for c in _ALPHABET]
    return set(deletes + transposes + replaces + inserts)


def _within_distance(a: str, b: str, limit: int) -> bool:
    """Optimal-string-alignment distance of a and b is at most ``limit``."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit


# --- glossary --------------------------------------------------------------------------------

@dataclass
class Glossary:
    """Synonym groups, looked up by a word's folded form or Filipino root."""

    groups: list[tuple[tuple[str, ...], ...]]  # each entry as its folded words
    by_word: dict[str, set[int]]
    by_phrase: dict[tuple[str, ...], set[int]]
    longest: int

    @classmethod
    def build(cls, raw_groups: list[tuple[str, ...]]) -> Glossary:
        groups: list[tuple[tuple[str, ...], ...]] = []
        by_word: dict[str, set[int]] = {}
        by_phrase: dict[tuple[str, ...], set[int]] = {}
        for number, raw in enumerate(raw_groups):
            entries = tuple(tuple(analysis.words(entry)) for entry in raw)
            entries = tuple(e for e in entries if e)
            groups.append(entries)
            for entry in entries:
                if len(entry) == 1:
                    for key in _word_keys(entry[0]):
                        by_word.setdefault(key, set()).add(number)
                else:
                    by_phrase.setdefault(entry, set()).add(number)
        longest = max((len(p) for p in by_phrase), default=1)
        return cls(groups, by_word, by_phrase, longest)

    def for_word(self, word: str, vocab: Vocabulary) -> set[int]:
        """Groups of ``word``, or of its Filipino root when that is a known word."""
        found = set(self.by_word.get(word, set()))
        root = analysis.word_forms(word).root
        if root and root != word and root in vocab:
            found |= self.by_word.get(ROOT + root, set())
        return found


def _word_keys(word: str) -> set[str]:
    root = analysis.word_forms(word).root
    return {word, ROOT + root} if root and root != word else {word}


# --- query planning --------------------------------------------------------------------------

@dataclass
class Slot:
    """One query word (or glossary phrase): any of its alternatives may match."""

    alternatives: dict[str, float] = field(default_factory=dict)  # marked token → boost
    phrases: list[tuple[tuple[str, ...], float]] = field(default_factory=list)  # all needed
    highlight: list[str] = field(default_factory=list)
    # Only ranks, never filters: a 1-2 letter word being typed would otherwise narrow the
    # hits to its few most frequent completions and make the list jump on every key.
    optional: bool = False

    def offer(self, token: str, boost: float) -> None:
        if boost > self.alternatives.get(token, 0.0):
            self.alternatives[token] = boost

    def offer_word(self, word: str, boost: float, vocab: Vocabulary) -> None:
        """The word's exact, stem and root tokens at ``boost`` and below."""
        forms = analysis.word_forms(word)
        for token in forms.exact:
            self.offer(token, boost)
        for stem in forms.stems:
            self.offer(STEM + stem, boost * STEM_BOOST)
        root = forms.root or (word if word.isalpha() else "")
        if root:
            self.offer(ROOT + root, boost * ROOT_BOOST)
            # The bare root only for an unknown word ("pinahold" → hold): a known word
            # like "irate" must not also match "rate".
            if root != word and word not in vocab and root in vocab:
                self.offer(root, boost * BARE_ROOT_BOOST)


@dataclass
class QueryPlan:
    slots: list[Slot]
    highlight: tuple[str, ...]
    match_tokens: frozenset[str]  # every token any slot accepts, for snippet choice


def plan_query(text: str, vocab: Vocabulary, glossary: Glossary) -> QueryPlan:
    text = text[:MAX_QUERY_CHARS]
    typing = bool(text) and not text[-1].isspace()
    found = analysis.words(text)
    slots: list[Slot] = []
    i = 0
    while i < len(found) and len(slots) < MAX_SLOTS:
        last = i == len(found) - 1
        size, groups = _glossary_phrase(found, i, glossary)
        if size:
            slots.append(_phrase_slot(found[i:i + size], groups, glossary, vocab))
            i += size
            continue
        word = found[i]
        i += 1
        if analysis.is_stopword(word) and (slots or not last or not typing):
            continue  # a finished "na" or "the" is done, not the start of a longer word
        if last and typing:
            slot = _prefix_slot(word, vocab, glossary)
        else:
            slot = _word_slot(word, vocab, glossary)
        slots.append(slot)
    highlight = tuple(dict.fromkeys(w for s in slots for w in s.highlight))
    tokens = frozenset(t for s in slots for t in s.alternatives) | frozenset(
        t for s in slots for phrase, _ in s.phrases for t in phrase)
    return QueryPlan(slots, highlight, tokens)


def _glossary_phrase(found: list[str], start: int, glossary: Glossary
                     ) -> tuple[int, set[int]]:
    """Length and groups of a multi-word glossary entry starting at ``start`` (0 if none)."""
    for size in range(min(glossary.longest, len(found) - start), 1, -1):
        groups = glossary.by_phrase.get(tuple(found[start:start + size]))
        if groups:
            return size, groups
    return 0, set()


def _phrase_slot(phrase: list[str], groups: set[int], glossary: Glossary, vocab: Vocabulary
                 ) -> Slot:
    slot = Slot(highlight=[" ".join(phrase)])
    exact = tuple(t for w in phrase for t in analysis.word_forms(w).exact[:1])
    if exact:
        slot.phrases.append((exact, EXACT))
    _offer_synonyms(slot, groups, glossary, vocab, skip=tuple(phrase))
    return slot


def _word_slot(word: str, vocab: Vocabulary, glossary: Glossary) -> Slot:
    slot = Slot(highlight=[word])
    slot.offer_word(word, EXACT, vocab)
    if not any(t in vocab for t in analysis.word_forms(word).exact):
        for correction in vocab.corrections(word):
            slot.offer_word(correction, FUZZY, vocab)
            slot.highlight.append(correction)
    _offer_synonyms(slot, glossary.for_word(word, vocab), glossary, vocab, skip=(word,))
    return slot


def _prefix_slot(prefix: str, vocab: Vocabulary, glossary: Glossary) -> Slot:
    """The word being typed: itself if it is a word, plus its top completions."""
    slot = Slot(highlight=[prefix], optional=len(prefix) <= 2)
    if prefix in vocab or len(prefix) >= 3:
        slot.offer_word(prefix, EXACT, vocab)
    limit = COMPLETIONS_BY_LENGTH.get(len(prefix), MAX_COMPLETIONS)
    completions = vocab.completions(prefix, limit)
    if not completions and prefix not in vocab:
        completions = vocab.corrections(prefix) or vocab.prefix_corrections(prefix, limit)
    for rank, completion in enumerate(completions):
        # Only the best few also bring their stems: every alternative costs a posting list.
        boost = COMPLETION * (1.0 - 0.02 * rank)
        if rank < 3:
            slot.offer_word(completion, boost, vocab)
        else:
            slot.offer(completion, boost)
        slot.highlight.append(completion)
    if prefix in vocab or prefix in glossary.by_word:
        _offer_synonyms(slot, glossary.for_word(prefix, vocab), glossary, vocab,
                        skip=(prefix,))
    return slot


def _offer_synonyms(slot: Slot, groups: set[int], glossary: Glossary, vocab: Vocabulary,
                    skip: tuple[str, ...]) -> None:
    offered = 0
    for number in sorted(groups):
        for entry in glossary.groups[number]:
            if entry == skip or offered >= MAX_SYNONYMS:
                continue
            offered += 1
            slot.highlight.append(" ".join(entry))
            if len(entry) == 1:
                slot.offer_word(entry[0], SYNONYM, vocab)
            else:
                exact = tuple(t for w in entry for t in analysis.word_forms(w).exact[:1])
                if exact:
                    slot.phrases.append((exact, SYNONYM))


# --- scoring ---------------------------------------------------------------------------------
#
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

    @property
    def df(self) -> int:
        return len(self.ids)


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


def _prepare(slot: Slot, terms: TermCache) -> _Scored | None:
    """Weights for the slot's alternatives that occur in the index, all with one idf.

    Using the idf of the slot's best alternative keeps a rare synonym or variant from
    outscoring the word the agent typed; boosts alone then order the alternatives.
    """
    live = {t: b for t, b in slot.alternatives.items() if terms.get(t).df}
    phrases = [(p, b) for p, b in slot.phrases if all(terms.get(t).df for t in p)]
    if not live and not phrases:
        return None
    if live:
        anchor = max(live, key=lambda t: (live[t], terms.get(t).df))
        idf = terms.idf(anchor)
    else:
        idf = min(terms.idf(t) for t in phrases[0][0])
    weighted = sorted(((terms.get(t), b * idf) for t, b in live.items()), key=lambda x: -x[1])
    scored_phrases = [[(terms.get(t), b * idf / len(p)) for t in p] for p, b in phrases]
    sets: list[frozenset[int]] = [p.docs for p, _ in weighted]
    sets += [frozenset.intersection(*(p.docs for p, _ in ph)) for ph in scored_phrases]
    docs = sets[0] if len(sets) == 1 else set().union(*sets)
    return _Scored(weighted, scored_phrases, slot.optional, docs)


def _slot_scores(slot: _Scored, candidates: set[int] | frozenset[int]) -> dict[int, float]:
    """Each candidate's best alternative score in this slot (a max, not a sum)."""
    best: dict[int, float] = {}
    get = best.get
    for postings, weight in slot.terms:
        if not best:
            best = {d: weight * v for d, v in zip(postings.ids, postings.impacts, strict=True)
                    if d in candidates}
            get = best.get
            continue
        for d, v in zip(postings.ids, postings.impacts, strict=True):
            if d in candidates:
                score = weight * v
                if score > get(d, 0.0):
                    best[d] = score
    for phrase in slot.phrases:
        inside = frozenset.intersection(*(p.docs for p, _ in phrase)) & candidates
        total: dict[int, float] = dict.fromkeys(inside, 0.0)
        for postings, weight in phrase:
            for d, v in zip(postings.ids, postings.impacts, strict=True):
                if d in inside:
                    total[d] += weight * v
        for d, score in total.items():
            if score > get(d, 0.0):
                best[d] = score
    return best


def _evaluate(slots: list[_Scored], allow: set[int] | None, limit: int,
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
    for slot in slots:
        if is_cancelled and is_cancelled():
            raise Cancelled()
        scores = _slot_scores(slot, candidates)
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


def _allowed(state: _State, filters: Filters) -> set[int] | None:
    """Document numbers passing ``filters`` (None: all), computed once per combination."""
    if filters in state.allow:
        return state.allow[filters]
    reader = state.reader
    sets: list[set[int]] = []
    if filters.lang in ("en", "fil"):
        sets.append(_docs_with(reader, "lang", [filters.lang]))
    if filters.stage:
        sets.append(_docs_with(reader, "stage", [filters.stage]))
    for tag in filters.tags:
        sets.append(_docs_with(reader, "tags", [tag]))
    if filters.channel in ("phone", "chat"):
        sets.append(_docs_with(reader, "channel", [filters.channel, "any"]))
    allow = set.intersection(*sets) if sets else None
    allow = visibility.without_hidden(allow, _hidden_docnums(state), reader.all_doc_ids)
    state.allow[filters] = allow
    return allow


def _hidden_docnums(state: _State) -> set[int]:
    keys = (key for parsed in state.files.values() for key, _ in parsed.documents())
    return _docs_with(state.reader, "key", visibility.hidden_keys(keys, state.docs))


def _docs_with(reader: Any, fieldname: str, values: Iterable[str]) -> set[int]:
    docs: set[int] = set()
    for value in values:
        docs.update(read_postings(reader, fieldname, value)[0])
    return docs


# --- the engine ------------------------------------------------------------------------------

@dataclass
class _State:
    """Everything one index generation needs to answer searches."""

    snapshot: KbSnapshot
    files: dict[str, ParsedFile]
    docs: dict[str, Document]  # index key → card or passage
    generation: Path
    reader: Any  # the Whoosh reader, reused until the index changes
    terms: TermCache
    vocab: Vocabulary
    glossary: Glossary
    stage_order: dict[str, int]
    cards: dict[tuple[str, str], Card] = field(default_factory=dict)  # (id, lang) → card
    allow: dict[Filters, set[int] | None] = field(default_factory=dict)
    cache: OrderedDict[tuple[str, Filters, int], list[Hit]] = field(default_factory=OrderedDict)
    keys: dict[int, str] = field(default_factory=dict)  # document number → index key
    browsed: dict[tuple[Filters, int], list[Hit]] = field(default_factory=dict)
    policy: Policy | None = None  # the account policy the cached lists were made with

    def key_of(self, docnum: int) -> str:
        key = self.keys.get(docnum)
        if key is None:
            key = self.keys[docnum] = str(self.reader.stored_fields(docnum).get("key", ""))
        return key

    def __post_init__(self) -> None:
        if not self.cards:
            for card in reversed(self.snapshot.cards):  # the first of duplicate ids wins
                self.cards[(card.id, card.lang)] = card

    def close(self) -> None:
        self.reader.close()


class Engine:
    """Thread-safe: search() may run on a worker while the GUI thread holds the engine.

    Searches run one at a time (Whoosh readers are not thread-safe) on a reader that is
    reused until the index changes; card(), twin() and snapshot never wait for a search.
    """

    show_drafts = False  # agents never see drafts or TODO lines (core/visibility.py)

    def __init__(self, kb_dir: Path, cache_dir: Path | None = None) -> None:
        self.kb_dir = Path(kb_dir)
        self.cache_dir = cache_dir
        self._store = IndexStore(self.kb_dir, cache_dir)
        self._state: _State | None = None
        self._update_lock = threading.Lock()  # one ensure_index at a time
        self._search_lock = threading.Lock()  # guards the reader and state swaps

    # -- index --

    @property
    def snapshot(self) -> KbSnapshot:
        return self._ensure_state().snapshot

    @property
    def index_dir(self) -> Path:
        return self._store.folder

    @property
    def notice(self) -> str:
        """Something the user should know about the index (e.g. the cache was unwritable)."""
        return self._store.notice

    def ensure_index(self, progress: Progress | None = None,
                     is_cancelled: IsCancelled | None = None, rebuild: bool = False
                     ) -> IndexStats:
        started = time.perf_counter()
        with self._update_lock:
            old = self._state
            result = self._store.update(old.files if old else None, progress, is_cancelled,
                                        rebuild)
            state = self._next_state(old, result)
            if state is not old:
                with self._search_lock:
                    self._state = state
                if old is not None and old.reader is not state.reader:
                    old.close()
        cards = len(state.snapshot.cards)
        return IndexStats(cards, len(state.snapshot.passages), result.added, result.updated,
                          result.removed, time.perf_counter() - started, result.rebuilt)

    def _ensure_state(self) -> _State:
        state = self._state
        if state is None:
            self.ensure_index()
            state = self._state
        assert state is not None
        return state

    def _next_state(self, old: _State | None, result: UpdateResult) -> _State:
        snapshot = _snapshot_of(result)
        snapshot.cards = visibility.visible_cards(snapshot.cards, self.show_drafts)
        docs = visibility.visible_documents(
            {key: doc for parsed in result.files.values() for key, doc in parsed.documents()},
            self.show_drafts)
        stage_order = {s: n for n, s in enumerate(snapshot.taxonomy.stage_ids)}
        glossary = Glossary.build(snapshot.glossary)
        if old is not None and not result.changed and old.generation == result.generation:
            # Same index: keep the reader, caches and vocabulary; refresh the files.
            same_glossary = glossary.groups == old.glossary.groups
            return _State(snapshot, result.files, docs, old.generation, old.reader, old.terms,
                          old.vocab, glossary, stage_order, allow=old.allow, keys=old.keys,
                          cache=old.cache if same_glossary else OrderedDict())
        reader = open_generation(result.generation).reader()
        if old is not None and result.continued and old.generation == result.generation \
                and (result.changed_keys or result.removed_keys):
            vocab = _patched_vocab(old, result, docs, snapshot)
        else:
            vocab = Vocabulary.from_reader(reader)
        previous = old.terms if old is not None and old.generation == result.generation else None
        return _State(snapshot, result.files, docs, result.generation, reader,
                      TermCache(reader, previous=previous), vocab, glossary, stage_order)

    # -- cards --

    def card(self, card_id: str, lang: str) -> Card | None:
        return self._ensure_state().cards.get((card_id, lang))

    def twin(self, card: Card) -> Card | None:
        return self.card(card.id, "fil" if card.lang == "en" else "en")

    # -- search --

    def search(self, text: str, filters: Filters | None = None, limit: int = 20,
               is_cancelled: IsCancelled | None = None) -> list[Hit]:
        """Hits for what the agent typed so far; empty text browses the cards in call order.

        Raises Cancelled once ``is_cancelled()`` is true. Never raises for odd input.
        """
        filters = filters or Filters()
        text = text[:MAX_QUERY_CHARS]
        if is_cancelled and is_cancelled():
            raise Cancelled()
        state = self._ensure_state()
        with self._search_lock:
            _follow_policy(state)
        if not text.strip():
            return _browse(state, filters, limit)
        try:
            return self._search_cached(text, filters, limit, is_cancelled)
        except Cancelled:
            raise
        except Exception:
            # A damaged index file only shows when it is read; rebuild it and try once more.
            self.ensure_index(rebuild=True)
            return self._search_cached(text, filters, limit, is_cancelled)

    def _search_cached(self, text: str, filters: Filters, limit: int,
                       is_cancelled: IsCancelled | None) -> list[Hit]:
        key = (" ".join(analysis.fold(text).split()) + (" " if text[-1].isspace() else ""),
               filters, limit)
        with self._search_lock:
            state = self._state
            assert state is not None
            cached = state.cache.get(key)
            if cached is not None:
                state.cache.move_to_end(key)
                return list(cached)
            hits = self._search_locked(state, text, filters, limit, is_cancelled)
            state.cache[key] = hits
            if len(state.cache) > CACHE_SIZE:
                state.cache.popitem(last=False)
        return list(hits)

    def _search_locked(self, state: _State, text: str, filters: Filters, limit: int,
                       is_cancelled: IsCancelled | None) -> list[Hit]:
        plan = plan_query(text, state.vocab, state.glossary)
        # A word with nothing in the index (a typo too far off) is left out, not fatal.
        slots = [s for s in (_prepare(slot, state.terms) for slot in plan.slots) if s]
        if not slots or limit <= 0:
            return []
        found = _evaluate(slots, _allowed(state, filters), limit, is_cancelled)
        return _hits(state, found, plan)

    def clear_cache(self) -> None:
        """Forget remembered results (the benchmark times every keystroke in full)."""
        with self._search_lock:
            if self._state is not None:
                self._state.cache.clear()

    def close(self) -> None:
        with self._update_lock, self._search_lock:
            if self._state is not None:
                self._state.close()
            self._state = None


# --- hits ------------------------------------------------------------------------------------

def _hits(state: _State, found: list[tuple[int, float]], plan: QueryPlan) -> list[Hit]:
    hits: list[Hit] = []
    policy = cached_policy(state.snapshot.root)  # cards the account's policy rules out
    for docnum, score in found:
        doc = state.docs.get(state.key_of(docnum))
        if doc is not None and shown_on_account(doc, policy):
            hits.append(_hit(doc, score, plan))
    return hits


def _hit(doc: Document, score: float, plan: QueryPlan) -> Hit:
    if isinstance(doc, Card):
        snippet, matched = _best_phrase(doc, plan.match_tokens)
        return Hit(doc.id, doc.title, doc.lang, doc.stage, doc.tags, doc.channel, "card",
                   str(doc.path), snippet, score, _terms(plan, matched))
    snippet, matched = _excerpt(doc, plan.match_tokens)
    title = doc.title if doc.heading in ("", doc.title) else f"{doc.title} — {doc.heading}"
    return Hit(doc.id, title, doc.lang, "", (), "any",
               "document", str(doc.path), snippet, score, _terms(plan, matched))


def _terms(plan: QueryPlan, matched: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*plan.highlight, *matched)))


def _best_phrase(card: Card, tokens: frozenset[str]) -> tuple[str, list[str]]:
    """The Say phrase matching most query tokens (the first on a tie), and its matched words."""
    best, best_words, best_count = (card.say[0] if card.say else ""), [], 0
    for phrase in card.say:
        words = _matching_words(phrase, tokens, card.lang == "fil")
        if len(words) > best_count:
            best, best_words, best_count = phrase, words, len(words)
    return best, best_words


def _excerpt(passage: Passage, tokens: frozenset[str]) -> tuple[str, list[str]]:
    text = " ".join(passage.text.split())
    words = _matching_words(text, tokens, passage.lang == "fil")
    position = max(0, text.casefold().find(words[0])) if words else 0
    start = max(0, position - SNIPPET_CHARS // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < position else start
    excerpt = text[start:start + SNIPPET_CHARS]
    if start + SNIPPET_CHARS < len(text):
        cut = excerpt.rfind(" ")
        excerpt = (excerpt[:cut] if cut > SNIPPET_CHARS // 2 else excerpt) + "…"
    return ("…" if start else "") + excerpt, words


def _matching_words(text: str, tokens: frozenset[str], filipino: bool) -> list[str]:
    """Words of ``text`` that some query token matches, as written (casefolded), so the UI
    can find them in the snippet."""
    matched = [surface for surface, word_tokens in _analyzed(text, filipino)
               if word_tokens & tokens]
    return list(dict.fromkeys(matched))


@lru_cache(maxsize=32768)
def _analyzed(text: str, filipino: bool) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each word of a Say phrase or passage with its index tokens (phrases recur in every
    result list, so this is worked out once)."""
    return tuple((surface.casefold(), frozenset(analysis.tokens(word, filipino)))
                 for surface, word in analysis.surface_words(text))


def _browse(state: _State, filters: Filters, limit: int) -> list[Hit]:
    """Every card passing the filters, in call order (stage) and then by title."""
    key = (filters, limit)
    hits = state.browsed.get(key)
    if hits is None:
        policy = cached_policy(state.snapshot.root)
        cards = [c for c in state.snapshot.cards
                 if _passes(c, filters) and shown_on_account(c, policy)]
        last = len(state.stage_order)
        cards.sort(key=lambda c: (state.stage_order.get(c.stage, last), c.title.casefold(),
                                  c.lang))
        hits = [Hit(c.id, c.title, c.lang, c.stage, c.tags, c.channel, "card", str(c.path),
                    c.say[0] if c.say else "", 0.0, ()) for c in cards[:max(0, limit)]]
        if len(state.browsed) < CACHE_SIZE:
            state.browsed[key] = hits
    return list(hits)


def _follow_policy(state: _State) -> None:
    """A changed kb/policy.md may hide or show cards: forget the lists made before."""
    policy = cached_policy(state.snapshot.root)
    if policy != state.policy:
        state.policy = policy
        state.cache.clear()
        state.browsed.clear()


def _passes(card: Card, filters: Filters) -> bool:
    if filters.lang != "any" and card.lang != filters.lang:
        return False
    if filters.stage and card.stage != filters.stage:
        return False
    if any(t not in card.tags for t in filters.tags):
        return False
    return filters.channel in ("any", card.channel) or card.channel == "any"


# --- state helpers ---------------------------------------------------------------------------

def _snapshot_of(result: UpdateResult) -> KbSnapshot:
    snapshot = KbSnapshot(root=result.root, taxonomy=result.taxonomy,
                          glossary=result.glossary, problems=list(result.problems))
    for relative in sorted(result.files):
        parsed = result.files[relative]
        snapshot.cards.extend(parsed.cards)
        snapshot.passages.extend(parsed.passages)
    return snapshot


def _patched_vocab(old: _State, result: UpdateResult, docs: dict[str, Document],
                   snapshot: KbSnapshot) -> Vocabulary:
    """The old vocabulary with the changed documents' terms taken out and put back in.

    Cheaper than re-reading the term list after a one-card edit on a large KB.
    """
    vocab = old.vocab.copy()  # the old one may be in use by a search right now
    for key in result.removed_keys:
        doc = old.docs.get(key)
        if doc is not None:
            for term in document_tokens(doc, old.snapshot.taxonomy):
                if analysis.is_exact(term):
                    vocab.add(term, -1)
    for key in result.changed_keys:
        doc = docs.get(key)
        if doc is not None:
            for term in document_tokens(doc, snapshot.taxonomy):
                if analysis.is_exact(term):
                    vocab.add(term, +1)
    return vocab
