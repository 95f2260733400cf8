"""The open card's history: who saved what and when, the diff of each save, Restore."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.history import Revision, unified_diff

DATA = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class HistoryEntry:
    lang: str
    revision: Revision
    before: str  # the file as the previous recorded save left it ("" for the first)
    after: str


class HistoryPanel(QWidget):
    restoreRequested = Signal(str, str)  # language, the text to put back in the editor

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[HistoryEntry] = []
        self._problem: str | None = None
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(4)
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.diff_view = QPlainTextEdit(self)
        self.diff_view.setReadOnly(True)
        self.diff_view.setFont(QFont("monospace"))
        self.restore_button = QPushButton(self)
        self.restore_button.setEnabled(False)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.diff_view)
        row = QHBoxLayout()
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.caption)
        layout.addWidget(splitter, 1)
        layout.addLayout(row)
        self.tree.currentItemChanged.connect(self._on_current_item_changed)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.tree.setHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("Language"),
                                   self.tr("What changed")])
        self.restore_button.setText(self.tr("Restore this version"))
        self.set_entries(self._entries, self._problem)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_entries(self, entries: Sequence[HistoryEntry], problem: str | None) -> None:
        """Newest first; `problem` says why saves are not recorded (e.g. read-only KB)."""
        self._entries, self._problem = list(entries), problem
        self.tree.clear()
        self.diff_view.clear()
        for number, entry in enumerate(entries):
            when = entry.revision.when.astimezone().strftime("%Y-%m-%d %H:%M")
            item = QTreeWidgetItem([when, entry.revision.who or self.tr("(before history)"),
                                    entry.lang.upper(), entry.revision.summary])
            item.setData(0, DATA, number)
            self.tree.addTopLevelItem(item)
        self.restore_button.setEnabled(False)
        if problem:
            self.caption.setText(self.tr("History is not recorded: {0}").format(problem))
        else:
            self.caption.setText(self.tr("%n saved version(s) of this card. Pick one to see "
                                         "what changed; Restore puts it back in the editor "
                                         "(save to keep it).", "", len(entries)))

    def entry(self, row: int) -> HistoryEntry:
        return self._entries[row]

    def select(self, row: int) -> None:
        item = self.tree.topLevelItem(row)
        if item is not None:
            self.tree.setCurrentItem(item)

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_current_item_changed(self, item: QTreeWidgetItem | None,
                                 previous: QTreeWidgetItem | None) -> None:
        if item is None:
            self.diff_view.clear()
            self.restore_button.setEnabled(False)
            return
        entry = self._entries[int(item.data(0, DATA))]
        name = entry.revision.relative
        self.diff_view.setPlainText(unified_diff(entry.before, entry.after, name)
                                    or self.tr("(no change to the text)"))
        self.restore_button.setEnabled(True)

    @Slot()
    def _on_restore_clicked(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            entry = self._entries[int(item.data(0, DATA))]
            self.restoreRequested.emit(entry.lang, entry.after)
