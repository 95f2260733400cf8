"""Editing KB files safely: byte-exact round trips, atomic saves, conflicts, new cards, twins.

Rules (also in the trainer report):
- A file opened for editing remembers its bytes, mtime and hash. Saving unchanged text writes
  the original bytes; changed text keeps the file's BOM and line endings, and lines that were
  not touched keep their exact original endings.
- Saving is atomic (desktop.core.atomicfile): a hidden temp file in the same folder, fsync,
  rename. A failure at any step leaves the original file as it was and removes the temp file.
- A save checks the disk first: if the content changed since it was opened (hash, not just
  mtime), SaveConflict is raised with the disk version; the caller merges or asks.
- Slugs (file names and ids) come from the title: lowercase ASCII letters, digits and '-',
  at most SLUG_MAX characters, never a Windows reserved device name, unique in en/ and fil/.
- A translation is "outdated" by content, not timestamps: it records `translated_from:`, a
  hash of its source twin's words when it was made or marked up to date; when the source's
  words change, the hash no longer matches. (TWIN_SLACK_S is kept for old callers.)
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.core import atomicfile, frontmatter, kbfs
from desktop.core.cards import LANGS, SECTION_NAMES
from desktop.core.kbfs import KbFileError, decode_kb_bytes

SLUG_MAX = 60
SHORT_ID_MAX = 40  # ids made from titles: short enough to read in a file list
SHORT_ID_WORDS = 5
_FILLER_WORDS = frozenset(
    "a an the to of for and or with your you is are be when if at in on by from that this "
    "it as po ang ng sa mga na nang si ni kay ay at ka ko mo niya kung para lang".split())
TWIN_SLACK_S = 60
TODO_TRANSLATE = "TODO: translate"
TODO_WRITE = "TODO: write"
DRAFT = "draft"

# Canonical front matter order; new keys are inserted at their place in it.
META_ORDER = ("id", "title", "lang", "stage", "tags", "channel", "review_by", "owner", "status",
              "approved_by", "approved_on", "translated_from")
WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{n}" for n in range(1, 10)]
    + [f"lpt{n}" for n in range(1, 10)]
)
SECTION_HEADINGS = {
    "en": {"say": "Say", "avoid": "Avoid", "why": "Why"},
    "fil": {"say": "Sabihin", "avoid": "Iwasan", "why": "Bakit"},
}
_NEWLINE_RE = re.compile(r"\r\n|\r|\n")
# One line with its own ending; str.splitlines would also split at \f, \u2028 and friends.
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
# The same grammar as desktop.core.cards uses to read cards.
_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST_ITEM_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*\S)\s*$")
_BOM = b"\xef\xbb\xbf"


class SaveConflict(Exception):
    """The file changed on disk since it was opened; `disk_text` is None when it was deleted."""

    def __init__(self, path: Path, disk_text: str | None) -> None:
        super().__init__(f"{path} changed on disk since it was opened")
        self.path = path
        self.disk_text = disk_text


# --- writability -------------------------------------------------------------------------

def probe_write(folder: Path) -> bool:
    """Really create and delete a file: os.access lies on network shares and for root."""
    try:
        fd, name = tempfile.mkstemp(prefix=".kalma-probe-", dir=folder)
    except OSError:
        return False
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(name)
    return True


def kb_write_problem(kb_dir: Path) -> str | None:
    """None when the trainer may edit kb_dir, else a reason code: missing, read-only."""
    if not kb_dir.is_dir():
        return "missing"
    folders = [kb_dir] + [kb_dir / lang for lang in LANGS if (kb_dir / lang).is_dir()]
    for folder in folders:
        if not os.access(folder, os.W_OK) or not probe_write(folder):
            return "read-only"
    return None


# --- documents open for editing ----------------------------------------------------------

@dataclass(frozen=True)
class FileStamp:
    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of_bytes(cls, path: Path, data: bytes) -> FileStamp:
        stat = path.stat()
        return cls(stat.st_mtime_ns, stat.st_size, hashlib.sha256(data).hexdigest())


class EditDocument:
    """One KB file open in the editor. `text` uses '\\n' newlines; saving restores the rest."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.raw = b""
        self.text = ""
        self.stamp = FileStamp(0, 0, "")
        self.reload()

    def reload(self) -> str:
        """(Re)read the file from disk; raises KbFileError when it is not editable text."""
        raw = kbfs.read_bytes(self.path)  # the KB file layer's reader: no FIFOs, sane sizes
        self.text = _decode(self.path, raw)
        self.raw = raw
        self.stamp = FileStamp.of_bytes(self.path, raw)
        return self.text

    def encode(self, text: str) -> bytes:
        """Bytes for `text`: the original bytes when unchanged, else its BOM and line endings."""
        if text == self.text:
            return self.raw
        return encode_like(self.raw, text)

    def disk_changed(self) -> bool:
        # By content, always: size and mtime lie for same-size edits within one timestamp
        # tick and after `cp -p` (issue 9). Cards are small, so reading one costs nothing.
        try:
            data = kbfs.read_bytes(self.path)
        except KbFileError:
            return True  # gone, or no longer a card file that can be read
        return hashlib.sha256(data).hexdigest() != self.stamp.sha256

    def disk_text(self) -> str | None:
        try:
            return _decode(self.path, kbfs.read_bytes(self.path))
        except KbFileError:
            return "" if os.path.lexists(self.path) else None

    def save(self, text: str, force: bool = False) -> None:
        """Atomically write `text`; SaveConflict unless `force` when the disk changed."""
        if not force and self.disk_changed():
            raise SaveConflict(self.path, self.disk_text())
        data = self.encode(text)
        atomicfile.write(self.path, data)
        self.raw = data
        self.text = text
        self.stamp = FileStamp.of_bytes(self.path, data)


