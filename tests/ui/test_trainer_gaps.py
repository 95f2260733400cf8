# ruff: noqa: F811  (pytest injects the fixtures imported from test_trainer by name)
"""Floor-wide gaps and usage without personal data, in trainer mode (issue 12, item 3)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.core.approval import kb_trainer_settings
from desktop.core.editing import NewCard
from desktop.core.gaplog import GapLog
from desktop.core.settings import resolve
from desktop.ui import trainer
from desktop.ui.settings_store import SettingsStore
from desktop.ui.trainer.settings_dialog import TrainerSettings, TrainerSettingsDialog
from desktop.ui.trainer.window import TrainerWindow
from tests.ui.test_trainer import gap_log, kb, refreshed, window  # noqa: F401


def _seat(share: Path, seat: str, tmp_path: Path) -> GapLog:
    return GapLog(tmp_path / seat / "gaps.jsonl", enabled=True, share_dir=share, seat=seat,
                  known=frozenset({"refund", "late"}))


def test_settings_dialog_turns_the_gap_log_on_and_sets_the_shared_folder(
        window: TrainerWindow, kb: Path, tmp_path: Path, qtbot: QtBot) -> None:
    dialog = TrainerSettingsDialog(TrainerSettings(), window)
    qtbot.addWidget(dialog)
    dialog.gap_log_box.setChecked(True)
    dialog.share_edit.setText(str(tmp_path / "share"))
    dialog.approvals_spin.setValue(2)
    window.apply_settings(dialog.chosen())
    stored = resolve(SettingsStore().load_user_values()).settings
    assert stored.gap_log_enabled and stored.gap_share_dir == str(tmp_path / "share")
    assert kb_trainer_settings(kb).approvals == 2
    assert window.gap_log.enabled and window.share_dir == tmp_path / "share"


def test_locked_settings_cannot_be_changed(qtbot: QtBot) -> None:
    dialog = TrainerSettingsDialog(TrainerSettings(locked=frozenset({"gap_log_enabled"})))
    qtbot.addWidget(dialog)
    assert not dialog.gap_log_box.isEnabled() and dialog.share_edit.isEnabled()


def test_the_agent_window_follows_the_trainers_choice() -> None:
    class Agent(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.settings = resolve({}).settings

    agent = Agent()
    trainer._settings_follow(agent, TrainerSettings(True, "/srv/share"))
    assert agent.settings.gap_log_enabled and agent.settings.gap_share_dir == "/srv/share"


def test_floor_gaps_most_copied_and_never_used(window: TrainerWindow, tmp_path: Path,
                                               qtbot: QtBot) -> None:
    share = tmp_path / "share"
    share.mkdir()
    for seat in ("pc-01", "pc-02"):
        log = _seat(share, seat, tmp_path)
        log.record_search("refund maria santos", 0)
        log.record_copy("hold", "hold-check-in")
    window.share_dir = share
    refreshed(qtbot, window)
    panel = window.gaps_panel
    assert panel.tree.topLevelItem(0).text(0) == "refund […]"
    assert panel.tree.topLevelItem(0).text(1) == "2"
    assert "2 computer(s)" in panel.caption.text()
    usage = [(panel.usage_tree.topLevelItem(n).text(0), panel.usage_tree.topLevelItem(n).text(1))
             for n in range(panel.usage_tree.topLevelItemCount())]
    hold_title = window.snapshot.card("hold-check-in", "en").title  # type: ignore[union-attr]
    assert usage[0] == (hold_title, "2")
    assert [count for _, count in usage[1:]] == ["never", "never"]


def test_create_card_from_a_gap(window: TrainerWindow, kb: Path, tmp_path: Path,
                                qtbot: QtBot) -> None:
    share = tmp_path / "share"
    share.mkdir()
    _seat(share, "pc-01", tmp_path).record_search("late refund", 0)
    window.share_dir = share
    window.refresh_gaps()
    asked: list[str] = []

    def answer(title: str = "") -> NewCard:
        asked.append(title)
        return NewCard(title=title, lang="en", stage="listen")

    window.ask_new_card = answer  # type: ignore[method-assign]
    window.gaps_panel.select_gap(0)
    window.gaps_panel.create_button.click()
    assert asked == ["late refund"]
    assert window.current_name == "late-refund.md"
    assert (kb / "en" / "late-refund.md").is_file()


def test_agent_seat_writes_masked_gaps_and_card_copies_to_the_shared_folder(
        qtbot: QtBot, make_window, small_kb: Path, tmp_path: Path) -> None:
    from ui_helpers import type_query

    share = tmp_path / "share"
    share.mkdir()
    window = make_window(small_kb, user={"gap_log_enabled": True,
                                         "gap_share_dir": str(share)})
    window._gap_timer.setInterval(30)
    type_query(qtbot, window, "vent maria santos 0917-555-1234")
    qtbot.waitUntil(lambda: any(share.iterdir()), timeout=3000)
    type_query(qtbot, window, "vent")
    window.call_tools.customer_edit.setText("Ana")  # no blank left: the phrase copies at once
    assert window.copy_phrase(1)
    (seat_file,) = share.iterdir()
    text = seat_file.read_text(encoding="utf-8")
    assert '"c": "let-them-vent"' in text
    for secret in ("maria", "santos", "0917", "555"):
        assert secret not in text
