"""The window an agent keeps open all shift: search box, context bar, results, card, call tools.

Everything slow runs through desktop.ui.tasks (search on one worker, indexing and the
KB location probe on another); this module wires widgets together with signals and
never waits on a worker. Keyboard first: the search box has focus at start and every
action has a shortcut.
"""

from __future__ import annotations

import gc
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QSystemTrayIcon,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core import resources
from desktop.core.cards import Passage
from desktop.core.gaplog import GapLog, engine_words, gap_card_id, share_dir
from desktop.core.kb import FileProblem, KbMissingError
from desktop.core.kb_location import (
    BUNDLED_NOTICE,
    OFFLINE_NOTICE,
    KbLocation,
    resolve_kb_location,
)
from desktop.core.policy import Policy, cached_policy
from desktop.core.search import MAX_QUERY_CHARS, Engine, Filters, Hit
from desktop.core.settings import ResolvedSettings, Settings, resolve
from desktop.core.taxonomy import Taxonomy
from desktop.ui import i18n
from desktop.ui.call_tools import CallToolsPanel
from desktop.ui.card_view import CardView, prerender
from desktop.ui.context_bar import ContextBar, ContextState
from desktop.ui.icons import app_icon
from desktop.ui.kb_watcher import KbWatcher
from desktop.ui.mini_window import MiniWindow
from desktop.ui.results import (
    ResultDelegate,
    ResultRow,
    ResultsModel,
    hit_from_card,
    home_first,
    mark_rows,
    merge_twins,
)
from desktop.ui.settings_store import (
    SettingsStore,
    WindowState,
    decode_bytes,
    decode_splitter,
    encode_bytes,
    encode_splitter,
)
from desktop.ui.tasks import BackgroundRunner, IsCancelled, Progress, Task
from desktop.ui.trainer.shortcut import keep_shortcut_everywhere

DEBOUNCE_MS = 70
GAP_SETTLE_MS = 1500
SAVE_DELAY_MS = 800
RESULT_LIMIT = 60
RECENT_LIMIT = 10
# The card pane follows the results list a moment later, in its own event-loop turn: the
# list paints first, and a card that the next keystroke replaces is never laid out.
CARD_DELAY_MS = 25
EngineFactory = Callable[[Path], Engine]
# A status-bar or card-pane message as (kind, args): kept as state rather than as text so
# that a runtime language switch can render it again (MainWindow.message_text).
Message = tuple[str, tuple[object, ...]]
_ARG_RE = re.compile(r"%([1-9])")


# --- plain functions the workers run (no Qt) ----------------------------------------------


@dataclass(frozen=True)
class SearchRequest:
    generation: int
    text: str
    filters: Filters
    home: bool  # nothing typed, no context: pinned and recent cards first
    favorites: tuple[str, ...] = ()
    recent: tuple[str, ...] = ()
    preferred_lang: str = "en"
    placeholders: tuple[tuple[str, str], ...] = ()  # to pre-render the top card


@dataclass(frozen=True)
class SearchOutcome:
    request: SearchRequest
    rows: list[ResultRow]
    seconds: float


def run_search(engine: Engine, request: SearchRequest,
               is_cancelled: IsCancelled | None = None) -> SearchOutcome:
    started = time.perf_counter()
    hits = engine.search(request.text, request.filters, limit=RESULT_LIMIT,
                         is_cancelled=is_cancelled)
    if request.home:
        hits = [*_pinned_and_recent(engine, request), *hits]
    rows = mark_rows(merge_twins(hits), request.favorites, request.recent)
    if request.home:
        rows = home_first(rows, request.recent)
    if rows and rows[0].hit.kind == "card":
        _prerender_top(engine, rows[0], dict(request.placeholders))
    return SearchOutcome(request, rows, time.perf_counter() - started)


def _pinned_and_recent(engine: Engine, request: SearchRequest) -> Iterator[Hit]:
    """The start page's own cards, in the preferred language when there is one."""
    other = "fil" if request.preferred_lang == "en" else "en"
    for card_id in (*request.favorites, *request.recent):
        card = engine.card(card_id, request.preferred_lang) or engine.card(card_id, other)
        if card is not None:
            yield hit_from_card(card)


def _prerender_top(engine: Engine, row: ResultRow, values: dict[str, str]) -> None:
    """Render the card that will be shown first here, off the GUI thread."""
    card = engine.card(row.hit.id, row.hit.lang)
    if card is None:
        return
    prerender(card, values)
    twin = engine.twin(card)
    if twin is not None:
        prerender(twin, values)


@dataclass(frozen=True)
class IndexOutcome:
    location: KbLocation
    engine: Engine
    taxonomy: Taxonomy
    problems: list[FileProblem]
    cards: int


def open_and_index(configured: Path, engine: Engine | None, factory: EngineFactory,
                   progress: Progress, is_cancelled: IsCancelled) -> IndexOutcome:
    """Find the KB (a network share may be down), open the engine, bring the index up to date."""
    location = resolve_kb_location(configured)
    if engine is None or Path(engine.kb_dir) != location.path:
        engine = factory(location.path)
    try:
        engine.ensure_index(progress=progress, is_cancelled=is_cancelled)
    except KbMissingError as exc:
        raise KbUnavailable(str(exc), engine, location) from exc
    snapshot = engine.snapshot
    return IndexOutcome(location, engine, snapshot.taxonomy, list(snapshot.problems),
                        len({card.id for card in snapshot.cards}))


class KbUnavailable(Exception):
    """The KB folder is gone; carries the engine so its last good index stays usable."""

    def __init__(self, message: str, engine: Engine, location: KbLocation) -> None:
        super().__init__(message)
        self.engine = engine
        self.location = location


def find_passage(engine: Engine, path: str, passage_id: str) -> Passage | None:
    return next((p for p in engine.snapshot.passages
                 if str(p.path) == path and (p.id == passage_id or passage_id.endswith(p.id))),
                None)


# --- search scheduling ---------------------------------------------------------------------


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

    def run_now(self) -> None:
        self._timer.stop()
        self._on_timer_timeout()

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

        task = self._runner.submit(work, "search")
        task.succeeded.connect(self._on_search_succeeded)
        task.failed.connect(self._on_search_failed)
        task.finished.connect(self._on_search_finished)
        self._running = task

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


