"""One side (English or Filipino) of a card: form, phrase rows, markdown text, live preview.

The text in the QPlainTextEdit is the single source of truth. The form and the phrase rows
are refreshed from it, and their edits become ordinary (undoable) text edits that touch
only the changed characters, so untouched bytes stay untouched on save.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.cards import KbFileError
from desktop.core.editing import (
    EditDocument,
    section_items,
    set_meta_field,
    set_section_items,
)
from desktop.core.frontmatter import read_meta
from desktop.core.spelling import SpellChecker
from desktop.core.taxonomy import Taxonomy
from desktop.ui.trainer.agent_preview import AgentPreview
from desktop.ui.trainer.form import MetaForm, PhraseRows
from desktop.ui.trainer.preview import CardPreview
from desktop.ui.trainer.spellcheck import SpellHighlighter

SYNC_DELAY_MS = 150  # form, phrases and preview follow the text after this pause
SHARED_KEYS = ("stage", "tags", "channel", "review_by", "owner")  # same on both twins


def editor_text(editor: QPlainTextEdit) -> str:
    """The editor's exact text. toPlainText() would turn no-break spaces into spaces."""
    return editor.document().toRawText().replace("\u2029", "\n")


def replace_editor_text(editor: QPlainTextEdit, new: str) -> None:
    """Change the editor's text to `new` as one undo step touching only what differs."""
    old = editor_text(editor)
    if old == new:
        return
    start = _common_prefix(old, new)
    tail = _common_prefix(old[start:][::-1], new[start:][::-1])
    cursor = QTextCursor(editor.document())
    cursor.beginEditBlock()
    cursor.setPosition(_qt_pos(old, start))
    cursor.setPosition(_qt_pos(old, len(old) - tail), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(new[start:len(new) - tail])
    cursor.endEditBlock()


def _common_prefix(a: str, b: str) -> int:
    limit = min(len(a), len(b))
    index = 0
    while index < limit and a[index] == b[index]:
        index += 1
    return index


def _qt_pos(text: str, index: int) -> int:
    # Qt counts UTF-16 code units; Python counts code points (they differ for emoji).
    return len(text[:index].encode("utf-16-le")) // 2


class CardEditor(QWidget):
    """Edits one file; emits signals, never shows dialogs (the window decides)."""

    modifiedChanged = Signal(bool)
    createTranslationRequested = Signal(str)  # the language to create
    sharedFieldEdited = Signal(str, str, str)  # key, old value, new value
    focused = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.doc: EditDocument | None = None
        self.path: Path | None = None
        self._modified = False
        self._reason = ""  # why the file cannot be edited, when it cannot
        self._can_create = False
        self.spell: SpellHighlighter | None = None
        self._sync_timer = QTimer(self)
        self._sync_timer.setSingleShot(True)
        self._sync_timer.setInterval(SYNC_DELAY_MS)
        self._sync_timer.timeout.connect(self._on_sync_timeout)
        self._build()
        self.retranslate_ui()
        self.show_missing(None)

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel(self)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.disk_notice = QLabel(self)
        self.disk_notice.setWordWrap(True)
        self.disk_notice.hide()
        self.form = MetaForm(self.lang, self)
        self.phrases = PhraseRows(self)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setUndoRedoEnabled(True)
        self.text_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text_edit.setFont(QFont("monospace"))
        self.preview = CardPreview(self)
        self.agent_preview = AgentPreview(self.lang, self)
        self.preview_tabs = QTabWidget(self)
        self.preview_tabs.addTab(self.agent_preview, "")
        self.preview_tabs.addTab(self.preview, "")
        fields = QWidget(self)
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.addWidget(self.form)
        fields_layout.addWidget(self.phrases)
        top = QScrollArea(self)
        top.setWidgetResizable(True)
        top.setWidget(fields)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        for part in (top, self.text_edit, self.preview_tabs):
            splitter.addWidget(part)
        splitter.setSizes([190, 170, 280])  # the agent view needs the room most

        self.missing_label = QLabel(self)
        self.missing_label.setWordWrap(True)
        self.missing_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.create_button = QPushButton(self)
        missing = QWidget(self)
        missing_layout = QVBoxLayout(missing)
        missing_layout.addStretch(1)
        missing_layout.addWidget(self.missing_label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.create_button)
        row.addStretch(1)
        missing_layout.addLayout(row)
        missing_layout.addStretch(1)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(missing)
        self.pages.addWidget(splitter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.disk_notice)
        layout.addWidget(self.pages, 1)

        self.text_edit.textChanged.connect(self._on_text_changed)
        self.form.fieldEdited.connect(self._on_field_edited)
        self.phrases.itemsEdited.connect(self._on_phrases_edited)
        self.create_button.clicked.connect(self._on_create_clicked)
        self.text_edit.installEventFilter(self)

    def retranslate_ui(self) -> None:
        language = self.tr("English") if self.lang == "en" else self.tr("Filipino")
        name = self.path.name if self.path else ""
        self.heading.setText(f"<b>{html.escape(language)}</b> {html.escape(name)}")
        self.create_button.setText(self.tr("Create translation"))
        self.preview_tabs.setTabText(0, self.tr("Agent view"))
        self.preview_tabs.setTabText(1, self.tr("Rendered"))
        self.disk_notice.setText(self.tr("This file changed on disk since you opened it. "
                                         "Saving will show both versions and let you choose."))
        if self.pages.currentIndex() == 0:
            self._show_missing_text()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if watched is self.text_edit and event.type() == QEvent.Type.FocusIn:
            self.focused.emit()
        return False

    # --- what is shown -----------------------------------------------------------------

    def load(self, path: Path) -> None:
        """Open `path` for editing; raises KbFileError when it is not UTF-8 text."""
        doc = EditDocument(path)
        self.doc, self.path = doc, path
        self.text_edit.setPlainText(doc.text)  # also resets undo/redo
        self.text_edit.document().setModified(False)
        self.disk_notice.hide()
        self.pages.setCurrentIndex(1)
        self.retranslate_ui()
        self._sync_views()
        self._set_modified(False)

    def show_missing(self, expected: Path | None, can_create: bool = False,
                     reason: str = "") -> None:
        """No file for this language (yet), or one that cannot be edited (`reason`)."""
        self.doc, self.path = None, expected
        self._reason = reason
        self._can_create = can_create
        with_signals = self.text_edit.blockSignals(True)
        self.text_edit.clear()
        self.text_edit.blockSignals(with_signals)
        self.disk_notice.hide()
        self.pages.setCurrentIndex(0)
        self.retranslate_ui()
        self._set_modified(False)

    def _show_missing_text(self) -> None:
        if self._reason:
            self.missing_label.setText(self._reason)
        elif self.lang == "fil":
            self.missing_label.setText(self.tr("No Filipino version yet."))
        else:
            self.missing_label.setText(self.tr("No English version yet."))
        self.create_button.setVisible(self._can_create)

    def set_spellchecker(self, checker: SpellChecker | None) -> None:
        """Underline unknown Filipino/English words (None: off)."""
        if self.spell is not None:
            self.spell.setDocument(None)
        self.spell = SpellHighlighter(self.text_edit.document(), checker) if checker else None

    def set_taxonomy(self, taxonomy: Taxonomy) -> None:
        self.form.set_taxonomy(taxonomy)
        if self.doc is not None:
            self._sync_views()

    def text(self) -> str:
        return editor_text(self.text_edit)

    def is_modified(self) -> bool:
        return self.doc is not None and self.text() != self.doc.text

    def go_to_line(self, line: int) -> None:
        block = self.text_edit.document().findBlockByLineNumber(max(0, line - 1))
        cursor = QTextCursor(block)
        self.text_edit.setTextCursor(cursor)
        self.text_edit.centerCursor()
        self.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.highlight_line(cursor)

    def highlight_line(self, cursor: QTextCursor) -> None:
        """Mark the line a lint problem points at until the trainer edits the text."""
        marked = QTextCursor(cursor)
        marked.clearSelection()
        look = QTextCharFormat()
        look.setBackground(QColor("#fff1a8"))
        look.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = marked
        selection.format = look
        self.text_edit.setExtraSelections([selection])

    def highlighted_line(self) -> int | None:
        """1-based line of the lint highlight, or None."""
        selections = self.text_edit.extraSelections()
        return selections[0].cursor.blockNumber() + 1 if selections else None

    # --- saving (the window handles conflicts) -----------------------------------------

    def save(self, force: bool = False) -> None:
        """Atomic save; raises SaveConflict (unless force) and OSError."""
        if self.doc is None:
            return
        self.doc.save(self.text(), force=force)
        self.disk_notice.hide()
        self._set_modified(self.is_modified())

    def take_disk_version(self) -> None:
        """Replace the text with the file on disk, as an undoable edit."""
        if self.doc is None:
            return
        text = self.doc.reload()
        replace_editor_text(self.text_edit, text)
        self.disk_notice.hide()
        self._sync_views()
        self._set_modified(self.is_modified())

    def check_disk(self) -> None:
        """After a change in the KB: reload an untouched file, flag a touched one."""
        if self.doc is None or not self.doc.disk_changed():
            return
        if not self.is_modified() and self.doc.path.exists():
            try:
                self.load(self.doc.path)
            except KbFileError as exc:
                self.show_missing(self.doc.path, reason=exc.message)
            return
        self.disk_notice.show()

    def apply_field(self, key: str, value: str) -> None:
        """Set one front matter field (used for twins' shared fields too)."""
        try:
            new = set_meta_field(self.text(), key, value)
        except ValueError:
            return  # no front matter to put it in: the lint panel says so
        replace_editor_text(self.text_edit, new)

    def meta(self) -> dict[str, str]:
        return read_meta(self.text())

    # --- slots -------------------------------------------------------------------------

    @Slot()
    def _on_text_changed(self) -> None:
        if self.text_edit.extraSelections():
            self.text_edit.setExtraSelections([])  # the marked line may have moved
        self._set_modified(self.is_modified())
        self._sync_timer.start()

    @Slot()
    def _on_sync_timeout(self) -> None:
        self._sync_views()

    def _sync_views(self) -> None:
        self._sync_timer.stop()
        text = self.text()
        self.form.set_values(read_meta(text))
        self.phrases.set_items(section_items(text, "say"))
        if self.path is not None:
            self.preview.show_card_text(text, self.path)
            self.agent_preview.show_card_text(text, self.path)

    @Slot(str, str)
    def _on_field_edited(self, key: str, value: str) -> None:
        old = self.meta().get(key, "")
        self.apply_field(key, value)
        self._sync_views()
        if key in SHARED_KEYS and old != read_meta(self.text()).get(key, ""):
            self.sharedFieldEdited.emit(key, old, value)

    @Slot(list)
    def _on_phrases_edited(self, items: list[str]) -> None:
        replace_editor_text(self.text_edit,
                            set_section_items(self.text(), "say", items, self.lang))
        self._sync_views()

    @Slot()
    def _on_create_clicked(self) -> None:
        self.createTranslationRequested.emit(self.lang)

    def _set_modified(self, modified: bool) -> None:
        if modified != self._modified:
            self._modified = modified
            self.modifiedChanged.emit(modified)
