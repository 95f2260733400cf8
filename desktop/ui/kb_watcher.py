"""Notices KB edits on disk: QFileSystemWatcher for local folders, polling for shares.

Network drives often send no change notifications, so a timer also compares a cheap
fingerprint (path, size, mtime of every KB file) every few seconds. The fingerprint is
taken on a worker thread; a slow share must not freeze the window. `changed` fires once
per settled burst of edits; `availabilityChanged` when the folder goes away or returns.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from desktop.core.kb import KbMissingError, scan_files
from desktop.ui.tasks import BackgroundRunner, IsCancelled, Progress

POLL_MS = 3000
SETTLE_MS = 400
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
        self._base_poll_ms = poll_ms
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self._on_poll_timeout)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(settle_ms)
        self._settle.timeout.connect(self._on_settle_timeout)
        self._known: KbFingerprint | None = None
        self._scanning = False
        self._scan_started = 0.0
        self._rescan = False
        self._available = True

    @property
    def root(self) -> Path:
        return self._root

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
        if self._scanning:
            self._rescan = True
            return
        self._scanning = True
        self._scan_started = time.monotonic()
        root = self._root

        def work(progress: Progress, is_cancelled: IsCancelled) -> KbFingerprint:
            return take_fingerprint(root)

        task = self._runner.submit(work, "kb-fingerprint")
        task.succeeded.connect(self._on_scanned)
        task.finished.connect(self._on_scan_finished)

    def _on_scanned(self, fingerprint: object) -> None:
        assert isinstance(fingerprint, KbFingerprint)
        seconds = time.monotonic() - self._scan_started
        self._adapt_poll_interval(seconds)
        previous, self._known = self._known, fingerprint
        if seconds < SLOW_SCAN_S:
            self._update_watches(fingerprint)
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
        interval = max(self._base_poll_ms, int(seconds * 1000 * 20))
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
        if fresh:
            self._fs.addPaths(fresh)

    # --- events --------------------------------------------------------------------------

    def _on_path_changed(self, path: str) -> None:
        self._settle.start()  # editors save in bursts (temp file, rename, chmod)

    def _on_settle_timeout(self) -> None:
        self._scan()

    def _on_poll_timeout(self) -> None:
        self._scan()