def _decode(path: Path, raw: bytes) -> str:
    if not raw.strip():
        return ""  # an empty file can still be edited
    return decode_kb_bytes(path, raw)


def encode_like(original: bytes, text: str) -> bytes:
    """Encode `text` keeping the original BOM, and the endings of lines left unchanged."""
    bom = _BOM if original.startswith(_BOM) else b""
    old_text = original[len(bom):].decode("utf-8", errors="replace")
    old_lines = _LINE_RE.findall(old_text)
    newline = _dominant_newline(old_text)
    new_lines = text.split("\n")
    new_keep = [line + "\n" for line in new_lines[:-1]] + ([new_lines[-1]] if new_lines[-1]
                                                            else [])
    old_plain = [_strip_newline(line) for line in old_lines]
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, old_plain, [_strip_newline(x) for x in new_keep],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for old, new in zip(old_lines[i1:i2], new_keep[j1:j2], strict=True):
                # Same line: keep its own ending, unless the new text dropped/added one.
                same_end = old.endswith(("\n", "\r")) == new.endswith("\n")
                out.append(old if same_end else _with_newline(new, newline))
        else:
            out.extend(_with_newline(line, newline) for line in new_keep[j1:j2])
    return bom + "".join(out).encode("utf-8")


def _strip_newline(line: str) -> str:
    return line.rstrip("\r\n")


def _with_newline(line: str, newline: str) -> str:
    return line[:-1] + newline if line.endswith("\n") else line


def _dominant_newline(text: str) -> str:
    endings = _NEWLINE_RE.findall(text)
    if not endings:
        return "\n"
    return max(("\n", "\r\n", "\r"), key=endings.count)


# --- front matter and sections as text edits ---------------------------------------------

def set_meta_field(text: str, key: str, value: str) -> str:
    """Change one front matter line (insert it in canonical order, or drop it when empty).

    Every other line stays exactly as it was. Raises ValueError without front matter.
    """
    span = frontmatter.span(text)
    if span is None:
        raise ValueError("the file has no front matter")
    key = key.lower()
    value = _one_line(value)
    lines = text.split("\n")
    start, end = span
    for index in range(start, end):
        match = frontmatter.META_LINE_RE.match(lines[index])
        pair = frontmatter.meta_value(lines[index])
        if match and pair and pair[0] == key:
            if not value:
                del lines[index]
            elif pair[1] != value:
                lines[index] = f"{match.group(1)}: {value}"
            return "\n".join(lines)
    if value:
        lines.insert(_meta_insert_at(lines, start, end, key), f"{key}: {value}")
    return "\n".join(lines)


def _one_line(value: str) -> str:
    # Only line breaks go: other whitespace (no-break spaces too) is the trainer's choice.
    return re.sub(r"[\r\n\u2028\u2029]+", " ", value).strip()


