"""Three-way merge of a card's lines: the version loaded (base), mine and theirs (disk).

Edits to different lines merge on their own; edits that touch the same lines become a
Conflict the trainer settles line by line (mine, theirs, or both).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class _Hunk:
    start: int  # base line range [start, end) replaced by `lines`
    end: int
    lines: tuple[str, ...]
    side: str  # "mine" | "theirs"


@dataclass(frozen=True)
class Conflict:
    base: tuple[str, ...]
    mine: tuple[str, ...]
    theirs: tuple[str, ...]
    line: int  # 1-based line in the base where the conflict starts


Chunk = tuple[str, ...] | Conflict


@dataclass(frozen=True)
class MergeResult:
    chunks: tuple[Chunk, ...]

    @property
    def conflicts(self) -> list[Conflict]:
        return [chunk for chunk in self.chunks if isinstance(chunk, Conflict)]

    @property
    def clean(self) -> bool:
        return not self.conflicts

    def text(self, choices: dict[int, str] | None = None) -> str:
        """The merged text; conflict n takes choices[n] ("mine", "theirs" or "both";
        "mine" when not given)."""
        choices = choices or {}
        out: list[str] = []
        number = 0
        for chunk in self.chunks:
            if isinstance(chunk, Conflict):
                choice = choices.get(number, "mine")
                if choice in ("mine", "both"):
                    out.extend(chunk.mine)
                if choice in ("theirs", "both"):
                    out.extend(chunk.theirs)
                number += 1
            else:
                out.extend(chunk)
        return "\n".join(out)


def merge3(base: str, mine: str, theirs: str) -> MergeResult:
    base_lines = base.split("\n")
    hunks = sorted(_hunks(base_lines, mine.split("\n"), "mine")
                   + _hunks(base_lines, theirs.split("\n"), "theirs"),
                   key=lambda h: (h.start, h.end))
    chunks: list[Chunk] = []
    position = 0
    for group in _overlapping_groups(hunks):
        start = min(h.start for h in group)
        end = max(h.end for h in group)
        if position < start:
            chunks.append(tuple(base_lines[position:start]))
        chunks.append(_resolve(base_lines, start, end, group))
        position = end
    if position < len(base_lines):
        chunks.append(tuple(base_lines[position:]))
    return MergeResult(tuple(chunks))


def _hunks(base: list[str], other: list[str], side: str) -> list[_Hunk]:
    matcher = difflib.SequenceMatcher(a=base, b=other, autojunk=False)
    return [_Hunk(i1, i2, tuple(other[j1:j2]), side)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _overlaps(a: _Hunk, b: _Hunk) -> bool:
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start <= a.start <= b.end
    if b.start == b.end:
        return a.start <= b.start <= a.end
    return a.start < b.end and b.start < a.end


def _overlapping_groups(hunks: list[_Hunk]) -> list[list[_Hunk]]:
    groups: list[list[_Hunk]] = []
    for hunk in hunks:
        if groups and any(_overlaps(hunk, other) for other in groups[-1]):
            groups[-1].append(hunk)
        else:
            groups.append([hunk])
    return groups


def _resolve(base: list[str], start: int, end: int, group: list[_Hunk]) -> Chunk:
    mine = _apply(base, start, end, [h for h in group if h.side == "mine"])
    theirs = _apply(base, start, end, [h for h in group if h.side == "theirs"])
    sides = {h.side for h in group}
    if sides == {"mine"} or mine == theirs:
        return mine
    if sides == {"theirs"}:
        return theirs
    return Conflict(tuple(base[start:end]), mine, theirs, start + 1)


def _apply(base: list[str], start: int, end: int, hunks: list[_Hunk]) -> tuple[str, ...]:
    out: list[str] = []
    position = start
    for hunk in sorted(hunks, key=lambda h: (h.start, h.end)):
        out.extend(base[position:hunk.start])
        out.extend(hunk.lines)
        position = hunk.end
    out.extend(base[position:end])
    return tuple(out)
