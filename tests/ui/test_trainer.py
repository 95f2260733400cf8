"""Trainer mode, offscreen: editing, saving, conflicts, translations, lint, review, gaps."""

from __future__ import annotations

import os
import re

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt starts, if no conftest did

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl
from pytestqt.qtbot import QtBot

from desktop.core import editing
from desktop.core.editing import SaveConflict
from desktop.core.gaplog import GapLog
from desktop.ui import trainer
from desktop.ui.trainer import dialogs, open_trainer, preview
from desktop.ui.trainer.editor import CardEditor
from desktop.ui.trainer.window import DISCARD, SAVE, TrainerWindow

TWINS = ("hold-check-in.md", "close-thank-customer.md", "after-call-reset.md")
LEFT = Qt.MouseButton.LeftButton
LONG = 60_000  # the test drives refreshes itself; polling must not interfere


@pytest.fixture
def kb(tmp_path: Path, bundled_kb: Path) -> Path:
    root = tmp_path / "kb"
    for lang in ("en", "fil"):
        (root / lang).mkdir(parents=True)
        for name in TWINS:
            shutil.copy2(bundled_kb / lang / name, root / lang / name)
    for name in ("taxonomy.md", "glossary.md"):
        shutil.copy(bundled_kb / name, root / name)
    return root


@pytest.fixture
def gap_log(tmp_path: Path) -> GapLog:
    return GapLog(tmp_path / "data" / "gaps.jsonl", enabled=True)


@pytest.fixture
def window(qtbot: QtBot, kb: Path, gap_log: GapLog) -> Iterator[TrainerWindow]:
    win = TrainerWindow(kb, gap_log=gap_log, poll_ms=LONG)
    win.ask_unsaved = lambda: DISCARD  # type: ignore[method-assign]
    with qtbot.waitSignal(win.refreshed, timeout=10_000):
        win.show()
    yield win
    if shiboken6.isValid(win):  # a test may have closed it (it deletes itself on close)
        win.close()  # closeEvent stops the watcher and waits for the worker


def refreshed(qtbot: QtBot, win: TrainerWindow) -> None:
    with qtbot.waitSignal(win.refreshed, timeout=10_000):
        win.refresh()


def settle(qtbot: QtBot, editor: CardEditor) -> None:
    """Let the debounced form/preview sync run."""
    qtbot.waitUntil(lambda: not editor._sync_timer.isActive(), timeout=2000)


# --- editing and saving ------------------------------------------------------------------

def test_open_and_save_unchanged_writes_identical_bytes(window: TrainerWindow, kb: Path) -> None:
    path = kb / "en" / "hold-check-in.md"
    original = path.read_bytes()
    assert window.open_card("hold-check-in.md")
    editor = window.editors["en"]
    assert not editor.is_modified()
    assert window.save_editor(editor)
    assert path.read_bytes() == original
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]


def test_form_edit_changes_only_that_line_and_undoes(window: TrainerWindow, kb: Path,
                                                     qtbot: QtBot) -> None:
    path = kb / "en" / "hold-check-in.md"
    original = path.read_bytes().split(b"\n")
    window.open_card("hold-check-in.md")
    editor = window.editors["en"]
    editor.form.owner_edit.setText("QA team")
    editor.form.owner_edit.textEdited.emit("QA team")
    assert editor.is_modified() and window.isWindowModified()
    assert window.save_all()
    new = path.read_bytes().split(b"\n")
    assert [(a, b) for a, b in zip(original, new, strict=True) if a != b] == [
        (b"owner: Training team", b"owner: QA team")]
    editor.text_edit.undo()  # undo works across saves, like any editor
    assert editor.is_modified()
    settle(qtbot, editor)
    assert editor.form.owner_edit.text() == "Training team"


def test_shared_fields_follow_on_the_twin(window: TrainerWindow) -> None:
    window.open_card("hold-check-in.md")
    en, fil = window.editors["en"], window.editors["fil"]
    index = en.form.stage_combo.findData("transfer")
    en.form.stage_combo.setCurrentIndex(index)
    en.form.stage_combo.activated.emit(index)
    assert en.meta()["stage"] == "transfer" and fil.meta()["stage"] == "transfer"
    assert fil.is_modified()


