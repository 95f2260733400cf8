"""The search pipeline behind the window and the CLI: open the KB, search it, shape the rows.

Qt-free. `SearchSession` holds one engine; the GUI runs its methods on a worker thread
(desktop.ui.tasks) and the CLI calls them directly. Rows merge the English and Filipino
versions of a card; the start page (nothing typed) puts pinned and recent cards first.
The phrase-HTML caches live here too, so a worker can pre-render the card shown first.
"""

from __future__ import annotations

import html
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from desktop.core.cards import Card, Passage
from desktop.core.kb import FileProblem, KbMissingError
from desktop.core.kb_location import KbLocation, resolve_kb_location
from desktop.core.render import phrase_html, render_markdown
from desktop.core.search import Engine, Filters, Hit
from desktop.core.taxonomy import Taxonomy

log = logging.getLogger(__name__)
RESULT_LIMIT = 60
LANG_ORDER = ("en", "fil")
EngineFactory = Callable[[Path], Engine]
Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]
_TAG_RE = re.compile(r"<[^>]*>")


# --- rows -----------------------------------------------------------------------------------


def row_key(hit: Hit) -> str:
    """What makes a result row unique: the card id, or a document passage's file and id."""
    return f"{hit.kind}:{hit.id}" if hit.kind == "card" else f"{hit.kind}:{hit.path}:{hit.id}"


@dataclass(frozen=True)
class ResultRow:
    hit: Hit  # the best-scoring version: its title and snippet are the row's
    langs: tuple[str, ...]  # every language of this card among the results
    pinned: bool = False
    recent: bool = False

    @property
    def key(self) -> str:
        return row_key(self.hit)


def merge_twins(hits: Iterable[Hit]) -> list[ResultRow]:
    """One row per card: the EN and FIL hits of the same id merge, best score first."""
    order: list[str] = []
    best: dict[str, Hit] = {}
    langs: dict[str, set[str]] = {}
    for hit in hits:
        key = row_key(hit)
        if key not in best:
            order.append(key)
            best[key] = hit
            langs[key] = set()
        langs[key].add(hit.lang)
    return [
        ResultRow(best[k], tuple(lang for lang in LANG_ORDER if lang in langs[k])) for k in order
    ]


def mark_rows(
    rows: Sequence[ResultRow], favorites: Iterable[str], recent: Iterable[str] = ()
) -> list[ResultRow]:
    favored, recently = set(favorites), set(recent)
    return [
        replace(
            row,
            pinned=row.hit.kind == "card" and row.hit.id in favored,
            recent=row.hit.kind == "card" and row.hit.id in recently,
        )
        for row in rows
    ]


def home_first(rows: Sequence[ResultRow], recent: Sequence[str]) -> list[ResultRow]:
    """Start page order: pinned cards, then recent ones (most recent first), then the rest."""
    recency = {card_id: n for n, card_id in enumerate(recent)}

    def key(item: tuple[int, ResultRow]) -> tuple[int, int, int]:
        position, row = item
        if row.pinned:
            return (0, 0, position)
        if row.hit.id in recency:
            return (1, recency[row.hit.id], position)
        return (2, 0, position)

    return [row for _, row in sorted(enumerate(rows), key=key)]


def hit_from_card(card: Card, score: float = 0.0) -> Hit:
    """A result for a card found by id (pinned or recent) rather than by search."""
    return Hit.from_card(card, score)


# --- phrase HTML, cached (filled here by the search worker, read by the card view) ---------


def values_key(values: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, v) for k, v in values.items() if v))


@lru_cache(maxsize=2048)
def phrase_html_cached(phrase: str, values: tuple[tuple[str, str], ...]) -> str:
    return phrase_html(phrase, dict(values))


@lru_cache(maxsize=512)
def markdown_cached(text: str) -> str:
    return render_markdown(text)


def plain_phrase(phrase: str, values: Mapping[str, str]) -> str:
    """The text to copy: exactly what the card shows (placeholders filled where we have
    values, markdown and any HTML reduced to plain text)."""
    shown = phrase_html_cached(phrase, values_key(values))
    return " ".join(html.unescape(_TAG_RE.sub("", shown)).split())


def prerender(card: Card, values: Mapping[str, str]) -> None:
    """Fill the HTML caches for `card`, off the GUI thread, so showing it skips markdown
    and sanitizing."""
    key = values_key(values)
    for phrase in card.say:
        phrase_html_cached(phrase, key)
    for item in (*card.avoid, card.why):
        phrase_html_cached(item, ())
    if card.other_text:
        markdown_cached(card.other_text)


# --- requests and outcomes -----------------------------------------------------------------


@dataclass(frozen=True)
class SearchRequest:
    generation: int
    text: str
    filters: Filters
    home: bool  # nothing typed, no context: pinned and recent cards first
    favorites: tuple[str, ...] = ()
    recent: tuple[str, ...] = ()
    preferred_lang: str = "en"
    placeholders: tuple[tuple[str, str], ...] = ()  # to pre-render the top card


@dataclass(frozen=True)
class SearchOutcome:
    request: SearchRequest
    rows: list[ResultRow]
    seconds: float
    relaxed: bool = False  # nothing matched the situation/channel filters: rows without them


@dataclass(frozen=True)
class IndexOutcome:
    location: KbLocation
    engine: Engine
    taxonomy: Taxonomy
    problems: list[FileProblem]
    cards: int
    # False: answered from the index as saved (Engine.open_saved); open() checks it next.
    checked: bool = True


