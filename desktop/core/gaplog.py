"""Search-gap log: which searches left agents without a phrase to copy.

Opt-in and local only. The agent UI calls record_search() after results are shown and
record_copy() when a phrase is copied; the trainer view reads top_gaps().

The log is a JSON-lines file in the per-user data folder (default_gap_log_path()). Each
line is {"t": ISO time, "e": "search"|"copy", "q": scrubbed query, "n": result count,
"c": card id copied}. Before anything is written, e-mail addresses, numbers and every word
that neither the KB nor a common-word list knows are masked, so no account number, phone
number or customer name reaches the disk, typed in the call panel or not.

A seat may also append the same scrubbed lines to `<shared folder>/<seat>.jsonl` (one
file per seat, append-only, a plain file share: no networking here); trainer mode reads
every seat's file to show the floor's top gaps and most-copied / never-used cards.

A gap is a search that returned nothing, or whose results were not followed by a copy
for the same query.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desktop.core import atomicfile, resources
from desktop.core.common_words import COMMON_WORDS
from desktop.core.kb import KbSnapshot

MAX_QUERY_CHARS = 200
MAX_LOG_BYTES = 1_000_000  # when reached, the oldest half is dropped
EMAIL_MARK = "[email]"
NAME_MARK = "[name]"
DIGIT_MARK = "#"
WORD_MARK = "[…]"
MARKS = (EMAIL_MARK, NAME_MARK, DIGIT_MARK, WORD_MARK)
MAX_SHARED_READ_BYTES = 5_000_000  # per seat file
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A run of digits, with the separators people type inside phone and account numbers.
_DIGITS_RE = re.compile(r"\d(?:[\d\s().+/-]*\d)?")
_SPACE_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_SEAT_RE = re.compile(r"[^A-Za-z0-9._-]+")


def default_gap_log_path() -> Path:
    return resources.user_data_dir() / "search-gaps.jsonl"


def scrub(query: str, names: tuple[str, ...] = (),
          known: frozenset[str] | None = None) -> str:
    """The query without e-mail addresses, digits and the given names (nor their parts);
    every other word not in ``known`` (plus the common words) is masked too."""
    text = _EMAIL_RE.sub(EMAIL_MARK, query)
    for name in _name_variants(names):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", NAME_MARK, text, flags=re.IGNORECASE)
    # "Dela Cruz" matched part by part reads as one name, not two.
    text = re.sub(rf"{re.escape(NAME_MARK)}(?:\s+{re.escape(NAME_MARK)})+", NAME_MARK, text)
    text = _DIGITS_RE.sub(DIGIT_MARK, text)
    text = _mask_unknown_words(text, COMMON_WORDS | (known or frozenset()))
    return _SPACE_RE.sub(" ", text).strip()[:MAX_QUERY_CHARS]


def _mask_unknown_words(text: str, known: frozenset[str]) -> str:
    def mask(match: re.Match[str]) -> str:
        word = match.group(0)
        start = match.start()
        if text[max(0, start - 1):start] == "[":  # inside one of our own [marks]
            return word
        return word if _is_known(word, known) else WORD_MARK

    masked = _WORD_RE.sub(mask, text)
    # Several unknown words in a row ("maria santos") become one mark.
    return re.sub(rf"{re.escape(WORD_MARK)}(?:\s+{re.escape(WORD_MARK)})+", WORD_MARK, masked)


def _is_known(word: str, known: frozenset[str]) -> bool:
    folded = word.casefold().replace("’", "'")
    if folded in known:
        return True
    parts = [p for p in re.split(r"['-]", folded) if p]
    return len(parts) > 1 and all(p in known for p in parts)


_known_cache: tuple[int, frozenset[str]] | None = None


def known_words(snapshot: KbSnapshot | None) -> frozenset[str]:
    """Words the KB uses in lower case (a name only ever written Capitalised is not one)."""
    global _known_cache
    if snapshot is None:
        return frozenset()
    key = id(snapshot)
    if _known_cache is not None and _known_cache[0] == key:
        return _known_cache[1]
    words: set[str] = set()
    texts: list[str] = [card.body for card in snapshot.cards]
    texts += [card.title for card in snapshot.cards]
    texts += [passage.text for passage in snapshot.passages]
    texts += [" ".join(group) for group in snapshot.glossary]
    texts += [" ".join((tag.en, tag.fil, tag.meaning)) for tag in snapshot.taxonomy.tags]
    for text in texts:
        for word in _WORD_RE.findall(text):
            if not word[:1].isupper():
                folded = word.casefold().replace("’", "'")
                words.add(folded)
                words.update(p for p in re.split(r"['-]", folded) if p)
    found = frozenset(words)
    _known_cache = (key, found)
    return found


def engine_words(engine: object) -> frozenset[str]:
    """The KB words of a search engine's snapshot (duck-typed: no engine import here)."""
    if engine is None or getattr(engine, "_state", None) is None:
        return frozenset()  # not indexed yet: never index on the caller's (GUI) thread
    snapshot = getattr(engine, "snapshot", None)
    return known_words(snapshot if isinstance(snapshot, KbSnapshot) else None)


