"""Trainer mode edits the account policy (kb/policy.md) as a form, and the agent preview
marks cards the policy hides from agents."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt starts, if no conftest did

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from desktop.core.gaplog import GapLog
from desktop.core.kb import load_kb
from desktop.core.policy import POLICY_KEYS, load_policy, shown_on_account
from desktop.core.search import Engine
from desktop.ui.trainer import dialogs, policy_form
from desktop.ui.trainer.policy_form import PolicyDialog, field_kind
from desktop.ui.trainer.window import DISCARD, SAVE, TrainerWindow

LONG = 60_000  # the test drives refreshes itself; polling must not interfere
POLICY = ("---\r\n"
          "# Set by the account manager; ask before changing.\r\n"
          "warnings_before_end: 1\r\n"
          "callback: no\r\n"
          "refund_authority: request\r\n"
          "crisis_line: 1553\r\n"
          "crisis_line_review_by: 2027-03-31\r\n"
          "recording_line: This call is recorded.\r\n"
          "---\r\n"
          "\r\n"
          "# Account policy\r\n"
          "\r\n"
          "Explanation for trainers stays as written.\r\n")
CALLBACK_CARD = ("---\nid: call-back-later\ntitle: Call back after a dropped call\nlang: en\n"
                 "stage: follow-up\nrequires: callback\n---\n\n## Say\n"
                 "- I'll call you back on this number, {customer}.\n\n## Avoid\n"
                 "- Promising a time.\n\n## Why\nThe customer knows what happens next.\n")


@pytest.fixture
def kb(tmp_path: Path, bundled_kb: Path) -> Path:
    root = tmp_path / "kb"
    for lang in ("en", "fil"):
        (root / lang).mkdir(parents=True)
        shutil.copy2(bundled_kb / lang / "hold-check-in.md", root / lang / "hold-check-in.md")
    for name in ("taxonomy.md", "glossary.md"):
        shutil.copy(bundled_kb / name, root / name)
    (root / "policy.md").write_bytes(POLICY.encode("utf-8"))
    (root / "en" / "call-back-later.md").write_text(CALLBACK_CARD, encoding="utf-8")
    return root


@pytest.fixture
def window(qtbot: QtBot, kb: Path, tmp_path: Path) -> Iterator[TrainerWindow]:
    win = TrainerWindow(kb, gap_log=GapLog(tmp_path / "gaps.jsonl", enabled=False),
                        poll_ms=LONG)
    win.ask_unsaved = lambda: DISCARD  # type: ignore[method-assign]
    with qtbot.waitSignal(win.refreshed, timeout=10_000):
        win.show()
    yield win
    if shiboken6.isValid(win):
        win.close()


def test_every_policy_key_has_a_typed_field_showing_the_files_value(
        window: TrainerWindow) -> None:
    form = window.open_policy()
    assert set(form.fields) == set(POLICY_KEYS)
    kinds = {key: field_kind(widget) for key, widget in form.fields.items()}
    assert kinds["warnings_before_end"] == "number"
    assert kinds["callback"] == kinds["retention_team"] == "yes/no"
    assert kinds["refund_authority"] == kinds["supervisor_transfer"] == "choice"
    assert kinds["crisis_line_review_by"] == "date"
    assert kinds["crisis_line"] == kinds["recording_line"] == "text"
    spin = form.fields["warnings_before_end"]
    assert isinstance(spin, QSpinBox) and spin.value() == 1 and spin.minimum() == 0
    box = form.fields["callback"]
    assert isinstance(box, QCheckBox) and not box.isChecked()
    review = form.fields["crisis_line_review_by"]
    assert isinstance(review, QDateEdit) and review.date() == QDate(2027, 3, 31)
    assert not form.is_modified() and not form.save_button.isEnabled()


def test_save_changes_only_the_edited_values_and_records_history(
        window: TrainerWindow, kb: Path, qtbot: QtBot) -> None:
    path = kb / "policy.md"
    form = window.open_policy()
    spin, box = form.fields["warnings_before_end"], form.fields["callback"]
    combo, review = form.fields["refund_authority"], form.fields["crisis_line_review_by"]
    assert isinstance(spin, QSpinBox) and isinstance(box, QCheckBox)
    assert isinstance(combo, QComboBox) and isinstance(review, QDateEdit)
    spin.setValue(0)
    box.setChecked(True)
    combo.setCurrentIndex(combo.findData("approve"))
    review.setDate(QDate(2028, 1, 15))
    assert form.changes() == {"warnings_before_end": "0", "callback": "yes",
                              "refund_authority": "approve",
                              "crisis_line_review_by": "2028-01-15"}
    with qtbot.waitSignal(window.saved, timeout=5000):
        form.save_button.click()
    expected = (POLICY.replace("warnings_before_end: 1", "warnings_before_end: 0")
                .replace("callback: no", "callback: yes")
                .replace("refund_authority: request", "refund_authority: approve")
                .replace("2027-03-31", "2028-01-15"))
    assert path.read_bytes() == expected.encode("utf-8")  # CRLF, comment, body, order kept
    assert not form.is_modified()
    revisions = window.history.revisions(path)
    assert revisions and "+4 −4 lines" in revisions[0].summary
    assert window.history.content(revisions[-1]) == POLICY.encode("utf-8")  # restorable
    assert load_policy(kb).abuse_step_limit == 1  # the call panel's counter follows


def test_validation_messages_show_inline_and_block_saving(window: TrainerWindow) -> None:
    form = window.open_policy()
    line = form.fields["crisis_line"]
    assert isinstance(line, QLineEdit)
    line.setText("call our hotline")
    assert "digits" in form.message("crisis_line")
    assert not form.save_button.isEnabled()
    line.setText("")
    assert form.message("crisis_line") and not form.save_button.isEnabled()
    line.setText("0917 899 8727")
    assert form.message("crisis_line") == "" and form.save_button.isEnabled()


def test_an_overdue_review_date_is_a_warning_beside_the_date(kb: Path, qtbot: QtBot) -> None:
    form = PolicyDialog(kb, today=date(2027, 6, 1))
    qtbot.addWidget(form)
    assert "crisis line review was due" in form.message("crisis_line_review_by")
    review = form.fields["crisis_line_review_by"]
    assert isinstance(review, QDateEdit)
    review.setDate(QDate(2027, 12, 31))
    assert form.message("crisis_line_review_by") == ""


def test_a_bad_value_in_the_file_is_named_and_saving_fixes_it(
        window: TrainerWindow, kb: Path) -> None:
    path = kb / "policy.md"
    path.write_bytes(POLICY.replace("callback: no", "callback: maybe").encode("utf-8"))
    form = window.open_policy()
    assert "yes or no" in form.message("callback")
    assert form.changes() == {"callback": "no"}  # the default shown is what Save writes
    assert window.save_policy()
    assert path.read_bytes() == POLICY.encode("utf-8")
    assert form.message("callback") == ""


def test_conflicts_merge_different_lines_and_ask_about_the_same_line(
        window: TrainerWindow, kb: Path) -> None:
    path = kb / "policy.md"
    form = window.open_policy()
    form.set_value("callback", "yes")
    theirs = POLICY.replace("refund_authority: request", "refund_authority: none")
    path.write_bytes(theirs.encode("utf-8"))
    asked: list[str] = []
    window.ask_policy_conflict = lambda base, mine, conflict: asked.append(mine) or \
        dialogs.CANCEL  # type: ignore[method-assign]
    assert window.save_policy()
    assert not asked  # different lines: merged without a question
    assert path.read_bytes() == theirs.replace("callback: no", "callback: yes").encode("utf-8")

    form.set_value("warnings_before_end", "3")
    clash = path.read_bytes().decode("utf-8").replace("warnings_before_end: 1",
                                                      "warnings_before_end: 2")
    path.write_bytes(clash.encode("utf-8"))
    assert not window.save_policy()
    assert asked and "warnings_before_end: 3" in asked[0]
    assert path.read_bytes() == clash.encode("utf-8")  # nothing overwritten silently
    window.ask_policy_conflict = (  # type: ignore[method-assign]
        lambda base, mine, conflict: dialogs.KEEP_MINE)
    assert window.save_policy()
    assert "warnings_before_end: 3\r\n" in path.read_bytes().decode("utf-8")


def test_conflict_dialog_is_the_card_one(window: TrainerWindow, kb: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[tuple[str, str | None]] = []

    class FakeDialog:
        choice = dialogs.TAKE_THEIRS

        def __init__(self, name: str, mine: str, theirs: str | None, *_: object) -> None:
            shown.append((name, theirs))

        def exec(self) -> int:
            return 0

    monkeypatch.setattr("desktop.ui.trainer.window.ConflictDialog", FakeDialog)
    form = window.open_policy()
    form.set_value("warnings_before_end", "3")
    theirs = POLICY.replace("warnings_before_end: 1", "warnings_before_end: 2")
    (kb / "policy.md").write_bytes(theirs.encode("utf-8"))
    assert window.save_policy()
    assert shown == [("policy.md", theirs.replace("\r\n", "\n"))]
    spin = form.fields["warnings_before_end"]
    assert isinstance(spin, QSpinBox) and spin.value() == 2  # theirs, now in the form


def test_read_only_kb_shows_the_policy_but_cannot_change_it(
        window: TrainerWindow, kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(policy_form, "kb_write_problem", lambda folder: "read-only")
    form = window.open_policy()
    form.load()
    assert "read-only" in form.notice.text()
    assert not any(widget.isEnabled() for widget in form.fields.values())
    form.set_value("callback", "yes")
    assert not form.save_button.isEnabled()
    assert not window.save_policy()
    assert (kb / "policy.md").read_bytes() == POLICY.encode("utf-8")


def test_a_missing_policy_file_is_created_from_the_form(window: TrainerWindow,
                                                        kb: Path) -> None:
    (kb / "policy.md").unlink()
    form = window.open_policy()
    form.load()
    assert "no policy.md yet" in form.notice.text()
    form.set_value("callback", "yes")
    assert window.save_policy()
    policy = load_policy(kb)
    assert policy.callback is True and policy.path == kb / "policy.md"
    assert window.history.revisions(kb / "policy.md")


def test_closing_with_unsaved_changes_asks(window: TrainerWindow, kb: Path) -> None:
    form = window.open_policy()
    form.set_value("callback", "yes")
    answers = iter(["cancel", SAVE])
    window.ask_unsaved = lambda: next(answers)  # type: ignore[method-assign]
    assert not form.close() and form.isVisible()
    assert form.close()
    assert "callback: yes\r\n" in (kb / "policy.md").read_bytes().decode("utf-8")


def test_language_change_relabels_the_form(window: TrainerWindow) -> None:
    form = window.open_policy()
    assert form.labels["crisis_line"].text() == "Crisis line (number)"
    assert form.labels["crisis_line"].toolTip() == "crisis_line"
    assert window.policy_action.text() == "Account &policy…"


# --- the agent preview and `requires:` ----------------------------------------------------

def test_agent_preview_marks_cards_the_policy_hides(window: TrainerWindow, kb: Path,
                                                   qtbot: QtBot) -> None:
    window.open_card("call-back-later.md")
    preview = window.editors["en"].agent_preview
    assert preview.hidden_reason().startswith(
        "Hidden for agents on this account: needs callback")
    assert "callback: no" in preview.notice.text()
    form = window.open_policy()
    form.set_value("callback", "yes")
    assert window.save_policy()
    qtbot.waitUntil(lambda: preview.hidden_reason() == "", timeout=5000)
    assert "Hidden" not in preview.notice.text()
    window.open_card("hold-check-in.md")
    assert window.editors["en"].agent_preview.hidden_reason() == ""


def test_agents_still_never_get_a_card_the_policy_rules_out(kb: Path, tmp_path: Path) -> None:
    engine = Engine(kb, tmp_path / "cache")
    try:
        assert "call-back-later" not in [hit.id for hit in engine.search("call you back")]
    finally:
        engine.close()
    card = next(c for c in load_kb(kb).cards if c.id == "call-back-later")
    assert not shown_on_account(card, load_policy(kb))


def test_unsaved_card_edits_and_the_policy_do_not_interfere(window: TrainerWindow) -> None:
    window.open_card("hold-check-in.md")
    window.editors["en"].text_edit.appendPlainText("Unsaved card line.")
    form = window.open_policy()
    form.set_value("fee_waiver", "yes")
    assert window.save_policy()
    assert window.editors["en"].is_modified()  # the card's own edit is still pending
    assert not form.is_modified()


def test_closing_the_trainer_asks_about_unsaved_policy_changes(window: TrainerWindow,
                                                                kb: Path) -> None:
    form = window.open_policy()
    form.set_value("retention_team", "yes")
    answers = iter(["cancel", DISCARD])
    window.ask_unsaved = lambda: next(answers)  # type: ignore[method-assign]
    assert not window.close() and window.isVisible()
    assert window.close()
    assert (kb / "policy.md").read_bytes() == POLICY.encode("utf-8")
