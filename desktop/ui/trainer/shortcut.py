"""Ctrl+E opens trainer mode from anywhere, even while a text box has the focus.

On Linux (X11) Qt's text boxes claim Ctrl+E as "end of line" through a ShortcutOverride
event, so the window's shortcut never fires while the search box is focused. A filter
turns that claim down for the trainer key only. It watches the text boxes that exist
when it is set up and whichever widget has the focus later (ShortcutOverride goes to the
focus widget), not the whole application: a Python filter on the application runs for
every event of every widget (each layout, each paint), which cost a fifth of the time
the GUI thread spends showing a card.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)


class ShortcutKeeper(QObject):
    """Stops text widgets from overriding the given action's shortcuts."""

    def __init__(self, action: QAction) -> None:
        super().__init__(action)
        self._action = action
        self._focused: QWidget | None = None

    def watch_text_inputs(self, app: QApplication) -> None:
        for widget in app.allWidgets():
            if isinstance(widget, TEXT_INPUTS):
                widget.installEventFilter(self)

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        previous, self._focused = self._focused, new
        if previous is not None and previous is not new \
                and not isinstance(previous, TEXT_INPUTS):  # text boxes keep theirs
            with contextlib.suppress(RuntimeError):  # already deleted
                previous.removeEventFilter(self)
        if new is not None:
            new.installEventFilter(self)  # installing twice keeps one filter

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and self._action.isEnabled() and self._matches(event):
            event.ignore()  # not overridden: the shortcut map delivers it to the action
            return True
        return False

    def _matches(self, event: QKeyEvent) -> bool:
        pressed = QKeySequence(event.keyCombination())
        return any(pressed.matches(seq) == QKeySequence.SequenceMatch.ExactMatch
                   for seq in self._action.shortcuts())


def keep_shortcut_everywhere(action: QAction) -> None:
    """Make `action`'s shortcut work in every window of the app and over text boxes."""
    action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        keeper = ShortcutKeeper(action)
        keeper.watch_text_inputs(app)
        app.focusChanged.connect(keeper._on_focus_changed)
        keeper._on_focus_changed(None, app.focusWidget())
