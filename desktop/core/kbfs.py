"""The KB file layer: one bounded folder scanner and one safe file reader for every caller."""

from __future__ import annotations

import operator
import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from desktop.core.cards import KB_META_FILES, MAX_FILE_BYTES, KbFileError

TEXT_SUFFIXES = (".md", ".txt")
# Limits of the walk: a KB is a few folders deep and a few thousand files; anything far
# beyond that is a mistake (a link to /, a runaway copy) and must not hang the app.
MAX_DEPTH = 24
MAX_FILES = 200_000
# Where a KB can never be: kernel and device file systems.
FORBIDDEN_ROOTS = ("/proc", "/sys", "/dev")
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)


class ScannedFile(NamedTuple):
    """A KB file as listed (plain strings: no Path object for each of 10,000 files)."""

    relative: str
    location: str  # absolute path
    mtime_ns: int
    size: int
    ctime_ns: int = 0  # moves on every write, even when mtime is set back (cp -p, touch -r)

    @property
    def path(self) -> Path:
        return Path(self.location)


@dataclass(frozen=True)
class FileProblem:
    """Something wrong with one KB file or folder, at a line."""

    path: Path
    line: int
    severity: str  # "error" | "warning"
    message: str


def is_forbidden_root(root: Path) -> bool:
    text = str(root)
    return any(text == f or text.startswith(f + "/") for f in FORBIDDEN_ROOTS)


def scan(root: Path, problems: list[FileProblem]) -> list[ScannedFile]:
    """Every .md/.txt regular file under ``root`` (a resolved path), sorted by relative path.

    Iterative, at most MAX_DEPTH folders deep and MAX_FILES files. Dot entries and the
    root's meta files are skipped; a link is followed only when it stays inside the KB;
    devices, FIFOs and sockets are never opened.
    """
    root_text = str(root)
    inside = root_text.rstrip(os.sep) + os.sep
    found: list[ScannedFile] = []
    seen: set[tuple[int, int] | str] = set()
    try:
        info = os.stat(root_text)
        seen.update(((info.st_dev, info.st_ino), _real_path(root_text)))
    except OSError as exc:
        problems.append(FileProblem(root, 1, "error", f"cannot read the folder ({exc})"))
        return found
    stack: list[tuple[str, str, int]] = [(root_text, "", 0)]
    append, new = found.append, tuple.__new__  # NamedTuple's own __new__ is a Python call
    while stack:
        folder, relative, depth = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            problems.append(FileProblem(Path(folder), 1, "error",
                                        f"cannot read the folder ({exc.strerror or exc})"))
            continue
        for entry in entries:  # a tight loop: it runs for every file on every update
            name = entry.name
            if name[0] == ".":
                continue
            try:
                # d_type answers is_file/is_dir/is_symlink without a system call.
                if entry.is_file(follow_symlinks=False):  # the common case first
                    lower = name.lower()
                    if lower.endswith(TEXT_SUFFIXES) and (relative or lower not in KB_META_FILES):
                        info = entry.stat(follow_symlinks=False)
                        append(new(ScannedFile, (relative + name, entry.path, info.st_mtime_ns,
                                                 info.st_size, info.st_ctime_ns)))
                    continue
                if entry.is_symlink():
                    child = _follow_link(entry, inside, problems)
                    if child is None:
                        continue
                    kind, info = child
                elif entry.is_dir(follow_symlinks=False):
                    kind, info = "dir", entry.stat(follow_symlinks=False)
                else:
                    kind, info = "other", _NO_STAT
                if kind == "dir":
                    key = _folder_key(entry.path, info)
                    if key in seen:
                        problems.append(FileProblem(Path(entry.path), 1, "warning",
                                                    "folder link loops back; skipped it"))
                    elif depth + 1 > MAX_DEPTH:
                        problems.append(FileProblem(Path(entry.path), 1, "error",
                                                    f"folders nested deeper than {MAX_DEPTH}; "
                                                    "skipped what is below"))
                    else:
                        seen.add(key)
                        stack.append((entry.path, relative + name + "/", depth + 1))
                    continue
                lower = name.lower()
                if not lower.endswith(TEXT_SUFFIXES) or (not relative and lower in KB_META_FILES):
                    continue
                if kind == "other":
                    problems.append(FileProblem(Path(entry.path), 1, "error",
                                                "not a regular file (a device, FIFO or "
                                                "socket); skipped it"))
                    continue
                append(new(ScannedFile, (relative + name, entry.path, info.st_mtime_ns,
                                         info.st_size, info.st_ctime_ns)))
            except OSError as exc:
                problems.append(FileProblem(Path(entry.path), 1, "error",
                                            f"cannot read ({exc.strerror or exc})"))
        if len(found) > MAX_FILES:
            problems.append(FileProblem(root, 1, "error", f"more than {MAX_FILES} files; only "
                                        f"the first {MAX_FILES} are used"))
            del found[MAX_FILES:]
            break
    found.sort(key=_RELATIVE)  # by relative path (unique): half the time of tuples
    return found


