"""The search API the rest of the app uses: Engine.search(text, filters, limit) -> list[Hit].

Behind it: a Whoosh index in the per-user cache (desktop.core.index), the query planner
(desktop.core.planner), the scorer (desktop.core.scoring), what may be shown
(desktop.core.result_lists) and the results (desktop.core.hits). The engine holds one
state per index generation (desktop.core.engine_state): the reader, the decoded postings,
the vocabulary and the caches.
"""

from __future__ import annotations

import gc
import logging
import pickle
import struct
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from whoosh import index as whoosh_index

from desktop.core import analysis, quickopen, warmup
from desktop.core.cards import Card, Passage
from desktop.core.engine_state import (
    SavedLengths,
    State,
    next_state,
    save_directory,
    save_vocabulary,
)
from desktop.core.hits import Filters as Filters  # re-exported: the search API
from desktop.core.hits import Hit as Hit
from desktop.core.index import (
    IndexStore,
    UpdateResult,
)
from desktop.core.kb import Cancelled, IsCancelled, KbSnapshot, Progress
from desktop.core.planner import MAX_QUERY_CHARS as MAX_QUERY_CHARS
from desktop.core.planner import QueryPlan as QueryPlan
from desktop.core.planner import plan_query
from desktop.core.result_lists import CACHE_SIZE
from desktop.core.result_lists import allowed as _allowed
from desktop.core.result_lists import browse as _browse  # looked up here: tests replace it
from desktop.core.result_lists import follow_policy as _follow_policy
from desktop.core.result_lists import hits_for as _hits
from desktop.core.scoring import TermCache, prepare
from desktop.core.scoring import evaluate as _evaluate  # looked up here: tests replace it
from desktop.core.taxonomy import Taxonomy
from desktop.core.terminal import capped
from desktop.core.vocabulary import Glossary, Vocabulary
from desktop.core.whoosh_seam import reader_stamp

WARM_SLICE_S = 0.002  # Engine.warm lets other threads in at least this often
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


# --- the engine ------------------------------------------------------------------------------

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
        self._state: State | None = None
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
            known = SavedLengths(saved.lengths) if saved.lengths else None
            state = State(snapshot, {}, saved.view.docs, saved.generation, saved.reader,
                           TermCache(saved.reader, previous=cast(TermCache, known)),
                           Vocabulary(*saved.vocab),
                           saved.built_glossary or Glossary.build(saved.glossary),
                           {s: n for n, s in enumerate(saved.taxonomy.stage_ids)},
                           saved=saved.view, directory_saved=True)
            with self._search_lock:
                self._state = state
        return True

    def _update(self, progress: Progress | None, is_cancelled: IsCancelled | None,
                rebuild: bool) -> tuple[State, UpdateResult]:
        """ensure_index under the update lock."""
        old = self._state
        checked = old if old is not None and old.saved is None else None
        result = self._store.update(checked.files if checked else None, progress,
                                    is_cancelled, rebuild)
        state = next_state(checked, result, self.show_drafts)
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
            save_directory(state, stamp, self.show_drafts)
        return state, result

    def _checked_state(self) -> State:
        """The state after the KB was checked (once) since a quick start."""
        with self._update_lock:
            state = self._state
            if state is None or state.saved is not None:
                state, _ = self._update(None, None, False)
        return state

    def _ensure_state(self) -> State:
        state = self._state
        if state is None:
            self.ensure_index()
            state = self._state
        assert state is not None
        return state

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

    def _search_locked(self, state: State, text: str, filters: Filters, limit: int,
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
        Say phrases (desktop.core.warmup), up to a quarter of the postings budget (all of a
        KB of a few thousand cards); a search may run between any two lists. Stops when the
        index changes; raises Cancelled once ``is_cancelled()`` is true. Returns the number
        of lists decoded."""
        state = self._ensure_state()
        with self._search_lock:
            tokens = list(warmup.keystroke_tokens(state.vocab, state.glossary))
            state.vocab.prepare_corrections()
        decoded = 0
        handed_over = time.perf_counter()
        for token in tokens:
            if is_cancelled and is_cancelled():
                raise Cancelled()
            with self._search_lock:
                if self._state is not state or state.terms.size >= state.terms.budget // 4:
                    break
                state.terms.get(token)
            decoded += 1
            if time.perf_counter() - handed_over > WARM_SLICE_S:
                time.sleep(0)  # hand the interpreter to the GUI thread now and then
                handed_over = time.perf_counter()
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
                    save_vocabulary(self._state.reader, self._state.generation,
                                     self._state.vocab)
                if not self._state.directory_saved:  # and can start quickly
                    save_directory(self._state, reader_stamp(self._state.reader),
                                    self.show_drafts)
                self._state.close()
            self._state = None


class SearchError(Exception):
    """A search failed for a reason other than a damaged index (a bug); the cause is set."""


# Errors reading a damaged index raises (truncated or garbled files); anything else is a bug.
INTEGRITY_ERRORS = (OSError, EOFError, struct.error, zlib.error, pickle.UnpicklingError,
                    ValueError, IndexError, KeyError, whoosh_index.IndexError)


def _failure(text: str, exc: BaseException) -> str:
    return f"search for {capped(text)!r} failed: {type(exc).__name__}: {exc}"


