"""The search API the rest of the app uses: Engine.search(text, filters, limit) -> list[Hit].

PROVISIONAL implementation (naive in-memory scan) so the UI and CLI can be built against
the final interface; the Whoosh-backed engine replaces the internals, not the API.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.cards import Card
from desktop.core.kb import IsCancelled, KbSnapshot, Progress, load_kb

MAX_QUERY_CHARS = 200


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


class Engine:
    """Thread-safe: search() may run on a worker while the GUI thread holds the engine."""

    def __init__(self, kb_dir: Path, cache_dir: Path | None = None) -> None:
        self.kb_dir = Path(kb_dir)
        self.cache_dir = cache_dir
        self._lock = threading.Lock()
        self._snapshot: KbSnapshot | None = None

    @property
    def snapshot(self) -> KbSnapshot:
        if self._snapshot is None:
            self.ensure_index()
        assert self._snapshot is not None
        return self._snapshot

    def ensure_index(self, progress: Progress | None = None,
                     is_cancelled: IsCancelled | None = None, rebuild: bool = False
                     ) -> IndexStats:
        started = time.perf_counter()
        snapshot = load_kb(self.kb_dir, progress, is_cancelled)
        with self._lock:
            self._snapshot = snapshot
        return IndexStats(len(snapshot.cards), len(snapshot.passages), len(snapshot.cards), 0, 0,
                          time.perf_counter() - started, rebuild)

    def card(self, card_id: str, lang: str) -> Card | None:
        return self.snapshot.card(card_id, lang)

    def twin(self, card: Card) -> Card | None:
        return self.card(card.id, "fil" if card.lang == "en" else "en")

    def search(self, text: str, filters: Filters | None = None, limit: int = 20,
               is_cancelled: IsCancelled | None = None) -> list[Hit]:
        filters = filters or Filters()
        words = [w for w in text.lower()[:MAX_QUERY_CHARS].split() if w]
        hits: list[Hit] = []
        for card in self.snapshot.cards:
            if not _passes(card, filters):
                continue
            hay = " ".join((card.title, *card.say, card.body)).lower()
            score = float(sum(hay.count(w) for w in words)) if words else 1.0
            if words and not all(w in hay for w in words):
                continue
            hits.append(Hit(card.id, card.title, card.lang, card.stage, card.tags, card.channel,
                            "card", str(card.path), card.say[0] if card.say else "", score,
                            tuple(words)))
        hits.sort(key=lambda h: (-h.score, self.snapshot.taxonomy.stage_order(h.stage), h.id))
        return hits[:limit]

    def close(self) -> None:
        self._snapshot = None


def _passes(card: Card, filters: Filters) -> bool:
    if filters.lang != "any" and card.lang != filters.lang:
        return False
    if filters.stage and card.stage != filters.stage:
        return False
    if any(t not in card.tags for t in filters.tags):
        return False
    return filters.channel in ("any", card.channel) or card.channel == "any"
