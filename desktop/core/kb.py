"""Walk a KB folder and load every card and document, collecting problems instead of failing."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core import frontmatter, kbfs
from desktop.core.cards import (
    Card,
    KbFileError,
    Passage,
    parse_card,
    split_document,
)
from desktop.core.kbfs import TEXT_SUFFIXES as TEXT_SUFFIXES  # re-exported
from desktop.core.kbfs import FileProblem
from desktop.core.taxonomy import Taxonomy, default_taxonomy, load_kb_meta

NAME_MAX = 255  # bytes in one file or folder name on every file system Kalma runs on
CARD_DIRS = ("en", "fil")
Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]


class KbMissingError(Exception):
    """The KB folder does not exist or cannot be listed."""


class Cancelled(Exception):
    """Raised inside a long core operation when `is_cancelled()` turned true."""


@dataclass
class KbSnapshot:
    root: Path
    cards: list[Card] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    taxonomy: Taxonomy = field(default_factory=default_taxonomy)
    glossary: list[tuple[str, ...]] = field(default_factory=list)

    def card(self, card_id: str, lang: str) -> Card | None:
        return next((c for c in self.cards if c.id == card_id and c.lang == lang), None)


@dataclass(frozen=True)
class KbFile:
    path: Path
    relative: str
    mtime_ns: int
    size: int


def check_kb_dir(kb_dir: Path) -> Path:
    too_long = [part for part in Path(kb_dir).parts if len(os.fsencode(part)) > NAME_MAX]
    if too_long:
        raise KbMissingError(f"KB path has a folder name longer than {NAME_MAX} bytes "
                             f"({_capped(too_long[0])}); use a shorter name")
    try:
        if not kb_dir.exists():
            raise KbMissingError(f"KB folder not found: {kb_dir}")
        if not kb_dir.is_dir():
            raise KbMissingError(f"KB path is not a folder: {kb_dir}")
        with os.scandir(kb_dir) as entries:
            next(entries, None)
        root = kb_dir.resolve()
    except OSError as exc:
        raise KbMissingError(f"KB folder cannot be read: {kb_dir} ({exc.strerror})") from exc
    if kbfs.is_forbidden_root(root):
        raise KbMissingError(f"KB folder cannot be a system folder: {root}")
    return root


def _capped(name: str, limit: int = 40) -> str:
    return name if len(name) <= limit else f"{name[:limit]}… ({len(name)} characters)"


def scan_files(kb_dir: Path, problems: list[FileProblem] | None = None) -> list[KbFile]:
    """Every .md/.txt file under the KB (the bounded walk of desktop.core.kbfs)."""
    root = check_kb_dir(kb_dir)
    found = kbfs.scan(root, problems if problems is not None else [])
    return [KbFile(f.path, f.relative, f.mtime_ns, f.size) for f in found]


def is_card_path(relative: str) -> bool:
    parts = relative.split("/")
    return len(parts) == 2 and parts[0] in CARD_DIRS


def load_file(file: KbFile) -> tuple[list[Card], list[Passage]]:
    """Parse one file: a card when under en/ or fil/ (or with front matter), else passages."""
    text = kbfs.read_kb_text(file.path)
    if is_card_path(file.relative) or frontmatter.has_front_matter(text):
        card = parse_card(file.path, text)
        return [card], []
    return [], split_document(file.path, text)


def load_kb(
    kb_dir: Path,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> KbSnapshot:
    """Load the whole KB; unreadable files become problems, the rest still loads."""
    root = check_kb_dir(kb_dir)
    snapshot = KbSnapshot(root=root)
    snapshot.taxonomy, snapshot.glossary = load_kb_meta(root, snapshot.problems)
    files = scan_files(root, snapshot.problems)
    for done, file in enumerate(files, start=1):
        if is_cancelled and is_cancelled():
            raise Cancelled()
        try:
            cards, passages = load_file(file)
        except KbFileError as exc:
            snapshot.problems.append(FileProblem(exc.path, exc.line, "error", exc.message))
            continue
        snapshot.cards.extend(cards)
        snapshot.passages.extend(passages)
        if progress:
            progress(done, len(files))
    return snapshot