def share_dir(settings: object) -> Path | None:
    """The shared folder seats append to (Settings.gap_share_dir), or None."""
    share = str(getattr(settings, "gap_share_dir", "") or "").strip()
    return Path(share).expanduser() if share else None


def gap_card_id(card_view: object) -> str:
    """The id of the card whose phrase was just copied ("" when none is shown)."""
    current = getattr(card_view, "current_card", None)
    card = current() if callable(current) else None
    return str(getattr(card, "id", "") or "")


def seat_name() -> str:
    """This computer's file name in the shared folder."""
    return _SEAT_RE.sub("-", platform.node() or "seat").strip("-.")[:60] or "seat"


def _name_variants(names: tuple[str, ...]) -> list[str]:
    """Full names first, then each part of 2+ letters (agents often type only a first name)."""
    variants: list[str] = []
    for name in names:
        full = _SPACE_RE.sub(" ", name).strip()
        if not full:
            continue
        variants.append(full)
        variants.extend(part for part in full.split(" ") if len(part.strip(".,")) >= 2)
    return sorted(set(variants), key=len, reverse=True)


def normalize(query: str) -> str:
    """How queries are grouped: case and spacing do not matter."""
    return _SPACE_RE.sub(" ", query).strip().casefold()


class GapLog:
    def __init__(self, path: Path, enabled: bool, scrub_names: tuple[str, ...] = (),
                 known: frozenset[str] | None = None, share_dir: Path | None = None,
                 seat: str | None = None) -> None:
        self.path = path
        self.enabled = enabled
        self.scrub_names = scrub_names
        self.known = known
        self.share_dir = share_dir
        self.seat = seat or seat_name()
        self._lock = threading.Lock()

    def record_search(self, query: str, result_count: int) -> None:
        """A search the agent paused on (the UI calls this once typing settles)."""
        self._append("search", query, max(0, int(result_count)))

    def record_copy(self, query: str, card_id: str = "") -> None:
        """The agent copied a phrase (of `card_id`) from the results of `query`: not a gap."""
        self._append("copy", query, None, card_id)

    @property
    def shared_path(self) -> Path | None:
        return self.share_dir / f"{self.seat}.jsonl" if self.share_dir else None

    def top_gaps(self, limit: int = 20) -> list[tuple[str, int]]:
        """The most frequent gap queries, most frequent first (ties alphabetical)."""
        counts: Counter[str] = Counter()
        shown: dict[str, str] = {}
        pending: Counter[str] = Counter()  # searches with results, not yet followed by a copy
        for kind, query, results in self._events():
            key = normalize(query)
            shown.setdefault(key, query)
            if kind == "copy":
                pending[key] = max(0, pending[key] - 1)
            elif results == 0:
                counts[key] += 1
            else:
                pending[key] += 1
        counts.update(+pending)
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(shown[key], count) for key, count in ranked[:max(0, limit)] if count > 0]

    def clear(self) -> None:
        """Delete the log file."""
        with self._lock, contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    # --- internals ---------------------------------------------------------------------

    def _append(self, event: str, query: str, count: int | None, card_id: str = "") -> None:
        if not self.enabled:
            return
        clean = scrub(query, self.scrub_names, self.known)
        if not _has_words(clean) and not card_id:
            return  # nothing left that could teach a trainer anything
        record: dict[str, object] = {"t": datetime.now().isoformat(timespec="seconds"),
                                     "e": event, "q": clean if _has_words(clean) else ""}
        if count is not None:
            record["n"] = count
        if card_id:
            record["c"] = card_id[:120]
        line = json.dumps(record, ensure_ascii=False) + "\n"
        # The log is a nice-to-have: never disturb the agent over a disk problem.
        with self._lock, contextlib.suppress(OSError):
            self._write_line(line)
        if self.shared_path is not None:
            with self._lock, contextlib.suppress(OSError):
                _append_shared(self.shared_path, line)

    def _write_line(self, line: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # 0600: the log is the agent's own, even on a shared machine.
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(line)
        if self.path.stat().st_size > MAX_LOG_BYTES:
            self._trim()

    def _trim(self) -> None:
        lines = self.path.read_text(encoding="utf-8", errors="replace").splitlines(True)
        atomicfile.write(self.path, "".join(lines[len(lines) // 2:]).encode("utf-8"))

    def _events(self) -> list[tuple[str, str, int]]:
        """(kind, query, result count) of every readable line, oldest first."""
        return [(kind, query, results) for kind, query, results, _ in read_events(self.path)]


def _has_words(clean: str) -> bool:
    rest = clean
    for mark in MARKS:
        rest = rest.replace(mark, "")
    return bool(rest.strip(" .,;:!?-"))


def _append_shared(path: Path, line: str) -> None:
    """Append-only, one write per line, so seats never clobber each other's files."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line.encode("utf-8"))
    finally:
        os.close(fd)


def read_events(path: Path, max_bytes: int = MAX_LOG_BYTES * 2
                ) -> list[tuple[str, str, int, str]]:
    """(kind, query, result count, card id) of every readable line, oldest first."""
    try:
        with path.open("rb") as handle:
            text = handle.read(max_bytes).decode("utf-8", errors="replace")
    except OSError:
        return []
    events: list[tuple[str, str, int, str]] = []
    for line in text.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue  # a torn last line after a crash
        if not isinstance(record, dict):
            continue
        kind, query, results = record.get("e"), record.get("q", ""), record.get("n", 0)
        card = record.get("c", "")
        if kind in ("search", "copy") and isinstance(query, str) \
                and (query.strip() or (kind == "copy" and card)):
            events.append((str(kind), query, results if isinstance(results, int) else 0,
                           card if isinstance(card, str) else ""))
    return events


# --- the floor, from every seat's shared file ---------------------------------------------

@dataclass
class FloorUsage:
    seats: int = 0
    gaps: list[tuple[str, int]] = field(default_factory=list)
    copies: Counter[str] = field(default_factory=Counter)  # card id → times copied

    def never_used(self, card_ids: Iterable[str]) -> list[str]:
        return sorted(set(card_ids) - set(self.copies))

    def most_copied(self, limit: int = 20) -> list[tuple[str, int]]:
        return sorted(self.copies.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def floor_usage(share_dir: Path, limit: int = 50) -> FloorUsage:
    """Every seat's top gaps added up, and copy counts per card."""
    try:
        files = sorted(p for p in share_dir.glob("*.jsonl") if p.is_file() and
                       not p.is_symlink())
    except OSError:
        files = []
    return usage_of(files, limit)


def usage_of(files: Iterable[Path], limit: int = 50) -> FloorUsage:
    """Gaps and copy counts of some log files (one seat's, or every seat's)."""
    usage = FloorUsage()
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for path in files:
        usage.seats += 1
        for kind, _, _, card in read_events(path, MAX_SHARED_READ_BYTES):
            if kind == "copy" and card:
                usage.copies[card] += 1
        for query, count in GapLog(path, enabled=False).top_gaps(limit=10_000):
            key = normalize(query)
            shown.setdefault(key, query)
            counts[key] += count
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    usage.gaps = [(shown[key], count) for key, count in ranked]
    return usage
