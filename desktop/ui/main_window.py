"""The window an agent keeps open all shift: search box, context bar, results, card, call tools.

Everything slow runs through desktop.ui.tasks (search on one worker, indexing and the
KB location probe on another); this module builds the widgets and wires them together
with signals, and never waits on a worker. The window's behaviour lives in its parts,
one mixin per module: window_actions (menus and actions), window_kb (loading the KB),
window_search (searching and the keyboard), window_copy (copying), window_call (call
keys, alerts, End call undo, closing during a call), window_layout (wide and compact
layouts), window_modes (view settings, zoom, themes, mini mode, tray, hotkey, saving)
and window_messages (status texts). Keyboard first: the search box has focus at start
and every action has a shortcut.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
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
    QScrollArea,
    QSplitter,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from desktop.core import resources
from desktop.core.kb import FileProblem
from desktop.core.kb_location import KbLocation
from desktop.core.search import MAX_QUERY_CHARS, Engine
from desktop.core.session import (
    EngineFactory,
    SearchRequest,
    SearchSession,
)
from desktop.core.settings import ResolvedSettings, Settings, resolve
from desktop.core.taxonomy import Taxonomy
from desktop.ui import i18n
from desktop.ui.alert_banner import AlertBanner
from desktop.ui.blank_prompt import BlankPrompt
from desktop.ui.call_tools import CallToolsPanel
from desktop.ui.card_view import CardView
from desktop.ui.context_bar import ContextBar
from desktop.ui.customer_said import CustomerSaidPanel
from desktop.ui.icons import app_icon
from desktop.ui.kb_watcher import KbWatcher
from desktop.ui.memory import MemorySettler
from desktop.ui.mini_window import MiniWindow
from desktop.ui.results import ResultDelegate, ResultsModel
from desktop.ui.retranslate import Retranslatable
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.search_controller import DEBOUNCE_MS, SearchController
from desktop.ui.settings_store import SettingsStore, WindowState
from desktop.ui.tasks import BackgroundRunner, Task
from desktop.ui.themes import apply_theme
from desktop.ui.ui_prefs import UiPrefs
from desktop.ui.window_actions import ActionsMixin
from desktop.ui.window_call import CallMixin
from desktop.ui.window_copy import CopyMixin
from desktop.ui.window_kb import KbMixin
from desktop.ui.window_layout import MINIMUM_SIZE, PREFERRED_SIZE, LayoutMixin
from desktop.ui.window_messages import Message, MessagesMixin
from desktop.ui.window_modes import ModesMixin
from desktop.ui.window_search import SearchMixin

GAP_SETTLE_MS = 1500
SAVE_DELAY_MS = 800
# The card pane follows the results list a moment later, in its own event-loop turn: the
# list paints first, and a card that the next keystroke replaces is never laid out.
CARD_DELAY_MS = 25


class MainWindow(ActionsMixin, KbMixin, SearchMixin, CopyMixin, CallMixin, LayoutMixin,
                 ModesMixin,
                 MessagesMixin,
                 Retranslatable, QMainWindow):
    """Search box, context bar, results, card and call tools; the mixins hold its parts."""

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
        # Opens and indexes the KB on the index worker; the window keeps its own reference
        # to the engine it shows (self.engine), set on the GUI thread when a load succeeds.
        self.session = SearchSession(self._configured_kb, self._engine_factory)
        self._watch = watch
        self.engine: Engine | None = None
        self.kb_location: KbLocation | None = None
        self._index_runner = BackgroundRunner(1, self)
        self._index_task: Task | None = None
        self._reindex_again = False
        self._index_ready = False
        self._saved_index_only = False  # searching the saved index; the KB check follows
        self._check_pending = False  # that check waits for the first results
        self._watcher: KbWatcher | None = None
        self._problems: list[FileProblem] = []
        self._taxonomy: Taxonomy | None = None
        self._selected_key = ""
        self._shown_request: SearchRequest | None = None
        self._gap_pending = False
        self._copy_when_ready = 0
        self._copy_lang: str | None = None  # "en" (Ctrl+n), "fil" (Alt+n), None (Enter)
        self._after_blanks = None  # finishes the copy once the blank prompt is filled
        self._closing = False
        self._status: Message | None = None  # what the status bar says, until it clears
        self._status_shown = ""
        self._status_deadline = 0.0  # monotonic time a timed message clears; 0: stays
        self._card_message: Message | None = None  # the card pane's message, if ours
        self._kb_problem: str | None = None  # why the KB folder cannot be reached
        self.trainer_window: QWidget | None = None
        self.mini_window: MiniWindow | None = None
        self.tray: QSystemTrayIcon | None = None
        self._app_font = QFont(QApplication.font())  # restored at shutdown (zoom changes it)
        self._base_point_size = self._app_font.pointSizeF()
        self.prefs = UiPrefs(store, self._persist)
        self.hotkey = None  # a GlobalHotkey once enable_global_hotkey() ran
        self._theme = "system"
        self._search = SearchController(DEBOUNCE_MS, self)
        self.memory = MemorySettler(parent=self)
        self._search.set_request_builder(self._build_request)
        self._search.resultsReady.connect(self._on_results_ready)
        self._search.searchFailed.connect(self._on_search_failed)
        self._build_timers()
        self._clock = clock
        self._quit_requested = False  # Quit (Ctrl+Q, tray): close even during a call
        self._close_asked_at: float | None = None
        self.notifications: list[str] = []  # alerts raised while the agent was elsewhere
        self._detect_runner = BackgroundRunner(1, self)
        self._detector_task: Task | None = None
        self._detector_for = None  # the KB snapshot the detector was built on
        self._compact = False
        self._wide_state: QByteArray | None = None  # the three panes, while compact
        self._tools_hidden_wide = False
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
        self._undo_timer = QTimer(self)  # how long "Call ended … Undo" stays up
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(self._on_undo_timer_timeout)
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
        self.customer_said = CustomerSaidPanel(central)
        layout.addWidget(self.customer_said)
        self.blank_prompt = BlankPrompt(central)
        self.blank_prompt.filled.connect(self._on_blanks_filled)
        self.blank_prompt.dismissed.connect(self._on_blanks_dismissed)
        layout.addWidget(self.blank_prompt)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_results(self.splitter))
        card_pane = self.card_pane = QWidget(self.splitter)
        card_pane.setObjectName("cardPane")
        card_layout = QVBoxLayout(card_pane)
        card_layout.setContentsMargins(0, 0, 0, 0)
        card_layout.setSpacing(4)
        self.alert_banner = AlertBanner(card_pane)  # alerts above the card, where eyes are
        card_layout.addWidget(self.alert_banner)
        self.pane_tabs = self._build_pane_tabs()
        card_layout.addWidget(self.pane_tabs)
        self.card_view = CardView(card_pane)
        card_layout.addWidget(self.card_view, 1)
        self.card_view.copyRequested.connect(self._on_copy_requested)
        self.card_view.pinToggled.connect(self._on_pin_toggled)
        self.card_view.kbViewChanged.connect(self._on_kb_view_changed)
        self.splitter.addWidget(card_pane)
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
        self._connect_call_tools()
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
        self.call_tools_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields take focus
        self.update_tab_order()
        self.setMinimumSize(MINIMUM_SIZE)
        fit_to_screen(self, PREFERRED_SIZE)

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
        self.results_view.setMinimumWidth(200)
        # Rows wrap and elide to the list's width: a horizontal scroll bar would cut them.
        self.results_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.results_view, 1)
        return box

    # --- language --------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            QTimer.singleShot(0, self._on_palette_changed)  # after children got theirs
        super().changeEvent(event)

    def _on_palette_changed(self) -> None:
        """Dark/light switched while running: widgets with style sheets need a nudge."""
        self.context_bar.refresh_palette()
        self.card_view.refresh_palette()
        self.call_tools.refresh_palette()
        self.results_view.viewport().update()

    def plural(self, kind: str, count: int) -> str:
        """The window's count messages (lupdate reads plural forms only from self.tr)."""
        match kind:
            case "results":
                return self.tr("%n result(s)", "", count)
            case "ready":
                return self.tr("Knowledge base ready: %n card(s)", "", count)
            case "problems":
                return self.tr("⚠ %n KB file(s) need fixing", "", count)
            case "no_phrase":  # %1: the language, %2: the phrase number asked for
                return self.tr("Not copied: the %1 card has no phrase %2 (it has %n).", "",
                               count)
        raise ValueError(f"unknown count message {kind!r}")

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Kalma"))
        self.retranslate_layout()
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
        self._detect_runner.shutdown()
        if self.engine is not None:  # saves what the next start needs to answer at once
            self.engine.close()
        if self.hotkey is not None:
            self.hotkey.unregister()
        if self.settings.zoom:
            QApplication.setFont(self._app_font)
        if self._theme != "system":
            apply_theme("system")  # the app (and the next window) gets the desktop's back
        if self.tray is not None:
            self.tray.hide()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        if not self._close_is_safe(event):
            return
        self.shutdown()
        if self.mini_window is not None:
            self.mini_window.close()
        super().closeEvent(event)



def _configured_kb(settings: Settings) -> Path:
    from desktop.core.settings import effective_kb_dir

    return effective_kb_dir(settings, resources.bundled_kb_dir())
