"""The GUI's last line of defence: an unexpected error is logged and told, not swallowed."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger("desktop.ui")
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class ErrorNotice(QObject):
    """Installs sys.excepthook: logs the traceback, shows one short translatable message.

    A slot that raises would otherwise print to a console nobody sees (or, with some
    Qt settings, end the process). The window keeps running after the message.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parent = parent
        self._previous: ExceptHook | None = None
        self._box: QMessageBox | None = None
        self.count = 0

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if self._previous is not None and sys.excepthook == self.handle:
            sys.excepthook = self._previous
        self._previous = None

    def handle(self, kind: type[BaseException], error: BaseException,
               trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt) and self._previous is not None:
            self._previous(kind, error, trace)
            return
        log.error("unexpected error in the window", exc_info=(kind, error, trace))
        self.count += 1
        self._show(f"{kind.__name__}: {error}")

    def message(self) -> str:
        return self.tr("Something went wrong in Kalma. Your call notes are kept and the "
                       "window keeps working; the details are in the log file.")

    def _show(self, detail: str) -> None:
        if self._box is not None and self._box.isVisible():
            return  # one message at a time: a repeating error must not stack dialogs
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Unexpected error"),
                          self.message(), QMessageBox.StandardButton.Close, self._parent)
        box.setDetailedText(detail)
        box.setObjectName("errorNotice")
        self._box = box
        box.open()

    def box(self) -> QMessageBox | None:
        return self._box
