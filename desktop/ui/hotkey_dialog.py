"""Call › Global hotkey…: the key that brings Kalma forward from any program, and its target."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QKeySequenceEdit,
    QLabel,
    QVBoxLayout,
    QWidget,
)


class HotkeyDialog(QDialog):
    def __init__(self, sequence: str, target: str, status: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hotkeyDialog")
        self.setWindowTitle(self.tr("Global hotkey"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.key_edit = QKeySequenceEdit(QKeySequence(sequence), self)
        self.key_edit.setMaximumSequenceLength(1)
        self.key_edit.setClearButtonEnabled(True)
        self.key_edit.setAccessibleName(self.tr("Global hotkey"))
        self.target = QComboBox(self)
        self.target.addItem(self.tr("The full window"), "main")
        self.target.addItem(self.tr("Mini mode"), "mini")
        self.target.setCurrentIndex(max(0, self.target.findData(target)))
        self.target.setAccessibleName(self.tr("The hotkey brings up"))
        form.addRow(self.tr("Key (empty: off):"), self.key_edit)
        form.addRow(self.tr("Brings up:"), self.target)
        layout.addLayout(form)
        self.status = QLabel(self.status_text(status, sequence), self)
        self.status.setObjectName("hotkeyStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def sequence(self) -> str:
        return self.key_edit.keySequence().toString(QKeySequence.SequenceFormat.PortableText)

    def chosen_target(self) -> str:
        return str(self.target.currentData())

    def status_text(self, status: str, sequence: str) -> str:
        if status == "active":
            return self.tr("Active: press %1 in any program to bring Kalma forward with the "
                           "search box ready.").replace("%1", sequence)
        if status == "wayland":
            return self.tr("This desktop (Wayland) does not let programs use global keys. "
                           "Add a keyboard shortcut in your desktop settings that starts "
                           "Kalma: starting it again brings this window forward.")
        if status == "other":
            return self.tr("Global keys are not available on this system.")
        if status.startswith("error"):
            return self.tr("The key could not be used (another program may have it): "
                           "%1").replace("%1", status.partition(": ")[2])
        return self.tr("Off.")