def _meta_insert_at(lines: list[str], start: int, end: int, key: str) -> int:
    rank = META_ORDER.index(key) if key in META_ORDER else len(META_ORDER)
    position = start
    for index in range(start, end):
        match = frontmatter.META_LINE_RE.match(lines[index])
        if not match:
            continue
        other = match.group(1).lower()
        other_rank = META_ORDER.index(other) if other in META_ORDER else len(META_ORDER)
        if other_rank <= rank:
            position = index + 1
    return position


def section_items(text: str, section: str) -> list[str]:
    """List items of one known section (say, avoid, why) of a whole card text."""
    block = _section_list_block(text.split("\n"), section)
    if block is None:
        return []
    lines = text.split("\n")
    items: list[str] = []
    for line in lines[block[1]:block[2]]:
        match = _LIST_ITEM_RE.match(line)
        if match:
            items.append(match.group(1).strip())
        elif items and line.strip():
            items[-1] = f"{items[-1]} {line.strip()}"
    return items


def set_section_items(text: str, section: str, items: Iterable[str], lang: str) -> str:
    """Replace the list of one section with `items` (one '- item' line each).

    Lines of the section that are not part of its list are kept; a missing section is added
    at the end of the card with the heading of `lang`.
    """
    lines = text.split("\n")
    new_items = [f"- {_one_line(item)}" for item in items if item.strip()]
    block = _section_list_block(lines, section)
    if block is None:
        heading = SECTION_HEADINGS.get(lang, SECTION_HEADINGS["en"])[section]
        while lines and not lines[-1].strip():
            lines.pop()
        lines += ["", f"## {heading}", *new_items, ""]
        return "\n".join(lines)
    _heading, first, last = block
    lines[first:last] = new_items
    return "\n".join(lines)


def _section_list_block(lines: list[str], section: str) -> tuple[int, int, int] | None:
    """(heading line, first list line, end of list) of a section, 0-based, end exclusive."""
    body_start = (frontmatter.span("\n".join(lines)) or (0, -1))[1] + 1
    heading_at = None
    for index in range(body_start, len(lines)):
        match = _HEADING_RE.match(lines[index])
        if match and SECTION_NAMES.get(match.group(2).strip().lower()) == section:
            heading_at = index
            break
    if heading_at is None:
        return None
    end = next((i for i in range(heading_at + 1, len(lines)) if _HEADING_RE.match(lines[i])),
               len(lines))
    first = last = None
    for index in range(heading_at + 1, end):
        line = lines[index]
        if _LIST_ITEM_RE.match(line):
            first = index if first is None else first
            last = index + 1
        elif last == index and line.startswith((" ", "\t")) and line.strip():
            last = index + 1  # continuation line of the item above
    if first is None or last is None:
        # No list yet: insert right after the heading (after one blank line if there is one).
        at = heading_at + 1
        return heading_at, at, at
    return heading_at, first, last


# --- slugs -------------------------------------------------------------------------------

def slugify(title: str, max_length: int = SLUG_MAX) -> str:
    """Title -> safe file stem and id: lowercase ASCII, digits, '-', no reserved names."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = _cut(slug, max_length) or "card"
    if slug in WINDOWS_RESERVED:
        slug = f"{slug}-card"
    return slug


def short_id_title(title: str) -> str:
    """A long title's key words ("Customer swearing — first warning per policy" →
    "Customer swearing first warning policy"): ids stay short and readable."""
    if len(slugify(title)) <= SHORT_ID_MAX:
        return title
    words = re.findall(r"[^\W_]+", title)
    kept = [w for w in words if w.casefold() not in _FILLER_WORDS] or words
    return " ".join(kept[:SHORT_ID_WORDS])


def card_slug(title: str, taken: Iterable[str]) -> str:
    """The id and file stem for a new card titled `title`: short, unique in en/ and fil/."""
    return unique_slug(short_id_title(title), taken, SHORT_ID_MAX)


def unique_slug(title: str, taken: Iterable[str], max_length: int = SLUG_MAX) -> str:
    """slugify(title), with -2, -3, … appended (within max_length) until it is not taken."""
    taken_set = {name.lower() for name in taken}
    base = slugify(title, max_length)
    if base not in taken_set:
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = f"{_cut(base, max_length - len(suffix))}{suffix}"
        if candidate not in taken_set:
            return candidate
        number += 1


def _cut(slug: str, max_length: int) -> str:
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length]
    # Prefer a word boundary, unless that would leave very little.
    if "-" in cut and cut.rindex("-") >= max_length // 2:
        cut = cut[: cut.rindex("-")]
    return cut.strip("-")


def taken_slugs(kb_dir: Path) -> set[str]:
    """Card file stems in en/ and fil/: a new card's name must be free in both (twins)."""
    names: set[str] = set()
    for lang in LANGS:
        folder = kb_dir / lang
        if folder.is_dir():
            names.update(p.stem.lower() for p in folder.iterdir() if p.suffix.lower() == ".md")
    return names


