"""The one way the UI runs slow work: a plain function on a worker thread, results by signal.

Anki-style: the work is an ordinary (Qt-free) function `fn(progress, is_cancelled)`; the
runner calls it on a QThreadPool thread and reports back through queued signals, so every
listener runs on the GUI thread and only the GUI thread touches widgets. No QThread
subclasses, no processEvents loops.

    runner.submit(lambda progress, is_cancelled: engine.search(text, filters),
                  succeeded=self._on_results)
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot

from desktop.core.kb import Cancelled

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]
Work = Callable[[Progress, IsCancelled], Any]

log = logging.getLogger(__name__)
# Runners whose workers outlived shutdown(), kept alive until the process ends.
_still_running: set[BackgroundRunner] = set()

# Progress is forwarded at most this often; a 10,000-file index would otherwise queue
# 10,000 events on the GUI thread.
PROGRESS_INTERVAL_S = 0.05


class Task(QObject):
    """One piece of background work. Its public signals are always emitted on the GUI thread."""

    progressed = Signal(int, int)  # done, total
    succeeded = Signal(object)  # the function's return value
    failed = Signal(object)  # the exception it raised
    cancelled = Signal()
    finished = Signal()  # after succeeded / failed / cancelled

    # Emitted on the worker; queued to the slots below, which re-emit on the GUI thread.
    _worker_progress = Signal(int, int)
    _worker_done = Signal(str, object)

    def __init__(self, name: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._cancel = threading.Event()
        self._done = False
        self._last_progress = 0.0
        self._worker_progress.connect(self._on_worker_progress, Qt.ConnectionType.QueuedConnection)
        self._worker_done.connect(self._on_worker_done, Qt.ConnectionType.QueuedConnection)

    # --- any thread ----------------------------------------------------------------------

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def done(self) -> bool:
        return self._done

    # --- worker thread -------------------------------------------------------------------

    def _run(self, work: Work) -> None:
        if self.is_cancelled():
            self._worker_done.emit("cancelled", None)
            return
        try:
            result = work(self._report_progress, self.is_cancelled)
        except Cancelled:
            self._worker_done.emit("cancelled", None)
        except Exception as exc:  # handed to the GUI thread, which decides what to show
            self._worker_done.emit("failed", exc)
        else:
            outcome = "cancelled" if self.is_cancelled() else "succeeded"
            self._worker_done.emit(outcome, result)

    def _report_progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last_progress < PROGRESS_INTERVAL_S:
            return
        self._last_progress = now
        self._worker_progress.emit(done, total)

    # --- GUI thread ----------------------------------------------------------------------

    @Slot(int, int)
    def _on_worker_progress(self, done: int, total: int) -> None:
        if not self._done:
            self.progressed.emit(done, total)

    @Slot(str, object)
    def _on_worker_done(self, outcome: str, value: object) -> None:
        self._done = True
        if outcome == "succeeded":
            self.succeeded.emit(value)
        elif outcome == "failed":
            self.failed.emit(value)
        else:
            self.cancelled.emit()
        self.finished.emit()


class BackgroundRunner(QObject):
    """Owns a small thread pool and the tasks in flight; `shutdown()` before the app quits."""

    def __init__(self, max_threads: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._tasks: set[Task] = set()

    def submit(self, work: Work, name: str = "", *,
               succeeded: Callable[[Any], None] | None = None,
               failed: Callable[[Any], None] | None = None,
               finished: Callable[[], None] | None = None,
               progressed: Callable[[int, int], None] | None = None) -> Task:
        """Queue `work(progress, is_cancelled)`. Slots given here are connected before the
        work starts: connecting afterwards would wait for the interpreter lock the worker
        has just taken (up to 5 ms of the GUI thread's time per connection)."""
        task = Task(name, self)
        self._tasks.add(task)
        for signal, slot in ((task.succeeded, succeeded), (task.failed, failed),
                             (task.progressed, progressed), (task.finished, finished)):
            if slot is not None:
                signal.connect(slot)
        # A bound slot, not a lambda: a closure over `self` would keep the runner alive
        # past QApplication (a reference cycle through the C++ connection).
        task.finished.connect(self._on_task_finished)
        self._pool.start(partial(task._run, work))
        return task

    def active(self) -> list[Task]:
        return [task for task in self._tasks if not task.done]

    def cancel_all(self) -> None:
        for task in self._tasks:
            task.cancel()

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until the workers are idle (tests and shutdown only; never while typing)."""
        return bool(self._pool.waitForDone(timeout_ms))

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Cancel every task and wait for the workers; False (and a log line) when one is
        still running. Such a runner is kept alive for the rest of the process, so a late
        result lands on a live object instead of a deleted one."""
        self.cancel_all()
        if self.wait(timeout_ms):
            return True
        names = ", ".join(sorted(task.name or "?" for task in self.active()))
        log.warning("background work still running at shutdown after %d ms: %s",
                    timeout_ms, names)
        _still_running.add(self)
        return False

    @Slot()
    def _on_task_finished(self) -> None:
        task = self.sender()
        if isinstance(task, Task):
            self._tasks.discard(task)
            task.deleteLater()

