"""Search-gap log (STUB: the trainer issue replaces the body; keep the signatures).

Opt-in and local only. The agent UI calls record_search() after results are shown and
record_copy() when a phrase is copied; the trainer view reads top_gaps().
"""

from __future__ import annotations

from pathlib import Path


class GapLog:
    def __init__(self, path: Path, enabled: bool, scrub_names: tuple[str, ...] = ()) -> None:
        self.path = path
        self.enabled = enabled
        self.scrub_names = scrub_names

    def record_search(self, query: str, result_count: int) -> None:
        """A search the agent paused on (the UI calls this once typing settles)."""

    def record_copy(self, query: str) -> None:
        """The agent copied a phrase from the results of `query`: not a gap."""

    def top_gaps(self, limit: int = 20) -> list[tuple[str, int]]:
        return []

    def clear(self) -> None:
        """Delete the log file."""