# --- new cards and translations ----------------------------------------------------------

@dataclass(frozen=True)
class NewCard:
    title: str
    lang: str
    stage: str
    tags: tuple[str, ...] = ()
    channel: str = "any"
    review_by: date | None = None
    owner: str = ""
    # New cards start as drafts: their TODO placeholders must not reach agents unreviewed,
    # and lint warns about drafts until the trainer unticks "Draft".
    draft: bool = True


def new_card_text(card_id: str, card: NewCard) -> str:
    """A card from the template: front matter, and Say/Avoid/Why with TODO placeholders."""
    meta = [("id", card_id), ("title", " ".join(card.title.split())), ("lang", card.lang),
            ("stage", card.stage), ("tags", ", ".join(card.tags)), ("channel", card.channel),
            ("review_by", card.review_by.isoformat() if card.review_by else ""),
            ("owner", card.owner), ("status", DRAFT if card.draft else "")]
    heads = SECTION_HEADINGS[card.lang]
    lines = ["---", *(f"{k}: {v}" for k, v in meta if v), "---", "",
             f"## {heads['say']}", f"- {TODO_WRITE} a phrase the agent can say", "",
             f"## {heads['avoid']}", f"- {TODO_WRITE} what not to say", "",
             f"## {heads['why']}", f"{TODO_WRITE} one line on why this works.", ""]
    return "\n".join(lines)


def create_card(kb_dir: Path, card: NewCard) -> Path:
    """Write a new card under kb_dir/<lang>/ with a unique slug; returns its path."""
    if card.lang not in LANGS:
        raise ValueError(f"lang must be en or fil, not {card.lang!r}")
    if not card.title.strip():
        raise ValueError("a new card needs a title")
    slug = card_slug(card.title, taken_slugs(kb_dir))
    folder = kb_dir / card.lang
    folder.mkdir(exist_ok=True)
    path = folder / f"{slug}.md"
    atomicfile.create(path, new_card_text(slug, card).encode("utf-8"))
    return path


def other_lang(lang: str) -> str:
    return "fil" if lang == "en" else "en"


def twin_path(path: Path) -> Path:
    """kb/en/x.md <-> kb/fil/x.md"""
    return path.parent.parent / other_lang(path.parent.name) / path.name


def translation_text(text: str, target_lang: str) -> str:
    """The twin of a card: same front matter (lang switched, title marked, status draft);
    headings switched to target_lang; every phrase and line marked 'TODO: translate — …'.

    The source text stays visible to the translator, while the TODO marker and the draft
    status make lint and the agent view treat it as unfinished rather than as Filipino.
    """
    span = frontmatter.span(text)
    if span is None:
        raise ValueError("the card has no front matter")
    out = set_meta_field(text, "lang", target_lang)
    title = frontmatter.read_meta(out).get("title", "")
    if title and not title.startswith(TODO_TRANSLATE):
        out = set_meta_field(out, "title", f"{TODO_TRANSLATE} — {title}")
    out = set_meta_field(out, "status", DRAFT)
    lines = out.split("\n")
    body_from = (frontmatter.span(out) or span)[1] + 1
    lines[body_from:] = [_translate_line(line, target_lang) for line in lines[body_from:]]
    return "\n".join(lines)


def _translate_line(line: str, target_lang: str) -> str:
    heading = _HEADING_RE.match(line)
    if heading:
        section = SECTION_NAMES.get(heading.group(2).strip().lower())
        if section:
            return f"{heading.group(1)} {SECTION_HEADINGS[target_lang][section]}"
        return f"{heading.group(1)} {TODO_TRANSLATE} — {heading.group(2).strip()}"
    item = re.match(r"^(\s*(?:[-*+]|\d+[.)])\s+)(.*\S)\s*$", line)
    if item:
        return f"{item.group(1)}{TODO_TRANSLATE} — {item.group(2)}"
    if line.strip() and not line.startswith((" ", "\t")):
        return f"{TODO_TRANSLATE} — {line.strip()}"
    return line


