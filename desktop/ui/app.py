"""QApplication start-up. PROVISIONAL minimal window until the agent UI lands."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from desktop.core import resources


def run_app(kb_dir: Path | None = None, self_test: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    label = QLabel(f"Kalma — KB: {kb_dir or resources.bundled_kb_dir()}")
    label.setWindowTitle("Kalma")
    label.resize(480, 120)
    label.show()
    if self_test:
        QTimer.singleShot(200, app.quit)
    return int(app.exec())