# --- the window ----------------------------------------------------------------------------


class MainWindow(QMainWindow):
    resultsShown = Signal(int)  # generation whose rows are now in the list
    indexReady = Signal()  # the first index load finished (or failed) and search works
    phraseCopied = Signal(str)
    searchFailed = Signal(str)  # the worker raised; the message is for the status bar

    def __init__(self, resolved: ResolvedSettings, store: SettingsStore | None,
                 kb_dir: Path | None = None, *, engine_factory: EngineFactory | None = None,
                 watch: bool = True, persist: bool = True,
                 clock: Callable[[], float] = time.monotonic,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings: Settings = replace(resolved.settings)
        self._locked = resolved.locked
        self._baseline = resolve(user={}).settings
        self._store = store
        self.window_state = store.load_window_state() if store is not None else WindowState()
        self._persist = persist and store is not None
        self._configured_kb = kb_dir or _configured_kb(self.settings)
        self._engine_factory = engine_factory or (lambda path: Engine(path))
        self._watch = watch
        self.engine: Engine | None = None
        self.kb_location: KbLocation | None = None
        self._index_runner = BackgroundRunner(1, self)
        self._index_task: Task | None = None
        self._reindex_again = False
        self._index_ready = False
        self._watcher: KbWatcher | None = None
        self._problems: list[FileProblem] = []
        self._taxonomy: Taxonomy | None = None
        self._selected_key = ""
        self._shown_request: SearchRequest | None = None
        self._gap_pending = False
        self._copy_when_ready = 0
        self._copy_column = 0  # 0: Ctrl+n (first column), 1: Alt+n (second column)
        self._closing = False
        self._status: Message | None = None  # what the status bar says, until it clears
        self._status_shown = ""
        self._status_deadline = 0.0  # monotonic time a timed message clears; 0: stays
        self._card_message: Message | None = None  # the card pane's message, if ours
        self._kb_problem: str | None = None  # why the KB folder cannot be reached
        self.trainer_window: QWidget | None = None
        self.mini_window: MiniWindow | None = None
        self.tray: QSystemTrayIcon | None = None
        self._base_point_size = QApplication.font().pointSizeF()
        self._search = SearchController(DEBOUNCE_MS, self)
        self._search.set_request_builder(self._build_request)
        self._search.resultsReady.connect(self._on_results_ready)
        self._search.searchFailed.connect(self._on_search_failed)
        self._build_timers()
        self._build_ui(clock)
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._build_tray()
        self._restore_state()
        self.retranslate_ui()
        self.setWindowIcon(app_icon())
        self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- building ------------------------------------------------------------------------

    def _build_timers(self) -> None:
        self._gap_timer = QTimer(self)
        self._gap_timer.setSingleShot(True)
        self._gap_timer.setInterval(GAP_SETTLE_MS)
        self._gap_timer.timeout.connect(self._on_gap_settled)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_settings)
        self._card_timer = QTimer(self)
        self._card_timer.setSingleShot(True)
        self._card_timer.setInterval(CARD_DELAY_MS)
        self._card_timer.timeout.connect(self._on_card_timer_timeout)

    def _build_ui(self, clock: Callable[[], float]) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.setSpacing(6)
        self.search_edit = QLineEdit(central)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setMaxLength(MAX_QUERY_CHARS)
        self.search_edit.setClearButtonEnabled(True)
        big = QFont(self.search_edit.font())
        big.setPointSizeF(big.pointSizeF() * 1.2)
        self.search_edit.setFont(big)
        self.search_edit.textEdited.connect(self._on_search_text_edited)
        self.search_edit.textChanged.connect(self._on_search_text_changed)
        self.search_edit.installEventFilter(self)
        self.context_bar = ContextBar(central)
        self.context_bar.contextChanged.connect(self._on_context_changed)
        search_line = QHBoxLayout()
        search_line.addWidget(self.search_edit, 1)
        search_line.addWidget(self.context_bar.filters_row)
        layout.addLayout(search_line)
        layout.addWidget(self.context_bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_results(self.splitter))
        self.card_view = CardView(self.splitter)
        self.card_view.copyRequested.connect(self._on_copy_requested)
        self.card_view.pinToggled.connect(self._on_pin_toggled)
        self.card_view.kbViewChanged.connect(self._on_kb_view_changed)
        self.splitter.addWidget(self.card_view)
        # In a scroll area: a hold reminder and the recovery card make the panel tall, and
        # the window must still fit a 1366x768 laptop.
        self.call_tools_area = QScrollArea(self.splitter)
        self.call_tools_area.setObjectName("callToolsArea")
        self.call_tools_area.setWidgetResizable(True)
        self.call_tools_area.setFrameShape(QFrame.Shape.NoFrame)
        self.call_tools_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.call_tools = CallToolsPanel(self._engine_for_tools, self.settings, clock)
        self.call_tools_area.setWidget(self.call_tools)
        self.call_tools.notesChanged.connect(self._on_notes_changed)
        self.call_tools.placeholdersChanged.connect(self._on_placeholders_changed)
        self.call_tools.phraseCopyRequested.connect(self._on_tool_phrase_copy_requested)
        self.call_tools.callEnded.connect(self._on_call_ended)
        self.call_tools.agentNameChanged.connect(self._on_agent_name_changed)
        self.call_tools_area.setMinimumWidth(self.call_tools.minimumSizeHint().width() + 16)
        self.splitter.addWidget(self.call_tools_area)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([360, 560, 300])
        self.splitter.splitterMoved.connect(self._on_layout_changed)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.card_view.set_placeholders(self._with_policy(self.call_tools.placeholders()))
        self.results_model.set_placeholders(self._with_policy(self.call_tools.placeholders()))
        self.setTabOrder(self.search_edit, self.results_view)
        self.resize(1240, 800)

    def _build_results(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.count_label = QLabel(box)
        self.count_label.setObjectName("resultCount")
        layout.addWidget(self.count_label)
        self.results_model = ResultsModel(box)
        self.results_view = QListView(box)
        self.results_view.setObjectName("resultsView")
        self.results_view.setModel(self.results_model)
        self.results_view.setItemDelegate(ResultDelegate(self.results_view))
        self.results_view.setUniformItemSizes(True)
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results_view.setFrameShape(QFrame.Shape.StyledPanel)
        self.results_view.installEventFilter(self)
        self.results_view.doubleClicked.connect(self._on_result_double_clicked)
        self.results_view.selectionModel().currentChanged.connect(self._on_current_result_changed)
        self.results_view.setMinimumWidth(240)
        layout.addWidget(self.results_view, 1)
        return box

    def _action(self, shortcut: str | QKeySequence.StandardKey | Sequence[str],
                slot: Callable[[], object], checkable: bool = False) -> QAction:
        action = QAction(self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcut(QKeySequence(shortcut))
        elif isinstance(shortcut, str):
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
        else:
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        action.setCheckable(checkable)
        # triggered(bool) would pass `checked` into the slot's first parameter.
        action.triggered.connect(lambda _checked=False, slot=slot: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_find = self._action(["Ctrl+K", "Ctrl+F"], self.focus_search)
        # "/" is a shortcut only where it types nothing: text boxes keep it as a character.
        slash = QShortcut(QKeySequence("/"), self)
        slash.activated.connect(self.focus_search)
        self.act_trainer = self._action("Ctrl+E", self._on_trainer_triggered)
        keep_shortcut_everywhere(self.act_trainer)  # also over the search box (X11)
        self.act_mini = self._action("Ctrl+M", self.toggle_mini_mode)
        self.act_quit = self._action(QKeySequence.StandardKey.Quit, self._on_quit_triggered)
        self.act_pin = self._action("Ctrl+P", self._on_pin_triggered)
        self.act_copy_first = self._action("", lambda: self.copy_phrase(1))
        self.act_copy = [self._action(f"Ctrl+{n}", partial(self.copy_phrase, n))
                         for n in range(1, 10)]
        # Both languages shown: Alt+n copies phrase n of the second (right) column.
        self.act_copy_second = [self._action(f"Alt+{n}", partial(self.copy_phrase, n, 1))
                                for n in range(1, 10)]
        self.act_next_step = self._action("Alt+Right", lambda: self.context_bar.step(+1))
        self.act_prev_step = self._action("Alt+Left", lambda: self.context_bar.step(-1))
        self.act_zoom_in = self._action(["Ctrl+=", "Ctrl++"], lambda: self.zoom(+1))
        self.act_zoom_out = self._action("Ctrl+-", lambda: self.zoom(-1))
        self.act_zoom_reset = self._action("Ctrl+0", lambda: self.zoom(0))
        self.act_call_tools = self._action("Ctrl+T", self._on_call_tools_toggled, True)
        self.act_call_tools.setChecked(True)
        self.act_shortcuts = self._action("F1", self._on_shortcuts_triggered)
        self.act_about = self._action("", self._on_about_triggered)
        self.act_problems = self._action("", self.show_problems)
        self.lang_group = QActionGroup(self)
        self.act_lang: dict[str, QAction] = {}
        for lang in ("en", "fil"):
            action = self._action("", partial(self.set_ui_language, lang), True)
            self.lang_group.addAction(action)
            self.act_lang[lang] = action
        self.view_group = QActionGroup(self)
        self.act_view: dict[str, QAction] = {}
        for view in ("both", "en", "fil"):
            action = self._action("", partial(self.set_kb_view, view), True)
            self.view_group.addAction(action)
            self.act_view[view] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = QMenu(bar)
        self.menu_file.addActions([self.act_mini, self.act_trainer])
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_edit = QMenu(bar)
        self.menu_edit.addActions([self.act_find, self.act_copy_first])
        self.menu_copy = QMenu(self.menu_edit)
        self.menu_copy.addActions(self.act_copy)
        self.menu_edit.addMenu(self.menu_copy)
        self.menu_copy_second = QMenu(self.menu_edit)
        self.menu_copy_second.addActions(self.act_copy_second)
        self.menu_edit.addMenu(self.menu_copy_second)
        self.menu_edit.addActions([self.act_pin, self.act_next_step, self.act_prev_step])
        self.menu_view = QMenu(bar)
        self.menu_lang = QMenu(self.menu_view)
        self.menu_lang.addActions(list(self.act_lang.values()))
        self.menu_cards = QMenu(self.menu_view)
        self.menu_cards.addActions(list(self.act_view.values()))
        self.menu_view.addMenu(self.menu_lang)
        self.menu_view.addMenu(self.menu_cards)
        self.menu_view.addSeparator()
        self.menu_view.addActions([self.act_call_tools, self.act_zoom_in, self.act_zoom_out,
                                   self.act_zoom_reset])
        self.menu_help = QMenu(bar)
        self.menu_help.addActions([self.act_shortcuts, self.act_problems, self.act_about])
        for menu in (self.menu_file, self.menu_edit, self.menu_view, self.menu_help):
            bar.addMenu(menu)
        locked_lang = "ui_language" in self._locked
        for action in self.act_lang.values():
            action.setEnabled(not locked_lang)
        self.act_trainer.setEnabled(self.settings.trainer_enabled)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.kb_label = QLabel(status)
        self.kb_label.setObjectName("kbLabel")
        self.progress = QProgressBar(status)
        self.progress.setObjectName("indexProgress")
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.problem_badge = QToolButton(status)
        self.problem_badge.setObjectName("problemBadge")
        self.problem_badge.setAutoRaise(True)
        self.problem_badge.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.problem_badge.clicked.connect(self.show_problems)
        self.problem_badge.hide()
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.problem_badge)
        status.addPermanentWidget(self.kb_label)
        status.messageChanged.connect(self._on_status_message_changed)

    def _build_tray(self) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        self.tray = QSystemTrayIcon(app_icon(), self)
        self.tray_menu = QMenu(self)
        self.act_tray_show = QAction(self)
        self.act_tray_show.triggered.connect(self.toggle_visible)
        self.tray_menu.addActions([self.act_tray_show, self.act_mini, self.act_quit])
        self.tray.setContextMenu(self.tray_menu)
        self.tray.activated.connect(self._on_tray_activated)
        self.tray.show()

    # --- start-up ------------------------------------------------------------------------

    def start(self) -> None:
        """Call after show(): find the KB and load the index in the background."""
        self._set_results_message(self.tr("Loading the knowledge base…"))
        self._start_indexing()

    def _start_indexing(self) -> None:
        if self._index_task is not None:
            self._reindex_again = True
            return
        configured, engine, factory = self._configured_kb, self.engine, self._engine_factory

        def work(progress: Progress, is_cancelled: IsCancelled) -> IndexOutcome:
            return open_and_index(configured, engine, factory, progress, is_cancelled)

        task = self._index_runner.submit(work, "index")
        task.progressed.connect(self._on_index_progress)
        task.succeeded.connect(self._on_index_succeeded)
        task.failed.connect(self._on_index_failed)
        task.finished.connect(self._on_index_finished)
        self._index_task = task
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
        self._use_engine(outcome.engine, outcome.location)
        self._taxonomy = outcome.taxonomy
        for widget in (self.context_bar, self.results_model, self.card_view):
            widget.set_taxonomy(outcome.taxonomy)
        self._set_problems(outcome.problems)
        if first:
            self.show_status("ready", outcome.cards, timeout_ms=4000)
        else:
            self.show_status("updated", timeout_ms=4000)
        self._kb_reachable(True, "")
        self._after_index(first)

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
        if first and self.engine is not None:
            _settle_memory()
        if first:
            self._index_ready = True
            self._search.set_engine(self.engine)
            self._start_watcher()
            self.indexReady.emit()
        self._search.schedule(typing=False)
        self._search.resume()

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
            text = self.tr("KB folder not reachable — showing the last loaded cards")
            tip = self._kb_problem
            style = ("#kbLabel { color: palette(highlighted-text);"
                     " background: palette(highlight); padding: 0 6px; }")
        self.kb_label.setText(text)
        self.kb_label.setToolTip(tip)
        if style != self.kb_label.styleSheet():
            self.kb_label.setStyleSheet(style)

    def _notice_text(self, notice: str) -> str:
        """desktop.core's location notice (English) in the UI language."""
        prefix, _, suffix = OFFLINE_NOTICE.partition("{time}")
        if (notice.startswith(prefix) and notice.endswith(suffix)
                and len(notice) > len(prefix) + len(suffix)):
            when = notice[len(prefix):len(notice) - len(suffix)]
            return _fill(self.tr("Offline copy from %1"), when)
        if notice == BUNDLED_NOTICE:
            return self.tr("Shared KB not available — showing the KB shipped with Kalma")
        return notice  # a notice this window does not know: shown as given

    def _set_problems(self, problems: list[FileProblem]) -> None:
        self._problems = problems
        files = len({p.path for p in problems if p.severity == "error"})
        self.problem_badge.setVisible(files > 0)
        self.act_problems.setEnabled(bool(problems))
        self._label_problem_badge()

    def _label_problem_badge(self) -> None:
        files = len({p.path for p in self._problems if p.severity == "error"})
        text = self.tr("⚠ %n KB file(s) need fixing", "", files)
        self.problem_badge.setText(text)
        self.problem_badge.setAccessibleName(text)
        self.problem_badge.setToolTip(self.tr("These files were skipped; the other cards work. "
                                              "Click for details."))

    def show_problems(self) -> None:
        if not self._problems:
            return
        lines = [f"{p.path.name}:{p.line}: {p.message}" for p in self._problems[:200]]
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Knowledge base problems"),
                          self.tr("Some KB files could not be read. The other cards still work; "
                                  "tell your trainer or run `kalma lint`."),
                          QMessageBox.StandardButton.Close, self)
        box.setDetailedText("\n".join(lines))
        box.open()

    # --- searching -----------------------------------------------------------------------

    def _build_request(self, generation: int) -> SearchRequest:
        context = self.context_bar.state()
        text = self.search_edit.text()[:MAX_QUERY_CHARS]
        filters = Filters(lang=context.lang, stage=context.stage, tags=context.tags,
                          channel=context.channel)
        home = not text.strip() and context.stage is None and not context.tags
        return SearchRequest(generation, text, filters, home, tuple(self.settings.favorites),
                             tuple(self.settings.recent), self.preferred_lang(),
                             tuple(sorted(self.card_view.placeholders().items())))

    def preferred_lang(self) -> str:
        """The card language shown first, that Enter and Ctrl+1…9 copy: the one language
        shown; with both shown, Filipino when the search is limited to Filipino cards
        ("Cards in: FIL"), else English. A stable rule, not whichever version happened to
        match the words best, so the agent knows which column the keys copy from."""
        view = self.card_view.kb_view()
        if view != "both":
            return view
        return "fil" if self.context_bar.state().lang == "fil" else "en"

    def search_for(self, text: str) -> None:
        """Put `text` in the search box and search at once (self-test, mini mode, tools)."""
        self.search_edit.setText(text)
        self._search.schedule(typing=False)

    @property
    def last_search(self) -> SearchOutcome | None:
        """The newest search whose results are in the list."""
        return self._search.last_outcome

    def search_busy(self) -> bool:
        """A search is waiting or running, or its card is not on screen yet."""
        return self._search.busy() or self._card_timer.isActive()

    def _on_search_text_edited(self, text: str) -> None:
        self._copy_when_ready = 0  # typing again after Enter: the agent moved on
        self._gap_pending = False
        self._search.schedule(typing=True)
        self._gap_timer.start()

    def _on_search_text_changed(self, text: str) -> None:
        # The query is never stored: it may hold a customer's name or number (issue 12).
        if self.mini_window is not None:
            self.mini_window.set_query(text)

    def _on_context_changed(self, state: object) -> None:
        assert isinstance(state, ContextState)
        self.settings.last_stage = state.stage or ""
        self.settings.last_tags = list(state.tags)
        self.settings.last_channel = state.channel
        self.settings.last_lang = state.lang
        self._schedule_save()
        self._search.schedule(typing=False)

    def _on_results_ready(self, outcome: object) -> None:
        assert isinstance(outcome, SearchOutcome)
        previous = self._shown_request
        self._shown_request = outcome.request
        # A refresh of the same search keeps the agent's choice; a new search starts on top.
        refresh = previous is not None and (previous.text, previous.filters) == (
            outcome.request.text, outcome.request.filters)
        keep = self._selected_key if refresh else ""
        self.results_model.set_rows(outcome.rows)
        self._label_count(len(outcome.rows), outcome.request)
        row = self.results_model.find(keep) if keep else -1
        self._select_row(row if row >= 0 else 0)
        if not outcome.rows:
            self._show_no_results(outcome.request)
        self.resultsShown.emit(outcome.request.generation)
        self._record_gap_if_settled()
        if self._copy_when_ready:
            number, self._copy_when_ready = self._copy_when_ready, 0
            self._flush_card()
            self.card_view.copy_column_phrase(self._copy_column, number)

    def _on_search_failed(self, message: str) -> None:
        self._copy_when_ready = 0
        self.show_status("search_failed", message, timeout_ms=6000)
        self.searchFailed.emit(message)

    def _label_count(self, count: int, request: SearchRequest) -> None:
        if request.home:
            self.count_label.setText(self.tr("Pinned, recent and all cards"))
        else:
            self.count_label.setText(self.tr("%n result(s)", "", count))

    def _show_no_results(self, request: SearchRequest) -> None:
        filtered = bool(request.filters.stage or request.filters.tags)
        self._show_card_message("no_results_filtered" if filtered else "no_results")

    def _set_results_message(self, text: str) -> None:
        self.count_label.setText(text)

    def _select_row(self, row: int) -> None:
        if not 0 <= row < self.results_model.rowCount():
            self._selected_key = ""
            return
        index = self.results_model.index(row, 0)
        self.results_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.results_view.scrollTo(index)
        self._card_timer.start()

    def _on_current_result_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid():
            self._card_timer.start()

    def _on_card_timer_timeout(self) -> None:
        """Show the current result's card (CARD_DELAY_MS after the list)."""
        self._show_row(self.results_view.currentIndex().row())

    def _flush_card(self) -> None:
        if self._card_timer.isActive():
            self._card_timer.stop()
            self._on_card_timer_timeout()

    def _show_row(self, row_number: int) -> None:
        row = self.results_model.row_at(row_number)
        if row is None or self.engine is None:
            return
        self._selected_key = row.key
        hit = row.hit
        if hit.kind != "card":
            self._show_document(hit.title, hit.path, hit.id, hit.snippet)
            return
        card = self.engine.card(hit.id, hit.lang)
        if card is None:
            return
        twin = self.engine.twin(card)
        if twin is not None and twin.lang == self.preferred_lang() != card.lang:
            card, twin = twin, card  # the preferred language first (Ctrl+n), whatever matched
        if self.card_view.current_card() != card or self.card_view.cards().get(
                twin.lang if twin else "") != twin:
            self.card_view.show_card(card, twin, card.id in self.settings.favorites)
        else:
            self.card_view.set_pinned(card.id in self.settings.favorites)

    def _show_document(self, title: str, path: str, passage_id: str, snippet: str) -> None:
        passage = find_passage(self.engine, path, passage_id) if self.engine else None
        text = passage.text if passage else snippet
        heading = passage.heading if passage else title
        self.card_view.show_document(heading, text, passage.title if passage else title)

    # --- copying -------------------------------------------------------------------------

    def copy_phrase(self, number: int, column: int = 0) -> bool:
        """Copy phrase `number` of the shown card's first column (Enter = 1, Ctrl+n), or of
        the second column (column=1, Alt+n); waits for results in flight."""
        if self._search.busy() and self.search_edit.hasFocus():
            self._copy_when_ready, self._copy_column = number, column
            return False
        self._flush_card()
        return self.card_view.copy_column_phrase(column, number)

    def _on_copy_requested(self, text: str, stage: str) -> None:
        self._put_on_clipboard(text)
        card = self.card_view.current_card()
        if card is not None:
            self._remember_recent(card.id)
        if stage:
            self.context_bar.mark_copied(stage)

    def _on_tool_phrase_copy_requested(self, text: str) -> None:
        self._put_on_clipboard(text)

    def _put_on_clipboard(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.show_status("copied", _short(text), timeout_ms=2500)
        self._gap_log().record_copy(self.search_edit.text(), gap_card_id(self.card_view))
        self.phraseCopied.emit(text)

    def _remember_recent(self, card_id: str) -> None:
        recent = [card_id, *(c for c in self.settings.recent if c != card_id)][:RECENT_LIMIT]
        if recent != self.settings.recent:
            self.settings.recent = recent
            self._schedule_save()

    # --- favorites -----------------------------------------------------------------------

    def _on_pin_triggered(self) -> None:
        card = self.card_view.current_card()
        if card is not None:
            self.set_pinned(card.id, card.id not in self.settings.favorites)

    def _on_pin_toggled(self, card_id: str, pinned: bool) -> None:
        self.set_pinned(card_id, pinned)

    def set_pinned(self, card_id: str, pinned: bool) -> None:
        favorites = [c for c in self.settings.favorites if c != card_id]
        if pinned:
            favorites.insert(0, card_id)
        self.settings.favorites = favorites
        self.results_model.set_pinned(favorites)
        card = self.card_view.current_card()
        if card is not None and card.id == card_id:
            self.card_view.set_pinned(pinned)
        self.show_status("pinned" if pinned else "unpinned", timeout_ms=2000)
        self._schedule_save()

    # --- call tools ------------------------------------------------------------------------

    def _on_notes_changed(self, notes: str) -> None:
        self.card_view.set_notes(notes)

    def _on_placeholders_changed(self, values: object) -> None:
        if isinstance(values, dict):
            cleaned = self._with_policy({str(k): str(v) for k, v in values.items()})
            self.card_view.set_placeholders(cleaned)
            self.results_model.set_placeholders(cleaned)  # the snippets repaint filled in

    def _with_policy(self, values: dict[str, str]) -> dict[str, str]:
        """Call-panel values plus the account policy's ({crisis_line}, {recording_line}…)."""
        engine = self.engine
        policy = cached_policy(engine.kb_dir) if engine is not None else Policy()
        return policy.placeholders() | values

    def _on_agent_name_changed(self, name: str) -> None:
        if name != self.settings.agent_name:
            self.settings.agent_name = name
            self._schedule_save()

    def _on_call_ended(self) -> None:
        self.context_bar.set_next_stage("")
        self.card_view.set_notes("")

    def _gap_log(self) -> GapLog:
        values = self.call_tools.placeholders()
        names = tuple(n for n in (values.get("customer", ""), values.get("agent", "")) if n)
        return GapLog(_gap_log_path(), self.settings.gap_log_enabled, scrub_names=names,
                      known=engine_words(self.engine), share_dir=share_dir(self.settings))

    def _on_gap_settled(self) -> None:
        """Typing paused: log the search once its results are on screen."""
        self._gap_pending = True
        self._record_gap_if_settled()

    def _record_gap_if_settled(self) -> None:
        outcome = self._search.last_outcome
        query = self.search_edit.text().strip()
        if not self._gap_pending or outcome is None or outcome.request.text.strip() != query:
            return
        self._gap_pending = False
        if query:
            self._gap_log().record_search(query, len(outcome.rows))

    # --- keyboard --------------------------------------------------------------------------

    def focus_search(self) -> None:
        if self.isHidden() and self.mini_window is not None and self.mini_window.isVisible():
            self.mini_window.activateWindow()
            return
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.search_edit:
                return self._on_search_key(event)
            if watched is self.results_view:
                return self._on_results_key(event)
        return super().eventFilter(watched, event)

    def _on_search_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.copy_phrase(1)
            return True
        if key == Qt.Key.Key_Escape:
            self.clear_search()
            return True
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            self._move_selection(key)
            return True
        return False

    def _on_results_key(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._flush_card()
            self.card_view.copy_phrase(1)
            return True
        if event.key() == Qt.Key.Key_Escape:
            self.focus_search()
            return True
        text = event.text()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if plain and text and text.isprintable():
            # Typing while the list has focus goes on with the search, not a list jump.
            self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.search_edit.insert(text)
            self._on_search_text_edited(self.search_edit.text())
            return True
        return False

    def _move_selection(self, key: int) -> None:
        count = self.results_model.rowCount()
        if not count:
            return
        current = self.results_view.currentIndex().row()
        page = max(1, self.results_view.viewport().height() // max(
            1, self.results_view.sizeHintForRow(0)))
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: page,
                Qt.Key.Key_PageUp: -page}[Qt.Key(key)]
        self._select_row(max(0, min(count - 1, current + step)))

    def clear_search(self) -> None:
        """Esc: clear the text; a second Esc (text already empty) clears the context too."""
        if self.search_edit.text():
            self.search_edit.clear()
            self._search.schedule(typing=False)
        elif not self.context_bar.state().is_empty:
            self.context_bar.clear()

    def _on_result_double_clicked(self, index: QModelIndex) -> None:
        self._flush_card()
        self.card_view.copy_phrase(1)

    # --- view settings -------------------------------------------------------------------

    def set_ui_language(self, lang: str) -> None:
        if "ui_language" in self._locked and lang != self.settings.ui_language:
            return
        i18n.set_language(lang)
        self.settings.ui_language = lang
        self.results_model.set_ui_language(lang)
        self.act_lang[lang].setChecked(True)
        self._schedule_save()

    def set_kb_view(self, view: str) -> None:
        self.card_view.set_kb_view(view)
        self._on_kb_view_changed(view)

    def _on_kb_view_changed(self, view: str) -> None:
        self.settings.kb_view = view
        self.act_view[view].setChecked(True)
        self.call_tools.set_kb_language(view)
        if self.card_view.current_card() is not None:
            self._show_row(self.results_view.currentIndex().row())  # which language is first
        self._schedule_save()

    def zoom(self, step: int) -> None:
        """Ctrl+= / Ctrl+- change the text size by one point; Ctrl+0 resets it."""
        zoom = 0 if step == 0 else max(-6, min(12, self.settings.zoom + step))
        self.settings.zoom = zoom
        self._apply_zoom()
        self._schedule_save()

    def _apply_zoom(self) -> None:
        font = QFont(QApplication.font())
        font.setPointSizeF(max(6.0, self._base_point_size + self.settings.zoom))
        self.setFont(font)
        big = QFont(font)
        big.setPointSizeF(font.pointSizeF() * 1.2)
        self.search_edit.setFont(big)
        if self.mini_window is not None:
            self.mini_window.setFont(font)
        self.results_model.layoutChanged.emit()

    def _on_call_tools_toggled(self) -> None:
        self.call_tools_area.setVisible(self.act_call_tools.isChecked())
        self._on_layout_changed()

    # --- mini mode and tray ---------------------------------------------------------------

    def toggle_mini_mode(self) -> None:
        self.set_mini_mode(not (self.mini_window is not None and self.mini_window.isVisible()))

    def set_mini_mode(self, on: bool) -> None:
        if on:
            if self.mini_window is None:
                mini = MiniWindow(self.results_model)
                mini.queryEdited.connect(self._on_mini_query_edited)
                mini.copyRequested.connect(self._on_mini_copy_requested)
                mini.expandRequested.connect(self._on_mini_expand_requested)
                mini.closed.connect(self._on_mini_closed)
                self.phraseCopied.connect(mini.show_copied)
                mini.addAction(self.act_quit)
                mini.setFont(self.font())
                self.mini_window = mini
            self.mini_window.set_query(self.search_edit.text())
            self.mini_window.show_near(self)
            self.hide()
        else:
            if self.mini_window is not None:
                self.mini_window.hide()
            self.show()
            self.raise_()
            self.activateWindow()
            self.focus_search()
        if self.settings.mini_mode != on:
            self.settings.mini_mode = on
            self._schedule_save()

    def _on_mini_expand_requested(self) -> None:
        self.set_mini_mode(False)

    def _on_mini_closed(self) -> None:
        if not self._closing:  # closing the mini window brings the full window back
            self.set_mini_mode(False)

    def _on_mini_query_edited(self, text: str) -> None:
        self.search_edit.setText(text)
        self._on_search_text_edited(text)

    def _on_mini_copy_requested(self, row: int, number: int) -> None:
        if self._search.busy():
            self._copy_when_ready, self._copy_column = number, 0
            return
        self._select_row(row)
        self._flush_card()
        self.card_view.copy_phrase(number)

    def toggle_visible(self) -> None:
        if self.isVisible() or (self.mini_window is not None and self.mini_window.isVisible()):
            self.hide()
            if self.mini_window is not None:
                self.mini_window.hide()
        else:
            self.set_mini_mode(self.settings.mini_mode)

    def _on_tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.toggle_visible()

    # --- other actions -------------------------------------------------------------------

    def _on_trainer_triggered(self) -> None:
        from desktop.ui.trainer import open_trainer

        kb = self.kb_location.path if self.kb_location else self._configured_kb
        self.trainer_window = open_trainer(self, kb, self.settings.trainer_enabled)

    def _on_quit_triggered(self) -> None:
        self.close()
        QApplication.quit()

    def _on_shortcuts_triggered(self) -> None:
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), self._shortcuts_text())

    def _shortcuts_text(self) -> str:
        rows = [
            ("Ctrl+K, Ctrl+F, /", self.tr("Go to the search box")),
            (self.tr("Esc"), self.tr("Clear the search; again to clear stage and situation")),
            (self.tr("Up, Down"), self.tr("Choose a result")),
            (self.tr("Enter"), self.tr("Copy the first phrase of the card")),
            ("Ctrl+1 … Ctrl+9", self.tr("Copy phrase 1 to 9 (left column of the card)")),
            ("Alt+1 … Alt+9", self.tr("Copy phrase 1 to 9 of the right column, when both "
                                      "languages are shown")),
            ("Alt+→, Alt+←", self.tr("Next or previous de-escalation step")),
            ("Ctrl+P", self.tr("Pin or unpin the card")),
            ("Ctrl+M", self.tr("Mini mode")),
            ("Ctrl+T", self.tr("Show or hide the call tools")),
            ("Ctrl+=, Ctrl+-, Ctrl+0", self.tr("Bigger, smaller, normal text")),
            ("Ctrl+E", self.tr("Trainer mode")),
        ]
        return "\n".join(f"{keys}\t{what}" for keys, what in rows)

    def _on_about_triggered(self) -> None:
        from desktop import __version__

        QMessageBox.about(self, self.tr("About Kalma"),
                          self.tr("Kalma %1 — phrase cards for calm calls.\nKnowledge base: %2")
                          .replace("%1", __version__)
                          .replace("%2", str(self.kb_location.path if self.kb_location
                                             else self._configured_kb)))

    # --- language --------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.PaletteChange:
            QTimer.singleShot(0, self._on_palette_changed)  # after children got theirs
        super().changeEvent(event)

    def _on_palette_changed(self) -> None:
        """Dark/light switched while running: widgets with style sheets need a nudge."""
        self.context_bar.refresh_palette()
        self.card_view.refresh_palette()
        self.call_tools.refresh_palette()
        self.results_view.viewport().update()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Kalma"))
        self.search_edit.setPlaceholderText(
            self.tr("Search phrases… what is the customer saying? (Ctrl+K)"))
        self.search_edit.setAccessibleName(self.tr("Search phrases"))
        self.search_edit.setToolTip(self.tr("Type words in English or Filipino. Enter copies "
                                            "the first phrase; Esc clears."))
        self.results_view.setAccessibleName(self.tr("Results"))
        self.count_label.setAccessibleName(self.tr("Number of results"))
        self.splitter.setAccessibleName(self.tr("Results, card and call tools"))
        self.call_tools.setAccessibleName(self.tr("Call tools"))
        self.progress.setAccessibleName(self.tr("Indexing progress"))
        self.kb_label.setAccessibleName(self.tr("Knowledge base status"))
        self._retranslate_menus()
        self._retranslate_actions()
        self._label_problem_badge()
        self._render_kb_label()
        self._retranslate_messages()
        self.results_model.set_ui_language(i18n.current_language())
        if self._search.last_outcome is not None:
            self._label_count(self.results_model.rowCount(), self._search.last_outcome.request)
        elif not self._index_ready:
            self._set_results_message(self.tr("Loading the knowledge base…"))

    # --- messages ----------------------------------------------------------------------------

    def message_text(self, kind: str, args: Sequence[object] = ()) -> str:
        """Every status-bar and card-pane message, in the current UI language: the one place
        they go through tr(), so a language switch can render the current ones again."""
        a = [str(arg) for arg in args]
        count = int(args[0]) if args and isinstance(args[0], int) else 0
        match kind:
            case "checking":
                return self.tr("Checking the knowledge base…")
            case "indexing":
                return _fill(self.tr("Updating the search index: %1 of %2 files"), *a)
            case "ready":
                return self.tr("Knowledge base ready: %n card(s)", "", count)
            case "updated":
                return self.tr("Knowledge base updated")
            case "kb_changed":
                return self.tr("The knowledge base changed; updating…")
            case "load_failed":
                return _fill(self.tr("Could not load the knowledge base: %1"), *a)
            case "kb_unreachable":
                return _fill(self.tr("The knowledge base folder cannot be reached:\n%1\n\n"
                                     "Check the network drive or ask IT. Cards appear as soon "
                                     "as the folder is back."), *a)
            case "search_failed":
                return _fill(self.tr("Search failed: %1"), *a)
            case "copied":
                return _fill(self.tr("Copied: %1"), *a)
            case "pinned":
                return self.tr("Pinned")
            case "unpinned":
                return self.tr("Unpinned")
            case "no_results_filtered":
                return self.tr("No cards match. Try fewer words, or clear the call stage and "
                               "situation (Esc twice).")
            case "no_results":
                return self.tr("No cards match. Try other words, in English or Filipino.")
        raise ValueError(f"unknown message kind {kind!r}")

    def show_status(self, kind: str, *args: object, timeout_ms: int = 0) -> None:
        """Show a status-bar message (cleared after timeout_ms, or kept until the next one)
        and remember it as (kind, args) so it follows a language switch."""
        self._status = (kind, args)
        self._status_deadline = time.monotonic() + timeout_ms / 1000 if timeout_ms else 0.0
        self._render_status(timeout_ms)

    def status_message(self) -> Message | None:
        """The status-bar message now on screen as (kind, args); None once it cleared."""
        return self._status

    def _render_status(self, timeout_ms: int) -> None:
        if self._status is None:
            return
        self._status_shown = self.message_text(*self._status)
        self.statusBar().showMessage(self._status_shown, timeout_ms)

    def _on_status_message_changed(self, text: str) -> None:
        if text != self._status_shown:  # timed out, or a message that is not ours
            self._status = None
            self._status_shown = ""

    def _show_card_message(self, kind: str, *args: object) -> None:
        self._card_message = (kind, args)
        self.card_view.show_message(self.message_text(kind, args))

    def _retranslate_messages(self) -> None:
        if self._status is not None:
            remaining = 0
            if self._status_deadline:
                remaining = int((self._status_deadline - time.monotonic()) * 1000)
            if not self._status_deadline or remaining > 0:
                self._render_status(remaining)
        if self._card_message is not None and self.card_view.message_shown():
            self.card_view.show_message(self.message_text(*self._card_message))

    def _retranslate_menus(self) -> None:
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_edit.setTitle(self.tr("&Edit"))
        self.menu_copy.setTitle(self.tr("Copy phrase"))
        self.menu_copy_second.setTitle(self.tr("Copy phrase from the right column"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_lang.setTitle(self.tr("Language"))
        self.menu_cards.setTitle(self.tr("Cards"))
        self.menu_help.setTitle(self.tr("&Help"))

    def _retranslate_actions(self) -> None:
        texts = {
            self.act_find: self.tr("Search"),
            self.act_trainer: self.tr("Trainer mode…"),
            self.act_mini: self.tr("Mini mode"),
            self.act_quit: self.tr("Quit"),
            self.act_pin: self.tr("Pin or unpin card"),
            self.act_copy_first: self.tr("Copy first phrase\tEnter"),
            self.act_next_step: self.tr("Next step"),
            self.act_prev_step: self.tr("Previous step"),
            self.act_zoom_in: self.tr("Bigger text"),
            self.act_zoom_out: self.tr("Smaller text"),
            self.act_zoom_reset: self.tr("Normal text size"),
            self.act_call_tools: self.tr("Call tools"),
            self.act_shortcuts: self.tr("Keyboard shortcuts"),
            self.act_about: self.tr("About Kalma"),
            self.act_problems: self.tr("Knowledge base problems…"),
            self.act_lang["en"]: "English",
            self.act_lang["fil"]: "Filipino",
            self.act_view["both"]: self.tr("English and Filipino"),
            self.act_view["en"]: self.tr("English only"),
            self.act_view["fil"]: self.tr("Filipino only"),
        }
        for action, text in texts.items():
            action.setText(text)
        for n, action in enumerate(self.act_copy, start=1):
            action.setText(self.tr("Phrase %1").replace("%1", str(n)))
        for n, action in enumerate(self.act_copy_second, start=1):
            action.setText(self.tr("Phrase %1").replace("%1", str(n)))
        if self.tray is not None:
            self.act_tray_show.setText(self.tr("Show or hide Kalma"))
            self.tray.setToolTip(self.tr("Kalma"))

    # --- settings ------------------------------------------------------------------------

    def _restore_state(self) -> None:
        settings = self.settings
        self.act_lang.get(settings.ui_language, self.act_lang["en"]).setChecked(True)
        self.card_view.set_kb_view(settings.kb_view)
        self.act_view.get(settings.kb_view, self.act_view["both"]).setChecked(True)
        settings.last_query = ""  # forget a query an older version stored
        self.context_bar.set_state(ContextState(settings.last_stage or None,
                                                tuple(settings.last_tags),
                                                settings.last_channel, settings.last_lang),
                                   notify=False)
        window = self.window_state
        if window.splitter:  # before the geometry: a hidden pane narrows the minimum
            state, hidden = decode_splitter(window.splitter)
            self.splitter.restoreState(state)
            self.call_tools_area.setHidden(self.splitter.indexOf(self.call_tools_area) in hidden)
        if window.geometry:
            self.restoreGeometry(decode_bytes(window.geometry))
        self.act_call_tools.setChecked(not self.call_tools_area.isHidden())
        if settings.zoom:
            self._apply_zoom()

    def _on_layout_changed(self) -> None:
        self._schedule_save()

    def _schedule_save(self) -> None:
        if self._persist:
            self._save_timer.start()

    def save_settings(self) -> None:
        if not self._persist or self._store is None:
            return
        panes = [self.splitter.widget(n) for n in range(self.splitter.count())]
        hidden = [n for n, pane in enumerate(panes) if pane is not None and pane.isHidden()]
        self.window_state = WindowState(encode_bytes(self.saveGeometry()),
                                        encode_splitter(self.splitter.saveState(), hidden))
        self._store.save_window_state(self.window_state)
        self._store.save(self.settings, self._locked, self._baseline)

    def shutdown(self) -> None:
        """Stop workers and timers; safe to call twice."""
        if self._closing:
            return
        self._closing = True
        self._save_timer.stop()
        self._gap_timer.stop()
        if self._watcher is not None:
            self._watcher.stop()
        self._search.shutdown()
        self._index_runner.shutdown()
        if self.tray is not None:
            self.tray.hide()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        self.shutdown()
        if self.mini_window is not None:
            self.mini_window.close()
        super().closeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(1240, 800)


def _settle_memory() -> None:
    """Hide the loaded index from the cyclic garbage collector: a full collection walks
    every object (30+ ms on a big KB) and would otherwise land in the middle of typing."""
    gc.collect()
    gc.freeze()


def _configured_kb(settings: Settings) -> Path:
    from desktop.core.settings import effective_kb_dir

    return effective_kb_dir(settings, resources.bundled_kb_dir())


def _gap_log_path() -> Path:
    try:
        from desktop.core.gaplog import default_gap_log_path
    except ImportError:  # the stub had no default path
        return resources.user_data_dir() / "gaps.jsonl"
    return default_gap_log_path()


def _fill(template: str, *values: str) -> str:
    """Qt-style %1…%9 arguments, in one pass (a value containing "%2" stays as it is)."""

    def value(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return values[number - 1] if number <= len(values) else match.group(0)

    return _ARG_RE.sub(value, template)


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