def create_translation(source: Path) -> Path:
    """Write the twin of `source` (kb/en/x.md -> kb/fil/x.md); never overwrites."""
    target = twin_path(source)
    lang = target.parent.name
    if lang not in LANGS or source.parent.name not in LANGS:
        raise ValueError(f"{source} is not a card under en/ or fil/")
    doc = EditDocument(source)
    text = set_meta_field(translation_text(doc.text, lang), TRANSLATED_FROM,
                          source_hash(doc.text))
    data = encode_like(doc.raw, text)
    target.parent.mkdir(exist_ok=True)
    atomicfile.create(target, data)
    return target


# --- whole cards: both twins at once ------------------------------------------------------

def twin_paths(kb_dir: Path, name: str) -> list[Path]:
    """The existing files of a card pair (en/NAME, fil/NAME)."""
    return [kb_dir / lang / name for lang in LANGS if (kb_dir / lang / name).is_file()]


def delete_card(kb_dir: Path, name: str) -> list[Path]:
    """Delete both twins of a card; returns the files removed."""
    removed = []
    for path in twin_paths(kb_dir, name):
        path.unlink()
        removed.append(path)
    return removed


def rename_card(kb_dir: Path, name: str, new_id: str) -> str:
    """Give both twins a new id and file name (made safe and unique); returns the new name."""
    slug = slugify(new_id, SHORT_ID_MAX)
    if slug != Path(name).stem:
        slug = unique_slug(slug, taken_slugs(kb_dir) - {Path(name).stem}, SHORT_ID_MAX)
    new_name = f"{slug}.md"
    if new_name == name:
        return name
    for path in twin_paths(kb_dir, name):
        doc = EditDocument(path)
        target = path.with_name(new_name)
        atomicfile.create(target, doc.encode(set_meta_field(doc.text, "id", slug)))
        path.unlink()
    return new_name


def duplicate_card(kb_dir: Path, name: str) -> str:
    """Copy both twins under a new id as drafts (a start for a similar card)."""
    slug = unique_slug(f"{Path(name).stem} copy", taken_slugs(kb_dir), SHORT_ID_MAX)
    new_name = f"{slug}.md"
    for path in twin_paths(kb_dir, name):
        doc = EditDocument(path)
        text = set_meta_field(doc.text, "id", slug)
        title = frontmatter.read_meta(text).get("title", slug)
        text = set_meta_field(text, "title", f"{title} (copy)")
        for key in ("approved_by", "approved_on"):
            text = set_meta_field(text, key, "")
        text = set_meta_field(text, "status", DRAFT)
        atomicfile.create(path.with_name(new_name), doc.encode(text))
    return new_name


# --- find and replace across both languages ----------------------------------------------

@dataclass(frozen=True)
class Found:
    path: Path
    line: int  # 1-based
    text: str  # the whole line


def _editable_lines(text: str) -> Iterable[tuple[int, str]]:
    """(index, line) of the prose of a card: its title and its body (not ids, tags…)."""
    span = frontmatter.span(text)
    for index, line in enumerate(text.split("\n")):
        if span is not None and index <= span[1]:
            if span[0] <= index < span[1] and line.lower().startswith("title:"):
                yield index, line
            continue
        yield index, line


def _pattern(needle: str, case_sensitive: bool) -> re.Pattern[str]:
    return re.compile(re.escape(needle), 0 if case_sensitive else re.IGNORECASE)


def find_in_text(path: Path, text: str, needle: str, case_sensitive: bool = False
                 ) -> list[Found]:
    if not needle:
        return []
    pattern = _pattern(needle, case_sensitive)
    return [Found(path, index + 1, line) for index, line in _editable_lines(text)
            if pattern.search(line[6:] if line.lower().startswith("title:") else line)]


