"""Ctrl+E opens trainer mode from anywhere, even while a text box has the focus.

On Linux (X11) Qt's text boxes claim Ctrl+E as "end of line" through a ShortcutOverride
event, so the window's shortcut never fires while the search box is focused. An
application-wide filter turns that claim down for the trainer key only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication


class ShortcutKeeper(QObject):
    """Stops text widgets from overriding the given action's shortcuts."""

    def __init__(self, action: QAction) -> None:
        super().__init__(action)
        self._action = action

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
    if app is not None:
        app.installEventFilter(ShortcutKeeper(action))