def test_phrase_rows_add_reorder_remove(window: TrainerWindow, qtbot: QtBot) -> None:
    window.open_card("hold-check-in.md")
    editor = window.editors["en"]
    rows = editor.phrases
    first, second = rows.items()[:2]
    rows.list.setCurrentRow(0)
    qtbot.mouseClick(rows.down_button, LEFT)
    assert editor.meta()  # still a card
    settle(qtbot, editor)
    assert rows.items()[:2] == [second, first]
    assert editor.text().index(second) < editor.text().index(first)
    qtbot.mouseClick(rows.add_button, LEFT)
    assert editor.text().count("- New phrase") == 1
    rows.list.setCurrentRow(rows.list.count() - 1)
    qtbot.mouseClick(rows.remove_button, LEFT)
    assert "- New phrase" not in editor.text()
    while editor.text_edit.document().isUndoAvailable():
        editor.text_edit.undo()
    assert not editor.is_modified()


def test_preview_is_sanitized_and_refuses_unsafe_links(window: TrainerWindow, qtbot: QtBot,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    window.open_card("hold-check-in.md")
    editor = window.editors["en"]
    editor.text_edit.appendPlainText("\n<script>alert(1)</script>\n[x](javascript:alert(2))\n")
    settle(qtbot, editor)
    html = editor.preview.toHtml()
    assert "alert(1)" not in html and "javascript:" not in html
    assert not editor.preview.openExternalLinks()
    opened: list[str] = []
    monkeypatch.setattr(preview.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toString()))
    for url in ("file:///etc/passwd", "javascript:alert(3)", "https://example.com/x",
                "mailto:training@example.com"):
        editor.preview.anchorClicked.emit(QUrl(url))
    assert opened == ["https://example.com/x", "mailto:training@example.com"]


# --- conflicts and unsaved changes --------------------------------------------------------

@pytest.mark.parametrize("choice", [dialogs.CANCEL, dialogs.KEEP_MINE, dialogs.TAKE_THEIRS])
def test_conflict_shows_both_versions_and_never_overwrites_silently(
        window: TrainerWindow, kb: Path, choice: str) -> None:
    path = kb / "en" / "hold-check-in.md"
    window.open_card("hold-check-in.md")
    editor = window.editors["en"]
    editor.text_edit.appendPlainText("Mine.")
    theirs = path.read_text(encoding="utf-8") + "\nTheirs.\n"
    path.write_text(theirs, encoding="utf-8")
    asked: list[tuple[str, str | None]] = []

    def answer(ed: CardEditor, conflict: SaveConflict) -> str:
        asked.append((ed.text(), conflict.disk_text))
        return choice

    window.ask_conflict = answer  # type: ignore[method-assign]
    saved = window.save_all()
    assert asked and "Mine." in asked[0][0] and asked[0][1] == theirs
    on_disk = path.read_text(encoding="utf-8")
    if choice == dialogs.CANCEL:
        assert not saved and on_disk == theirs and editor.is_modified()
    elif choice == dialogs.KEEP_MINE:
        assert saved and on_disk.endswith("Mine.") and not editor.is_modified()
    else:
        assert saved and on_disk == theirs and editor.text() == theirs
        editor.text_edit.undo()  # the trainer's version is one undo away
        assert "Mine." in editor.text()


def test_conflict_dialog_buttons(qtbot: QtBot) -> None:
    dialog = dialogs.ConflictDialog("x.md", "mine", "theirs")
    qtbot.addWidget(dialog)
    assert dialog.mine_view.toPlainText() == "mine"
    assert dialog.theirs_view.toPlainText() == "theirs"
    dialog.take_button.click()
    assert dialog.choice == dialogs.TAKE_THEIRS
    deleted = dialogs.ConflictDialog("x.md", "mine", None)
    qtbot.addWidget(deleted)
    assert not deleted.take_button.isEnabled()
    deleted.keep_button.click()
    assert deleted.choice == dialogs.KEEP_MINE


def test_unsaved_changes_prompt_on_close_and_switch(window: TrainerWindow, kb: Path) -> None:
    window.open_card("hold-check-in.md")
    editor = window.editors["en"]
    editor.text_edit.appendPlainText("Unsaved.")
    answers = iter(["cancel", "cancel", SAVE])
    window.ask_unsaved = lambda: next(answers)  # type: ignore[method-assign]
    assert not window.open_card("after-call-reset.md")
    assert window.current_name == "hold-check-in.md"
    assert not window.close() and window.isVisible()
    assert window.close()
    assert (kb / "en" / "hold-check-in.md").read_text(encoding="utf-8").endswith("Unsaved.")


# --- access -------------------------------------------------------------------------------