def replace_in_text(text: str, needle: str, replacement: str, case_sensitive: bool = False
                    ) -> tuple[str, int]:
    """(new text, replacements made) in the title and body only."""
    if not needle:
        return text, 0
    pattern = _pattern(needle, case_sensitive)
    lines = text.split("\n")
    count = 0
    for index, line in _editable_lines(text):
        head = 6 if line.lower().startswith("title:") else 0
        new, made = pattern.subn(lambda _m: replacement, line[head:])
        if made:
            lines[index] = line[:head] + new
            count += made
    return "\n".join(lines), count


def card_files(kb_dir: Path) -> list[Path]:
    """Every card file in en/ and fil/."""
    return [path for lang in LANGS if (kb_dir / lang).is_dir()
            for path in sorted((kb_dir / lang).glob("*.md")) if not path.name.startswith(".")]


# --- twin status -------------------------------------------------------------------------

@dataclass(frozen=True)
class TwinStatus:
    name: str  # file name, e.g. hold-check-in.md
    en: Path | None
    fil: Path | None
    outdated: str | None = None  # "en" or "fil": the side edited earlier than the other

    @property
    def missing(self) -> str | None:
        return "en" if self.en is None else "fil" if self.fil is None else None


TRANSLATED_FROM = "translated_from"
# Front matter that is bookkeeping, not content: changing it does not outdate a translation.
_BOOKKEEPING = frozenset({"id", "lang", "status", "approved_by", "approved_on", "review_by",
                          "owner", TRANSLATED_FROM, "imported_from"})


def source_hash(text: str) -> str:
    """What a translation was made from: the card's words (title, tags, body), not its
    timestamps or bookkeeping, so a git checkout or a typo fix in the twin flags nothing."""
    span = frontmatter.span(text)
    lines = text.replace("\r\n", "\n").split("\n")
    if span is None:
        content = lines
    else:
        meta = sorted((k, v) for k, v in frontmatter.read_meta(text).items()
                      if k not in _BOOKKEEPING)
        content = [f"{k}: {v}" for k, v in meta] + lines[span[1] + 1:]
    normalized = "\n".join(line.rstrip() for line in content).strip()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


def twin_status(kb_dir: Path, name: str, slack_s: int = TWIN_SLACK_S) -> TwinStatus:
    """Missing sides, and which side is an outdated translation: the side whose
    `translated_from` hash no longer matches its source twin's content."""
    en, fil = kb_dir / "en" / name, kb_dir / "fil" / name
    texts = {lang: _read_text(path) for lang, path in (("en", en), ("fil", fil))}
    outdated = None
    if texts["en"] is not None and texts["fil"] is not None:
        for lang in ("fil", "en"):
            stored = frontmatter.read_meta(texts[lang] or "").get(TRANSLATED_FROM, "")
            if stored:
                if stored != source_hash(texts[other_lang(lang)] or ""):
                    outdated = lang
                break
    return TwinStatus(name, en if texts["en"] is not None else None,
                      fil if texts["fil"] is not None else None, outdated)


def all_twin_statuses(kb_dir: Path, slack_s: int = TWIN_SLACK_S) -> list[TwinStatus]:
    names: set[str] = set()
    for lang in LANGS:
        folder = kb_dir / lang
        if folder.is_dir():
            names.update(p.name for p in folder.iterdir()
                         if p.suffix.lower() == ".md" and not p.name.startswith("."))
    return [twin_status(kb_dir, name, slack_s) for name in sorted(names)]


def translation_side(status: TwinStatus) -> str:
    """The side that is the translation: the one recording a source hash, else Filipino."""
    for lang, path in (("fil", status.fil), ("en", status.en)):
        if path is not None and frontmatter.read_meta(_read_text(path) or "").get(TRANSLATED_FROM):
            return lang
    return "fil"


def mark_twins_in_sync(status: TwinStatus) -> None:
    """The trainer checked both sides: the translation records its source's content hash."""
    if status.en is None or status.fil is None:
        return
    side = translation_side(status)
    target, source = (status.fil, status.en) if side == "fil" else (status.en, status.fil)
    doc = EditDocument(target)
    new = set_meta_field(doc.text, TRANSLATED_FROM, source_hash(_read_text(source) or ""))
    if new != doc.text:
        doc.save(new)


def _read_text(path: Path) -> str | None:
    try:
        return kbfs.read_bytes(path).decode("utf-8-sig", errors="replace")
    except KbFileError:
        return None


def _mtime_ns(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None
