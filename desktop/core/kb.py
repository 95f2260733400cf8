"""Walk a KB folder and load every card and document, collecting problems instead of failing."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.cards import (
    KB_META_FILES,
    Card,
    KbFileError,
    Passage,
    has_front_matter,
    parse_card,
    read_kb_text,
    split_document,
)
from desktop.core.taxonomy import Taxonomy, default_taxonomy, load_glossary, load_taxonomy

TEXT_SUFFIXES = (".md", ".txt")
CARD_DIRS = ("en", "fil")
Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]


class KbMissingError(Exception):
    """The KB folder does not exist or cannot be listed."""


class Cancelled(Exception):
    """Raised inside a long core operation when `is_cancelled()` turned true."""


@dataclass(frozen=True)
class FileProblem:
    path: Path
    line: int
    severity: str  # "error" | "warning"
    message: str


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
    if not kb_dir.exists():
        raise KbMissingError(f"KB folder not found: {kb_dir}")
    if not kb_dir.is_dir():
        raise KbMissingError(f"KB path is not a folder: {kb_dir}")
    try:
        with os.scandir(kb_dir) as entries:
            next(entries, None)
    except OSError as exc:
        raise KbMissingError(f"KB folder cannot be read: {kb_dir} ({exc.strerror})") from exc
    return kb_dir.resolve()


def scan_files(kb_dir: Path, problems: list[FileProblem] | None = None) -> list[KbFile]:
    """Every .md/.txt file under the KB (symlinked folders followed once, loops skipped)."""
    root = check_kb_dir(kb_dir)
    found: list[KbFile] = []
    for path in _walk(root, set(), problems):
        if path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        relative = path.relative_to(root).as_posix()
        if "/" not in relative and relative.lower() in KB_META_FILES:
            continue
        try:
            stat = path.stat()
        except OSError as exc:
            if problems is not None:
                problems.append(FileProblem(path, 1, "error", f"cannot read the file ({exc})"))
            continue
        found.append(KbFile(path, relative, stat.st_mtime_ns, stat.st_size))
    return sorted(found, key=lambda f: f.relative)


def _walk(folder: Path, seen: set[tuple[int, int]], problems: list[FileProblem] | None
          ) -> Iterator[Path]:
    try:
        stat = folder.stat()
        key = (stat.st_dev, stat.st_ino)
        if key in seen:
            if problems is not None:
                problems.append(FileProblem(folder, 1, "warning",
                                            "folder link loops back; skipped it"))
            return
        seen.add(key)
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        if problems is not None:
            problems.append(FileProblem(folder, 1, "error", f"cannot read the folder ({exc})"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir():
                yield from _walk(path, seen, problems)
            elif entry.is_file():
                yield path
            elif entry.is_symlink() and problems is not None:
                problems.append(FileProblem(path, 1, "error", "broken link; remove it"))
        except OSError as exc:
            if problems is not None:
                problems.append(FileProblem(path, 1, "error", f"cannot read ({exc})"))


def is_card_path(relative: str) -> bool:
    parts = relative.split("/")
    return len(parts) == 2 and parts[0] in CARD_DIRS


def load_file(file: KbFile) -> tuple[list[Card], list[Passage]]:
    """Parse one file: a card when under en/ or fil/ (or with front matter), else passages."""
    text = read_kb_text(file.path)
    if is_card_path(file.relative) or has_front_matter(text):
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
    try:
        snapshot.taxonomy = load_taxonomy(root)
    except KbFileError as exc:
        snapshot.problems.append(FileProblem(exc.path, exc.line, "error", exc.message))
    try:
        snapshot.glossary = load_glossary(root)
    except KbFileError as exc:
        snapshot.problems.append(FileProblem(exc.path, exc.line, "error", exc.message))
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
