"""Keeps Python's cyclic garbage collector off the typing path.

A full collection walks every live object: with a 10,000-card index in memory that is
30–150 ms, and it lands whenever allocations happen to cross the threshold — often in
the middle of typing. So what survives the index load and each search is frozen (a cheap
list splice: frozen objects are never walked), and the frozen heap is collected once,
when the agent has not typed for a while.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Signal

IDLE_COLLECT_MS = 20_000


class MemorySettler(QObject):
    """`settle()` after the KB is loaded; `after_results()` after each search is shown."""

    collected = Signal()

    def __init__(self, idle_ms: int = IDLE_COLLECT_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_ms)
        self._idle.timeout.connect(self._on_idle)

    def settle(self) -> None:
        """Collect now and freeze what is left (the loaded index): call it when nobody types."""
        gc.collect()
        gc.freeze()

    def after_results(self) -> None:
        gc.freeze()  # O(1): the next collection walks only what is allocated from now on
        self._idle.start()  # restarted by every search: runs once typing has stopped

    def _on_idle(self) -> None:
        gc.unfreeze()  # frozen garbage (rare cycles from searches) is freed here, once
        self.settle()
        self.collected.emit()
