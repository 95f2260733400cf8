"""A cache folder only its user can touch: checked ownership, safe temp files, sane reads."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
import sys
import tempfile
from pathlib import Path

from desktop.core import atomicfile, kbfs

# Control files (``current``, manifests) are small; anything bigger was not written by us.
MAX_CONTROL_BYTES = 64 * 1024 * 1024
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO planted as a control file must not hang us
_BINARY = getattr(os, "O_BINARY", 0)


class UnsafeCacheError(OSError):
    """The cache folder belongs to someone else or others can write it."""


def user_key() -> str:
    """Who runs Kalma, for cache keys: the uid on POSIX, the login name elsewhere."""
    if hasattr(os, "getuid"):
        return str(os.getuid())
    return os.environ.get("USERNAME") or os.environ.get("USER") or "user"


def unsafe_reason(folder: Path) -> str:
    """Why ``folder`` must not hold our cache ("" when it is ours and private enough)."""
    try:
        info = os.lstat(folder)
    except OSError as exc:
        return f"cannot check it ({exc.strerror or exc})"
    if stat.S_ISLNK(info.st_mode):
        return "it is a symbolic link"
    if not stat.S_ISDIR(info.st_mode):
        return "it is not a folder"
    if sys.platform == "win32":
        return ""  # ACLs, not mode bits; the per-user profile folder is private already
    if info.st_uid != os.getuid():
        return f"it belongs to another account (uid {info.st_uid})"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "other accounts can write to it"
    return ""


def make_private_dirs(folder: Path, below: Path) -> None:
    """Create ``folder`` (and its parents up to ``below``) as 0700; check each is ours.

    Raises UnsafeCacheError for a folder someone else owns or can write, OSError when the
    folder cannot be created.
    """
    below.mkdir(parents=True, exist_ok=True)
    relative = folder.relative_to(below)
    current = below
    for part in relative.parts:
        current = current / part
        with contextlib.suppress(FileExistsError):
            os.mkdir(current, 0o700)
        reason = unsafe_reason(current)
        if reason:
            raise UnsafeCacheError(f"refusing the index cache {current}: {reason}")


def private_fallback(name: str) -> Path:
    """A per-user folder under the system temp dir, the same on every run (not leaked per
    run); a fresh mkdtemp folder if that one is not safely ours."""
    base = Path(tempfile.gettempdir()) / f"kalma-index-{user_key()}"
    folder = base / name
    try:
        make_private_dirs(folder, base.parent)
        probe_write(folder)
        return folder
    except OSError:
        fresh = Path(tempfile.mkdtemp(prefix="kalma-index-")) / name
        fresh.mkdir(mode=0o700)
        return fresh


def probe_write(folder: Path) -> None:
    """Really write a few bytes (a 0-byte file succeeds on a full disk)."""
    path = folder / f".probe-{secrets.token_hex(8)}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, 0o600)
    try:
        os.write(fd, b"\0" * 4096)
        os.fsync(fd)
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)


def write_file(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace a cache file atomically (desktop.core.atomicfile), private to its user.
    ``durable=False`` skips the fsync: for files that are checked on every read and
    rebuilt when torn."""
    atomicfile.write(path, data, mode=atomicfile.PRIVATE_MODE, durable=durable,
                     sync_folder=False)


def read_file(path: Path, max_bytes: int = MAX_CONTROL_BYTES) -> bytes | None:
    """The bytes of a regular file of sane size; None for anything else (missing, a link,
    a FIFO, a device, a folder, too big): the KB's reader, never through a link."""
    try:
        return kbfs.read_regular(path, max_bytes, follow_links=False)
    except OSError:
        return None


def ensure_lock_file(path: Path) -> None:
    """A ``lock`` that is not a regular file (a folder, a link, a FIFO) is removed so a
    fresh one can be made."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISREG(info.st_mode):
        return
    if stat.S_ISDIR(info.st_mode):
        shutil.rmtree(path)
    else:
        os.unlink(path)


def open_lock_file(path: Path) -> int:
    ensure_lock_file(path)
    return os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _NONBLOCK | _BINARY, 0o600)


def remove_stale_temp_files(folder: Path) -> None:
    """Temp files of our own writes that a killed process left behind."""
    with contextlib.suppress(OSError), os.scandir(folder) as listing:
        for entry in listing:
            if entry.name.startswith(".") and entry.name.endswith(".tmp") \
                    and not entry.is_dir(follow_symlinks=False):  # files and planted links
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def cache_warning(folder: Path, root: Path) -> str:
    """Why Kalma would refuse the index folder ``folder`` under the cache ``root`` ("" when
    it is fine or not made yet): the line `kalma doctor` shows."""
    current = folder
    while current != root and root in current.parents:
        if os.path.lexists(current):
            reason = unsafe_reason(current)
            if reason:
                return (f"{current}: {reason}; Kalma uses a private temporary index instead "
                        "(make the folder yours and not writable by others)")
        current = current.parent
    return ""
