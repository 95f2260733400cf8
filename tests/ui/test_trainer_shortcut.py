"""Ctrl+E opens trainer mode even while a text box has the focus (issue 12, item 6)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow
from pytestqt.qtbot import QtBot

from desktop.ui.trainer.shortcut import keep_shortcut_everywhere


class X11LineEdit(QLineEdit):
    """A line edit that claims Ctrl+E the way Qt's text boxes do on X11 ("end of line")."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_E:
            event.accept()
            return True
        return super().event(event)


def _override_accepted(target: QObject, key: Qt.Key) -> bool:
    event = QKeyEvent(QEvent.Type.ShortcutOverride, key, Qt.KeyboardModifier.ControlModifier)
    QApplication.sendEvent(target, event)
    return event.isAccepted()


def test_text_boxes_no_longer_swallow_ctrl_e(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    box = X11LineEdit(window)
    window.setCentralWidget(box)
    assert _override_accepted(box, Qt.Key.Key_E)  # the bug: the box keeps the key
    action = QAction(window)
    action.setShortcut("Ctrl+E")
    window.addAction(action)
    keep_shortcut_everywhere(action)
    assert not _override_accepted(box, Qt.Key.Key_E)
    assert action.shortcutContext() == Qt.ShortcutContext.ApplicationShortcut


def test_other_keys_still_reach_the_text_box(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    box = QLineEdit(window)
    action = QAction(window)
    action.setShortcut("Ctrl+E")
    keep_shortcut_everywhere(action)
    # Ctrl+A (select all) is still the text box's own key.
    assert _override_accepted(box, Qt.Key.Key_A)


def test_a_text_box_made_later_gives_up_ctrl_e_once_it_has_the_focus(qtbot: QtBot) -> None:
    """The filter follows the focus instead of seeing every event of the application."""
    window = QMainWindow()
    qtbot.addWidget(window)
    action = QAction(window)
    action.setShortcut("Ctrl+E")
    window.addAction(action)
    keep_shortcut_everywhere(action)
    box = X11LineEdit(window)  # made after the keeper, like a dialog's text box
    window.setCentralWidget(box)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=3000)
    assert not _override_accepted(box, Qt.Key.Key_E)
    assert _override_accepted(box, Qt.Key.Key_A)
