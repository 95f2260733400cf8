"""The front-matter form and the phrase rows of one card.

Both are views over the card's text: they show what the text says (set_values / set_items)
and report what the trainer changed (fieldEdited / itemsEdited); the editor turns that into
an undoable text edit. They never hold state of their own beyond what is on screen.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.cards import CHANNELS, split_ids
from desktop.core.editing import DRAFT
from desktop.core.taxonomy import Taxonomy

TAG_ROLE = Qt.ItemDataRole.UserRole


class MetaForm(QWidget):
    """Title, stage, tags, channel, review-by date, owner and draft flag of one card."""

    fieldEdited = Signal(str, str)  # front matter key, new value ("" removes the line)

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._taxonomy = Taxonomy()
        self._tags: list[str] = []
        self._build()
        self.retranslate_ui()

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.title_edit = QLineEdit(self)
        self.stage_combo = QComboBox(self)
        self.tag_list = QListWidget(self)
        self.tag_list.setMaximumHeight(96)
        self.channel_combo = QComboBox(self)
        for channel in CHANNELS:
            self.channel_combo.addItem(channel, channel)
        self.review_check = QCheckBox(self)
        self.review_date = QDateEdit(self)
        self.review_date.setCalendarPopup(True)
        self.review_date.setDisplayFormat("yyyy-MM-dd")
        self.owner_edit = QLineEdit(self)
        self.draft_check = QCheckBox(self)
        review_row_widget = QWidget(self)
        review_row = QHBoxLayout(review_row_widget)
        review_row.setContentsMargins(0, 0, 0, 0)
        review_row.addWidget(self.review_check)
        review_row.addWidget(self.review_date, 1)
        self.layout_ = QFormLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.labels = [QLabel(self) for _ in range(6)]
        for label, field in zip(self.labels, (self.title_edit, self.stage_combo,
                                              self.tag_list, self.channel_combo,
                                              review_row_widget,
                                              self.owner_edit), strict=True):
            self.layout_.addRow(label, field)
        self.layout_.addRow(self.draft_check)
        self.title_edit.textEdited.connect(self._on_title_edited)
        self.owner_edit.textEdited.connect(self._on_owner_edited)
        self.stage_combo.activated.connect(self._on_stage_activated)
        self.channel_combo.activated.connect(self._on_channel_activated)
        self.tag_list.itemChanged.connect(self._on_tag_changed)
        self.review_check.toggled.connect(self._on_review_changed)
        self.review_date.dateChanged.connect(self._on_review_changed)
        self.draft_check.toggled.connect(self._on_draft_toggled)

    def retranslate_ui(self) -> None:
        texts = (self.tr("Title"), self.tr("Stage"), self.tr("Tags"), self.tr("Channel"),
                 self.tr("Review by"), self.tr("Owner"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        channel_names = {"phone": self.tr("Phone"), "chat": self.tr("Chat"),
                         "any": self.tr("Any channel")}
        for index in range(self.channel_combo.count()):
            channel = str(self.channel_combo.itemData(index))
            self.channel_combo.setItemText(index, channel_names.get(channel, channel))
        self.review_check.setText(self.tr("set"))
        self.draft_check.setText(self.tr("Draft (not reviewed yet; lint warns until unticked)"))
        self.title_edit.setPlaceholderText(self.tr("Short title shown in results"))
        self.owner_edit.setPlaceholderText(self.tr("Who maintains this card"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- showing values ----------------------------------------------------------------

    def set_taxonomy(self, taxonomy: Taxonomy) -> None:
        self._taxonomy = taxonomy
        current = self.stage_combo.currentData()
        with _Blocked(self.stage_combo):
            self.stage_combo.clear()
            for stage in taxonomy.stages:
                self.stage_combo.addItem(f"{stage.text(self.lang)} ({stage.id})", stage.id)
        self._select_stage(str(current or ""))
        self._fill_tags()

    def set_values(self, meta: dict[str, str]) -> None:
        """Show the card's front matter; widgets that already show it are left alone."""
        with _Blocked(self.title_edit, self.owner_edit, self.review_check, self.review_date,
                      self.draft_check, self.channel_combo):
            _set_line(self.title_edit, meta.get("title", ""))
            _set_line(self.owner_edit, meta.get("owner", ""))
            self._select_channel((meta.get("channel") or "any").lower())
            self._show_review(meta.get("review_by", ""))
            self.draft_check.setChecked(meta.get("status", "").lower() == DRAFT)
        self._select_stage(meta.get("stage", "").strip().lower())
        tags = list(split_ids(meta.get("tags", "")))
        if tags != self._tags:
            self._tags = tags
            self._fill_tags()

    def _select_stage(self, stage: str) -> None:
        with _Blocked(self.stage_combo):
            index = self.stage_combo.findData(stage)
            if index < 0 and stage:
                # Not in the taxonomy: show it as it is, so the form never hides a problem.
                self.stage_combo.addItem(self.tr("{0} (unknown)").format(stage), stage)
                index = self.stage_combo.count() - 1
            self.stage_combo.setCurrentIndex(index)

    def _select_channel(self, channel: str) -> None:
        index = self.channel_combo.findData(channel)
        self.channel_combo.setCurrentIndex(index if index >= 0 else
                                           self.channel_combo.findData("any"))

    def _show_review(self, value: str) -> None:
        try:
            when: date | None = date.fromisoformat(value) if value else None
        except ValueError:
            when = None
        self.review_check.setChecked(when is not None)
        self.review_date.setEnabled(when is not None)
        # Without a date, offer one a year ahead: the usual review cycle.
        shown = when or date.today().replace(year=date.today().year + 1, day=1)
        self.review_date.setDate(QDate(shown.year, shown.month, shown.day))

    def _fill_tags(self) -> None:
        with _Blocked(self.tag_list):
            self.tag_list.clear()
            known = self._taxonomy.tag_ids
            # The card's own tags first, so they are visible without scrolling.
            ordered = [*self._tags, *(t for t in known if t not in self._tags)]
            for tag_id in ordered:
                label = self._taxonomy.tag_label(tag_id, self.lang)
                text = (f"{label} ({tag_id})" if tag_id in known
                        else self.tr("{0} (unknown)").format(tag_id))
                item = QListWidgetItem(text, self.tag_list)
                item.setData(TAG_ROLE, tag_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if tag_id in self._tags
                                   else Qt.CheckState.Unchecked)

    # --- reporting edits ---------------------------------------------------------------

    @Slot(str)
    def _on_title_edited(self, text: str) -> None:
        self.fieldEdited.emit("title", text)

    @Slot(str)
    def _on_owner_edited(self, text: str) -> None:
        self.fieldEdited.emit("owner", text)

    @Slot(int)
    def _on_stage_activated(self, index: int) -> None:
        self.fieldEdited.emit("stage", str(self.stage_combo.itemData(index) or ""))

    @Slot(int)
    def _on_channel_activated(self, index: int) -> None:
        channel = str(self.channel_combo.itemData(index) or "any")
        self.fieldEdited.emit("channel", channel)

    @Slot(QListWidgetItem)
    def _on_tag_changed(self, item: QListWidgetItem) -> None:
        tag_id = str(item.data(TAG_ROLE))
        checked = item.checkState() == Qt.CheckState.Checked
        # Keep the file's own order; a newly ticked tag goes last.
        if checked and tag_id not in self._tags:
            self._tags.append(tag_id)
        elif not checked and tag_id in self._tags:
            self._tags.remove(tag_id)
        self.fieldEdited.emit("tags", ", ".join(self._tags))

    @Slot()
    def _on_review_changed(self) -> None:
        on = self.review_check.isChecked()
        self.review_date.setEnabled(on)
        value = self.review_date.date().toString("yyyy-MM-dd") if on else ""
        self.fieldEdited.emit("review_by", value)

    @Slot(bool)
    def _on_draft_toggled(self, checked: bool) -> None:
        self.fieldEdited.emit("status", DRAFT if checked else "")


