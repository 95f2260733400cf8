"""The parsed KB kept beside the index (marshal), so a cold start need not re-parse every file."""

from __future__ import annotations

import json
import marshal
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from desktop.core import cachedir
from desktop.core.cards import Card, Passage
from desktop.core.kbfs import FileProblem

STORE_NAME = "documents.marshal"
STORE_VERSION = 3  # bump when Card or Passage (or how a file parses) changes
MAX_STORE_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    """One file as parsed when the store was written; valid while its sha1 matches."""

    sha1: str
    cards: tuple[Card, ...]
    passages: tuple[Passage, ...]
    problem: FileProblem | None


def save(generation: Path, files: dict[str, Any]) -> None:
    """Write ``files`` (relative path → index.ParsedFile) next to the index."""
    rows = {relative: [parsed.sha1, [_card_row(c) for c in parsed.cards],
                       [_passage_row(p) for p in parsed.passages],
                       _problem_row(parsed.problem)]
            for relative, parsed in files.items() if parsed.sha1}
    data = {"version": STORE_VERSION, "files": rows}
    # marshal, not JSON: 20 MB at 10,000 cards is written in a tenth of the time (the
    # folder is checked to be ours alone, as for Whoosh's own pickles beside it).
    cachedir.write_file(generation / STORE_NAME, marshal.dumps(data),
                        durable=False)  # optional: a torn store only costs a parse


def load(generation: Path) -> dict[str, StoredFile]:
    """relative path → StoredFile; empty when the store is missing, old or garbled (then
    the files are simply parsed again)."""
    raw = cachedir.read_file(generation / STORE_NAME, MAX_STORE_BYTES)
    if raw is None:
        return {}
    try:
        data = marshal.loads(raw)
        if data.get("version") != STORE_VERSION:
            return {}
        return {relative: StoredFile(sha1, tuple(map(_card, cards)),
                                     tuple(map(_passage, passages)), _problem(problem))
                for relative, (sha1, cards, passages, problem) in data["files"].items()}
    except (ValueError, TypeError, KeyError, AttributeError, EOFError):
        return {}


def _card_row(card: Card) -> list[Any]:
    return [card.id, card.title, card.lang, card.stage, list(card.tags), card.channel,
            list(card.say), list(card.avoid), card.why, card.body, str(card.path), card.meta,
            card.meta_lines, card.section_lines, card.body_line,
            card.review_by.isoformat() if card.review_by else None, card.owner, card.status]


def _card(row: list[Any]) -> Card:
    (card_id, title, lang, stage, tags, channel, say, avoid, why, body, path, meta,
     meta_lines, section_lines, body_line, review_by, owner, status) = row
    return Card(card_id, title, lang, stage, tuple(tags), channel, tuple(say), tuple(avoid),
                why, body, Path(path), meta, meta_lines, section_lines, body_line,
                date.fromisoformat(review_by) if review_by else None, owner, status)


def _passage_row(passage: Passage) -> list[Any]:
    return [str(passage.path), passage.index, passage.heading, passage.text, passage.lang,
            passage.line, passage.title]


def _passage(row: list[Any]) -> Passage:
    path, index, heading, text, lang, line, title = row
    return Passage(Path(path), index, heading, text, lang, line, title)


def _problem_row(problem: FileProblem | None) -> list[Any] | None:
    if problem is None:
        return None
    return [str(problem.path), problem.line, problem.severity, problem.message]


def _problem(row: list[Any] | None) -> FileProblem | None:
    if row is None:
        return None
    path, line, severity, message = row
    return FileProblem(Path(path), line, severity, message)


VOCABULARY_NAME = "vocabulary.json"


def save_vocabulary(generation: Path, stamp: str, terms: list[str], df: dict[str, int]
                    ) -> None:
    """The index's exact words (sorted) and their document frequencies, for the reader
    whose segments ``stamp`` names: reading them from Whoosh takes longer at a cold start."""
    data = {"version": STORE_VERSION, "stamp": stamp, "terms": terms,
            "df": [df[term] for term in terms]}
    cachedir.write_file(generation / VOCABULARY_NAME,
                        json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(),
                        durable=False)


def load_vocabulary(generation: Path, stamp: str) -> tuple[dict[str, int], list[str]] | None:
    """(term → df, sorted terms) when the saved ones belong to the reader ``stamp`` names."""
    raw = cachedir.read_file(generation / VOCABULARY_NAME, MAX_STORE_BYTES)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
        if data.get("version") != STORE_VERSION or data.get("stamp") != stamp:
            return None
        terms, counts = data["terms"], data["df"]
        if not (isinstance(terms, list) and isinstance(counts, list)
                and len(terms) == len(counts) and terms == sorted(terms)):
            return None
        return dict(zip(terms, counts, strict=True)), terms
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
