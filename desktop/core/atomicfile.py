"""Atomic file writes: an exclusive hidden temp file beside the target, then one rename.

The temp file is ".<name>.<16 random hex>.tmp" in the target's folder (a rename, never a
copy; the leading dot keeps the KB scanner and editors' file lists from showing it). It is
created with O_CREAT | O_EXCL | O_NOFOLLOW, so a file or link planted under a guessed name
is never written through, and it starts private (0600) until its final mode is set. A
failure at any step leaves the old file as it was and removes the temp file.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path

PRIVATE_MODE = 0o600  # caches, logs: only their user reads them
SHARED_MODE = 0o644  # KB files and handbooks are shared (the usual 0666 minus umask)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY
_TEMP_ATTEMPTS = 8
# Our names (16 hex) and those of older saves made with tempfile.mkstemp (8 characters).
_TEMP_NAME_RE = re.compile(r"^\..+\.(?:[0-9a-f]{16}|[A-Za-z0-9_]{8})\.tmp$")


def write(path: Path, data: bytes, *, mode: int | None = None, durable: bool = True,
          sync_folder: bool = True) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file.

    ``mode`` None keeps the replaced file's mode (SHARED_MODE for a new file).
    ``durable=False`` skips the fsyncs: for files checked on every read and rebuilt when
    torn. ``sync_folder`` also fsyncs the folder, so the rename itself survives a crash.
    """
    final_mode = _mode_of(path) if mode is None else mode
    fd, temporary = _open_temp(path)
    try:
        _fill(fd, temporary, data, final_mode, durable)
        os.replace(temporary, path)
    except BaseException:
        _remove_quietly(temporary)
        raise
    if durable and sync_folder:
        fsync_folder(path.parent)


def create(path: Path, data: bytes, *, mode: int = SHARED_MODE) -> None:
    """Write a new file completely, failing with FileExistsError instead of overwriting."""
    if os.path.lexists(path):
        raise FileExistsError(path)
    fd, temporary = _open_temp(path)
    try:
        _fill(fd, temporary, data, mode, durable=True)
        _link_no_replace(temporary, path, data, mode)
    finally:
        _remove_quietly(temporary)
    fsync_folder(path.parent)


@contextlib.contextmanager
def replacing(path: Path, *, mode: int | None = None, durable: bool = True,
              sync_folder: bool = True) -> Iterator[Path]:
    """The temp file to fill by name (for writers such as QPdfWriter that open the file
    themselves); when the block ends without an error it replaces ``path``."""
    final_mode = _mode_of(path) if mode is None else mode
    fd, temporary = _open_temp(path)
    os.close(fd)
    try:
        yield temporary
        fd = os.open(temporary, os.O_WRONLY | _NOFOLLOW | _BINARY)  # Windows fsyncs writers only
        try:
            _set_mode(fd, temporary, final_mode)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except BaseException:
        _remove_quietly(temporary)
        raise
    if durable and sync_folder:
        fsync_folder(path.parent)


def is_temp_name(name: str) -> bool:
    """True for the name of one of our temp files (a killed write may leave one)."""
    return _TEMP_NAME_RE.match(name) is not None


def temp_name(path: Path) -> Path:
    """A fresh, unpredictable temp path beside ``path``."""
    return path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no folder handles for it)."""
    if sys.platform.startswith("win"):
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _open_temp(path: Path) -> tuple[int, Path]:
    """Create the temp file exclusively (never through a planted file or link); its fd."""
    for attempt in range(_TEMP_ATTEMPTS):
        temporary = temp_name(path)
        try:
            return os.open(temporary, _TEMP_FLAGS, PRIVATE_MODE), temporary
        except FileExistsError:
            if attempt == _TEMP_ATTEMPTS - 1:
                raise
    raise FileExistsError(path)  # pragma: no cover - the loop returns or raises


def _fill(fd: int, temporary: Path, data: bytes, mode: int, durable: bool) -> None:
    """Write ``data`` through the descriptor that created the temp file, set its mode."""
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        _set_mode(handle.fileno(), temporary, mode)
        if durable:
            os.fsync(handle.fileno())


def _set_mode(fd: int, temporary: Path, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)  # the open file itself: no path to swap under us
    else:  # pragma: no cover - Windows
        os.chmod(temporary, mode)


def _mode_of(path: Path) -> int:
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        return SHARED_MODE


def _link_no_replace(temporary: Path, path: Path, data: bytes, mode: int) -> None:
    try:
        os.link(temporary, path)  # atomic, and refuses an existing target
    except FileExistsError:
        raise
    except OSError:
        # Some shares cannot hard-link; an exclusive create is the next best thing.
        _fill(os.open(path, _TEMP_FLAGS, mode), path, data, mode, durable=True)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
