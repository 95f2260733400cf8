"""Trainer dialogs: save conflict (conflicting lines side by side) and new card."""

from __future__ import annotations

from datetime import date
from itertools import zip_longest

from PySide6.QtCore import QDate, QEvent, Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.cards import CHANNELS
from desktop.core.editing import NewCard
from desktop.core.merge import MergeResult
from desktop.core.taxonomy import Taxonomy

KEEP_MINE, TAKE_THEIRS, CANCEL = "mine", "theirs", "cancel"
MERGE_CHOICES = ("mine", "theirs", "both")  # the per-conflict choice boxes, in order


class ConflictDialog(QDialog):
    """The file changed on disk since it was opened and the edits overlap: show the
    conflicting lines side by side, let the trainer pick per conflict or a whole version."""

    def __init__(self, file_name: str, mine: str, theirs: str | None,
                 parent: QWidget | None = None, merge: MergeResult | None = None) -> None:
        super().__init__(parent)
        self.choice: str | dict[int, str] = CANCEL
        self._file_name = file_name
        self._deleted = theirs is None
        self.merge = merge if merge is not None and not self._deleted else None
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.mine_label, self.theirs_label = QLabel(self), QLabel(self)
        self.mine_view = _read_only_text(mine, self)
        self.theirs_view = _read_only_text(theirs or "", self)
        whole = QWidget(self)
        grid = QGridLayout(whole)
        grid.addWidget(self.mine_label, 0, 0)
        grid.addWidget(self.theirs_label, 0, 1)
        grid.addWidget(self.mine_view, 1, 0)
        grid.addWidget(self.theirs_view, 1, 1)
        self.conflict_table = QTableWidget(0, 3, self)
        self.conflict_table.verticalHeader().hide()
        self.conflict_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.choice_boxes: list[QComboBox] = []
        self.tabs = QTabWidget(self)
        if self.merge is not None:
            self.tabs.addTab(self.conflict_table, "")
            self._fill_conflicts(self.merge)
        self.tabs.addTab(whole, "")
        self.buttons = QDialogButtonBox(self)
        self.merge_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.take_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button.setVisible(self.merge is not None)
        self.take_button.setEnabled(not self._deleted)
        self.cancel_button.setDefault(True)  # the safe choice when Enter is pressed
        self.merge_button.clicked.connect(self._on_merge_clicked)
        self.keep_button.clicked.connect(self._on_keep_clicked)
        self.take_button.clicked.connect(self._on_take_clicked)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.resize(900, 560)
        self.retranslate_ui()

    def _fill_conflicts(self, merge: MergeResult) -> None:
        """One header row per conflict (with its choice), then mine | theirs line by line."""
        table = self.conflict_table
        for number, conflict in enumerate(merge.conflicts):
            row = table.rowCount()
            table.insertRow(row)
            header = QTableWidgetItem()
            header.setData(Qt.ItemDataRole.UserRole, conflict.line)
            table.setItem(row, 0, header)
            box = QComboBox(table)
            box.addItems(["", "", ""])
            box.setProperty("conflict", number)
            table.setCellWidget(row, 1, box)
            self.choice_boxes.append(box)
            for mine, theirs in zip_longest(conflict.mine, conflict.theirs, fillvalue=""):
                line_row = table.rowCount()
                table.insertRow(line_row)
                table.setItem(line_row, 1, _line_item(mine, mine != theirs))
                table.setItem(line_row, 2, _line_item(theirs, mine != theirs))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("File changed on disk"))
        if self._deleted:
            text = self.tr("{0} was deleted on disk after you opened it. Keep your version "
                           "(it will be written again) or cancel.")
        elif self.merge is not None:
            text = self.tr("{0} was changed on disk by someone else while you edited it. "
                           "Their changes to other lines are merged in; these lines were "
                           "changed on both sides. Choose for each, then Merge.")
        else:
            text = self.tr("{0} was changed on disk (by another program or person) after you "
                           "opened it. Choose which version to keep; nothing is overwritten "
                           "until you choose.")
        self.message.setText(text.format(self._file_name))
        self.mine_label.setText(self.tr("Your version"))
        self.theirs_label.setText(self.tr("Deleted on disk") if self._deleted
                                  else self.tr("Version on disk now"))
        self.keep_button.setText(self.tr("Keep mine"))
        self.take_button.setText(self.tr("Take theirs"))
        self.merge_button.setText(self.tr("&Merge"))
        if self.merge is not None:
            self.tabs.setTabText(0, self.tr("Conflicting lines"))
            self.tabs.setTabText(1, self.tr("Whole files"))
        else:
            self.tabs.setTabText(0, self.tr("Whole files"))
        self.conflict_table.setHorizontalHeaderLabels(
            [self.tr("Line"), self.tr("Your version"), self.tr("Version on disk now")])
        for row in range(self.conflict_table.rowCount()):
            item = self.conflict_table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole):
                item.setText(self.tr("Line {0}").format(item.data(Qt.ItemDataRole.UserRole)))
        for box in self.choice_boxes:
            for index, label in enumerate((self.tr("Use mine"), self.tr("Use theirs"),
                                           self.tr("Keep both"))):
                box.setItemText(index, label)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def merge_choices(self) -> dict[int, str]:
        return {number: MERGE_CHOICES[box.currentIndex()]
                for number, box in enumerate(self.choice_boxes)}

    @Slot()
    def _on_merge_clicked(self) -> None:
        self.choice = self.merge_choices()
        self.accept()

    @Slot()
    def _on_keep_clicked(self) -> None:
        self.choice = KEEP_MINE
        self.accept()

    @Slot()
    def _on_take_clicked(self) -> None:
        self.choice = TAKE_THEIRS
        self.accept()


