"""An index update: which files it re-reads (all, or only those whose stat moved) and what
it reports back (UpdateResult)."""

from __future__ import annotations

import itertools
import operator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.documents import ParsedFile, parse_file
from desktop.core.kb import Cancelled, FileProblem, IsCancelled, Progress
from desktop.core.kbfs import ScannedFile
from desktop.core.manifest import Plan, plan_files
from desktop.core.taxonomy import Taxonomy


@dataclass
class UpdateResult:
    root: Path
    generation: Path  # the live index folder
    files: dict[str, ParsedFile]
    taxonomy: Taxonomy
    glossary: list[tuple[str, ...]]
    problems: list[FileProblem]
    added: int = 0
    updated: int = 0
    removed: int = 0
    rebuilt: bool = False
    changed: bool = False  # the index on disk differs from the one the caller knew
    # The update started from the index this store last saw (no other process wrote in
    # between), so changed_keys and removed_keys are the whole difference.
    continued: bool = False
    changed_keys: set[str] = field(default_factory=set)
    removed_keys: set[str] = field(default_factory=set)


@dataclass
class Continuation:
    """What the last update left, so that the next one plans only the files whose stat
    moved: a one-card edit on a 10,000-card KB must not walk 10,000 manifest entries."""

    generation: Path
    key: tuple[tuple[str, int, int], tuple[str, int, int]]  # the manifest then (_Memo.key)
    files: dict[str, ParsedFile]  # as returned: the caller passes it back as ``known``
    scanned: list[ScannedFile]  # the scan it planned against
    # Where in ``scanned`` the files are that a plan must look at even with the same stat
    # (not in the manifest with that stat, or inside its racy window); a plan passes over
    # every other file as long as its stat stays the same.
    unsettled: list[int]

    def moved(self, files: list[ScannedFile]) -> list[int] | None:
        """Positions of the files to plan now: those whose stat (or path) moved since
        ``scanned``, and the unsettled; None when files came or went (then all are)."""
        if len(files) != len(self.scanned):
            return None
        # Pairwise, in C: a one-card edit on 10,000 files costs no set or dict of them.
        moved = set(itertools.compress(range(len(files)),
                                       map(operator.ne, files, self.scanned)))
        moved.update(self.unsettled)
        return sorted(moved)


def parse_all(files: list[ScannedFile], plan: Plan, known: dict[str, ParsedFile],
               progress: Progress | None, is_cancelled: IsCancelled | None
               ) -> dict[str, ParsedFile]:
    parsed: dict[str, ParsedFile] = {}
    total = len(files)
    for done, file in enumerate(files, start=1):
        if is_cancelled and is_cancelled():
            raise Cancelled()
        previous = known.get(file.relative)
        if previous and previous.same_stat(file) and file.relative not in plan.to_index:
            parsed[file.relative] = previous
        else:
            parsed[file.relative] = parse_file(file)
        if progress and (done == total or done % 50 == 0):
            progress(done, total)
    return parsed

def parse_moved(files: list[ScannedFile], moved: list[ScannedFile], plan: Plan,
                 known: dict[str, ParsedFile], progress: Progress | None,
                 is_cancelled: IsCancelled | None) -> dict[str, ParsedFile]:
    """``parse_all`` when only ``moved`` files can differ from ``known``."""
    parsed = dict(known)
    for relative in plan.removed:
        parsed.pop(relative, None)
    for file in moved:
        if is_cancelled and is_cancelled():
            raise Cancelled()
        previous = known.get(file.relative)
        if not (previous and previous.same_stat(file)) or file.relative in plan.to_index:
            parsed[file.relative] = parse_file(file)
    if progress:
        progress(len(files), len(files))
    return parsed


def plan_moved(files: list[ScannedFile], moved: list[ScannedFile],
                known: dict[str, ParsedFile], manifest: dict[str, Any]) -> Plan:
    """``plan_update`` when every file outside ``moved`` is settled (in the manifest with
    the same stat): only ``moved`` is planned, and removals are looked for only when the
    count of files the manifest knows does not add up."""
    plan = Plan()
    plan_files(plan, moved, known, manifest)
    recorded: dict[str, Any] = manifest["files"]
    present = len(files) - len(moved) + sum(1 for f in moved if f.relative in recorded)
    if present != len(recorded):
        plan.removed = set(recorded) - {f.relative for f in files}
    return plan
