"""The search API the rest of the app uses: Engine.search(text, filters, limit) -> list[Hit].

Behind it: a Whoosh index in the per-user cache (desktop.core.index), the query planner
(desktop.core.planner), the scorer (desktop.core.scoring) and the results
(desktop.core.hits). The engine holds one state per index generation: the reader, the
decoded postings, the vocabulary and the caches.
"""

from __future__ import annotations

import gc
import itertools
import logging
import pickle
import struct
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from whoosh import index as whoosh_index

from desktop.core import analysis, docstore, quickopen, visibility, warmup, whoosh_seam
from desktop.core.cards import Card, Passage
from desktop.core.hits import Filters as Filters  # re-exported: the search API
from desktop.core.hits import Hit as Hit
from desktop.core.hits import hit_for
from desktop.core.index import (
    Document,
    IndexStore,
    ParsedFile,
    UpdateResult,
    document_tokens,
    read_postings,
)
from desktop.core.kb import Cancelled, IsCancelled, KbSnapshot, Progress
from desktop.core.planner import MAX_QUERY_CHARS as MAX_QUERY_CHARS
from desktop.core.planner import QueryPlan as QueryPlan
from desktop.core.planner import plan_query
from desktop.core.policy import Policy, cached_policy, shown_on_account
from desktop.core.scoring import TermCache, prepare
from desktop.core.scoring import evaluate as _evaluate  # looked up here: tests replace it
from desktop.core.taxonomy import Taxonomy
from desktop.core.terminal import capped
from desktop.core.vocabulary import Glossary, Vocabulary
from desktop.core.whoosh_seam import reader_stamp

