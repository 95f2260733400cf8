"""Where the KB actually is at start-up (STUB: the shared-KB mirror replaces the body).

resolve_kb_location(configured) returns the folder to load and a notice for the status
bar (for example "offline copy from 2026-11-23 09:15" when a network share is down).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class KbLocation:
    path: Path
    notice: str = ""
    read_only: bool = False


def resolve_kb_location(configured: Path) -> KbLocation:
    return KbLocation(path=configured)
