"""Trainer workspace: edit, translate, lint and review the markdown KB inside the app.

open_trainer() is the one entry point (the agent window calls it from Ctrl+E). Trainer
mode needs the setting to allow it and a KB folder this user can really write to;
otherwise it says why and opens nothing.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.editing import kb_write_problem
from desktop.core.gaplog import GapLog, default_gap_log_path

_open_windows: dict[Path, QWidget] = {}


def refusal_reason(kb_dir: Path, allowed: bool) -> str | None:
    """Why trainer mode cannot open (translated), or None when it can."""
    if not allowed:
        return QCoreApplication.translate(
            "TrainerAccess", "Trainer mode is turned off on this computer (in the settings "
            "or by IT).")
    problem = kb_write_problem(kb_dir)
    if problem == "missing":
        return QCoreApplication.translate(
            "TrainerAccess", "The knowledge-base folder was not found: {0}").format(kb_dir)
    if problem == "read-only":
        return QCoreApplication.translate(
            "TrainerAccess", "The knowledge-base folder is read-only for you, so it cannot be "
            "edited here: {0}. Ask IT for write access, or edit a copy of the folder.").format(
                kb_dir)
    return None


def open_trainer(parent: QWidget | None, kb_dir: Path, allowed: bool) -> QWidget | None:
    """Open (or raise) the trainer window for kb_dir; returns it, or None when refused."""
    reason = refusal_reason(kb_dir, allowed)
    if reason is not None:
        QMessageBox.information(parent, QCoreApplication.translate("TrainerAccess",
                                                                   "Trainer mode"), reason)
        return None
    key = kb_dir.resolve()
    window = _open_windows.get(key)
    if window is None:
        from desktop.ui.trainer.settings_dialog import load_trainer_settings
        from desktop.ui.trainer.window import TrainerWindow  # heavy; only when used

        current = load_trainer_settings(key)
        gap_log = GapLog(default_gap_log_path(), enabled=current.gap_log_enabled)
        share = Path(current.gap_share_dir).expanduser() if current.gap_share_dir else None
        window = TrainerWindow(key, gap_log=gap_log, parent=parent, share_dir=share)
        window.settingsChanged.connect(partial(_settings_follow, parent))
        _open_windows[key] = window
        window.destroyed.connect(lambda *_: _open_windows.pop(key, None))
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def _settings_follow(parent: QWidget | None, chosen: object) -> None:
    """The agent window keeps its settings in memory and writes them on exit: give it the
    trainer's new choices so it neither ignores nor overwrites them."""
    settings = getattr(parent, "settings", None)
    for key in ("gap_log_enabled", "gap_share_dir"):
        if settings is not None and hasattr(settings, key):
            setattr(settings, key, getattr(chosen, key))


def gap_log_enabled() -> bool:
    """Whether agents' search gaps are being logged (only shown as a hint to the trainer)."""
    from desktop.core.settings import resolve
    from desktop.ui.settings_store import SettingsStore

    try:
        return resolve(SettingsStore().load_user_values()).settings.gap_log_enabled
    except Exception:  # a settings problem must not keep the trainer out
        return False
