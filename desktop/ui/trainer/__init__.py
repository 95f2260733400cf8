"""Trainer workspace (STUB: the trainer issue replaces this; keep open_trainer's signature)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget


def open_trainer(parent: QWidget | None, kb_dir: Path, allowed: bool) -> QWidget | None:
    """Open (or raise) the trainer window for kb_dir; returns it, or None when refused."""
    QMessageBox.information(parent, parent.tr("Trainer mode") if parent else "Trainer mode",
                            "Trainer mode is not available yet.")
    return None
