"""Search scheduling for the window: debounce, one search in flight, the newest request wins."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.search import Engine
from desktop.core.session import SearchOutcome, SearchRequest, run_search
from desktop.ui.tasks import BackgroundRunner, IsCancelled, Progress, Task

DEBOUNCE_MS = 70


class SearchController(QObject):
    """Debounce, generation counter, one search in flight, latest request wins.

    The first keystroke after a pause searches at once (no debounce to wait out); keys
    typed in quick succession wait DEBOUNCE_MS for the typing to settle.
    """

    resultsReady = Signal(object)  # SearchOutcome of the newest request
    searchFailed = Signal(str)

    def __init__(self, debounce_ms: int = DEBOUNCE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = BackgroundRunner(1, self)
        self._engine: Engine | None = None
        self._debounce_s = debounce_ms / 1000
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._build_request: Callable[[int], SearchRequest] | None = None
        self._generation = 0
        self._pending: SearchRequest | None = None
        self._running: Task | None = None
        self._last_input = 0.0
        self.last_outcome: SearchOutcome | None = None

    @property
    def generation(self) -> int:
        return self._generation

    def set_engine(self, engine: Engine | None) -> None:
        self._engine = engine

    def set_request_builder(self, builder: Callable[[int], SearchRequest]) -> None:
        self._build_request = builder

    def busy(self) -> bool:
        return self._running is not None or self._timer.isActive() or self._pending is not None

    def schedule(self, typing: bool = True) -> None:
        """Something changed: search soon (typing) or on the next event-loop turn."""
        now = time.monotonic()
        settled = now - self._last_input >= self._debounce_s
        self._last_input = now
        quick = not typing or (settled and self._running is None)
        self._timer.start(0 if quick else int(self._debounce_s * 1000))

    def shutdown(self) -> None:
        self._timer.stop()
        self._runner.shutdown()

    def _on_timer_timeout(self) -> None:
        if self._build_request is None:
            return
        self._generation += 1
        self._pending = self._build_request(self._generation)
        if self._running is not None:
            self._running.cancel()  # its result would be dropped anyway
            return
        self._start_pending()

    def _start_pending(self) -> None:
        engine, request = self._engine, self._pending
        if engine is None or request is None:
            return  # waits for set_engine(), which calls resume()
        self._pending = None

        def work(progress: Progress, is_cancelled: IsCancelled) -> SearchOutcome:
            return run_search(engine, request, is_cancelled)

        self._running = self._runner.submit(work, "search",
                                            succeeded=self._on_search_succeeded,
                                            failed=self._on_search_failed,
                                            finished=self._on_search_finished)

    def resume(self) -> None:
        if self._running is None:
            self._start_pending()

    def _on_search_succeeded(self, outcome: object) -> None:
        assert isinstance(outcome, SearchOutcome)
        if outcome.request.generation == self._generation:
            self.last_outcome = outcome
            self.resultsReady.emit(outcome)

    def _on_search_failed(self, error: object) -> None:
        self.searchFailed.emit(str(error))

    def _on_search_finished(self) -> None:
        self._running = None
        self._start_pending()