class PhraseRows(QWidget):
    """The Say phrases as rows: add, edit in place, move up/down, remove."""

    itemsEdited = Signal(list)  # the new list of phrases

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.list = QListWidget(self)
        self.list.setMaximumHeight(120)
        self.add_button = QPushButton(self)
        self.up_button = QPushButton(self)
        self.down_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.up_button.clicked.connect(self._on_up_clicked)
        self.down_button.clicked.connect(self._on_down_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.list.itemChanged.connect(self._on_item_changed)
        self.list.currentRowChanged.connect(self._on_current_row_changed)
        self.retranslate_ui()
        self._on_current_row_changed(-1)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Phrases to say (one row each; double-click to edit)"))
        self.add_button.setText(self.tr("Add phrase"))
        self.up_button.setText(self.tr("Move up"))
        self.down_button.setText(self.tr("Move down"))
        self.remove_button.setText(self.tr("Remove"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def items(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def set_items(self, items: list[str]) -> None:
        if items == self.items():
            return
        row = self.list.currentRow()
        with _Blocked(self.list):
            self.list.clear()
            for text in items:
                self._new_item(text)
            self.list.setCurrentRow(min(row, self.list.count() - 1))
        self._on_current_row_changed(self.list.currentRow())

    def _new_item(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text, self.list)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        return item

    def move_row(self, row: int, step: int) -> None:
        target = row + step
        items = self.items()
        if not (0 <= row < len(items) and 0 <= target < len(items)):
            return
        items[row], items[target] = items[target], items[row]
        self.set_items(items)
        self.list.setCurrentRow(target)
        self.itemsEdited.emit(items)

    @Slot()
    def _on_add_clicked(self) -> None:
        with _Blocked(self.list):
            item = self._new_item(self.tr("New phrase"))
        self.list.setCurrentItem(item)
        self.itemsEdited.emit(self.items())
        self.list.editItem(item)

    @Slot()
    def _on_up_clicked(self) -> None:
        self.move_row(self.list.currentRow(), -1)

    @Slot()
    def _on_down_clicked(self) -> None:
        self.move_row(self.list.currentRow(), +1)

    @Slot()
    def _on_remove_clicked(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        items = self.items()
        del items[row]
        self.set_items(items)
        self.itemsEdited.emit(items)

    @Slot(QListWidgetItem)
    def _on_item_changed(self, item: QListWidgetItem) -> None:
        self.itemsEdited.emit(self.items())

    @Slot(int)
    def _on_current_row_changed(self, row: int) -> None:
        count = self.list.count()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        self.remove_button.setEnabled(0 <= row < count)


def _set_line(edit: QLineEdit, text: str) -> None:
    if edit.text() != text:  # leave the cursor alone while the trainer types
        edit.setText(text)


class _Blocked:
    """Block a few widgets' signals while the form shows what the text says."""

    def __init__(self, *widgets: QWidget) -> None:
        self.widgets = widgets
        self.previous: list[bool] = []

    def __enter__(self) -> None:
        self.previous = [w.blockSignals(True) for w in self.widgets]

    def __exit__(self, *exc: object) -> None:
        for widget, was in zip(self.widgets, self.previous, strict=True):
            widget.blockSignals(was)
