"""Trainer settings: the search-gap log, the shared folder for the floor, approvals."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class TrainerSettings:
    gap_log_enabled: bool = False
    gap_share_dir: str = ""
    approvals: int = 1  # a KB setting (kalma-kb.ini), the rest are this computer's
    locked: frozenset[str] = frozenset()  # keys IT fixed in the system config


def load_trainer_settings(kb_dir: Path) -> TrainerSettings:
    from desktop.core.approval import kb_trainer_settings
    from desktop.core.settings import resolve
    from desktop.ui.settings_store import SettingsStore

    resolved = resolve(SettingsStore().load_user_values())
    return TrainerSettings(resolved.settings.gap_log_enabled, resolved.settings.gap_share_dir,
                           kb_trainer_settings(kb_dir).approvals, resolved.locked)


def save_trainer_settings(kb_dir: Path, chosen: TrainerSettings) -> None:
    from desktop.core.approval import kb_trainer_settings, set_required_approvals
    from desktop.ui.settings_store import SettingsStore

    SettingsStore().save_values({"gap_log_enabled": chosen.gap_log_enabled,
                                 "gap_share_dir": chosen.gap_share_dir}, chosen.locked)
    if kb_trainer_settings(kb_dir).approvals != chosen.approvals:
        set_required_approvals(kb_dir, chosen.approvals)


class TrainerSettingsDialog(QDialog):
    def __init__(self, current: TrainerSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locked = current.locked
        self.gap_log_box = QCheckBox(self)
        self.gap_log_box.setChecked(current.gap_log_enabled)
        self.gap_log_box.setEnabled("gap_log_enabled" not in current.locked)
        self.share_edit = QLineEdit(current.gap_share_dir, self)
        self.share_edit.setEnabled("gap_share_dir" not in current.locked)
        self.browse_button = QPushButton(self)
        self.browse_button.setEnabled(self.share_edit.isEnabled())
        self.approvals_spin = QSpinBox(self)
        self.approvals_spin.setRange(1, 2)
        self.approvals_spin.setValue(current.approvals)
        self.privacy_note = QLabel(self)
        self.privacy_note.setWordWrap(True)
        share_row = QHBoxLayout()
        share_row.addWidget(self.share_edit, 1)
        share_row.addWidget(self.browse_button)
        self.form = QFormLayout()
        self.form.addRow(self.gap_log_box)
        self.share_label = QLabel(self)
        self.form.addRow(self.share_label, share_row)
        self.approvals_label = QLabel(self)
        self.form.addRow(self.approvals_label, self.approvals_spin)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.browse_button.clicked.connect(self._on_browse_clicked)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.privacy_note)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Trainer settings"))
        self.gap_log_box.setText(self.tr("Log agents' search gaps on this computer"))
        self.share_label.setText(self.tr("Shared folder for the floor (optional)"))
        self.share_edit.setPlaceholderText(self.tr("e.g. a folder on the team share"))
        self.browse_button.setText(self.tr("Browse…"))
        self.approvals_label.setText(self.tr("Trainers who must approve a draft"))
        self.privacy_note.setText(self.tr(
            "Only words the KB or a common-word list knows are kept; every other word, "
            "number and e-mail address is masked before anything is written, so customer "
            "names never reach the log. With a shared folder, each computer appends its "
            "masked searches and copy counts to its own file there."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def chosen(self) -> TrainerSettings:
        return TrainerSettings(self.gap_log_box.isChecked(), self.share_edit.text().strip(),
                               self.approvals_spin.value(), self._locked)

    @Slot()
    def _on_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Shared folder"),
                                                  self.share_edit.text())
        if folder:
            self.share_edit.setText(folder)
