"""Find and replace in every card, English and Filipino, from one dialog."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.editing import Found

DATA = Qt.ItemDataRole.UserRole


class FindReplaceDialog(QDialog):
    findRequested = Signal(str, bool)  # text, case sensitive
    replaceAllRequested = Signal(str, str, bool)  # text, replacement, case sensitive
    matchActivated = Signal(object, int)  # path, line

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._root = Path()
        self.find_edit = QLineEdit(self)
        self.replace_edit = QLineEdit(self)
        self.case_box = QCheckBox(self)
        self.find_button = QPushButton(self)
        self.replace_button = QPushButton(self)
        self.summary = QLabel(self)
        self.results = QTreeWidget(self)
        self.results.setColumnCount(3)
        self.results.setRootIsDecorated(False)
        self.results.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.form = QFormLayout()
        self.find_label, self.replace_label = QLabel(self), QLabel(self)
        self.form.addRow(self.find_label, self.find_edit)
        self.form.addRow(self.replace_label, self.replace_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.case_box)
        buttons.addStretch(1)
        buttons.addWidget(self.find_button)
        buttons.addWidget(self.replace_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        self.find_button.setDefault(True)
        self.find_button.clicked.connect(self._on_find_clicked)
        self.replace_button.clicked.connect(self._on_replace_clicked)
        self.results.itemActivated.connect(self._on_item_activated)
        self.results.itemClicked.connect(self._on_item_activated)
        self.resize(720, 420)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Find and replace in all cards"))
        self.find_label.setText(self.tr("Find:"))
        self.replace_label.setText(self.tr("Replace with:"))
        self.case_box.setText(self.tr("Match case"))
        self.find_button.setText(self.tr("&Find"))
        self.replace_button.setText(self.tr("Replace &all (EN and FIL)"))
        self.results.setHeaderLabels([self.tr("File"), self.tr("Line"), self.tr("Text")])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_matches(self, matches: Sequence[Found], root: Path) -> None:
        self._root = root
        self.results.clear()
        for found in matches:
            try:
                name = found.path.relative_to(root).as_posix()
            except ValueError:
                name = str(found.path)
            item = QTreeWidgetItem([name, str(found.line), found.text.strip()])
            item.setData(0, DATA, (found.path, found.line))
            self.results.addTopLevelItem(item)
        self.summary.setText(self.tr("%n line(s) found", "", len(matches)))

    def set_replaced(self, count: int, files: int) -> None:
        self.summary.setText(self.tr("Replaced %n time(s)", "", count) + " "
                             + self.tr("in %n file(s); open cards show the change unsaved.",
                                       "", files))

    @Slot()
    def _on_find_clicked(self) -> None:
        self.findRequested.emit(self.find_edit.text(), self.case_box.isChecked())

    @Slot()
    def _on_replace_clicked(self) -> None:
        self.replaceAllRequested.emit(self.find_edit.text(), self.replace_edit.text(),
                                      self.case_box.isChecked())

    @Slot(QTreeWidgetItem, int)
    def _on_item_activated(self, item: QTreeWidgetItem, column: int = 0) -> None:
        path, line = item.data(0, DATA)
        self.matchActivated.emit(path, int(line))