CACHE_SIZE = 512
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IndexStats:
    cards: int
    documents: int
    added: int
    updated: int
    removed: int
    seconds: float
    rebuilt: bool


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
    """Drafts, and cards the account's policy rules out: they never take a result slot."""
    if state.saved is not None:  # a quick start: the drafts of the saved index (_hits
        return _docs_with(state.reader, "key", state.saved.hidden_keys())  # checks policy)
    # Only cards are ever hidden, and a card file's one index key is its path.
    keys = [relative for relative, parsed in state.files.items() if parsed.cards]
    hidden = set(visibility.hidden_keys(keys, state.docs))
    policy = state.policy if state.policy is not None else cached_policy(state.snapshot.root)
    docs = state.docs
    hidden.update(key for key in keys if isinstance(card := docs.get(key), Card)
                  and card.meta.get("requires") and not shown_on_account(card, policy))
    return _docs_with(state.reader, "key", hidden)


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
    docs: Mapping[str, Document]  # index key → card or passage
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
    vocab_saved: bool = True  # False once patched after an edit: saved again at close
    positions: dict[str, int] = field(default_factory=dict)  # card file → snapshot.cards index
    # A quick start's answers from the saved index, until the KB is checked (quickopen).
    saved: quickopen.SavedView | None = None
    directory_saved: bool = False  # the card directory of this reader is on disk

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

    # Agents never see drafts or TODO lines (core/visibility.py); set before the first search.
    show_drafts = False

    def __init__(self, kb_dir: Path, cache_dir: Path | None = None) -> None:
        self.kb_dir = Path(kb_dir)
        self.cache_dir = cache_dir
        self._store = IndexStore(self.kb_dir, cache_dir)
        self._state: _State | None = None
        self._update_lock = threading.Lock()  # one ensure_index at a time
        self._search_lock = threading.Lock()  # guards the reader, state swaps and caches
        self._rebuilt_after_damage: set[str] = set()  # generations rebuilt for damage

    # -- index --

    @property
    def snapshot(self) -> KbSnapshot:
        state = self._ensure_state()
        if state.saved is not None:  # only the saved index so far: check the KB first
            state = self._checked_state()
        return state.snapshot

    @property
    def taxonomy(self) -> Taxonomy:
        """The KB's taxonomy (without waiting for a check of the KB after a quick start)."""
        return self._ensure_state().snapshot.taxonomy

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
            state, result = self._update(progress, is_cancelled, rebuild)
        cards = len(state.snapshot.cards)
        return IndexStats(cards, len(state.snapshot.passages), result.added, result.updated,
                          result.removed, time.perf_counter() - started, result.rebuilt)

    def open_saved(self) -> bool:
        """Answer searches from the index as saved, before the KB is checked against it
        (desktop.core.quickopen): a cold start's first results in a fraction of the time.
        ensure_index checks it next and takes over. False when nothing usable is saved or
        the engine is open already."""
        with self._update_lock:
            if self._state is not None:
                return False
            try:
                saved = quickopen.open_saved(self._store, self.show_drafts)
            except INTEGRITY_ERRORS as exc:  # the full check that follows repairs it
                log.info("no quick start from the saved index: %s", exc)
                return False
            if saved is None:
                return False
            snapshot = KbSnapshot(root=saved.root, taxonomy=saved.taxonomy,
                                  glossary=saved.glossary, problems=saved.problems)
            known = _SavedLengths(saved.lengths) if saved.lengths else None
            state = _State(snapshot, {}, saved.view.docs, saved.generation, saved.reader,
                           TermCache(saved.reader, previous=cast(TermCache, known)),
                           Vocabulary(*saved.vocab),
                           saved.built_glossary or Glossary.build(saved.glossary),
                           {s: n for n, s in enumerate(saved.taxonomy.stage_ids)},
                           saved=saved.view, directory_saved=True)
            with self._search_lock:
                self._state = state
        return True

    def _update(self, progress: Progress | None, is_cancelled: IsCancelled | None,
                rebuild: bool) -> tuple[_State, UpdateResult]:
        """ensure_index under the update lock."""
        old = self._state
        checked = old if old is not None and old.saved is None else None
        result = self._store.update(checked.files if checked else None, progress,
                                    is_cancelled, rebuild)
        state = self._next_state(checked, result)
        if state is not old:
            with self._search_lock:
                self._state = state
            if old is not None and old.reader is not state.reader:
                old.close()
        if checked is None or result.rebuilt:
            # A whole KB was just loaded: a million long-lived objects that every full
            # collection would walk again (100 ms at 10,000 cards, landing in an edit or
            # a keystroke). Frozen, they are skipped (the window does the same, and
            # collects the frozen heap when the agent is idle: desktop.ui.memory).
            gc.freeze()
        if not state.directory_saved and state.vocab_saved:  # else saved at close()
            with self._search_lock:  # a search may be using the reader
                stamp = reader_stamp(state.reader)
            _save_directory(state, stamp, self.show_drafts)
        return state, result

    def _checked_state(self) -> _State:
        """The state after the KB was checked (once) since a quick start."""
        with self._update_lock:
            state = self._state
            if state is None or state.saved is not None:
                state, _ = self._update(None, None, False)
        return state

    def _ensure_state(self) -> _State:
        state = self._state
        if state is None:
            self.ensure_index()
            state = self._state
        assert state is not None
        return state

    def _next_state(self, old: _State | None, result: UpdateResult) -> _State:
        docs = _docs_of(old, result, self.show_drafts)
        snapshot, positions, cards = _patched_snapshot(old, result, docs) or \
            (*_snapshot_of(result, docs), {})
        stage_order = {s: n for n, s in enumerate(snapshot.taxonomy.stage_ids)}
        if old is not None and snapshot.glossary == old.snapshot.glossary:
            glossary = old.glossary
        else:
            glossary = Glossary.build(snapshot.glossary)
        if old is not None and not result.changed and old.generation == result.generation:
            # Same index: keep the reader, caches and vocabulary; refresh the files.
            same_glossary = glossary.groups == old.glossary.groups
            return _State(snapshot, result.files, docs, old.generation, old.reader, old.terms,
                          old.vocab, glossary, stage_order, cards, allow=old.allow,
                          keys=old.keys, cache=old.cache if same_glossary else OrderedDict(),
                          policy=old.policy, vocab_saved=old.vocab_saved,
                          positions=positions, directory_saved=old.directory_saved)
        reader = whoosh_seam.open_generation(result.generation).reader()
        patched = False
        if old is not None and result.continued and old.generation == result.generation \
                and (result.changed_keys or result.removed_keys):
            vocab = _patched_vocab(old, result, snapshot)
            patched = True
        else:
            vocab = _vocabulary(reader, result.generation)
        previous = old.terms if old is not None and old.generation == result.generation else None
        return _State(snapshot, result.files, docs, result.generation, reader,
                      TermCache(reader, previous=previous), vocab, glossary, stage_order, cards,
                      vocab_saved=not patched, positions=positions)

    # -- cards --

    def card(self, card_id: str, lang: str) -> Card | None:
        state = self._ensure_state()
        if state.saved is not None:
            return state.saved.card(card_id, lang)
        return state.cards.get((card_id, lang))

    def passages_in(self, path: str) -> list[Passage]:
        """The passages of the document at ``path`` (as a hit names it)."""
        state = self._ensure_state()
        if state.saved is not None:
            return state.saved.passages(path)
        return [p for p in state.snapshot.passages if str(p.path) == path]

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
            with self._search_lock:
                return _browse(self._state or state, filters, limit)
        try:
            return self._search_cached(text, filters, limit, is_cancelled)
        except Cancelled:
            raise
        except INTEGRITY_ERRORS as exc:
            # A damaged index file only shows when it is read: rebuild it and try once
            # more, but only when the index fails its own checks, once per generation.
            if not self._damaged(exc):
                raise SearchError(_failure(text, exc)) from exc
            try:
                return self._search_cached(text, filters, limit, is_cancelled)
            except Cancelled:
                raise
            except Exception as again:
                # Not the index after all: the fresh generation gets no rebuild either.
                if self._state is not None:
                    self._rebuilt_after_damage.add(self._state.generation.name)
                log.exception("search for %r failed on a fresh index", capped(text))
                raise SearchError(_failure(text, again)) from again
        except Exception as exc:
            log.exception("search for %r failed", capped(text))
            raise SearchError(_failure(text, exc)) from exc

    def _damaged(self, exc: BaseException) -> bool:
        """True (after rebuilding) when the live index fails its checks and was not rebuilt
        for that reason before; False when the error is not the index's."""
        state = self._state
        generation = state.generation if state is not None else None
        if generation is None or generation.name in self._rebuilt_after_damage:
            log.error("search failed again on a rebuilt index", exc_info=exc)
            return False
        # A read error is the index's (a file gone or unreadable under us); a decoding error
        # is only when the files fail their hashes, else it is a bug in the reading code.
        if not isinstance(exc, OSError) and self._store.verify(generation):
            log.error("search failed on an index that checks out", exc_info=exc)
            return False
        log.warning("index %s is damaged (%s: %s); rebuilding it", generation,
                    type(exc).__name__, exc)
        self._rebuilt_after_damage.add(generation.name)
        self.ensure_index(rebuild=True)
        return True

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
        slots = [s for s in (prepare(slot, state.terms) for slot in plan.slots) if s]
        if not slots or limit <= 0:
            return []
        found = _evaluate(slots, _allowed(state, filters), limit, is_cancelled)
        return _hits(state, found, plan)

    def warm(self, is_cancelled: IsCancelled | None = None) -> int:
        """Decode ahead the posting lists the first keystrokes need and analyse the cards'
        Say phrases (desktop.core.warmup), up to half the postings budget; a search may
        run between any two lists. Stops when the index changes; raises Cancelled once
        ``is_cancelled()`` is true. Returns the number of lists decoded."""
        state = self._ensure_state()
        with self._search_lock:
            tokens = list(warmup.keystroke_tokens(state.vocab, state.glossary))
            state.vocab.prepare_corrections()
        decoded = 0
        for token in tokens:
            if is_cancelled and is_cancelled():
                raise Cancelled()
            with self._search_lock:
                if self._state is not state or state.terms.size >= state.terms.budget // 2:
                    break
                state.terms.get(token)
            decoded += 1
            time.sleep(0)  # hand the interpreter to the GUI thread between lists
        warmup.analyse_cards(state.snapshot.cards, is_cancelled)
        # What was decoded lives as long as the index: frozen, full collections skip it
        # instead of walking a million postings in the middle of someone's typing.
        gc.freeze()
        return decoded

    def clear_cache(self) -> None:
        """Forget remembered results (the benchmark times every keystroke in full)."""
        with self._search_lock:
            if self._state is not None:
                self._state.cache.clear()

    def close(self) -> None:
        with self._update_lock, self._search_lock:
            if self._state is not None:
                if not self._state.vocab_saved:  # so the next start need not walk Whoosh
                    _save_vocabulary(self._state.reader, self._state.generation,
                                     self._state.vocab)
                if not self._state.directory_saved:  # and can start quickly
                    _save_directory(self._state, reader_stamp(self._state.reader),
                                    self.show_drafts)
                self._state.close()
            self._state = None


