"""Notices KB edits on disk: file-system watches where they work, cheap polling elsewhere.

Local folders get QFileSystemWatcher watches (inotify, ReadDirectoryChangesW) and no
per-file polling at all. Network shares often send no change notifications, so there
Kalma polls, cheaply: every interval (the `kb_poll_interval_s` setting plus a stable
per-seat jitter, so 800 seats do not poll in step) it stats only the folders (a digest
of their mtimes, which change when a card is added, removed or saved by rename, as
Kalma's editor saves); every FULL_SCAN_EVERY polls it also takes the full size/mtime
fingerprint, which catches edits made in place. Watched folders also get the folder
digest at the interval, as a safety net for watches that silently stop.
All scans run on a worker thread; a slow share must not freeze the window. `changed`
fires once per settled burst of edits; `availabilityChanged` when the folder goes away
or returns. docs/IT.md has the measured file-system calls per seat.
"""

from __future__ import annotations

import getpass
import hashlib
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from desktop.core import kbfs
from desktop.core.kb import KbMissingError, scan_files
from desktop.core.kb_location import is_network_path
from desktop.ui.tasks import BackgroundRunner, IsCancelled, Progress

POLL_MS = 30_000
SETTLE_MS = 400
JITTER = 0.2  # up to +20 % of the interval, fixed per seat
FULL_SCAN_EVERY = 10  # polls between full fingerprints when polling is all there is
# inotify watches are a shared, limited resource; beyond this many files rely on polling.
MAX_WATCHED_FILES = 2000
# A scan this slow means a network share: poll only (adding watches there can hang).
SLOW_SCAN_S = 0.5
_META_NAMES = ("taxonomy.md", "glossary.md")


@dataclass(frozen=True)
class KbFingerprint:
    entries: tuple[tuple[str, int, int], ...]  # relative path, mtime_ns, size
    folders: tuple[str, ...]
    files: tuple[str, ...]
    missing: str = ""  # why the folder cannot be read; "" when it can

    def same_content(self, other: KbFingerprint | None) -> bool:
        return other is not None and self.entries == other.entries and \
            self.missing == other.missing


def take_fingerprint(root: Path) -> KbFingerprint:
    """Stat every KB file (Qt-free; runs on a worker)."""
    try:
        files = scan_files(root)
    except KbMissingError as exc:
        return KbFingerprint((), (), (), str(exc) or "missing")
    entries = [(f.relative, f.mtime_ns, f.size) for f in files]
    paths = [str(f.path) for f in files]
    for name in _META_NAMES:
        meta = root / name
        try:
            stat = meta.stat()
        except OSError:
            continue
        entries.append((name, stat.st_mtime_ns, stat.st_size))
        paths.append(str(meta))
    folders = sorted({str(f.path.parent) for f in files} | {str(root)})
    return KbFingerprint(tuple(sorted(entries)), tuple(folders), tuple(paths))


def take_folder_digest(root: Path) -> tuple[tuple[str, int], ...] | str:
    """(folder, mtime_ns) for the root and every folder below it: one stat and one
    listing per folder, none per file. A string says why the root cannot be read."""
    return kbfs.folder_times(root)