class KbUnavailable(Exception):
    """The KB folder is gone; carries the engine so its last good index stays usable."""

    def __init__(self, message: str, engine: Engine, location: KbLocation) -> None:
        super().__init__(message)
        self.engine = engine
        self.location = location


def run_search(
    engine: Engine, request: SearchRequest, is_cancelled: IsCancelled | None = None
) -> SearchOutcome:
    started = time.perf_counter()
    hits = engine.search(
        request.text, request.filters, limit=RESULT_LIMIT, is_cancelled=is_cancelled
    )
    if request.home:
        hits = [*_pinned_and_recent(engine, request), *hits]
    rows = mark_rows(merge_twins(hits), request.favorites, request.recent)
    if request.home:
        rows = home_first(rows, request.recent)
    relaxed = False
    if not rows and (request.filters.tags or request.filters.channel != "any"):
        # Never a dead end: the closest cards are those of the stage (and words) without
        # the situation and channel filters; the window says so.
        wider = replace(request.filters, tags=(), channel="any")
        rows = mark_rows(merge_twins(engine.search(request.text, wider, limit=RESULT_LIMIT,
                                                   is_cancelled=is_cancelled)),
                         request.favorites, request.recent)
        relaxed = bool(rows)
    if rows and rows[0].hit.kind == "card":
        _prerender_top(engine, rows[0], dict(request.placeholders))
    return SearchOutcome(request, rows, time.perf_counter() - started, relaxed)


def _pinned_and_recent(engine: Engine, request: SearchRequest) -> Iterator[Hit]:
    """The start page's own cards, in the preferred language when there is one."""
    other = "fil" if request.preferred_lang == "en" else "en"
    for card_id in (*request.favorites, *request.recent):
        card = engine.card(card_id, request.preferred_lang) or engine.card(card_id, other)
        if card is not None:
            yield hit_from_card(card)


def _prerender_top(engine: Engine, row: ResultRow, values: dict[str, str]) -> None:
    card = engine.card(row.hit.id, row.hit.lang)
    if card is None:
        return
    prerender(card, values)
    twin = engine.twin(card)
    if twin is not None:
        prerender(twin, values)


def open_and_index(
    configured: Path,
    engine: Engine | None,
    factory: EngineFactory,
    progress: Progress,
    is_cancelled: IsCancelled,
) -> IndexOutcome:
    """Find the KB (a network share may be down), open the engine, bring the index up to date."""
    location = resolve_kb_location(configured)
    if engine is None or Path(engine.kb_dir) != location.path:
        engine = factory(location.path)
    try:
        engine.ensure_index(progress=progress, is_cancelled=is_cancelled)
    except KbMissingError as exc:
        raise KbUnavailable(str(exc), engine, location) from exc
    snapshot = engine.snapshot
    return IndexOutcome(
        location,
        engine,
        snapshot.taxonomy,
        list(snapshot.problems),
        len({card.id for card in snapshot.cards}),
    )


def find_passage(engine: Engine, path: str, passage_id: str) -> Passage | None:
    return next(
        (
            p
            for p in engine.passages_in(path)
            if p.id == passage_id or passage_id.endswith(p.id)
        ),
        None,
    )


class SearchSession:
    """One KB, one engine: what the window's workers and the CLI call.

    Methods are plain and blocking; the GUI runs them on its worker threads.
    """

    def __init__(self, configured_kb: Path, factory: EngineFactory | None = None) -> None:
        self.configured_kb = configured_kb
        self.factory: EngineFactory = factory or (lambda path: Engine(path))
        self.engine: Engine | None = None
        self.location: KbLocation | None = None

    def open(
        self,
        progress: Progress = lambda done, total: None,
        is_cancelled: IsCancelled = lambda: False,
    ) -> IndexOutcome:
        """Find the KB and bring its index up to date (the engine survives a lost folder)."""
        try:
            outcome = open_and_index(
                self.configured_kb, self.engine, self.factory, progress, is_cancelled
            )
        except KbUnavailable as exc:
            self.use(exc.engine, exc.location)
            raise
        self.use(outcome.engine, outcome.location)
        return outcome

    def open_saved(self) -> IndexOutcome | None:
        """A cold start's quick first answers from the index as saved, or None; open()
        must follow to check the KB against it (and reports any error this met)."""
        try:
            # No mirror sync yet: walking a large share would slow the first results; the
            # check that follows (open) starts it.
            location = resolve_kb_location(self.configured_kb, sync=False)
            engine = self.engine
            if engine is None or Path(engine.kb_dir) != location.path:
                engine = self.factory(location.path)
            opened = engine.open_saved()
        except (KbMissingError, OSError) as exc:
            log.info("no quick start: %s", exc)
            return None
        self.use(engine, location)
        if not opened:
            return None
        return IndexOutcome(location, engine, engine.taxonomy, [], 0, checked=False)

    def use(self, engine: Engine, location: KbLocation | None) -> None:
        self.engine, self.location = engine, location

    def search(
        self, request: SearchRequest, is_cancelled: IsCancelled | None = None
    ) -> SearchOutcome:
        if self.engine is None:
            raise RuntimeError("the knowledge base is not open yet")
        return run_search(self.engine, request, is_cancelled)

    def quick(self, text: str, filters: Filters | None = None) -> list[ResultRow]:
        """One search with no window state (the CLI's case)."""
        request = SearchRequest(0, text, filters or Filters(), home=False)
        return self.search(request).rows