class _SavedLengths:
    """Stands in for an earlier TermCache of the same index: the per-segment field lengths
    saved with it, which TermCache reuses for every segment whose size still matches."""

    def __init__(self, segment_lengths: dict[str, list[int]]) -> None:
        self.segment_lengths = segment_lengths


class SearchError(Exception):
    """A search failed for a reason other than a damaged index (a bug); the cause is set."""


# Errors reading a damaged index raises (truncated or garbled files); anything else is a bug.
INTEGRITY_ERRORS = (OSError, EOFError, struct.error, zlib.error, pickle.UnpicklingError,
                    ValueError, IndexError, KeyError, whoosh_index.IndexError)


def _failure(text: str, exc: BaseException) -> str:
    return f"search for {capped(text)!r} failed: {type(exc).__name__}: {exc}"


# --- hits ------------------------------------------------------------------------------------

def _hits(state: _State, found: list[tuple[int, float]], plan: QueryPlan) -> list[Hit]:
    # Drafts and cards the policy rules out were never candidates (_allowed), except in a
    # quick start, which knows only the saved drafts: there the policy is checked here.
    docs = state.docs
    policy = cached_policy(state.snapshot.root) if state.saved is not None else None
    hits: list[Hit] = []
    for docnum, score in found:
        doc = docs.get(state.key_of(docnum))
        if doc is not None and (policy is None or shown_on_account(doc, policy)):
            hits.append(hit_for(doc, score, plan))
    return hits


