"""The inline "fill in the blanks" line: a phrase with an empty {placeholder} is never copied.

Copying a phrase that still has `{issue}` (or any other blank) opens this strip instead:
one field per blank, Enter copies the filled phrase, Esc copies nothing. The window puts
the values into the call panel, so the rest of the call fills them by itself.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.blanks import BLANK_RE, LABEL_CONTEXT, blank_label
from desktop.ui.retranslate import Retranslatable

MAX_FIELDS = 6
PREVIEW_CHARS = 90


def translated_label(name: str) -> str:
    """The label of placeholder `name` in the interface language (the blank prompt and
    the call panel's detail fields use the same words)."""
    return QCoreApplication.translate(LABEL_CONTEXT, blank_label(name))


class BlankPrompt(Retranslatable, QFrame):
    filled = Signal(dict)  # name -> value the agent typed (all non-empty)
    dismissed = Signal(list)  # the names left blank (Esc or Cancel): nothing was copied

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blankPrompt")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#blankPrompt { border: 2px solid palette(highlight);"
                           " border-radius: 4px; }")
        self._text = ""
        self._names: list[str] = []
        self._edits: list[QLineEdit] = []
        self._labels: list[QLabel] = []
        self._return_focus: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(4)
        self.title = QLabel(self)
        self.title.setObjectName("blankPromptTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)  # escaped by us
        layout.addWidget(self.title)
        self._form = QFormLayout()
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.addLayout(self._form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("blankPromptCopy")
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("blankPromptCancel")
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.hide()
        self.retranslate_ui()

    # --- public API ----------------------------------------------------------------------

    def ask(self, text: str, names: list[str]) -> None:
        """Show one field per blank in `text`; the first field gets the focus."""
        focus = QApplication.focusWidget()
        if focus is not None and not self.isAncestorOf(focus):
            self._return_focus = focus
        self._text, self._names = text, names[:MAX_FIELDS]
        while len(self._edits) < len(self._names):
            self._add_field()
        for n, (label, edit) in enumerate(zip(self._labels, self._edits, strict=True)):
            shown = n < len(self._names)
            self._form.setRowVisible(n, shown)
            edit.clear()
            if shown:
                label.setText(self.field_label(self._names[n]))
                edit.setAccessibleName(label.text())
        self.retranslate_ui()
        self.show()
        self._edits[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def is_open(self) -> bool:
        return not self.isHidden()

    def names(self) -> list[str]:
        return list(self._names)

    def edit_for(self, name: str) -> QLineEdit | None:
        return self._edits[self._names.index(name)] if name in self._names else None

    def cancel(self) -> None:
        if self.is_open():
            names = list(self._names)
            self._close()
            self.dismissed.emit(names)

    def field_label(self, name: str) -> str:
        return translated_label(name)

    # --- building and events -------------------------------------------------------------

    def _add_field(self) -> None:
        label = QLabel(self)
        edit = QLineEdit(self)
        edit.setObjectName(f"blankField{len(self._edits)}")
        edit.setClearButtonEnabled(True)
        edit.installEventFilter(self)
        label.setBuddy(edit)
        self._labels.append(label)
        self._edits.append(edit)
        self._form.addRow(label, edit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._on_copy_clicked()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.cancel()
                return True
        return super().eventFilter(watched, event)

    def _on_copy_clicked(self) -> None:
        values = {name: edit.text().strip() for name, edit in zip(self._names, self._edits,
                                                                  strict=False)}
        empty = next((self._edits[n] for n, name in enumerate(self._names) if not values[name]),
                     None)
        if empty is not None:  # Enter in one field of two: go on to the next blank
            empty.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._close()
        self.filled.emit(values)

    def _on_cancel_clicked(self) -> None:
        self.cancel()

    def _close(self) -> None:
        self.hide()
        if self._return_focus is not None:
            self._return_focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self._return_focus = None

    def retranslate_ui(self) -> None:
        preview = " ".join(self._text.split())
        if len(preview) > PREVIEW_CHARS:
            preview = preview[: PREVIEW_CHARS - 1] + "…"
        marked = BLANK_RE.sub(r"<b><u>{\1}</u></b>", html.escape(preview))
        heading = html.escape(self.tr("Fill in the blanks before copying (Enter copies, "
                                      "Esc copies nothing):"))
        self.title.setText(f"{heading}<br>“{marked}”")
        self.copy_button.setText(self.tr("Copy"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.setAccessibleName(self.tr("Fill in the blanks"))
        for name, label, edit in zip(self._names, self._labels, self._edits, strict=False):
            label.setText(self.field_label(name))
            edit.setAccessibleName(label.text())
