"""Stages (in call order), tags and glossary synonym groups, read from the KB folder."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.kbfs import FileProblem, KbFileError, read_kb_text

_ROW_RE = re.compile(r"^\s*\|(.*)\|\s*$")
_LIST_ITEM_RE = re.compile(r"^\s*[-*+]\s+(.*\S)\s*$")

# The stable stage ids of the guidance; used when taxonomy.md is missing or unreadable.
DEFAULT_STAGES: tuple[tuple[str, str, str], ...] = (
    ("opening", "Opening", "Pagbati"),
    ("listen", "Listen", "Makinig"),
    ("empathize", "Empathize", "Umunawa"),
    ("apologize", "Apologize", "Humingi ng paumanhin"),
    ("restate", "Repeat back", "Ulitin ang detalye"),
    ("investigate", "While you check", "Habang sinusuri"),
    ("hold", "Hold", "Hold"),
    ("transfer", "Transfer", "Paglipat (transfer)"),
    ("solve", "Offer a solution", "Magbigay ng solusyon"),
    ("follow-up", "Follow up", "Follow-up"),
    ("closing", "Closing", "Pagtatapos"),
    ("after-call", "After the call", "Pagkatapos ng tawag"),
)


@dataclass(frozen=True)
class Label:
    id: str
    en: str
    fil: str
    meaning: str = ""

    def text(self, lang: str) -> str:
        return self.fil if lang == "fil" else self.en


@dataclass
class Taxonomy:
    stages: list[Label] = field(default_factory=list)
    tags: list[Label] = field(default_factory=list)
    # Where each id is defined, for lint messages.
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def stage_ids(self) -> list[str]:
        return [s.id for s in self.stages]

    @property
    def tag_ids(self) -> list[str]:
        return [t.id for t in self.tags]

    def stage(self, stage_id: str) -> Label | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def tag(self, tag_id: str) -> Label | None:
        return next((t for t in self.tags if t.id == tag_id), None)

    def stage_label(self, stage_id: str, lang: str) -> str:
        label = self.stage(stage_id)
        return label.text(lang) if label else stage_id

    def tag_label(self, tag_id: str, lang: str) -> str:
        label = self.tag(tag_id)
        return label.text(lang) if label else tag_id

    def stage_order(self, stage_id: str) -> int:
        ids = self.stage_ids
        return ids.index(stage_id) if stage_id in ids else len(ids)


def default_taxonomy() -> Taxonomy:
    return Taxonomy(stages=[Label(*row) for row in DEFAULT_STAGES])


def parse_taxonomy(text: str) -> Taxonomy:
    """Read the `## Stages` and `## Tags` tables (columns: id | English | Filipino | …)."""
    taxonomy = Taxonomy()
    target: list[Label] | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip().lower()
        if stripped.startswith("#"):
            heading = stripped.lstrip("#").strip()
            target = (
                taxonomy.stages if heading.startswith("stage")
                else taxonomy.tags if heading.startswith("tag")
                else None
            )
            continue
        row = _ROW_RE.match(line)
        if target is None or not row:
            continue
        cells = [c.strip() for c in row.group(1).split("|")]
        ident = cells[0].strip("` ").lower()
        if not ident or ident == "id" or set(ident) <= set("-: "):
            continue
        en = cells[1] if len(cells) > 1 and cells[1] else ident
        fil = cells[2] if len(cells) > 2 and cells[2] else en
        meaning = cells[3] if len(cells) > 3 else ""
        target.append(Label(ident, en, fil, meaning))
        taxonomy.lines.setdefault(ident, number)
    return taxonomy


def load_taxonomy(kb_dir: Path) -> Taxonomy:
    """Taxonomy of a KB folder; the built-in stage list when taxonomy.md is absent."""
    path = kb_dir / "taxonomy.md"
    if not path.is_file():
        return default_taxonomy()
    taxonomy = parse_taxonomy(read_kb_text(path))
    if not taxonomy.stages:
        raise KbFileError(path, 1, "no '## Stages' table found; see kb/README.md")
    return taxonomy


def parse_glossary(text: str) -> list[tuple[str, ...]]:
    """Each list item is one group of comma-separated synonyms, lowercased."""
    groups: list[tuple[str, ...]] = []
    for line in text.split("\n"):
        match = _LIST_ITEM_RE.match(line)
        if not match:
            continue
        words = tuple(dict.fromkeys(w.strip().lower() for w in match.group(1).split(",")))
        words = tuple(w for w in words if w)
        if len(words) >= 2:
            groups.append(words)
    return groups


def load_glossary(kb_dir: Path) -> list[tuple[str, ...]]:
    path = kb_dir / "glossary.md"
    if not path.is_file():
        return []
    return parse_glossary(read_kb_text(path))


def load_kb_meta(kb_dir: Path, problems: list[FileProblem]
                 ) -> tuple[Taxonomy, list[tuple[str, ...]]]:
    """The taxonomy and glossary of a KB folder; a file that cannot be used becomes a
    problem (file and line) and its default is used, so the KB still loads."""
    taxonomy = default_taxonomy()
    glossary: list[tuple[str, ...]] = []
    try:
        taxonomy = load_taxonomy(kb_dir)
    except KbFileError as exc:
        problems.append(FileProblem(exc.path, exc.line, "error", exc.message))
    try:
        glossary = load_glossary(kb_dir)
    except KbFileError as exc:
        problems.append(FileProblem(exc.path, exc.line, "error", exc.message))
    return taxonomy, glossary