def test_read_only_kb_or_setting_refuses_with_a_reason(
        qtbot: QtBot, kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(trainer.QMessageBox, "information",
                        lambda parent, title, text: told.append(text))
    assert open_trainer(None, kb, allowed=False) is None
    assert "turned off" in told[-1]
    if os.geteuid() == 0:  # root can write anyway: simulate the failing probe
        monkeypatch.setattr(editing, "probe_write", lambda folder: False)
    (kb / "en").chmod(0o555)
    try:
        assert open_trainer(None, kb, allowed=True) is None
    finally:
        (kb / "en").chmod(0o755)
    assert "read-only" in told[-1] and str(kb) in told[-1]
    assert open_trainer(None, kb / "missing", allowed=True) is None
    assert "not found" in told[-1]


def test_open_trainer_opens_once_per_kb(qtbot: QtBot, kb: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trainer, "gap_log_enabled", lambda: False)
    first = open_trainer(None, kb, allowed=True)
    assert isinstance(first, TrainerWindow)
    with qtbot.waitSignal(first.refreshed, timeout=10_000):
        pass
    assert open_trainer(None, kb, allowed=True) is first
    first.close()


# --- translations, new cards, import -------------------------------------------------------

def test_create_translation_from_the_missing_side(window: TrainerWindow, kb: Path,
                                                  qtbot: QtBot) -> None:
    (kb / "fil" / "after-call-reset.md").unlink()
    refreshed(qtbot, window)
    row = next(r for r in window.overview.rows if r.name == "after-call-reset.md")
    assert row.missing == "fil"
    window.open_card("after-call-reset.md")
    fil = window.editors["fil"]
    assert fil.doc is None and fil.create_button.isVisibleTo(window)
    qtbot.mouseClick(fil.create_button, LEFT)
    twin = kb / "fil" / "after-call-reset.md"
    assert twin.is_file() and fil.doc is not None and fil.doc.path == twin
    meta = fil.meta()
    assert (meta["lang"], meta["status"], meta["id"]) == ("fil", "draft", "after-call-reset")
    assert "## Sabihin" in fil.text()


def test_outdated_twin_is_flagged_and_can_be_marked(window: TrainerWindow, kb: Path,
                                                    qtbot: QtBot) -> None:
    en = kb / "en" / "close-thank-customer.md"
    editing.mark_twins_in_sync(editing.twin_status(kb, en.name))  # translated from this EN
    stat = en.stat()
    os.utime(en, ns=(stat.st_atime_ns, stat.st_mtime_ns + 3600 * 10**9))
    refreshed(qtbot, window)
    assert next(r for r in window.overview.rows if r.name == en.name).outdated is None
    en.write_text(en.read_text(encoding="utf-8").replace("## Say\n", "## Say\n- New words.\n"),
                  encoding="utf-8")  # the source's words changed: FIL is behind
    refreshed(qtbot, window)
    row = next(r for r in window.overview.rows if r.name == en.name)
    assert row.outdated == "fil"
    assert "FIL outdated" in window.card_list.flags_text(row)
    window.open_card(en.name)
    assert window.sync_action.isEnabled()
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.sync_action.trigger()
    assert next(r for r in window.overview.rows if r.name == en.name).outdated is None


def test_new_card_from_template(window: TrainerWindow, kb: Path) -> None:
    window.ask_new_card = lambda: editing.NewCard(  # type: ignore[method-assign]
        "CON", "fil", "hold", ("long-wait",))
    window.new_action.trigger()
    path = kb / "fil" / "con-card.md"
    assert path.is_file() and window.current_name == "con-card.md"
    assert window.editors["fil"].meta()["stage"] == "hold"
    assert window.editors["en"].create_button.isVisibleTo(window)


def test_import_in_the_app(window: TrainerWindow, kb: Path, qtbot: QtBot) -> None:
    told: list[str] = []
    window.tell = lambda title, text: told.append(text)  # type: ignore[method-assign]
    docs = Path(__file__).resolve().parents[1] / "data" / "import"
    window.ask_import_files = lambda: [docs / "hold-and-transfer.txt"]  # type: ignore
    window.import_action.trigger()
    # Source text, or the English plural form when kalma_en.qm is loaded.
    assert re.search(r"2 draft card(\(s\)|s) created", told[-1].replace("\n", " "))
    assert (kb / "en" / "putting-a-caller-on-hold.md").is_file()
    qtbot.waitUntil(lambda: any(r.name == "putting-a-caller-on-hold.md" and r.draft
                                for r in (window.overview.rows if window.overview else [])),
                    timeout=10_000)


def test_export_in_the_app(window: TrainerWindow, tmp_path: Path) -> None:
    out = tmp_path / "book.html"
    window.ask_export_path = lambda: out  # type: ignore[method-assign]
    window.export_action.trigger()
    assert "<script" not in out.read_text(encoding="utf-8")


# --- lint, review dates, search gaps -------------------------------------------------------

def test_lint_panel_lists_problems_live_and_opens_the_line(window: TrainerWindow, kb: Path,
                                                           qtbot: QtBot) -> None:
    bad = kb / "fil" / "after-call-reset.md"
    text = bad.read_text(encoding="utf-8").replace("stage: after-call", "stage: nowhere")
    line = text.split("\n").index("stage: nowhere") + 1
    window.watcher._poll.setInterval(100)  # the change arrives by itself
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        bad.write_text(text, encoding="utf-8")
    tree = window.lint_panel.tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    item = next(i for i in items if i is not None and "nowhere" in i.text(3))
    assert item.text(1) == "fil/after-call-reset.md" and item.text(2) == str(line)
    tree.itemClicked.emit(item, 0)
    assert window.current_name == "after-call-reset.md"
    editor = window.editors["fil"]
    assert editor.text_edit.textCursor().blockNumber() + 1 == line


def test_review_dates_oldest_first(window: TrainerWindow, kb: Path, qtbot: QtBot) -> None:
    for name, when in (("hold-check-in.md", "2024-05-01"), ("after-call-reset.md",
                                                            "2023-01-15")):
        path = kb / "en" / name
        text = path.read_text(encoding="utf-8")
        path.write_text(editing.set_meta_field(text, "review_by", when), encoding="utf-8")
    refreshed(qtbot, window)
    tree = window.review_panel.tree
    dates = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]  # type: ignore
    assert dates == ["2023-01-15", "2024-05-01"]
    row = next(r for r in window.overview.rows if r.name == "after-call-reset.md")
    assert row.review_due and "review due" in window.card_list.flags_text(row)
    tree.itemClicked.emit(tree.topLevelItem(0), 0)
    assert window.current_name == "after-call-reset.md"