def _folder_key(path: str, info: os.stat_result) -> tuple[int, int] | str:
    """What identifies a folder for loop detection: its device and inode, or on Windows,
    where DirEntry.stat() leaves st_dev and st_ino at 0, its real path."""
    return (info.st_dev, info.st_ino) if info.st_ino else _real_path(path)


def _real_path(path: str) -> str:
    return os.path.normcase(os.path.realpath(path))


def _follow_link(entry: os.DirEntry[str], inside: str, problems: list[FileProblem]
                 ) -> tuple[str, os.stat_result] | None:
    """("dir" | "file" | "other", stat) of what a link points to, if it stays in the KB."""
    try:
        info = entry.stat()  # follows the link
    except FileNotFoundError:
        problems.append(FileProblem(Path(entry.path), 1, "error", "broken link; remove it"))
        return None
    target = os.path.realpath(entry.path)
    if not (target + os.sep).startswith(inside):
        problems.append(FileProblem(Path(entry.path), 1, "warning",
                                    "link points outside the KB folder; skipped it"))
        return None
    if stat.S_ISDIR(info.st_mode):
        return "dir", info
    return ("file" if stat.S_ISREG(info.st_mode) else "other"), info


_NO_STAT = os.stat_result((0,) * 10)
_RELATIVE = operator.itemgetter(0)


def read_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of one KB file, or KbFileError naming it: never follows a FIFO or device,
    never reads more than ``max_bytes``."""
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY)
    except OSError as exc:
        raise KbFileError(path, 1, f"cannot read the file ({exc.strerror or exc})") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise KbFileError(path, 1, "not a regular file (a device, FIFO or socket); "
                              "remove it from the KB")
        if info.st_size > max_bytes:
            raise KbFileError(path, 1, f"file is {info.st_size // 1024} KB; split it into "
                              f"files under {max_bytes // 1000} KB")
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > max_bytes:
                raise KbFileError(path, 1, f"file grew past {max_bytes // 1000} KB while "
                                  "being read; split it")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise KbFileError(path, 1, f"cannot read the file ({exc.strerror or exc})") from exc
    finally:
        os.close(fd)


# A save writes ".<name>.<8 random chars>.tmp" next to the file and renames it (editing.py).
_SAVE_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")
STALE_TEMP_S = 600  # a save takes milliseconds; older temp files are from a killed save


def remove_stale_save_temps(root: Path, now: float | None = None) -> int:
    """Delete temp files that killed saves left in the KB; returns how many went.

    Walks like ``scan`` (bounded, no links) and leaves young ones: a save may be running.
    """
    cutoff = (time.time() if now is None else now) - STALE_TEMP_S
    removed = 0
    stack: list[tuple[str, int]] = [(str(root), 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if depth < MAX_DEPTH and not entry.name.startswith("."):
                        stack.append((entry.path, depth + 1))
                elif (_SAVE_TEMP.match(entry.name) and entry.is_file(follow_symlinks=False)
                      and entry.stat(follow_symlinks=False).st_mtime < cutoff):
                    os.unlink(entry.path)
                    removed += 1
            except OSError:
                continue
    return removed
