"""A cold start's first answers from the index as saved, before the KB is checked against it.

A full start checks every KB file and loads every parsed card: about a second at 10,000
cards. The window asks for this quick start first (Engine.open_saved): the Whoosh index and
vocabulary as saved, plus a small card directory saved beside them for exactly that index,
and the few cards a result shows read from their files when asked. The full check follows at
once and replaces it. What it shows is safe while the KB changed meanwhile: a card is read
from its file as it is now, so a card turned into a draft is never shown, and the hidden
drafts of the saved index never take a result slot.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import operator
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from desktop.core import cachedir, docstore, visibility, whoosh_seam
from desktop.core.cards import Card, Passage
from desktop.core.documents import Document, ParsedFile, parse_file, taxonomy_hash
from desktop.core.index import INDEX_FORMAT, IndexStore
from desktop.core.kb import check_kb_dir
from desktop.core.kbfs import FileProblem, ScannedFile
from desktop.core.taxonomy import Taxonomy, load_kb_meta
from desktop.core.vocabulary import Glossary

DIRECTORY_PREFIX = "directory-"
DIRECTORY_VERSION = 4
MAX_DIRECTORY_BYTES = 64 * 1024 * 1024


class CardRow(NamedTuple):
    """One card file of the saved index: enough to filter, order and find it (a tuple:
    10,000 of them are made at every quick start)."""

    relative: str
    id: str
    lang: str
    stage: str
    tags: tuple[str, ...]
    channel: str
    shown: bool  # agents see it (not a draft, no TODO title)


# --- the directory on disk -------------------------------------------------------------------

def directory_path(generation: Path, stamp: str) -> Path:
    """One file per index state (the reader stamp names it): checking for it is one stat."""
    digest = hashlib.sha1(stamp.encode("utf-8")).hexdigest()[:20]
    return generation / f"{DIRECTORY_PREFIX}{DIRECTORY_VERSION}-{digest}.json"


def has_directory(generation: Path, stamp: str) -> bool:
    return os.path.isfile(directory_path(generation, stamp))


def save_directory(generation: Path, stamp: str, index_format: str, taxonomy: str,
                   rows: list[CardRow], extras: Extras | None = None) -> None:
    """Write the rows (in browse order) for the index ``stamp`` names; drop older ones.

    marshal, not JSON: a few milliseconds either way for 10,000 rows instead of tens (the
    folder is checked to be ours alone, as for Whoosh's own pickles beside it)."""
    ids = {_id_key(card_id, lang): relative
           for (card_id, lang), relative in cards_by_id(rows, False).items()}
    data = (DIRECTORY_VERSION, stamp, index_format, taxonomy, [tuple(r) for r in rows], ids,
            _extras_data(extras or Extras()))
    target = directory_path(generation, stamp)
    cachedir.write_file(target, marshal.dumps(data), durable=False)
    for entry in os.scandir(generation):
        if entry.name.startswith(DIRECTORY_PREFIX) and entry.name != target.name:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def load_directory(generation: Path, stamp: str, index_format: str, taxonomy: str
                   ) -> tuple[list[CardRow], dict[str, str], Extras] | None:
    """The rows saved for exactly this index, format and taxonomy, and the shown cards'
    files by id and language (``_id_key``); else None (and a file that does not fit is
    removed, so that the next full start saves a good one)."""
    path = directory_path(generation, stamp)
    found = _read_directory(path, stamp, index_format, taxonomy)
    if found is None:
        with contextlib.suppress(OSError):
            os.unlink(path)
    return found


def _read_directory(path: Path, stamp: str, index_format: str, taxonomy: str
                    ) -> tuple[list[CardRow], dict[str, str], Extras] | None:
    raw = cachedir.read_file(path, MAX_DIRECTORY_BYTES)
    if raw is None:
        return None
    try:
        version, saved_stamp, saved_format, saved_taxonomy, rows, ids, extras = \
            marshal.loads(raw)
    except (ValueError, TypeError, EOFError):
        return None
    if (version, saved_stamp, saved_format, saved_taxonomy) != (
            DIRECTORY_VERSION, stamp, index_format, taxonomy):
        return None
    if not (type(rows) is list and type(ids) is dict
            and all(type(r) is tuple and len(r) == _ROW_SIZE and type(r[0]) is str
                    and type(r[1]) is str and type(r[2]) is str and type(r[4]) is tuple
                    for r in rows)
            and all(type(v) is str for v in ids.values())):
        return None
    new = tuple.__new__  # NamedTuple's own __new__ is a Python call
    return [new(CardRow, r) for r in rows], ids, _extras_of(extras)


_ROW_SIZE = len(CardRow._fields)


@dataclass
class Extras:
    """Slower to work out than to read back: the text field's length per document of each
    segment (for TermCache) and the built glossary with the glossary it was built from."""

    lengths: dict[str, list[int]] | None = None
    glossary: tuple[list[tuple[str, ...]], Glossary] | None = None


def _extras_data(extras: Extras) -> tuple[Any, ...]:
    built = None
    if extras.glossary is not None:
        raw, glossary = extras.glossary
        built = (raw, glossary.groups, glossary.by_word, glossary.by_phrase, glossary.longest)
    return (extras.lengths, built)


def _extras_of(data: Any) -> Extras:
    """What of the saved extras is well-formed (the rest is simply worked out again)."""
    extras = Extras()
    if type(data) is not tuple or len(data) != 2:
        return extras
    lengths, built = data
    if type(lengths) is dict and all(
            type(k) is str and type(v) is list and all(type(n) is int for n in v)
            for k, v in lengths.items()):
        extras.lengths = lengths
    if type(built) is tuple and len(built) == 5:
        raw, groups, by_word, by_phrase, longest = built
        if type(raw) is list and type(groups) is list and type(by_word) is dict \
                and type(by_phrase) is dict and type(longest) is int \
                and all(type(v) is set for v in (*by_word.values(), *by_phrase.values())):
            extras.glossary = (raw, Glossary(groups, by_word, by_phrase, longest))
    return extras


def cards_by_id(rows: list[CardRow], show_drafts: bool) -> dict[tuple[str, str], str]:
    """(id, language) → file of the cards shown; the first in path order wins, as in a
    snapshot."""
    by_id: dict[tuple[str, str], str] = {}
    for row in rows:
        if row.shown or show_drafts:
            key = (row.id, row.lang)
            if by_id.setdefault(key, row.relative) > row.relative:
                by_id[key] = row.relative
    return by_id


def _id_key(card_id: str, lang: str) -> str:
    return f"{card_id}\n{lang}"


def directory_rows(files: Mapping[str, ParsedFile], stage_order: dict[str, int],
                   shown: Mapping[str, object] | None = None) -> list[CardRow]:
    """Every card file's row, in the order browsing lists them (stage, title, language).
    ``shown``: the documents agents see, by index key, when already worked out."""
    last = len(stage_order)
    cards = [(relative, parsed.cards[0]) for relative, parsed in files.items()
             if len(parsed.cards) == 1]  # a card file holds one card; the rest: documents
    if shown is None:
        shown = {relative: card for relative, card in cards
                 if visibility.visible_card(card, show_drafts=False) is not None}
    keyed = [((stage_order.get(card.stage, last), card.title.casefold(), card.lang, relative),
              (relative, card.id, card.lang, card.stage, card.tags, card.channel,
               relative in shown))
             for relative, card in cards]
    keyed.sort(key=_FIRST)
    new = tuple.__new__
    return [new(CardRow, row) for _, row in keyed]


_FIRST = operator.itemgetter(0)


def _inside(relative: str) -> bool:
    parts = relative.split("/")
    return bool(relative) and not relative.startswith("/") and ".." not in parts \
        and "\\" not in relative


# --- answering from it -----------------------------------------------------------------------

class LazyDocs(Mapping[str, Document]):
    """Index key → card or passage as agents see it, read from the KB file when first asked."""

    def __init__(self, root: Path, show_drafts: bool) -> None:
        self.root = root
        self.show_drafts = show_drafts
        self._files: dict[str, dict[str, Document]] = {}
        self._lock = threading.Lock()  # card() runs beside a search

    def file(self, relative: str) -> dict[str, Document]:
        with self._lock:
            found = self._files.get(relative)
        if found is None:
            found = self._read(relative) if _inside(relative) else {}
            with self._lock:
                self._files[relative] = found
        return found

    def _read(self, relative: str) -> dict[str, Document]:
        location = os.path.join(str(self.root), *relative.split("/"))
        parsed = parse_file(ScannedFile(relative, location, 0, 0, 0))
        return visibility.visible_documents(dict(parsed.documents()), self.show_drafts)

    def __getitem__(self, key: str) -> Document:
        return self.file(key.split("#", 1)[0])[key]

    def __iter__(self) -> Iterator[str]:
        with self._lock:
            read = [dict(docs) for docs in self._files.values()]
        return iter([key for docs in read for key in docs])

    def __len__(self) -> int:
        with self._lock:
            return sum(len(docs) for docs in self._files.values())


class SavedView:
    """Cards by id, hidden drafts and browsing, from the directory and the lazy docs."""

    def __init__(self, rows: list[CardRow], ids: dict[str, str], docs: LazyDocs) -> None:
        self.rows = rows
        self.docs = docs
        if docs.show_drafts:  # the saved map is the agents' one
            ids = {_id_key(*key): relative
                   for key, relative in cards_by_id(rows, True).items()}
        self._by_id = ids

    def card(self, card_id: str, lang: str) -> Card | None:
        relative = self._by_id.get(_id_key(card_id, lang))
        card = self.docs.get(relative) if relative is not None else None
        if isinstance(card, Card) and (card.id, card.lang) == (card_id, lang):
            return card
        return None

    def hidden_keys(self) -> list[str]:
        if self.docs.show_drafts:
            return []
        return [row.relative for row in self.rows if not row.shown]

    def cards_in_order(self, wanted: Callable[[CardRow], bool]) -> Iterator[Card]:
        """Cards of ``wanted`` rows in browse order, as their files read now (hidden ones
        left out): read one by one, so listing the first few reads only those."""
        for row in self.rows:
            if (row.shown or self.docs.show_drafts) and wanted(row):
                card = self.docs.get(row.relative)
                if isinstance(card, Card):
                    yield card

    def passages(self, path: str) -> list[Passage]:
        root = str(self.docs.root)
        if not path.startswith(root + os.sep):
            return []
        relative = path[len(root) + 1:].replace(os.sep, "/")
        return [doc for doc in self.docs.file(relative).values() if isinstance(doc, Passage)]


# --- opening -----------------------------------------------------------------------------------

@dataclass
class SavedIndex:
    """What a quick start answers from (see the module docstring)."""

    root: Path
    generation: Path
    reader: Any  # the Whoosh reader of the live generation
    taxonomy: Taxonomy
    glossary: list[tuple[str, ...]]
    problems: list[FileProblem]
    vocab: tuple[dict[str, int], list[str]]
    view: SavedView
    lengths: dict[str, list[int]] | None  # per segment, as TermCache keeps them
    built_glossary: Glossary | None  # when built from this very glossary


def open_saved(store: IndexStore, show_drafts: bool) -> SavedIndex | None:
    """The live generation with the vocabulary and card directory saved for exactly its
    segments, format and taxonomy; None when any is missing (then only a full start helps).
    Nothing is hashed or scanned: ensure_index does that next. Raises what opening a
    damaged index raises."""
    root = check_kb_dir(store.kb_dir)
    store.check_folder()  # never read a cache another account could have written
    generation = store.live_generation()
    if generation is None:
        return None
    problems: list[FileProblem] = []
    taxonomy, glossary = load_kb_meta(root, problems)
    reader = whoosh_seam.open_generation(generation).reader()
    try:
        stamp = whoosh_seam.reader_stamp(reader)
        directory = load_directory(generation, stamp, INDEX_FORMAT, taxonomy_hash(taxonomy))
        vocab = docstore.load_vocabulary(generation, stamp) if directory else None
    except BaseException:
        reader.close()
        raise
    if directory is None or vocab is None:
        reader.close()
        return None
    rows, ids, extras = directory
    view = SavedView(rows, ids, LazyDocs(root, show_drafts))
    built = extras.glossary[1] if extras.glossary and extras.glossary[0] == glossary else None
    return SavedIndex(root, generation, reader, taxonomy, glossary, problems, vocab, view,
                      extras.lengths, built)


def save_for(generation: Path, stamp: str, files: Mapping[str, ParsedFile],
             stage_order: dict[str, int], taxonomy: Taxonomy,
             shown: Mapping[str, object] | None = None, extras: Extras | None = None) -> None:
    """Save the card directory of a checked index (``stamp`` names its reader), for the
    next quick start."""
    if not has_directory(generation, stamp):
        save_directory(generation, stamp, INDEX_FORMAT, taxonomy_hash(taxonomy),
                       directory_rows(files, stage_order, shown), extras)
