"""Loading the knowledge base in the background, live reloads, the KB label and problems."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QMessageBox,
)

from desktop.core.kb import FileProblem
from desktop.core.kb_location import BUNDLED_NOTICE, OFFLINE_NOTICE, KbLocation
from desktop.core.search import Engine
from desktop.core.session import (
    IndexOutcome,
    KbUnavailable,
)
from desktop.ui.kb_watcher import KbWatcher
from desktop.ui.tasks import IsCancelled, Progress, Task
from desktop.ui.window_messages import fill

# Strings keep the "MainWindow" context they had before the window was split in parts.
translate = QCoreApplication.translate
log = logging.getLogger(__name__)
# After a quick start the KB check waits for the first results (they would share the CPU),
# but never longer than this.
CHECK_AFTER_MS = 400

if TYPE_CHECKING:
    from desktop.ui.window_base import WindowBase
else:
    WindowBase = object


class KbMixin(WindowBase):
    """Part of MainWindow (see desktop.ui.main_window)."""

    # --- start-up ------------------------------------------------------------------------

    def start(self) -> None:
        """Call after show(): find the KB and load the index in the background."""
        self._set_results_message(translate("MainWindow", "Loading the knowledge base…"))
        self._start_indexing()

    def _start_indexing(self) -> None:
        self._cancel_warm_up()
        if self._index_task is not None:
            self._reindex_again = True
            return
        session = self.session  # the same object the CLI uses (desktop.core.session)
        quick = not self._index_ready  # first answers from the saved index, then the check

        def work(progress: Progress, is_cancelled: IsCancelled) -> IndexOutcome:
            outcome = session.open_saved() if quick else None
            return outcome or session.open(progress, is_cancelled)

        self._index_task = self._index_runner.submit(
            work, "index", progressed=self._on_index_progress,
            succeeded=self._on_index_succeeded, failed=self._on_index_failed,
            finished=self._on_index_finished)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.show_status("checking")

    def _on_index_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.show_status("indexing", done, total)

    def _on_index_succeeded(self, outcome: object) -> None:
        assert isinstance(outcome, IndexOutcome)
        first = not self._index_ready
        after_quick_start, self._saved_index_only = self._saved_index_only, not outcome.checked
        self._use_engine(outcome.engine, outcome.location)
        # The check after a quick start loads the same taxonomy again: no second rebuild.
        if not (after_quick_start and outcome.taxonomy == self._taxonomy):
            self._taxonomy = outcome.taxonomy
            for widget in (self.context_bar, self.results_model, self.card_view):
                widget.set_taxonomy(outcome.taxonomy)
        self._set_problems(outcome.problems)
        if not outcome.checked:  # answered from the saved index: check the KB right after
            self._check_after_first_results()
        elif first or after_quick_start:
            self.show_status("ready", outcome.cards, timeout_ms=4000)
        else:
            self.show_status("updated", timeout_ms=4000)
        self._kb_reachable(True, "")
        if after_quick_start and outcome.checked:
            self.memory.settle()  # the whole KB is loaded only now
        self._after_index(first)

    def index_busy(self) -> bool:
        """The KB is being loaded or checked (also the check that follows a quick start)."""
        return self._index_task is not None or self._saved_index_only or self._check_pending

    def _check_after_first_results(self) -> None:
        self._check_pending = True
        once = Qt.ConnectionType.SingleShotConnection
        self.resultsShown.connect(self._on_quick_start_answered, once)
        self.searchFailed.connect(self._on_quick_start_answered, once)
        QTimer.singleShot(CHECK_AFTER_MS, self, self._on_quick_start_answered)

    def _on_quick_start_answered(self, *_: object) -> None:
        if self._check_pending and not self._closing:
            self._check_pending = False
            self._start_indexing()  # after the quick start's task, if it is still running

    def _on_index_failed(self, error: object) -> None:
        first = not self._index_ready
        if isinstance(error, KbUnavailable):
            self._use_engine(error.engine, error.location)
            self._kb_reachable(False, str(error))
        else:
            self.show_status("load_failed", str(error))
            if self.engine is None:
                self._show_card_message("load_failed", str(error))
        self._after_index(first)

    def _after_index(self, first: bool) -> None:
        if first and self.engine is not None and not self._saved_index_only:
            self.memory.settle()  # (after a quick start: once the KB is checked)
        if first:
            self._index_ready = True
            self._search.set_engine(self.engine)
            self._start_watcher()
            self.indexReady.emit()
        self.call_tools.refresh_policy()  # the (re)loaded KB's warning limit
        # Warm up the checked index only: a quick start's is replaced within a second.
        if self.engine is not None and not self._saved_index_only:
            self._warm_pending = True
            self.resultsShown.connect(self._on_results_shown_warm_up,
                                      Qt.ConnectionType.UniqueConnection)
        # A fresh request for what is on screen now; a request made while the KB was
        # loading is stale, so it is not resumed first (that cost a whole extra search).
        self._search.schedule(typing=False)

    # --- warm-up: what the first keystrokes need, decoded while the agent reads -------------

    _warm_pending = False
    _warm_task: Task | None = None

    def _on_results_shown_warm_up(self, _generation: int) -> None:
        if not self._warm_pending or self._closing or self.engine is None:
            return
        self._warm_pending = False
        engine = self.engine

        def work(_progress: Progress, is_cancelled: IsCancelled) -> int:
            return engine.warm(is_cancelled)

        self._warm_task = self._index_runner.submit(work, "warm-up",
                                                    failed=self._on_warm_up_failed,
                                                    finished=self._on_warm_up_finished)

    def _on_warm_up_failed(self, error: object) -> None:
        # Only a head start: searches decode what they need anyway.
        log.warning("warming up the search engine failed: %s", error)

    def _on_warm_up_finished(self) -> None:
        self._warm_task = None

    def warming_up(self) -> bool:
        """The engine's warm-up is due or running (the benchmark types after it)."""
        return self._warm_pending or self._warm_task is not None

    def _cancel_warm_up(self) -> None:
        self._warm_pending = False
        if self._warm_task is not None:
            self._warm_task.cancel()

    def _on_index_finished(self) -> None:
        self._index_task = None
        self.progress.hide()
        if self._reindex_again and not self._closing:
            self._reindex_again = False
            self._start_indexing()

    def _use_engine(self, engine: Engine, location: KbLocation) -> None:
        self.engine = engine
        self.kb_location = location
        self._search.set_engine(engine if self._index_ready else None)
        self._render_kb_label()
        self._on_placeholders_changed(self.call_tools.placeholders())  # this KB's policy values

    def _start_watcher(self) -> None:
        if not self._watch or self.kb_location is None or self._watcher is not None:
            return
        self._watcher = KbWatcher(self.kb_location.path, parent=self,
                                  poll_ms=self.settings.kb_poll_interval_s * 1000)
        self._watcher.changed.connect(self._on_kb_changed)
        self._watcher.availabilityChanged.connect(self._on_kb_availability_changed)
        self._watcher.start()

    def _engine_for_tools(self) -> Engine | None:
        return self.engine if self._index_ready else None

    # --- live KB ---------------------------------------------------------------------------

    def _on_kb_changed(self) -> None:
        self.show_status("kb_changed")
        self._start_indexing()

    def _on_kb_availability_changed(self, available: bool, message: str) -> None:
        self._kb_reachable(available, message)
        if available:
            self._start_indexing()

    def _kb_reachable(self, available: bool, message: str) -> None:
        self._kb_problem = None if available else message
        self._render_kb_label()
        if not available and not self.results_model.rowCount():
            self._show_card_message("kb_unreachable", message)

    def _render_kb_label(self) -> None:
        """The KB notice on the right of the status bar, in the UI language."""
        if self._kb_problem is None:
            notice = self.kb_location.notice if self.kb_location else ""
            text, tip, style = self._notice_text(notice), "", ""
            if self.kb_location is not None:
                tip = str(self.kb_location.path)
                if self.kb_location.source == "bundled":  # a banner: agents must notice
                    style = ("#kbLabel { color: palette(highlighted-text);"
                             " background: palette(highlight); padding: 0 6px; }")
        else:
            text = translate(
                "MainWindow", "KB folder not reachable — showing the last loaded cards"
            )
            tip = self._kb_problem
            style = (
                "#kbLabel { color: palette(highlighted-text);"
                " background: palette(highlight); padding: 0 6px; }"
            )
        self.kb_label.setText(text)
        self.kb_label.setToolTip(tip)
        if style != self.kb_label.styleSheet():
            self.kb_label.setStyleSheet(style)

    def _notice_text(self, notice: str) -> str:
        """desktop.core's location notice (English) in the UI language."""
        prefix, _, suffix = OFFLINE_NOTICE.partition("{time}")
        if (
            notice.startswith(prefix)
            and notice.endswith(suffix)
            and len(notice) > len(prefix) + len(suffix)
        ):
            when = notice[len(prefix) : len(notice) - len(suffix)]
            return fill(translate("MainWindow", "Offline copy from %1"), when)
        if notice == BUNDLED_NOTICE:
            return translate("MainWindow",
                             "Shared KB not available — showing the KB shipped with Kalma")
        return notice  # a notice this window does not know: shown as given

    def _set_problems(self, problems: list[FileProblem]) -> None:
        self._problems = problems
        files = len({p.path for p in problems if p.severity == "error"})
        self.problem_badge.setVisible(files > 0)
        self.act_problems.setEnabled(bool(problems))
        self._label_problem_badge()

    def _label_problem_badge(self) -> None:
        files = len({p.path for p in self._problems if p.severity == "error"})
        text = self.plural("problems", files)
        self.problem_badge.setText(text)
        self.problem_badge.setAccessibleName(text)
        self.problem_badge.setToolTip(
            translate(
                "MainWindow", "These files were skipped; the other cards work. Click for details."
            )
        )

    def show_problems(self) -> None:
        if not self._problems:
            return
        lines = [f"{p.path.name}:{p.line}: {p.message}" for p in self._problems[:200]]
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("MainWindow", "Knowledge base problems"),
            translate(
                "MainWindow",
                "Some KB files could not be read. The other cards still work; "
                "tell your trainer or run `kalma lint`.",
            ),
            QMessageBox.StandardButton.Close,
            self,
        )
        box.setDetailedText("\n".join(lines))
        box.open()

