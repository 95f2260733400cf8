"""Search-gap log: which searches left agents without a phrase to copy.

Opt-in and local only. The agent UI calls record_search() after results are shown and
record_copy() when a phrase is copied; the trainer view reads top_gaps().

The log is a JSON-lines file in the per-user data folder (default_gap_log_path()). Each
line is {"t": ISO time, "e": "search"|"copy", "q": scrubbed query, "n": result count}.
Before anything is written, digits, e-mail addresses and the call panel's names are
replaced, so no account number, phone number or customer name reaches the disk.

A gap is a search that returned nothing, or whose results were not followed by a copy
for the same query.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
from collections import Counter
from datetime import datetime
from pathlib import Path

from desktop.core import resources
from desktop.core.editing import atomic_write

MAX_QUERY_CHARS = 200
MAX_LOG_BYTES = 1_000_000  # when reached, the oldest half is dropped
EMAIL_MARK = "[email]"
NAME_MARK = "[name]"
DIGIT_MARK = "#"
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A run of digits, with the separators people type inside phone and account numbers.
_DIGITS_RE = re.compile(r"\d(?:[\d\s().+/-]*\d)?")
_SPACE_RE = re.compile(r"\s+")


def default_gap_log_path() -> Path:
    return resources.user_data_dir() / "search-gaps.jsonl"


def scrub(query: str, names: tuple[str, ...] = ()) -> str:
    """The query without e-mail addresses, digits and the given names (nor their parts)."""
    text = _EMAIL_RE.sub(EMAIL_MARK, query)
    for name in _name_variants(names):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", NAME_MARK, text, flags=re.IGNORECASE)
    # "Dela Cruz" matched part by part reads as one name, not two.
    text = re.sub(rf"{re.escape(NAME_MARK)}(?:\s+{re.escape(NAME_MARK)})+", NAME_MARK, text)
    text = _DIGITS_RE.sub(DIGIT_MARK, text)
    return _SPACE_RE.sub(" ", text).strip()[:MAX_QUERY_CHARS]


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
    def __init__(self, path: Path, enabled: bool, scrub_names: tuple[str, ...] = ()) -> None:
        self.path = path
        self.enabled = enabled
        self.scrub_names = scrub_names
        self._lock = threading.Lock()

    def record_search(self, query: str, result_count: int) -> None:
        """A search the agent paused on (the UI calls this once typing settles)."""
        self._append("search", query, max(0, int(result_count)))

    def record_copy(self, query: str) -> None:
        """The agent copied a phrase from the results of `query`: not a gap."""
        self._append("copy", query, None)

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

    def _append(self, event: str, query: str, count: int | None) -> None:
        if not self.enabled:
            return
        clean = scrub(query, self.scrub_names)
        if not clean.replace(DIGIT_MARK, "").replace(NAME_MARK, "").replace(
                EMAIL_MARK, "").strip():
            return  # nothing left that could teach a trainer anything
        record: dict[str, object] = {"t": datetime.now().isoformat(timespec="seconds"),
                                     "e": event, "q": clean}
        if count is not None:
            record["n"] = count
        line = json.dumps(record, ensure_ascii=False) + "\n"
        # The log is a nice-to-have: never disturb the agent over a disk problem.
        with self._lock, contextlib.suppress(OSError):
            self._write_line(line)

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
        atomic_write(self.path, "".join(lines[len(lines) // 2:]).encode("utf-8"))

    def _events(self) -> list[tuple[str, str, int]]:
        """(kind, query, result count) of every readable line, oldest first."""
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
        events: list[tuple[str, str, int]] = []
        for line in text.splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a torn last line after a crash
            if not isinstance(record, dict):
                continue
            kind, query, results = record.get("e"), record.get("q"), record.get("n", 0)
            if kind in ("search", "copy") and isinstance(query, str) and query.strip():
                events.append((str(kind), query, results if isinstance(results, int) else 0))
        return events