def seat_jitter_ms(interval_ms: int, seat: str | None = None) -> int:
    """A stable 0..JITTER share of the interval for this seat (host + user)."""
    if seat is None:
        try:
            seat = f"{socket.gethostname()}/{getpass.getuser()}"
        except (OSError, KeyError):
            seat = socket.gethostname()
    fraction = int(hashlib.sha256(seat.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return int(interval_ms * JITTER * fraction)


class KbWatcher(QObject):
    changed = Signal()
    availabilityChanged = Signal(bool, str)  # reachable, message when not

    def __init__(self, root: Path, poll_ms: int = POLL_MS, settle_ms: int = SETTLE_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = Path(root)
        self._runner = BackgroundRunner(1, self)
        self._fs = QFileSystemWatcher(self)
        self._fs.directoryChanged.connect(self._on_path_changed)
        self._fs.fileChanged.connect(self._on_path_changed)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms + seat_jitter_ms(poll_ms))
        self._poll.timeout.connect(self._on_poll_timeout)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(settle_ms)
        self._settle.timeout.connect(self._on_settle_timeout)
        self._known: KbFingerprint | None = None
        self._digest: object = None
        self._scanning = False
        self._scan_started = 0.0
        self._rescan = False
        self._available = True
        self._watching = False  # file watches in place: no full polls needed
        self._polls = 0
        self._network = is_network_path(self._root)

    @property
    def root(self) -> Path:
        return self._root

    @property
    def watching(self) -> bool:
        return self._watching

    def start(self, baseline: bool = True) -> None:
        """Begin watching; the first scan is the baseline (no `changed` for it)."""
        self._poll.start()
        if baseline:
            self._scan()

    def stop(self) -> None:
        self._poll.stop()
        self._settle.stop()
        paths = self._fs.files() + self._fs.directories()
        if paths:
            self._fs.removePaths(paths)
        self._runner.shutdown()

    def check_now(self) -> None:
        self._scan()

    def is_available(self) -> bool:
        return self._available

    # --- scanning ------------------------------------------------------------------------

    def _scan(self) -> None:
        """The full fingerprint (every file's size and mtime)."""
        if self._scanning:
            self._rescan = True
            return
        self._scanning = True
        self._scan_started = time.monotonic()
        root = self._root

        def work(progress: Progress, is_cancelled: IsCancelled) -> KbFingerprint:
            return take_fingerprint(root)

        self._runner.submit(work, "kb-fingerprint", succeeded=self._on_scanned,
                            finished=self._on_scan_finished)

    def _check_folders(self) -> None:
        """The cheap poll: folder mtimes only; a difference triggers a full scan."""
        if self._scanning:
            return
        self._scanning = True
        root = self._root

        def work(progress: Progress, is_cancelled: IsCancelled) -> object:
            return take_folder_digest(root)

        self._runner.submit(work, "kb-folder-digest", succeeded=self._on_folders_checked,
                            finished=self._on_scan_finished)

    def _on_folders_checked(self, digest: object) -> None:
        if digest != self._digest:
            self._digest = digest
            self._rescan = True  # run by _on_scan_finished, right after this task

    def _on_scanned(self, fingerprint: object) -> None:
        assert isinstance(fingerprint, KbFingerprint)
        seconds = time.monotonic() - self._scan_started
        self._adapt_poll_interval(seconds)
        previous, self._known = self._known, fingerprint
        self._digest = None if fingerprint.missing else self._digest
        if seconds < SLOW_SCAN_S and not self._network:
            self._update_watches(fingerprint)
        elif self._watching:
            self._drop_watches()
        available = not fingerprint.missing
        if available != self._available:
            self._available = available
            self.availabilityChanged.emit(available, fingerprint.missing)
        if previous is not None and not fingerprint.same_content(previous) and available:
            self.changed.emit()

    def _on_scan_finished(self) -> None:
        self._scanning = False
        if self._rescan:
            self._rescan = False
            self._scan()

    def _adapt_poll_interval(self, seconds: float) -> None:
        # A slow share gets polled less often: at most ~5% of the time spent scanning.
        interval = max(self._poll.interval(), int(seconds * 1000 * 20))
        if interval != self._poll.interval():
            self._poll.setInterval(interval)

    def _update_watches(self, fingerprint: KbFingerprint) -> None:
        wanted = set(fingerprint.folders)
        if len(fingerprint.files) <= MAX_WATCHED_FILES:
            wanted.update(fingerprint.files)
        current = set(self._fs.files()) | set(self._fs.directories())
        stale = sorted(current - wanted)
        fresh = sorted(wanted - current)
        if stale:
            self._fs.removePaths(stale)
        failed = self._fs.addPaths(fresh) if fresh else []
        # Without a watch on every file, in-place edits need the full poll.
        self._watching = not failed and len(fingerprint.files) <= MAX_WATCHED_FILES \
            and not fingerprint.missing

    def _drop_watches(self) -> None:
        paths = self._fs.files() + self._fs.directories()
        if paths:
            self._fs.removePaths(paths)
        self._watching = False

    # --- events --------------------------------------------------------------------------

    def _on_path_changed(self, path: str) -> None:
        self._settle.start()  # editors save in bursts (temp file, rename, chmod)

    def _on_settle_timeout(self) -> None:
        self._scan()

    def _on_poll_timeout(self) -> None:
        self._polls += 1
        if self._known is None or self._known.missing or (
                not self._watching and self._polls % FULL_SCAN_EVERY == 0):
            self._scan()
        else:
            self._check_folders()