def _browse(state: _State, filters: Filters, limit: int) -> list[Hit]:
    """Every card passing the filters, in call order (stage) and then by title."""
    key = (filters, limit)
    hits = state.browsed.get(key)
    if hits is None:
        policy = cached_policy(state.snapshot.root)
        if state.saved is not None:  # a quick start: read only the cards listed
            listed = (c for c in state.saved.cards_in_order(lambda row: _passes(row, filters))
                      if _passes(c, filters) and shown_on_account(c, policy))
            hits = [Hit.from_card(c) for c in itertools.islice(listed, max(0, limit))]
            return hits  # not kept: the checked state replaces this one soon
        cards = [c for c in state.snapshot.cards
                 if _passes(c, filters) and shown_on_account(c, policy)]
        last = len(state.stage_order)
        cards.sort(key=lambda c: (state.stage_order.get(c.stage, last), c.title.casefold(),
                                  c.lang))
        hits = [Hit.from_card(c) for c in cards[:max(0, limit)]]
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
        state.allow.clear()  # they leave out the cards the policy hides


def _passes(card: Card | quickopen.CardRow, filters: Filters) -> bool:
    if filters.lang != "any" and card.lang != filters.lang:
        return False
    if filters.stage and card.stage != filters.stage:
        return False
    if any(t not in card.tags for t in filters.tags):
        return False
    return filters.channel in ("any", card.channel) or card.channel == "any"


# --- state helpers ---------------------------------------------------------------------------

def _snapshot_of(result: UpdateResult, docs: dict[str, Document]
                 ) -> tuple[KbSnapshot, dict[str, int]]:
    """The KB as the engine shows it: the cards in ``docs`` (so no drafts for agents); and
    where each card file's card is in its list."""
    snapshot = KbSnapshot(root=result.root, taxonomy=result.taxonomy,
                          glossary=result.glossary, problems=list(result.problems))
    positions: dict[str, int] = {}
    for relative in sorted(result.files):
        parsed = result.files[relative]
        if parsed.cards:
            card = docs.get(relative)  # a card file's one index key is its path
            if isinstance(card, Card):
                positions[relative] = len(snapshot.cards)
                snapshot.cards.append(card)
        snapshot.passages.extend(parsed.passages)
    return snapshot, positions


