"""Turn plain guidance documents (.txt, .md, .html) into draft cards.

Each document is split at its headings (or, without headings, into groups of paragraphs);
every part becomes one card in kb/<lang>/ with `status: draft`, so lint and the agent view
can tell it apart until a trainer has reviewed it. The language is detected per part
(unless given), stage and tags are suggested from taxonomy labels, built-in hints and the
glossary's synonym groups. Existing files are never overwritten: names are made unique and
files are created exclusively.

Inside a part, "Say:" / "Sabihin:", "Avoid:" / "Iwasan:" and "Why:" / "Bakit:" labels
route the following text to those sections; quoted sentences become phrases (or phrases to
avoid when the sentence says "Don't say", "Huwag sabihing", …). A quote of what the
customer says ("If the caller says …") is never a phrase: it stays in the notes. Table
rows stay rows; a table whose header names Say/Avoid columns fills those sections.
Everything else is kept under "Notes", so nothing of the source is lost.

Each draft remembers where it came from (`imported_from: FILE#part`): importing the same
document again updates its drafts in place instead of adding copies, and leaves a card a
trainer already approved alone.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from xml.etree import ElementTree

from desktop.core import atomicfile, frontmatter, kbfs
from desktop.core.cards import LANGS, KbFileError, detect_lang
from desktop.core.editing import (
    DRAFT,
    SECTION_HEADINGS,
    TODO_WRITE,
    card_slug,
    slugify,
    taken_slugs,
)
from desktop.core.taxonomy import Taxonomy, load_kb_meta

IMPORT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx")
MAX_INPUT_BYTES = 5_000_000
GROUP_PARAGRAPHS = 4  # paragraphs per card when a document has no headings
TAG_MIN_SCORE = 2  # one passing mention is not enough to tag a card
TITLE_MAX = 70
NOTES_HEADING = {"en": "Notes", "fil": "Tala"}

# Words that point to a stage, beyond the taxonomy's own labels (English, Filipino, Taglish).
STAGE_HINTS: dict[str, tuple[str, ...]] = {
    "opening": ("greet", "hello", "good morning", "thank you for calling", "introduce",
                "magandang umaga", "magandang hapon", "bati"),
    "listen": ("listen", "vent", "interrupt", "makinig", "pakinggan", "sumabat"),
    "empathize": ("understand", "frustrat", "empath", "naiintindihan", "nauunawaan"),
    "apologize": ("sorry", "apologi", "apology", "pasensya", "paumanhin"),
    "restate": ("repeat back", "restate", "paraphrase", "confirm the detail", "ulitin",
                "kumpirmahin"),
    "investigate": ("check", "verify", "look into", "investigat", "tsek", "sinusuri",
                    "iche-check", "chine-check"),
    "hold": ("hold", "wait", "hintay", "paghihintay"),
    "transfer": ("transfer", "another team", "department", "ilipat", "ililipat"),
    "solve": ("solution", "resolve", "refund", "offer", "option", "solusyon", "alok"),
    "follow-up": ("follow up", "follow-up", "callback", "call back", "update", "ticket",
                  "reference number", "babalikan", "tatawagan"),
    "closing": ("closing", "close the call", "anything else", "goodbye", "end the call",
                "pagtatapos", "may iba pa", "tapusin"),
    "after-call": ("after the call", "after-call", "wrap-up", "wrap up", "break", "breathe",
                   "pagkatapos ng tawag"),
}
TAG_HINTS: dict[str, tuple[str, ...]] = {
    "irate": ("angry", "irate", "upset", "shout", "yell", "galit", "sumisigaw"),
    "abusive": ("swear", "curse", "insult", "vulgar", "abusive", "mura", "nagmumura", "bastos"),
    "threat": ("threat", "lawyer", "sue", "legal action", "social media", "banta", "kakasuhan"),
    "demanding": ("demand", "right now", "immediately", "mapilit", "ngayon din"),
    "customer-wrong": ("mistaken", "their mistake", "customer is wrong", "nagkamali"),
    "repeat-caller": ("repeat caller", "called before", "called again", "again and again",
                      "paulit-ulit", "tumawag na"),
    "long-wait": ("long wait", "waited", "queue", "matagal", "naghintay"),
    "supervisor-request": ("supervisor", "manager", "team leader"),
    "billing": ("bill", "charge", "payment", "auto-pay", "refund", "bayad", "singil"),
    "chat": ("chat", "message", "typing", "type"),
    "stay-calm": ("calm", "composure", "personally", "breathe", "kalmado", "kalma"),
    "do-not-say": ("do not say", "don't say", "never say", "avoid saying", "huwag sabihin"),
    "tone": ("tone", "courtesy", "polite", "voice", "magalang", "tono"),
}
_LABELS = {"say": "say", "sabihin": "say", "phrases": "say", "script": "say",
           "avoid": "avoid", "iwasan": "avoid", "do not say": "avoid", "don't say": "avoid",
           "huwag sabihin": "avoid", "why": "why", "bakit": "why"}
_LABEL_RE = re.compile(r"^\s*(?:\*\*)?(" + "|".join(re.escape(k) for k in _LABELS)
                       + r")(?:\*\*)?\s*:\s*(?:\*\*)?\s*(.*)$", re.IGNORECASE)
_AVOID_START_RE = re.compile(r"^\s*(?:don['’]?t|do not|never|avoid|huwag|wag|'wag|iwasan|"
                             r"hindi dapat)\b", re.IGNORECASE)
# Words just before a quote that make it a phrase to avoid, or the customer's own words.
_AVOID_CUE_RE = re.compile(
    r"(?:don['’]?t|do not|never|avoid|huwag|wag|iwasan(?:g)?|hindi dapat)\s+"
    r"(?:\w+\s+){0,3}?(?:say|tell|use|sabihin(?:g)?|sabihin|gamitin|banggitin)\b"
    r"|\b(?:iwasan(?:g)?|avoid)\b|^\s*(?:don['’]?t|do not|never|huwag|wag)\b",
    re.IGNORECASE)
_CUSTOMER_CUE_RE = re.compile(
    r"\b(?:customer|caller|client|kustomer|they|he|she|sila|siya)\b[^\"“”]{0,40}?"
    r"\b(?:says?|said|shouts?|yells?|threatens?|tells you|asks?|writes?|types?|"
    r"sinabi|sabi|nagsabi|sumigaw|nagbanta|nagsasabi|magsabi)\b"
    r"|\b(?:sabi ng|sinabi ng|kapag sinabi(?:ng)?|pag sinabi(?:ng)?|if (?:the )?\w+ says?)\b",
    re.IGNORECASE)
_SAY_CUE_RE = re.compile(r"\b(?:say|sabihin|reply|answer|sagutin|you can|puwede mong)\b",
                         re.IGNORECASE)
# "3. Late fees", "3) Late fees", "1.2 Scope", "IV. Closing", "Section 2: Hold" → the title.
_NUMBERING_RE = re.compile(r"^\s*(?:(?:section|part|bahagi)\s+\d+[.):]?|\d+(?:\.\d+)+[.)]?"
                           r"|\d+[.):]|[IVXLC]+[.)])\s+(?=\S)", re.IGNORECASE)
_TABLE_SEPARATOR_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_QUOTE_RE = re.compile(r"[\"“”]([^\"“”]{6,}?)[\"“”]")
_MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM_RE = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+(.*\S)\s*$")
_UNDERLINE_RE = re.compile(r"^\s*(=+|-+)\s*$")
_WORD_START = r"(?<![\w-])"


@dataclass(frozen=True)
class Block:
    # "heading" | "para" | "item" | "break" (two or more blank lines) | "cell:say" /
    # "cell:avoid" / "cell:why" (a table cell under a column with that label)
    kind: str
    text: str


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class DraftCard:
    title: str
    lang: str
    stage: str
    tags: tuple[str, ...]
    say: tuple[str, ...]
    avoid: tuple[str, ...]
    why: str
    notes: tuple[str, ...]
    source: str
    origin: str = ""  # "FILE#part-slug": how a re-import finds this draft again


@dataclass
class ImportResult:
    created: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)  # drafts refreshed by a re-import
    kept: list[Path] = field(default_factory=list)  # approved cards a re-import left alone


class ImportFailed(Exception):
    """The import cannot start (for example the target folder is missing)."""


# --- reading documents -------------------------------------------------------------------

def read_document(path: Path) -> str:
    """Text of an input document: UTF-8 (with or without BOM), UTF-16, else Windows-1252."""
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise ValueError(f"file is larger than {MAX_INPUT_BYTES // 1_000_000} MB")
    try:
        raw = kbfs.read_bytes(path, MAX_INPUT_BYTES)  # the one reader: no FIFOs or devices
    except KbFileError as exc:
        raise ValueError(exc.message) from exc
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")  # Word's "plain text" on Windows
    return text.replace("\r\n", "\n").replace("\r", "\n")


def document_blocks(path: Path, text: str) -> list[Block]:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return blocks_from_html(text)
    return blocks_from_lines(text, plain=suffix == ".txt")


# A .docx is a zip of XML parts: the body and the style names are all the importer needs,
# read with the standard library (no python-docx/lxml in the installers).
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_DOCX_PART = 32 * 1024 * 1024  # an unpacked document.xml larger than this is refused


def blocks_from_docx(path: Path) -> list[Block]:
    """Headings (Word's Heading/Title styles), list paragraphs, paragraphs and table rows."""
    try:
        with zipfile.ZipFile(path) as package:
            body = ElementTree.fromstring(_docx_part(package, "word/document.xml"))
            styles = _docx_style_names(package)
    except (zipfile.BadZipFile, KeyError, OSError, ElementTree.ParseError, ValueError) as exc:
        raise ValueError(f"not a readable Word file ({type(exc).__name__}); save it again "
                         f"as .docx or .txt") from exc
    blocks: list[Block] = []
    content = body.find(f"{_W}body")
    for item in content if content is not None else ():
        if item.tag == f"{_W}p":
            blocks.extend(_docx_paragraph(_docx_text(item), _docx_style(item, styles)))
        elif item.tag == f"{_W}tbl":
            rows = [[" ".join(_docx_text(p) for p in cell.iter(f"{_W}p"))
                     for cell in row.findall(f"{_W}tc")] for row in item.findall(f"{_W}tr")]
            blocks.extend(table_blocks(rows))
    return blocks


def _docx_part(package: zipfile.ZipFile, name: str) -> bytes:
    if package.getinfo(name).file_size > MAX_DOCX_PART:
        raise ValueError(f"{name} is too large")
    return package.read(name)


def _docx_style_names(package: zipfile.ZipFile) -> dict[str, str]:
    """Style id -> style name ("Heading1" -> "heading 1"); empty when there is no styles part."""
    try:
        root = ElementTree.fromstring(_docx_part(package, "word/styles.xml"))
    except KeyError:
        return {}
    names = {}
    for style in root.iter(f"{_W}style"):
        name = style.find(f"{_W}name")
        if name is not None:
            names[style.get(f"{_W}styleId", "")] = name.get(f"{_W}val", "")
    return names


def _docx_style(paragraph: ElementTree.Element, styles: dict[str, str]) -> str:
    found = paragraph.find(f"{_W}pPr/{_W}pStyle")
    style_id = found.get(f"{_W}val", "") if found is not None else ""
    return styles.get(style_id, style_id)


def _docx_text(paragraph: ElementTree.Element) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag in (f"{_W}tab", f"{_W}br"):
            parts.append(" ")
    return "".join(parts)


def _docx_paragraph(raw_text: str, style_name: str) -> list[Block]:
    text = " ".join(raw_text.split())
    if not text:
        return []
    style = style_name.lower()
    if style.startswith(("heading", "title")):
        return [Block("heading", strip_numbering(text))]
    if "list" in style:
        return [Block("item", text)]
    heading = _numbered_heading(text, alone=True)
    return [Block("heading", heading)] if heading else [Block("para", text)]


def table_blocks(rows: Sequence[Sequence[str]]) -> list[Block]:
    """A table: each row one item ("cell — cell"); when the header names Say/Avoid/Why
    columns, their cells go to those sections instead."""
    rows = [[" ".join(cell.split()) for cell in row] for row in rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    labels = [_LABELS.get(cell.strip("*: ").lower()) for cell in rows[0]]
    blocks: list[Block] = []
    if any(labels):
        for row in rows[1:]:
            other = [cell for cell, label in zip(row, labels, strict=False)
                     if cell and not label]
            if other:
                blocks.append(Block("item", " — ".join(other)))
            for cell, label in zip(row, labels, strict=False):
                if cell and label:
                    blocks.append(Block(f"cell:{label}", cell))
        return blocks
    return [Block("item", " — ".join(cell for cell in row if cell)) for row in rows]


def strip_numbering(title: str) -> str:
    """'3. Late fees' → 'Late fees' (numbers are for the document, not for the card)."""
    stripped = _NUMBERING_RE.sub("", title, count=1).strip()
    return stripped or title.strip()


def _numbered_heading(line: str, alone: bool) -> str | None:
    """A Word-style numbered heading ("1. Purpose") standing on its own line."""
    stripped = line.strip()
    if not alone or not _NUMBERING_RE.match(stripped) or len(stripped) > 60:
        return None
    title = strip_numbering(stripped)
    if title == stripped or title[-1:] in ".,;:!?\"”" or len(title.split()) > 7:
        return None
    return title if title[:1].isupper() else None


def _table_cells(line: str) -> list[str] | None:
    """Cells of a table row written with pipes (markdown) or two or more tabs."""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        return [cell.strip() for cell in stripped.strip("|").split("|")]
    if line.count("\t") >= 2 or (line.count("\t") == 1 and not line.startswith("\t")):
        cells = [cell.strip() for cell in line.split("\t")]
        return cells if sum(1 for c in cells if c) >= 2 else None
    return None


def blocks_from_lines(text: str, plain: bool) -> list[Block]:
    """Markdown or plain text -> blocks. Plain text also knows underlined and ALL-CAPS headings."""
    text = frontmatter.body(text)
    lines = text.split("\n")
    blocks: list[Block] = []
    para: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        if para:
            blocks.append(Block("para", " ".join(p.strip() for p in para)))
            para.clear()
        if table:
            blocks.extend(table_blocks(table))
            table.clear()

    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        previous = lines[index - 1] if index else ""
        heading = _line_heading(line, following, para, plain)
        if heading is None and plain and not para:
            heading = _numbered_heading(line, not previous.strip() and not following.strip())
        item = _ITEM_RE.match(line)
        cells = None if heading is not None else _table_cells(line)
        if cells is not None or (table and _TABLE_SEPARATOR_RE.match(line)):
            if para:
                blocks.append(Block("para", " ".join(p.strip() for p in para)))
                para.clear()
            if cells is not None and not _TABLE_SEPARATOR_RE.match(line):
                table.append(cells)
            continue
        if table:
            flush()
        if heading is not None:
            flush()
            blocks.append(Block("heading", heading))
        elif _UNDERLINE_RE.match(line) and blocks and blocks[-1].kind == "heading" and not para:
            continue  # the underline of the heading just read
        elif item:
            flush()
            blocks.append(Block("item", item.group(1)))
        elif not line.strip():
            flush()
            if index and not lines[index - 1].strip() and blocks and blocks[-1].kind != "break":
                blocks.append(Block("break", ""))
        elif blocks and blocks[-1].kind == "item" and not para and line[:1] in (" ", "\t"):
            blocks[-1] = Block("item", f"{blocks[-1].text} {line.strip()}")
        else:
            para.append(line)
    flush()
    return blocks


def _line_heading(line: str, following: str, para: list[str], plain: bool) -> str | None:
    match = _MD_HEADING_RE.match(line)
    if match and match.group(2):
        return strip_numbering(match.group(2).strip())
    stripped = line.strip()
    if not stripped or para or _ITEM_RE.match(line) or _LABEL_RE.match(line):
        return None
    if _UNDERLINE_RE.match(following) and len(following.strip()) >= 3:
        return strip_numbering(stripped)
    if plain and len(stripped) <= 60 and sum(c.isalpha() for c in stripped) >= 3 \
            and stripped == stripped.upper() and stripped != stripped.lower():
        return strip_numbering(stripped).capitalize()  # ALL CAPS headings: sentence case
    return None


class _HtmlBlocks(HTMLParser):
    """Headings, paragraphs and list items of an HTML page; scripts and styles are dropped."""

    _SKIP = frozenset({"script", "style", "head", "template", "noscript", "svg"})
    _BLOCKS: ClassVar[dict[str, str]] = {"h1": "heading", "h2": "heading", "h3": "heading",
                                         "h4": "heading", "h5": "heading", "h6": "heading",
                                         "li": "item",
                                         "p": "para", "div": "para", "blockquote": "para",
                                         "dt": "para", "dd": "para", "pre": "para"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._skip_depth = 0
        self._kind = "para"
        self._text: list[str] = []
        self._rows: list[list[str]] | None = None  # the table being read
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip_depth += 1
        elif tag == "table":
            self._flush()
            self._rows = []
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = []
        elif tag in self._BLOCKS:
            self._flush()
            self._kind = self._BLOCKS[tag]
        elif tag == "br":
            self._text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in ("td", "th") and self._rows is not None and self._cell is not None:
            if not self._rows:
                self._rows.append([])
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table" and self._rows is not None:
            self.blocks.extend(table_blocks(self._rows))
            self._rows, self._cell = None, None
        elif tag in self._BLOCKS or tag in ("ul", "ol", "body"):
            self._flush()
            self._kind = "para"

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif self._rows is None:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        self._text.clear()
        if text:
            kind = self._kind
            self.blocks.append(Block(kind, strip_numbering(text) if kind == "heading"
                                     else text))


def blocks_from_html(text: str) -> list[Block]:
    parser = _HtmlBlocks()
    parser.feed(text)
    parser.close()
    return parser.blocks


# --- sections ----------------------------------------------------------------------------

def split_sections(blocks: Sequence[Block], fallback_title: str) -> list[Section]:
    """One section per heading; without headings, groups of GROUP_PARAGRAPHS blocks."""
    if any(b.kind == "heading" for b in blocks):
        return _sections_at_headings(blocks, fallback_title)
    return _paragraph_groups(blocks, fallback_title)


def _sections_at_headings(blocks: Sequence[Block], fallback_title: str) -> list[Section]:
    sections: list[Section] = []
    current = Section(fallback_title)
    for block in blocks:
        if block.kind == "break":
            continue
        if block.kind == "heading":
            # A heading with nothing under it (say, the document's title) is dropped.
            if current.blocks:
                sections.append(current)
            current = Section(block.text)
        else:
            current.blocks.append(block)
    if current.blocks:
        sections.append(current)
    return sections


def _paragraph_groups(blocks: Sequence[Block], fallback_title: str) -> list[Section]:
    sections: list[Section] = []
    current: list[Block] = []
    paragraphs = 0
    for block in blocks:
        if block.kind == "break":
            paragraphs = GROUP_PARAGRAPHS  # the author's own separation: cut before the next
            continue
        # Labels ("Say:") and list items belong to the text before them: never cut there.
        starts_new = (block.kind == "para" and not _LABEL_RE.match(block.text)
                      and paragraphs >= GROUP_PARAGRAPHS and bool(current))
        if starts_new:
            sections.append(Section(_title_from(current, fallback_title), current))
            current, paragraphs = [], 0
        current.append(block)
        paragraphs += block.kind == "para"
    if current:
        sections.append(Section(_title_from(current, fallback_title), current))
    return sections


def _title_from(blocks: Sequence[Block], fallback: str) -> str:
    for block in blocks:
        if block.kind == "para" and not _LABEL_RE.match(block.text):
            sentence = re.split(r"(?<=[.!?])\s", block.text.strip(), maxsplit=1)[0]
            return _short(sentence.rstrip(".!?:"))
    return fallback


def _short(text: str, limit: int = TITLE_MAX) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:-") + "…"


# --- sections -> draft cards -------------------------------------------------------------

def draft_from_section(section: Section, source: str, taxonomy: Taxonomy,
                       glossary: Sequence[tuple[str, ...]], lang: str | None = None
                       ) -> DraftCard:
    say: list[str] = []
    avoid: list[str] = []
    why: list[str] = []
    notes: list[str] = []
    mode: str | None = None
    for block in section.blocks:
        text = block.text.strip()
        if block.kind.startswith("cell:"):
            _route("item", text, block.kind[5:], say, avoid, why, notes)
            continue
        label = _LABEL_RE.match(text)
        if label:
            mode = _LABELS[label.group(1).lower()]
            text = label.group(2).strip()
            if not text:
                continue
        _route(block.kind, text, mode, say, avoid, why, notes)
    full_text = " ".join([section.title, *(b.text for b in section.blocks)])
    card_lang = lang or detect_section_lang(full_text)
    avoid_set = set(avoid)
    return DraftCard(
        title=_short(strip_numbering(section.title)), lang=card_lang,
        stage=suggest_stage(full_text, section.title, taxonomy, glossary),
        tags=suggest_tags(full_text, taxonomy, glossary),
        say=tuple(dict.fromkeys(p for p in say if p not in avoid_set)),
        avoid=tuple(dict.fromkeys(avoid)),
        why=" ".join(why), notes=tuple(notes), source=source)


def _route(kind: str, text: str, mode: str | None, say: list[str], avoid: list[str],
           why: list[str], notes: list[str]) -> None:
    """Send one block's text to the section it most likely belongs to."""
    if mode == "why":
        why.append(_sentence(text))
        return
    quotes = classify_quotes(text, mode)
    negative = mode == "avoid" or bool(_AVOID_START_RE.match(text))
    if kind == "item" and mode in ("say", "avoid") and not quotes:
        target = avoid if mode == "avoid" or negative else say
        target.append(_sentence(_unquote(text)))
        return
    if quotes:
        for quote, role in quotes:
            if role == "avoid":
                avoid.append(quote)
            elif role == "say":
                say.append(quote)
        if any(role == "customer" for _, role in quotes) or (
                kind == "para" and _unquote(text) not in [q for q, _ in quotes]):
            notes.append(f"- {text}" if kind == "item" else text)  # the context stays
        return
    if (kind == "item" and negative) or mode == "avoid":
        avoid.append(_sentence(text))
    elif mode == "say":
        say.append(_unquote(text))
    else:
        notes.append(f"- {text}" if kind == "item" else text)


def classify_quotes(text: str, mode: str | None) -> list[tuple[str, str]]:
    """Each quoted phrase of ``text`` with its role: "say", "avoid" or "customer" (words
    the customer says: never a phrase for the agent)."""
    found: list[tuple[str, str]] = []
    start = 0
    for match in _QUOTE_RE.finditer(text):
        quote = match.group(1).strip()
        context = re.split(r"(?<=[.!?;])\s", text[start:match.start()])[-1]
        start = match.end()
        if len(quote.split()) < 2:
            continue
        if _CUSTOMER_CUE_RE.search(context):
            role = "customer"
        elif _AVOID_CUE_RE.search(context) or (mode == "avoid" and not
                                                _SAY_CUE_RE.search(context)):
            role = "avoid"
        else:
            role = "say"
        found.append((quote, role))
    return found


_EN_MARKERS = frozenset(
    "the and is are you your to of for with this that it be we i a an will can if when "
    "not do does they them their our please was were has have what how".split())
_FIL_ONLY_MARKERS = frozenset(
    "ang ng mga po opo ay hindi ito iyan yan kung para mo ko niya nila natin namin kayo "
    "siya sila lang din rin naman pag kapag kasi dahil pero ni kay tayo ba nang sa na "
    "huwag wala mo ninyo niyo ako".split())


def detect_section_lang(text: str) -> str:
    """Filipino or English by marker words of each language (English "at", "may" and
    Taglish trade terms no longer tip an English section into Filipino)."""
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", text)]
    fil = sum(1 for w in words if w in _FIL_ONLY_MARKERS)
    eng = sum(1 for w in words if w in _EN_MARKERS)
    if not fil and not eng:
        return detect_lang(text)
    return "fil" if fil > eng else "en"


def _sentence(text: str) -> str:
    """'checking first means…' -> 'Checking first means…' (labels leave a lowercase start)."""
    return text[:1].upper() + text[1:]


def _unquote(text: str) -> str:
    return text.strip().strip("\"“”").strip()


def suggest_stage(text: str, title: str, taxonomy: Taxonomy,
                  glossary: Sequence[tuple[str, ...]]) -> str:
    """The stage whose labels and hints occur most (title words count three times)."""
    haystack = _expand(f"{text} {title} {title}", glossary)
    best, best_score = "", 0
    for label in taxonomy.stages:
        score = _score(haystack, _keywords(label.id, label.en, label.fil,
                                           STAGE_HINTS.get(label.id, ())))
        if score > best_score:
            best, best_score = label.id, score
    return best or (taxonomy.stage_ids[0] if taxonomy.stage_ids else "solve")


def suggest_tags(text: str, taxonomy: Taxonomy, glossary: Sequence[tuple[str, ...]],
                 limit: int = 3) -> tuple[str, ...]:
    haystack = _expand(text, glossary)
    scored = []
    for label in taxonomy.tags:
        score = _score(haystack, _keywords(label.id, label.en, label.fil,
                                           TAG_HINTS.get(label.id, ())))
        if score >= TAG_MIN_SCORE:
            scored.append((-score, taxonomy.tag_ids.index(label.id), label.id))
    return tuple(tag for _, _, tag in sorted(scored)[:limit])


_STOP = frozenset("the and for with call caller after while your from back what that this ang "
                  "mga ng sa na nang customer tawag".split())


def _keywords(ident: str, en: str, fil: str, hints: Sequence[str]) -> set[str]:
    """Words that point to one stage or tag: its id, and its hints or else its labels."""
    words = {ident.replace("-", " ")}
    if hints:  # curated hints beat label words, which are often too general
        words.update(h.lower() for h in hints)
        return words
    for label in (en, fil):
        words.update(w for w in re.findall(r"[\w-]+", label.lower())
                     if len(w) >= 4 and w not in _STOP)
    return words


def _expand(text: str, glossary: Sequence[tuple[str, ...]]) -> tuple[str, str]:
    """(the text, the synonym groups it touches): so 'singil' also hints at 'billing'."""
    lowered = " ".join(text.lower().split())
    extra = [", ".join(group) for group in glossary
             if any(re.search(_WORD_START + re.escape(word), lowered) for word in group)]
    return lowered, " | ".join(extra)


def _score(haystack: tuple[str, str], keywords: Iterable[str]) -> int:
    """Keyword hits in the text, plus one point when a touched synonym group also matches
    (one point only: a broad group like 'again, ulit, repeat…' must not decide alone)."""
    text, synonyms = haystack
    words = list(keywords)
    direct = sum(len(re.findall(_WORD_START + re.escape(word), text)) for word in words)
    via_glossary = any(re.search(_WORD_START + re.escape(word), synonyms) for word in words)
    return direct + int(via_glossary)


def draft_card_text(card_id: str, draft: DraftCard) -> str:
    heads = SECTION_HEADINGS[draft.lang]
    say = draft.say or (f"{TODO_WRITE} a phrase the agent can say",)
    lines = ["---", f"# Imported from {draft.source}: stage and tags are suggestions; check "
             "them, then delete the status line.", f"id: {card_id}", f"title: {draft.title}",
             f"lang: {draft.lang}", f"stage: {draft.stage}"]
    if draft.tags:
        lines.append(f"tags: {', '.join(draft.tags)}")
    lines.append(f"status: {DRAFT}")
    if draft.origin:
        lines.append(f"imported_from: {draft.origin}")
    lines += ["---", "", f"## {heads['say']}", *(f"- {p}" for p in say), ""]
    if draft.avoid:
        lines += [f"## {heads['avoid']}", *(f"- {p}" for p in draft.avoid), ""]
    if draft.why:
        lines += [f"## {heads['why']}", draft.why, ""]
    if draft.notes:
        lines += [f"## {NOTES_HEADING[draft.lang]}", *_note_lines(draft.notes), ""]
    return "\n".join(lines)


def _note_lines(notes: Sequence[str]) -> list[str]:
    lines: list[str] = []
    for note in notes:
        if lines and not (note.startswith("- ") and lines[-1].startswith("- ")):
            lines.append("")  # paragraphs apart; list items stay one list
        lines.append(note)
    return lines


# --- the import --------------------------------------------------------------------------

def kb_root_for(into: Path) -> Path:
    """The KB root for `--into`: the folder itself, or its parent when it is a language
    folder (en/ or fil/) of a KB, so cards never land in KB/en/en/."""
    into = into.expanduser()
    if into.name in LANGS and into.parent != into:
        parent = into.parent
        markers = [parent / name for name in ("taxonomy.md", "glossary.md")]
        other = parent / ("fil" if into.name == "en" else "en")
        if any(p.is_file() for p in markers) or other.is_dir():
            return parent
    return into


def import_files(paths: Sequence[Path], kb_dir: Path, lang: str | None = None) -> ImportResult:
    """Create draft cards in <KB>/<lang>/ from each document. A document imported before
    updates its own drafts; other files are never overwritten."""
    if lang is not None and lang not in LANGS:
        raise ImportFailed(f"--lang must be en or fil, not {lang!r}")
    kb_dir = kb_root_for(kb_dir)
    if not kb_dir.is_dir():
        raise ImportFailed(f"KB folder not found: {kb_dir}")
    taxonomy, glossary = load_kb_meta(kb_dir, [])  # a broken file: the defaults
    result = ImportResult()
    taken = taken_slugs(kb_dir)
    earlier = imported_cards(kb_dir)
    for path in paths:
        try:
            drafts = drafts_from_file(path, taxonomy, glossary, lang)
        except (OSError, ValueError) as exc:
            result.skipped.append((path, str(getattr(exc, "strerror", None) or exc)))
            continue
        if not drafts:
            result.skipped.append((path, "no text found"))
        for draft in drafts:
            existing = earlier.get((draft.lang, draft.origin))
            if existing is None:
                result.created.append(_write_draft(kb_dir, draft, taken))
            elif _update_draft(existing, draft):
                result.updated.append(existing)
            else:
                result.kept.append(existing)
    return result


def imported_cards(kb_dir: Path) -> dict[tuple[str, str], Path]:
    """(lang, imported_from) → card file, for every card an import made."""
    found: dict[tuple[str, str], Path] = {}
    for lang in LANGS:
        folder = kb_dir / lang
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.md")):
            try:
                head = kbfs.read_bytes(path).decode("utf-8", errors="replace")[:4000]
            except KbFileError:
                continue
            origin = frontmatter.read_meta(head).get("imported_from", "")
            if origin:
                found.setdefault((lang, origin), path)
    return found


def _update_draft(path: Path, draft: DraftCard) -> bool:
    """Rewrite a draft from its document again (same id); False when a trainer approved
    it meanwhile (then it is the trainer's card, not the document's)."""
    try:
        raw = kbfs.read_bytes(path)
    except KbFileError as exc:  # callers report OSError per file
        raise OSError(0, exc.message) from exc
    text = raw.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    if frontmatter.read_meta(text).get("status", "").lower() != DRAFT:
        return False
    new = draft_card_text(path.stem, draft)
    if new != text:
        atomicfile.write(path, new.encode("utf-8"))
    return True


def drafts_from_file(path: Path, taxonomy: Taxonomy, glossary: Sequence[tuple[str, ...]],
                     lang: str | None = None) -> list[DraftCard]:
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise ValueError("old Word .doc files cannot be read; save it as .docx or .txt")
    if suffix not in IMPORT_SUFFIXES:
        raise ValueError(f"not a .txt, .md, .html or .docx file: {path.name}")
    if suffix == ".docx":
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise ValueError(f"file is larger than {MAX_INPUT_BYTES // 1_000_000} MB")
        blocks = blocks_from_docx(path)
    else:
        blocks = document_blocks(path, read_document(path))
    fallback = path.stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Imported"
    sections = split_sections(blocks, fallback)
    drafts = [draft_from_section(s, path.name, taxonomy, glossary, lang) for s in sections]
    return _with_origins(drafts, path.name)


def _with_origins(drafts: list[DraftCard], source: str) -> list[DraftCard]:
    """`imported_from` of each draft: the file and its part's title, numbered on repeats."""
    seen: dict[str, int] = {}
    out: list[DraftCard] = []
    for draft in drafts:
        part = slugify(draft.title) or "part"
        seen[part] = seen.get(part, 0) + 1
        suffix = f"-{seen[part]}" if seen[part] > 1 else ""
        origin = f"{source}#{part}{suffix}".replace(",", " ")
        out.append(dataclasses.replace(draft, origin=origin))
    return out


def _write_draft(kb_dir: Path, draft: DraftCard, taken: set[str]) -> Path:
    folder = kb_dir / draft.lang
    folder.mkdir(exist_ok=True)
    while True:
        slug = card_slug(draft.title, taken)
        taken.add(slug)  # twins share the name, so a slug is taken in both languages
        path = folder / f"{slug}.md"
        try:
            atomicfile.create(path, draft_card_text(slug, draft).encode("utf-8"))
        except FileExistsError:
            continue  # created by someone else meanwhile: try the next name
        return path


