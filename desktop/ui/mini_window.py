"""Mini mode: a small always-on-top window with the search box and the top results.

It shares the main window's results model, so both show the same search; the main window
does the searching and copying when asked through this window's signals.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.search import MAX_QUERY_CHARS
from desktop.ui.blank_prompt import BlankPrompt
from desktop.ui.icons import app_icon
from desktop.ui.results import ResultDelegate
from desktop.ui.retranslate import Retranslatable

VISIBLE_ROWS = 4
COPIED_MS = 1500


class MiniWindow(Retranslatable, QWidget):
    queryEdited = Signal(str)
    copyRequested = Signal(int, int, str)  # result row, phrase number (1-based), lang or ""
    expandRequested = Signal()
    closed = Signal()  # the user closed the mini window (the main window decides what next)

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        # A top-level window of its own: a Tool window would vanish with its hidden parent.
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("miniWindow")
        self.setWindowIcon(app_icon())
        self._model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("miniSearchEdit")
        self.search_edit.setMaxLength(MAX_QUERY_CHARS)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textEdited.connect(self.queryEdited)
        self.search_edit.installEventFilter(self)
        top.addWidget(self.search_edit, 1)
        self.expand_button = QToolButton(self)
        self.expand_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.expand_button.clicked.connect(self.expandRequested)
        top.addWidget(self.expand_button)
        layout.addLayout(top)
        self.copied = QLabel(self)
        self.copied.setObjectName("miniCopied")
        self.copied.hide()
        layout.addWidget(self.copied)
        self.blank_prompt = BlankPrompt(self)
        self.blank_prompt.setObjectName("miniBlankPrompt")
        self.blank_prompt.filled.connect(self._on_prompt_closed)
        self.blank_prompt.dismissed.connect(self._on_prompt_closed)
        layout.addWidget(self.blank_prompt)
        self.results_view = QListView(self)
        self.results_view.setObjectName("miniResultsView")
        self.results_view.setModel(model)
        self.results_view.setItemDelegate(ResultDelegate(self.results_view))
        self.results_view.setUniformItemSizes(True)
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results_view.doubleClicked.connect(self._on_result_double_clicked)
        self.results_view.installEventFilter(self)
        layout.addWidget(self.results_view, 1)
        model.modelReset.connect(self._on_model_reset)
        self._copied_timer = QTimer(self)
        self._copied_timer.setSingleShot(True)
        self._copied_timer.timeout.connect(self.copied.hide)
        for n in range(1, 10):  # the main window's rule: Ctrl+n English, Alt+n Filipino
            for keys, lang in (("Ctrl", "en"), ("Alt", "fil")):
                shortcut = QShortcut(QKeySequence(f"{keys}+{n}"), self)
                shortcut.activated.connect(lambda n=n, lang=lang: self._request_copy(n, lang))
        expand = QShortcut(QKeySequence("Ctrl+M"), self)
        expand.activated.connect(self.expandRequested)
        self.retranslate_ui()
        self.resize(420, self._height_for_rows())

    # --- public API ----------------------------------------------------------------------

    def set_query(self, text: str) -> None:
        if self.search_edit.text() != text:
            self.search_edit.setText(text)

    def show_near(self, anchor: QWidget) -> None:
        """Show in the top-right corner of the screen the main window is on."""
        screen = anchor.screen() if anchor is not None else None
        if screen is not None and not self.isVisible():
            area = screen.availableGeometry()
            self.move(area.right() - self.width() - 16, area.top() + 16)
        self.show()
        self.raise_()
        self.activateWindow()
        self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.search_edit.selectAll()

    def show_copied(self, text: str) -> None:
        if not self.isVisible():
            return
        flat = " ".join(text.split())
        self.copied.setText("✓ " + self.tr("Copied: %1").replace(
            "%1", flat if len(flat) < 50 else flat[:49] + "…"))
        self.copied.show()
        self._copied_timer.start(COPIED_MS)

    def _on_prompt_closed(self) -> None:
        self.resize(self.width(), self._height_for_rows())

    def current_row(self) -> int:
        row = self.results_view.currentIndex().row()
        return row if row >= 0 else 0

    # --- events --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._on_key(event)
        return super().eventFilter(watched, event)

    def _on_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._request_copy(1)
            return True
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._move(1 if key == Qt.Key.Key_Down else -1)
            return True
        if key == Qt.Key.Key_Escape:
            if self.search_edit.text():
                self.search_edit.clear()
                self.queryEdited.emit("")
            else:
                self.hide()
            return True
        return False

    def _move(self, step: int) -> None:
        count = self._model.rowCount()
        if count:
            row = max(0, min(count - 1, self.results_view.currentIndex().row() + step))
            self.results_view.setCurrentIndex(self._model.index(row, 0))

    def _request_copy(self, number: int, lang: str = "") -> None:
        if self._model.rowCount():
            self.copyRequested.emit(self.current_row(), number, lang)

    def _on_result_double_clicked(self, index: QModelIndex) -> None:
        self.copyRequested.emit(index.row(), 1, "")

    def _on_model_reset(self) -> None:
        if self._model.rowCount():
            self.results_view.setCurrentIndex(self._model.index(0, 0))

    def _height_for_rows(self) -> int:
        row = max(40, self.results_view.sizeHintForRow(0)) if self._model.rowCount() else 72
        prompt = self.blank_prompt.sizeHint().height() if self.blank_prompt.is_open() else 0
        return self.search_edit.sizeHint().height() + row * VISIBLE_ROWS + 28 + prompt

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Kalma mini"))
        self.search_edit.setPlaceholderText(self.tr("Search… Enter copies"))
        self.search_edit.setAccessibleName(self.tr("Search phrases"))
        self.results_view.setAccessibleName(self.tr("Top results"))
        self.expand_button.setText(self.tr("Full window"))
        self.expand_button.setToolTip(self.tr("Back to the full window (Ctrl+M)"))
        self.expand_button.setAccessibleName(self.tr("Back to the full window"))
        self.copied.setAccessibleName(self.tr("Copy confirmation"))

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()