def _patched_snapshot(old: _State | None, result: UpdateResult, docs: dict[str, Document]
                      ) -> tuple[KbSnapshot, dict[str, int], dict[tuple[str, str], Card]] | None:
    """The old snapshot with edited cards swapped in place, and the (id, lang) → card map
    to match, when the update changed only cards that stay shown under the same id and
    language (a one-card edit on a large KB); None when it must be built again."""
    if old is None or not result.continued or old.generation != result.generation:
        return None
    relatives = _files_of(result.changed_keys | result.removed_keys)
    if not relatives:
        return None
    cards, by_key = list(old.snapshot.cards), dict(old.cards)
    for relative in relatives:
        position, parsed, card = old.positions.get(relative), result.files.get(relative), \
            docs.get(relative)
        if position is None or parsed is None or len(parsed.cards) != 1 or \
                not isinstance(card, Card):
            return None
        before = cards[position]
        if (before.id, before.lang) != (card.id, card.lang):
            return None
        cards[position] = card
        if by_key.get((card.id, card.lang)) is before:  # it was the first of its id
            by_key[(card.id, card.lang)] = card
    snapshot = KbSnapshot(root=result.root, cards=cards, passages=list(old.snapshot.passages),
                          problems=list(result.problems), taxonomy=result.taxonomy,
                          glossary=result.glossary)
    return snapshot, old.positions, by_key


def _docs_of(old: _State | None, result: UpdateResult, show_drafts: bool
             ) -> dict[str, Document]:
    """Index key → card or passage as shown (core/visibility.py): the old map patched when
    the update says exactly what changed (a one-card edit on a large KB), else built from
    every file."""
    if old is None or not result.continued or old.generation != result.generation:
        return visibility.visible_documents(
            {key: doc for parsed in result.files.values() for key, doc in parsed.documents()},
            show_drafts)
    docs = dict(old.docs)
    for key in result.removed_keys:
        docs.pop(key, None)
    for relative in _files_of(result.changed_keys | result.removed_keys):
        parsed = result.files.get(relative)
        if parsed is not None:
            docs.update(visibility.visible_documents(dict(parsed.documents()), show_drafts))
    return docs


def _files_of(keys: set[str]) -> set[str]:
    return {key.split("#", 1)[0] for key in keys}


def _vocabulary(reader: Any, generation: Path) -> Vocabulary:
    """The index's vocabulary: saved beside the index for exactly this reader, else read
    from Whoosh (slow on a large KB) and saved for the next cold start."""
    stamp = reader_stamp(reader)
    saved = docstore.load_vocabulary(generation, stamp)
    if saved is not None:
        return Vocabulary(*saved)
    vocab = Vocabulary.from_reader(reader)
    _save_vocabulary(reader, generation, vocab)
    return vocab


def _save_directory(state: _State, stamp: str, show_drafts: bool) -> None:
    try:
        # The agents' view: the state's own documents unless it shows drafts.
        shown = None if show_drafts else state.docs
        extras = quickopen.Extras(state.terms.segment_lengths,
                                  (state.snapshot.glossary, state.glossary))
        quickopen.save_for(state.generation, stamp, state.files, state.stage_order,
                           state.snapshot.taxonomy, shown, extras)
        state.directory_saved = True
    except OSError as exc:  # only a cache: the next start is a full one
        log.info("could not save the card directory: %s", exc)


def _save_vocabulary(reader: Any, generation: Path, vocab: Vocabulary) -> None:
    try:
        docstore.save_vocabulary(generation, reader_stamp(reader), vocab.terms, vocab.df)
    except OSError as exc:  # only a cache: the next start reads Whoosh again
        log.info("could not save the vocabulary: %s", exc)


def _patched_vocab(old: _State, result: UpdateResult, snapshot: KbSnapshot) -> Vocabulary:
    """The old vocabulary with the changed documents' terms taken out and put back in.

    Cheaper than re-reading the term list after a one-card edit on a large KB.
    """
    vocab = old.vocab.copy()  # the old one may be in use by a search right now
    for key in result.removed_keys:
        doc = _indexed_doc(old.files, key)
        if doc is not None:
            for term in document_tokens(doc, old.snapshot.taxonomy):
                if analysis.is_exact(term):
                    vocab.add(term, -1)
    for key in result.changed_keys:
        doc = _indexed_doc(result.files, key)
        if doc is not None:
            for term in document_tokens(doc, snapshot.taxonomy):
                if analysis.is_exact(term):
                    vocab.add(term, +1)
    return vocab


def _indexed_doc(files: dict[str, ParsedFile], key: str) -> Document | None:
    """A card or passage as indexed, drafts included: Whoosh's term list, which the
    vocabulary stands in for, counts every indexed document, hidden or not."""
    parsed = files.get(key.split("#", 1)[0])
    return dict(parsed.documents()).get(key) if parsed is not None else None
