"""Tell the trainer window when KB files change: QFileSystemWatcher plus slow polling.

The watcher is instant on local disks; polling catches what it misses (network shares,
files replaced by editors and Git, folders created later). Bursts become one `changed`.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from desktop.core.cards import LANGS
from desktop.core.kb import KbMissingError, scan_files

POLL_MS = 3000
DEBOUNCE_MS = 300
META_FILES = ("taxonomy.md", "glossary.md")

Fingerprint = frozenset[tuple[str, int, int]]


class KbWatcher(QObject):
    changed = Signal()

    def __init__(self, kb_dir: Path, parent: QObject | None = None,
                 poll_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.kb_dir = kb_dir
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_path_changed)
        self._watcher.fileChanged.connect(self._on_path_changed)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self._on_poll_timeout)
        self._fingerprint = self.fingerprint()
        self._watch_paths()
        self._poll.start()

    def stop(self) -> None:
        self._poll.stop()
        self._debounce.stop()
        paths = self._watcher.files() + self._watcher.directories()
        if paths:
            self._watcher.removePaths(paths)

    def fingerprint(self) -> Fingerprint:
        """(relative path, mtime, size) of every KB file, plus taxonomy and glossary."""
        try:
            files = scan_files(self.kb_dir)
        except KbMissingError:
            return frozenset()
        marks = {(f.relative, f.mtime_ns, f.size) for f in files}
        for name in META_FILES:
            with contextlib.suppress(OSError):
                stat = (self.kb_dir / name).stat()
                marks.add((name, stat.st_mtime_ns, stat.st_size))
        return frozenset(marks)

    def _watch_paths(self) -> None:
        wanted = [self.kb_dir, *(self.kb_dir / lang for lang in LANGS),
                  *(self.kb_dir / name for name in META_FILES)]
        for lang in LANGS:
            folder = self.kb_dir / lang
            if folder.is_dir():
                wanted.extend(p for p in folder.iterdir() if p.suffix.lower() == ".md")
        current = set(self._watcher.files() + self._watcher.directories())
        missing = [str(p) for p in wanted if p.exists() and str(p) not in current]
        if missing:
            self._watcher.addPaths(missing)  # files replaced by a rename drop out; re-add

    @Slot(str)
    def _on_path_changed(self, path: str) -> None:
        self._debounce.start()

    @Slot()
    def _on_poll_timeout(self) -> None:
        # Never restart a running debounce: a fast poll would postpone it forever.
        if not self._debounce.isActive() and self.fingerprint() != self._fingerprint:
            self._debounce.start()

    @Slot()
    def _on_debounce_timeout(self) -> None:
        self._watch_paths()
        fingerprint = self.fingerprint()
        if fingerprint != self._fingerprint:  # temp files and probes alone change nothing
            self._fingerprint = fingerprint
            self.changed.emit()
