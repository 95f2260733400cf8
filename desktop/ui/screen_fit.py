"""Window sizes that fit the agent's screen (a 1366×768 laptop, half of it, or bigger)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for the window frame and title bar, which the available geometry does not include.
FRAME = QSize(16, 40)


def fit_size(preferred: QSize, available: QRect, frame: QSize = FRAME) -> QSize:
    """`preferred`, made smaller where the available screen area is smaller."""
    return QSize(max(200, min(preferred.width(), available.width() - frame.width())),
                 max(200, min(preferred.height(), available.height() - frame.height())))


def fit_to_screen(window: QWidget, preferred: QSize) -> QSize:
    """Resize a top-level window to `preferred`, capped to its screen; returns the size.
    The trainer window calls this too (one line: fit_to_screen(self, QSize(1400, 900)))."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    size = fit_size(preferred, screen.availableGeometry()) if screen is not None else preferred
    window.resize(size)
    return size