def test_search_gaps_list_and_clear(window: TrainerWindow, gap_log: GapLog) -> None:
    gap_log.record_search("refund 0917 555 1234", 0)
    gap_log.record_search("refund 0917 555 1234", 0)
    window.refresh_gaps()
    tree = window.gaps_panel.tree
    assert tree.topLevelItemCount() == 1
    assert tree.topLevelItem(0).text(0) == "refund #"  # type: ignore[union-attr]
    window.ask_yes = lambda title, text: True  # type: ignore[method-assign]
    window.gaps_panel.clear_button.click()
    assert not gap_log.path.exists() and tree.topLevelItemCount() == 0


def test_language_change_relabels(window: TrainerWindow) -> None:
    window.open_card("hold-check-in.md")
    window.file_menu.setTitle("x")
    QCoreApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))
    assert window.file_menu.title() == "&File"
    assert window.editors["fil"].create_button.text() == "Create translation"



def test_tag_multi_select_writes_the_tags_line(window: TrainerWindow) -> None:
    window.open_card("hold-check-in.md")
    editor = window.editors["en"]
    tags = editor.form.tag_list
    items = {tags.item(i).data(Qt.ItemDataRole.UserRole): tags.item(i)  # type: ignore
             for i in range(tags.count())}
    items["irate"].setCheckState(Qt.CheckState.Checked)
    assert editor.meta()["tags"] == "long-wait, tone, irate"
    items["tone"].setCheckState(Qt.CheckState.Unchecked)
    assert editor.meta()["tags"] == "long-wait, irate"
    assert window.editors["fil"].meta()["tags"] == "long-wait, irate"  # the twin follows


def test_new_card_dialog(qtbot: QtBot, kb: Path) -> None:
    from desktop.core.taxonomy import load_taxonomy

    dialog = dialogs.NewCardDialog(load_taxonomy(kb), lang="fil")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialogs.QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # a title is needed
    dialog.title_edit.setText("Pagbati sa umaga")
    assert ok.isEnabled()
    dialog.stage_combo.setCurrentIndex(dialog.stage_combo.findData("opening"))
    dialog.tag_list.item(0).setCheckState(Qt.CheckState.Checked)  # type: ignore[union-attr]
    card = dialog.new_card()
    assert (card.title, card.lang, card.stage, card.tags, card.draft) == (
        "Pagbati sa umaga", "fil", "opening", ("irate",), True)
