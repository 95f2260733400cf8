"""The KB file layer: one bounded folder scanner and one safe file reader for every caller."""

from __future__ import annotations

import errno
import operator
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from desktop.core import atomicfile

MAX_FILE_BYTES = 1_000_000
TEXT_SUFFIXES = (".md", ".txt")
# Files at the KB root that describe the KB instead of being content.
KB_META_FILES = frozenset({"readme.md", "taxonomy.md", "glossary.md", "policy.md"})
# Limits of the walk: a KB is a few folders deep and a few thousand files; anything far
# beyond that is a mistake (a link to /, a runaway copy) and must not hang the app.
MAX_DEPTH = 24
MAX_FILES = 200_000
# Where a KB can never be: kernel and device file systems.
FORBIDDEN_ROOTS = ("/proc", "/sys", "/dev")
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class KbFileError(Exception):
    """A KB file that cannot be used; names the file and the line."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


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


LINK_NOT_FOLLOWED = "a symbolic link; not followed"


def scan(root: Path, problems: list[FileProblem], *, follow_links: bool = True,
         meta_files: bool = False, max_bytes: int | None = None) -> list[ScannedFile]:
    """Every .md/.txt regular file under ``root`` (a resolved path), sorted by relative path.

    Iterative, at most MAX_DEPTH folders deep and MAX_FILES files. Dot entries are skipped,
    and so are the root's meta files unless ``meta_files``; a link is followed only when it
    stays inside the KB, or never with ``follow_links=False`` (then a link to a folder or a
    text file is reported as LINK_NOT_FOLLOWED); devices, FIFOs and sockets are never
    opened; files over ``max_bytes`` are reported and left out.
    """
    root_text = str(root)
    inside = root_text.rstrip(os.sep) + os.sep
    skip_at_root = frozenset() if meta_files else KB_META_FILES
    limit = _NO_LIMIT if max_bytes is None else max_bytes
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
                    if lower.endswith(TEXT_SUFFIXES) and (relative or lower not in skip_at_root):
                        info = entry.stat(follow_symlinks=False)
                        if info.st_size > limit:
                            problems.append(_too_big(entry.path, limit))
                            continue
                        append(new(ScannedFile, (relative + name, entry.path, info.st_mtime_ns,
                                                 info.st_size, info.st_ctime_ns)))
                    continue
                if entry.is_symlink():
                    if not follow_links:
                        _refuse_link(entry, problems)
                        continue
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
                if not lower.endswith(TEXT_SUFFIXES) or (not relative and lower in skip_at_root):
                    continue
                if kind == "other":
                    problems.append(FileProblem(Path(entry.path), 1, "error",
                                                "not a regular file (a device, FIFO or "
                                                "socket); skipped it"))
                    continue
                if info.st_size > limit:
                    problems.append(_too_big(entry.path, limit))
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


def _too_big(path: str, limit: int) -> FileProblem:
    return FileProblem(Path(path), 1, "error", f"larger than {limit // 1000} KB")


def _refuse_link(entry: os.DirEntry[str], problems: list[FileProblem]) -> None:
    """A link met while not following links: reported when it stands for a text file or a
    folder (is_dir follows it), other links are not KB content."""
    if entry.name.lower().endswith(TEXT_SUFFIXES) or entry.is_dir():
        problems.append(FileProblem(Path(entry.path), 1, "warning", LINK_NOT_FOLLOWED))


def folder_times(root: Path) -> tuple[tuple[str, int], ...] | str:
    """(folder, mtime_ns) of the root and every folder ``scan`` would enter without links,
    for a cheap change poll: one stat and one listing per folder, none per file. A string
    says why the root cannot be read."""
    found: list[tuple[str, int]] = []
    pending = [(str(root), 0)]
    while pending:
        folder, depth = pending.pop()
        try:
            found.append((folder, os.stat(folder).st_mtime_ns))
            with os.scandir(folder) as entries:
                if depth < MAX_DEPTH:
                    pending.extend((e.path, depth + 1) for e in entries
                                   if e.name[0] != "." and e.is_dir(follow_symlinks=False))
        except OSError as exc:
            if depth == 0:
                return exc.strerror or str(exc)
    return tuple(sorted(found))


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
_NO_LIMIT = 1 << 62
_RELATIVE = operator.itemgetter(0)


class FileTooBig(OSError):
    """A file over the reader's limit; ``size`` is None when it grew while being read."""

    def __init__(self, size: int | None, max_bytes: int) -> None:
        super().__init__(errno.EFBIG, f"larger than {max_bytes // 1000} KB")
        self.size = size
        self.max_bytes = max_bytes


class NotRegularFile(OSError):
    """A device, FIFO, socket or folder where a file was expected."""


def read_regular(path: Path, max_bytes: int = MAX_FILE_BYTES, *,
                 follow_links: bool = True) -> bytes:
    """The one KB file reader: the bytes of a regular file, never more than ``max_bytes``
    (FileTooBig), never a FIFO or device (NotRegularFile, without blocking on it), and
    with ``follow_links=False`` never through a symbolic link. Raises OSError."""
    flags = os.O_RDONLY | _NONBLOCK | _BINARY | (0 if follow_links else _NOFOLLOW)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(0, "not a regular file")
        if info.st_size > max_bytes:
            raise FileTooBig(info.st_size, max_bytes)
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > max_bytes:
                raise FileTooBig(None, max_bytes)
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """read_regular for the KB: KbFileError naming the file and saying what to do."""
    try:
        return read_regular(path, max_bytes)
    except NotRegularFile as exc:
        raise KbFileError(path, 1, "not a regular file (a device, FIFO or socket); "
                          "remove it from the KB") from exc
    except FileTooBig as exc:
        if exc.size is None:
            raise KbFileError(path, 1, f"file grew past {max_bytes // 1000} KB while "
                              "being read; split it") from exc
        raise KbFileError(path, 1, f"file is {exc.size // 1024} KB; split it into "
                          f"files under {max_bytes // 1000} KB") from exc
    except OSError as exc:
        raise KbFileError(path, 1, f"cannot read the file ({exc.strerror or exc})") from exc


def read_kb_text(path: Path) -> str:
    """Read a KB file as UTF-8 text (newlines made '\\n') or raise KbFileError saying why not."""
    return decode_kb_bytes(path, read_bytes(path))


def decode_kb_bytes(path: Path, raw: bytes) -> str:
    """The text of a KB file's bytes: UTF-8 (a BOM is dropped), not binary, not empty."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise KbFileError(path, 1, "file is UTF-16; save it as UTF-8")
    if b"\x00" in raw[:8192]:
        raise KbFileError(path, 1, "file looks binary (contains NUL bytes); remove it from the KB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise KbFileError(path, line, "text is not UTF-8; save the file as UTF-8") from exc
    if not text.strip():
        raise KbFileError(path, 1, "file is empty; add content or delete it")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Saves (atomicfile) write ".<name>.<random>.tmp" next to the file and rename it.
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
                elif (atomicfile.is_temp_name(entry.name) and entry.is_file(follow_symlinks=False)
                      and entry.stat(follow_symlinks=False).st_mtime < cutoff):
                    os.unlink(entry.path)
                    removed += 1
            except OSError:
                continue
    return removed
