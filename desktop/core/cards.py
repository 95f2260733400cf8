"""Cards and documents: reading KB files into plain data.

A card is one markdown file with `Key: value` front matter and Say/Avoid/Why sections.
A document is any other .md/.txt file; it is split into passages for search.
Parsing never raises for bad content: it raises `KbFileError` (with file and line),
which lint turns into a problem and the indexer skips.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop.core import frontmatter
from desktop.core.kbfs import KbFileError

LANGS = ("en", "fil")
CHANNELS = ("phone", "chat", "any")
# Filled from the call panel, or from the account policy (policy.py) for the last five.
PLACEHOLDER_RE = re.compile(r"\{(customer|issue|agent|minutes|date|time|ref|timeframe|"
                            r"crisis_line|crisis_line_name|recording_line|recording_line_fil|"
                            r"warnings_before_end)\}")

# Section heading (lowercased) -> canonical section name.
SECTION_NAMES = {
    "say": "say",
    "sabihin": "say",
    "avoid": "avoid",
    "iwasan": "avoid",
    "why": "why",
    "bakit": "why",
}

_LIST_ITEM_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*\S)\s*$")
_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


@dataclass(frozen=True)
class Card:
    id: str
    title: str
    lang: str
    stage: str
    tags: tuple[str, ...]
    channel: str
    say: tuple[str, ...]
    avoid: tuple[str, ...]
    why: str
    body: str
    path: Path
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    meta_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    section_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    body_line: int = 1
    review_by: date | None = None
    owner: str = ""
    status: str = ""

    @property
    def other_text(self) -> str:
        """Body markdown outside the Say/Avoid/Why sections (shown, and searched)."""
        return _strip_known_sections(self.body)


@dataclass(frozen=True)
class Passage:
    """A searchable piece of a plain document."""

    path: Path
    index: int
    heading: str
    text: str
    lang: str
    line: int
    title: str = ""  # the document's own title (its first '# ' heading), shown in results

    @property
    def id(self) -> str:
        return f"{self.path.stem}#{self.index}"


def parse_card(path: Path, text: str) -> Card:
    meta, meta_lines, body, body_line = frontmatter.split(path, text)
    for key in ("id", "title", "lang", "stage"):
        if not meta.get(key):
            raise KbFileError(path, meta_lines.get(key, 1), f"front matter needs '{key}: …'")
    lang = meta["lang"].lower()
    if lang not in LANGS:
        raise KbFileError(path, meta_lines["lang"], f"lang must be en or fil, not {lang!r}")
    channel = (meta.get("channel") or "any").lower()
    if channel not in CHANNELS:
        raise KbFileError(path, meta_lines.get("channel", 1),
                          f"channel must be phone, chat or any, not {channel!r}")
    review_by = None
    if meta.get("review_by"):
        try:
            review_by = date.fromisoformat(meta["review_by"])
        except ValueError as exc:
            raise KbFileError(
                path, meta_lines["review_by"], "review_by must be a date like 2027-06-30"
            ) from exc
    sections, section_lines = parse_sections(body, body_line)
    return Card(
        id=meta["id"].strip(),
        title=meta["title"],
        lang=lang,
        stage=meta["stage"].strip().lower(),
        tags=split_ids(meta.get("tags", "")),
        channel=channel,
        say=tuple(list_items(sections.get("say", ""))),
        avoid=tuple(list_items(sections.get("avoid", ""))),
        why=" ".join(sections.get("why", "").split()),
        body=body,
        path=path,
        meta=meta,
        meta_lines=meta_lines,
        section_lines=section_lines,
        body_line=body_line,
        review_by=review_by,
        owner=meta.get("owner", ""),
        status=meta.get("status", "").lower(),
    )


def split_ids(value: str) -> tuple[str, ...]:
    return tuple(part.strip().lower() for part in value.split(",") if part.strip())


def parse_sections(body: str, first_line: int = 1) -> tuple[dict[str, str], dict[str, int]]:
    """Collect the text under each known `##` heading (Say/Sabihin, Avoid/Iwasan, Why/Bakit)."""
    sections: dict[str, list[str]] = {}
    lines_at: dict[str, int] = {}
    current: str | None = None
    for offset, line in enumerate(body.split("\n")):
        heading = _HEADING_RE.match(line)
        if heading:
            name = SECTION_NAMES.get(heading.group(2).strip().lower())
            current = name
            if name and name not in sections:
                sections[name] = []
                lines_at[name] = first_line + offset
            continue
        if current:
            sections[current].append(line)
    return {k: "\n".join(v).strip() for k, v in sections.items()}, lines_at


def list_items(section: str) -> list[str]:
    """Each list item is one phrase; continuation lines are joined to it."""
    items: list[str] = []
    for line in section.split("\n"):
        match = _LIST_ITEM_RE.match(line)
        if match:
            items.append(match.group(1).strip())
        elif items and line.startswith((" ", "\t")) and line.strip():
            items[-1] = f"{items[-1]} {line.strip()}"
    return items


def _strip_known_sections(body: str) -> str:
    kept: list[str] = []
    skipping = False
    for line in body.split("\n"):
        heading = _HEADING_RE.match(line)
        if heading:
            skipping = heading.group(2).strip().lower() in SECTION_NAMES
            if skipping:
                continue
        if not skipping:
            kept.append(line)
    return "\n".join(kept).strip()


# --- documents ---------------------------------------------------------------

_FIL_MARKERS = frozenset(
    "ang ng mga sa na po opo ay hindi ito iyan yan kung para may mo ko ka niya nila natin "
    "namin kayo siya sila lang din rin naman pag kapag kasi dahil pero at ni kay tayo".split()
)
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_lang(text: str) -> str:
    """Tell Filipino from English by the share of common Filipino function words."""
    words = [w.lower() for w in _WORD_RE.findall(text)]
    if not words:
        return "en"
    hits = sum(1 for w in words if w in _FIL_MARKERS)
    return "fil" if hits / len(words) >= 0.12 else "en"


def split_document(path: Path, text: str, max_chars: int = 1200) -> list[Passage]:
    """Split a plain document at headings; long stretches are cut at paragraph groups."""
    passages: list[Passage] = []
    heading = path.stem.replace("-", " ").replace("_", " ")
    title = _document_title(text) or heading.capitalize()
    chunk: list[str] = []
    chunk_line = 1
    heading_line = False  # the next passage starts at a heading: point at the heading

    def flush() -> None:
        body = "\n".join(chunk).strip()
        if body:
            passages.append(
                Passage(path, len(passages), heading, body, detect_lang(f"{heading} {body}"),
                        chunk_line, title)
            )
        chunk.clear()

    for number, line in enumerate(text.split("\n"), start=1):
        match = _HEADING_RE.match(line)
        if match:
            flush()
            heading = match.group(2).strip() or heading
            chunk_line, heading_line = number, True
            continue
        if not chunk and not line.strip():
            continue
        if not chunk and not heading_line:
            chunk_line = number
        heading_line = False
        chunk.append(line)
        if not line.strip() and sum(len(c) for c in chunk) > max_chars:
            flush()
    flush()
    return passages


def _document_title(text: str) -> str:
    """The first level-1 heading of a document, or ''."""
    for line in text.split("\n"):
        match = _HEADING_RE.match(line)
        if match and len(match.group(1)) == 1 and match.group(2).strip():
            return match.group(2).strip()
    return ""
