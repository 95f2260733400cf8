"""Alerts where the agent looks: a banner above the card, one line per kind of alert.

The hold reminder, the abusive-caller step, the recovery card and "call ended" (with its
Undo) each get a row; a new alert of the same kind replaces the old row. Rows close with
their × button or when the window says so (e.g. the hold ended).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.ui.retranslate import Retranslatable

KINDS = ("ended", "hold", "abuse", "abuse_limit", "recovery", "close", "detected")


class _AlertRow(QFrame):
    def __init__(self, kind: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"alert_{kind}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)  # escaped by AlertBanner
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action = QPushButton(self)
        self.action.hide()
        self.dismiss = QPushButton("×", self)
        self.dismiss.setFlat(True)
        self.dismiss.setFixedWidth(28)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignTop)


class AlertBanner(Retranslatable, QFrame):
    actionTriggered = Signal(str)  # the kind whose button was pressed (e.g. "ended": Undo)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertBanner")
        self.setStyleSheet(
            "#alertBanner > QFrame { border: 2px solid palette(highlight); border-radius: 4px;"
            " background: palette(alternate-base); }")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._rows: dict[str, _AlertRow] = {}
        self._texts: dict[str, str] = {}
        self.hide()

    def show_alert(self, kind: str, text: str, action: str = "") -> None:
        """Show (or replace) the row for `kind`: first line bold, the rest below it;
        `action` is the label of an optional button (its press emits actionTriggered)."""
        row = self._rows.get(kind)
        if row is None:
            row = _AlertRow(kind, self)
            row.dismiss.clicked.connect(lambda _=False, k=kind: self.clear(k))
            row.action.clicked.connect(lambda _=False, k=kind: self.actionTriggered.emit(k))
            self._rows[kind] = row
            self._layout.insertWidget(0, row)  # the newest on top
        self._texts[kind] = text
        title, _, rest = text.partition("\n")
        body = html.escape(rest).replace("\n", "<br>")
        row.label.setText(f"<b>{html.escape(title)}</b>" + (f"<br>{body}" if rest else ""))
        row.label.setAccessibleName(text)
        row.action.setText(action)
        row.action.setAccessibleName(action)
        row.action.setVisible(bool(action))
        self.retranslate_ui()
        row.show()
        self.show()

    def clear(self, kind: str) -> None:
        row = self._rows.pop(kind, None)
        self._texts.pop(kind, None)
        if row is not None:
            row.hide()
            row.deleteLater()
        if not self._rows:
            self.hide()

    def text(self, kind: str) -> str:
        return self._texts.get(kind, "")

    def kinds(self) -> list[str]:
        return list(self._rows)

    def action_button(self, kind: str) -> QPushButton | None:
        row = self._rows.get(kind)
        return row.action if row is not None else None

    def retranslate_ui(self) -> None:
        self.setAccessibleName(self.tr("Alerts"))
        for row in self._rows.values():
            row.dismiss.setToolTip(self.tr("Dismiss"))
            row.dismiss.setAccessibleName(self.tr("Dismiss this alert"))
