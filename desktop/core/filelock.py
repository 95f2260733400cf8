"""One OS-level lock (fcntl on POSIX, msvcrt on Windows) that dies with its process."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from desktop.core import cachedir

LOCK_TIMEOUT_S = 60.0


@contextlib.contextmanager
def file_lock(path: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[bool]:
    """Hold an OS lock on ``path``; yields False if it could not be had within ``timeout``.

    OS locks die with their process, so a crashed indexer never leaves a stale lock.
    """
    fd = cachedir.open_lock_file(path)
    locked = False
    try:
        deadline = time.monotonic() + timeout
        while True:
            locked = _try_lock(fd)
            if locked or time.monotonic() >= deadline:
                break
            time.sleep(0.05)
        yield locked
    finally:
        if locked:
            _unlock(fd)
        os.close(fd)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
