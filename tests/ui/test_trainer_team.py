# ruff: noqa: F811  (pytest injects the fixtures imported from test_trainer by name)
"""Trainer mode for a team: approve, merge, history, window size (issue 12, items 1, 2, 5)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from desktop.core.approval import set_required_approvals
from desktop.core.editing import SaveConflict, set_meta_field
from desktop.core.merge import merge3
from desktop.ui.trainer import dialogs
from desktop.ui.trainer.editor import CardEditor, replace_editor_text
from desktop.ui.trainer.window import TrainerWindow, fitted_size
from tests.ui.test_trainer import gap_log, kb, refreshed, window  # noqa: F401

NAME = "hold-check-in.md"


def _make_draft(kb: Path) -> None:
    for lang in ("en", "fil"):
        path = kb / lang / NAME
        path.write_text(set_meta_field(path.read_text(encoding="utf-8"), "status", "draft"),
                        encoding="utf-8")


def test_approve_records_who_and_when_in_both_twins(window: TrainerWindow, kb: Path,
                                                     qtbot: QtBot) -> None:
    _make_draft(kb)
    refreshed(qtbot, window)
    window.open_card(NAME)
    assert window.approve_action.isEnabled()
    assert window.approve_current("maria", date(2026, 11, 28))
    for lang in ("en", "fil"):
        text = (kb / lang / NAME).read_text(encoding="utf-8")
        assert "approved_by: maria\n" in text and "approved_on: 2026-11-28\n" in text
        assert "status: approved\n" in text


def test_second_trainer_must_approve_when_the_kb_asks(window: TrainerWindow, kb: Path,
                                                       qtbot: QtBot) -> None:
    _make_draft(kb)
    set_required_approvals(kb, 2)
    told: list[str] = []
    window.tell = lambda title, text: told.append(text)  # type: ignore[method-assign]
    refreshed(qtbot, window)
    window.open_card(NAME)
    assert window.approve_current("maria", date(2026, 11, 28))
    text = (kb / "en" / NAME).read_text(encoding="utf-8")
    assert "status: draft" in text and "approved_by: maria" in text
    assert not window.approve_current("maria", date(2026, 11, 28))
    assert told and "already approved" in told[0]
    assert window.approve_current("jun", date(2026, 11, 29))
    text = (kb / "en" / NAME).read_text(encoding="utf-8")
    assert "status: approved" in text and "approved_by: maria, jun" in text


def test_edits_to_different_lines_merge_without_asking(window: TrainerWindow,
                                                        kb: Path) -> None:
    path = kb / "en" / NAME
    window.open_card(NAME)
    editor = window.editors["en"]
    original = path.read_text(encoding="utf-8")
    replace_editor_text(editor.text_edit, editor.text().replace("owner:", "owner: Mine —", 1))
    theirs = original.rstrip("\n") + "\n\nTheirs at the end.\n"
    path.write_text(theirs, encoding="utf-8")
    window.ask_conflict = lambda ed, c: (_ for _ in ()).throw(  # type: ignore[method-assign]
        AssertionError("no question for a clean merge"))
    assert window.save_all()
    merged = path.read_text(encoding="utf-8")
    assert "owner: Mine —" in merged and "Theirs at the end." in merged
    assert not editor.is_modified()


def test_overlapping_edits_merge_per_conflict(window: TrainerWindow, kb: Path) -> None:
    path = kb / "en" / NAME
    window.open_card(NAME)
    editor = window.editors["en"]
    original = path.read_text(encoding="utf-8")
    title_line = next(line for line in original.split("\n") if line.startswith("title:"))
    replace_editor_text(editor.text_edit, editor.text().replace(title_line, "title: Mine"))
    path.write_text(original.replace(title_line, "title: Theirs") + "Theirs too.\n",
                    encoding="utf-8")
    seen: list[int] = []

    def answer(ed: CardEditor, conflict: SaveConflict) -> dict[int, str]:
        assert ed.doc is not None and conflict.disk_text is not None
        dialog = dialogs.ConflictDialog(path.name, ed.text(), conflict.disk_text, window,
                                        merge3(ed.doc.text, ed.text(), conflict.disk_text))
        seen.append(len(dialog.choice_boxes))
        lines = [dialog.conflict_table.item(r, c).text()  # type: ignore[union-attr]
                 for r in range(1, dialog.conflict_table.rowCount()) for c in (1, 2)]
        assert lines == ["title: Mine", "title: Theirs"]
        dialog.choice_boxes[0].setCurrentIndex(1)  # use theirs for the title
        dialog.merge_button.click()
        assert isinstance(dialog.choice, dict)
        return dialog.choice

    window.ask_conflict = answer  # type: ignore[method-assign]
    assert window.save_all()
    assert seen == [1]
    merged = path.read_text(encoding="utf-8")
    assert "title: Theirs" in merged and "Theirs too." in merged and "title: Mine" not in merged


def test_every_save_is_in_the_history_and_restores(
        window: TrainerWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KALMA_TRAINER", "maria")
    window.open_card(NAME)
    editor = window.editors["en"]
    original = editor.text()
    editor.text_edit.appendPlainText("First change.")
    assert window.save_all()
    editor.text_edit.appendPlainText("Second change.")
    assert window.save_all()
    panel = window.history_panel
    assert panel.tree.topLevelItemCount() == 3  # two saves and the version before them
    assert panel.tree.topLevelItem(0).text(1) == "maria"
    assert "Second change." in panel.tree.topLevelItem(0).text(3)
    panel.select(0)
    assert "+Second change." in panel.diff_view.toPlainText()
    panel.select(2)
    panel.restore_button.click()
    assert editor.text() == original and editor.is_modified()


def test_window_fits_a_1366_by_768_screen() -> None:
    assert fitted_size(QSize(1400, 900), QSize(1350, 720)) == QSize(1350, 720)
    assert fitted_size(QSize(1400, 900), QSize(1920, 1040)) == QSize(1400, 900)


def test_window_opens_within_the_screen(window: TrainerWindow) -> None:
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width() and window.height() <= screen.height()


def test_trainers_preview_drafts_clearly_marked(window: TrainerWindow, kb: Path,
                                                qtbot: QtBot) -> None:
    _make_draft(kb)
    refreshed(qtbot, window)
    window.open_card(NAME)
    assert "DRAFT: agents do not see this card" in window.editors["en"].preview.toPlainText()
    window.approve_current("maria", date(2026, 11, 28))
    window.editors["en"]._sync_views()
    assert "DRAFT" not in window.editors["en"].preview.toPlainText()