def _line_item(text: str, differs: bool) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if differs:
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    return item


class NewCardDialog(QDialog):
    """Title, language, stage, tags and channel of a new card made from the template."""

    def __init__(self, taxonomy: Taxonomy, lang: str = "en",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.taxonomy = taxonomy
        self.title_edit = QLineEdit(self)
        self.lang_combo = QComboBox(self)
        self.lang_combo.addItem("", "en")
        self.lang_combo.addItem("", "fil")
        self.lang_combo.setCurrentIndex(max(0, self.lang_combo.findData(lang)))
        self.stage_combo = QComboBox(self)
        for stage in taxonomy.stages:
            self.stage_combo.addItem(f"{stage.en} ({stage.id})", stage.id)
        self.tag_list = QListWidget(self)
        for tag in taxonomy.tags:
            item = QListWidgetItem(f"{tag.en} ({tag.id})", self.tag_list)
            item.setData(Qt.ItemDataRole.UserRole, tag.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.channel_combo = QComboBox(self)
        for channel in CHANNELS:
            self.channel_combo.addItem(channel, channel)
        self.channel_combo.setCurrentIndex(self.channel_combo.findData("any"))
        self.review_date = QDateEdit(self)
        self.review_date.setCalendarPopup(True)
        self.review_date.setDisplayFormat("yyyy-MM-dd")
        next_year = date.today().replace(year=date.today().year + 1, day=1)
        self.review_date.setDate(QDate(next_year.year, next_year.month, next_year.day))
        self.owner_edit = QLineEdit(self)
        self.labels = [QLabel(self) for _ in range(7)]
        form = QFormLayout()
        for label, field in zip(self.labels, (self.title_edit, self.lang_combo,
                                              self.stage_combo, self.tag_list,
                                              self.channel_combo, self.review_date,
                                              self.owner_edit), strict=True):
            form.addRow(label, field)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.title_edit.textChanged.connect(self._on_title_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self._on_title_changed("")

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("New card"))
        texts = (self.tr("Title"), self.tr("Language"), self.tr("Stage"), self.tr("Tags"),
                 self.tr("Channel"), self.tr("Review by"), self.tr("Owner"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        channel_names = {"phone": self.tr("Phone"), "chat": self.tr("Chat"),
                         "any": self.tr("Any channel")}
        for index in range(self.channel_combo.count()):
            channel = str(self.channel_combo.itemData(index))
            self.channel_combo.setItemText(index, channel_names.get(channel, channel))
        self.lang_combo.setItemText(0, self.tr("English"))
        self.lang_combo.setItemText(1, self.tr("Filipino"))
        self.note.setText(self.tr("The file name and id come from the title. The card starts "
                                  "as a draft with TODO lines to replace; untick Draft when "
                                  "it is ready."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def new_card(self) -> NewCard:
        tags = tuple(
            str(self.tag_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.tag_list.count())
            if self.tag_list.item(i).checkState() == Qt.CheckState.Checked)
        qdate = self.review_date.date()
        return NewCard(
            title=self.title_edit.text().strip(),
            lang=str(self.lang_combo.currentData()),
            stage=str(self.stage_combo.currentData() or ""),
            tags=tags,
            channel=str(self.channel_combo.currentData() or "any"),
            review_by=date(qdate.year(), qdate.month(), qdate.day()),
            owner=self.owner_edit.text().strip(),
        )

    @Slot(str)
    def _on_title_changed(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(text.strip()) and self.stage_combo.count() > 0)


def _read_only_text(text: str, parent: QWidget) -> QPlainTextEdit:
    view = QPlainTextEdit(parent)
    view.setPlainText(text)
    view.setReadOnly(True)
    view.setFont(QFont("monospace"))
    return view

