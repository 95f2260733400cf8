# ruff: noqa: F811  (pytest injects the fixtures imported from test_trainer by name)
"""Editor for a team (issue 12, item 6): list filter, following, lint highlight, twins."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.core import editing
from desktop.ui.trainer.window import TrainerWindow
from tests.ui.test_trainer import gap_log, kb, refreshed, window  # noqa: F401


def _visible(window: TrainerWindow) -> list[str]:
    return [str(item.data(0, 256)) for item in window.card_list.items() if not item.isHidden()]


def test_card_list_filters_on_both_languages_and_card_text(window: TrainerWindow) -> None:
    window.card_list.filter_edit.setText("paghihintay")  # a Filipino word, in FIL text only
    assert sorted(_visible(window)) == ["close-thank-customer.md", "hold-check-in.md"]
    window.card_list.filter_edit.setText("Balikan ang customer")  # the Filipino title
    assert _visible(window) == ["hold-check-in.md"]
    window.card_list.filter_edit.setText("")
    assert len(_visible(window)) == 3


def test_list_follows_new_card_and_lint_clicks(window: TrainerWindow, kb: Path,
                                               qtbot: QtBot) -> None:
    window.ask_new_card = lambda title="": editing.NewCard(  # type: ignore[method-assign]
        "Refund follow-up", "en", "follow-up")
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.new_action.trigger()
    assert window.card_list.current_name() == "refund-follow-up.md"
    window.open_card("hold-check-in.md")
    path = kb / "en" / "close-thank-customer.md"
    window.lint_panel.problemActivated.emit(path, 4)
    assert window.card_list.current_name() == "close-thank-customer.md"
    assert window.editors["en"].highlighted_line() == 4
    window.editors["en"].text_edit.insertPlainText("x")
    assert window.editors["en"].highlighted_line() is None  # edited: the mark goes


def test_rename_gives_both_twins_the_new_id(window: TrainerWindow, kb: Path) -> None:
    window.open_card("hold-check-in.md")
    window.ask_text = lambda title, label, text: "Long hold check"  # type: ignore[method-assign]
    window.rename_action.trigger()
    for lang in ("en", "fil"):
        assert not (kb / lang / "hold-check-in.md").exists()
        assert "id: long-hold-check\n" in (kb / lang / "long-hold-check.md").read_text(
            encoding="utf-8")
    assert window.current_name == "long-hold-check.md"
    assert window.editors["fil"].doc is not None


def test_duplicate_then_delete(window: TrainerWindow, kb: Path, qtbot: QtBot) -> None:
    window.open_card("hold-check-in.md")
    window.duplicate_action.trigger()
    copy = "hold-check-in-copy.md"
    assert window.current_name == copy
    for lang in ("en", "fil"):
        text = (kb / lang / copy).read_text(encoding="utf-8")
        assert "id: hold-check-in-copy\n" in text and "status: draft\n" in text
        assert "(copy)" in text
    window.ask_yes = lambda title, text: True  # type: ignore[method-assign]
    window.delete_action.trigger()
    assert not (kb / "en" / copy).exists() and not (kb / "fil" / copy).exists()
    assert (kb / "en" / "hold-check-in.md").exists()
    assert window.current_name == ""
    qtbot.waitUntil(lambda: copy not in [str(item.data(0, 256))
                                         for item in window.card_list.items()], timeout=10_000)


def test_short_ids_from_long_titles(window: TrainerWindow, kb: Path) -> None:
    window.ask_new_card = lambda title="": editing.NewCard(  # type: ignore[method-assign]
        "When the customer keeps swearing at you after the first warning per policy", "en",
        "listen")
    window.new_action.trigger()
    assert window.current_name == "customer-keeps-swearing-after-first.md"
    assert len(window.current_name) <= editing.SHORT_ID_MAX + 3


def test_review_list_shows_due_soon_with_owner(window: TrainerWindow, kb: Path,
                                               qtbot: QtBot) -> None:
    from datetime import date, timedelta

    soon = (date.today() + timedelta(days=10)).isoformat()
    path = kb / "en" / "hold-check-in.md"
    text = editing.set_meta_field(path.read_text(encoding="utf-8"), "review_by", soon)
    path.write_text(editing.set_meta_field(text, "owner", "Maria T."), encoding="utf-8")
    refreshed(qtbot, window)
    tree = window.review_panel.tree
    item = tree.topLevelItem(0)
    assert item is not None
    assert (item.text(0), item.text(3), item.text(4)) == (soon, "Maria T.", "in 10 day(s)")
    assert "1 due in the next 30 days" in window.review_panel.caption.text()


def test_broken_filipino_twin_is_not_called_missing(kb: Path) -> None:
    from desktop.core.lint import lint_kb

    (kb / "fil" / "hold-check-in.md").write_text("---\nid: hold-check-in\ntitle\n",
                                                 encoding="utf-8")
    problems = lint_kb(kb)
    assert not [p for p in problems if p.rule == "missing-twin"]
    assert [p for p in problems if p.path.name == "hold-check-in.md"
            and p.path.parent.name == "fil" and p.severity == "error"]


def test_spell_check_underlines_unknown_words(window: TrainerWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: window.editors["fil"].spell is not None or bool(window.spell_note),
                    timeout=20_000)
    editor = window.editors["fil"]
    if editor.spell is None:
        import pytest

        pytest.skip(window.spell_note)  # tools/dev.sh installs the dictionaries
    window.open_card("hold-check-in.md")
    editor.text_edit.appendPlainText("- Salamt po sa paghihintay, i-check ko ulit.")
    editor.spell.rehighlight()
    unknown = editor.spell.unknown_words()
    assert "Salamt" in unknown
    assert "paghihintay" not in unknown and "i-check" not in unknown


def test_find_and_replace_across_both_languages(window: TrainerWindow, kb: Path) -> None:
    window.open_card("hold-check-in.md")
    found = window.find_everywhere("customer")
    langs = {f.path.parent.name for f in found}
    assert langs == {"en", "fil"}
    assert all(not f.text.startswith(("id:", "tags:", "stage:")) for f in found)
    count, files = window.replace_everywhere("customer", "caller")
    assert count >= len(found) and files >= 2
    open_en = window.editors["en"]
    assert "caller" in open_en.text() and open_en.is_modified()  # unsaved, undoable
    closed = kb / "en" / "close-thank-customer.md"
    text = closed.read_text(encoding="utf-8")
    assert "id: close-thank-customer" in text  # ids and file names are never touched
    assert not window.find_everywhere("CUSTOMER", case_sensitive=True)
    open_en.text_edit.undo()
    assert not open_en.is_modified()


def test_find_dialog_lists_matches_and_opens_them(window: TrainerWindow, kb: Path) -> None:
    window.find_action.trigger()
    dialog = window.find_dialog
    assert dialog is not None
    dialog.find_edit.setText("paghihintay")
    dialog.find_button.click()
    assert dialog.results.topLevelItemCount() >= 1
    item = dialog.results.topLevelItem(0)
    assert item is not None and item.text(0).startswith("fil/")
    dialog.results.itemClicked.emit(item, 0)
    assert window.current_name == Path(item.text(0)).name
    assert window.editors["fil"].highlighted_line() == int(item.text(1))


def test_preview_is_the_agents_card_view(window: TrainerWindow, kb: Path, qtbot: QtBot) -> None:
    from PySide6.QtGui import QGuiApplication

    window.open_card("hold-check-in.md")
    editor = window.editors["en"]
    editor.text_edit.appendPlainText("- TODO: write one more")
    editor._sync_views()
    preview = editor.agent_preview
    card = preview.card
    assert card is not None and all("TODO" not in p for p in card.say)
    column = preview.column
    assert column.avoid_box.isVisibleTo(preview)  # the Don't-say box
    assert column.phrase_count() == len(card.say)
    row = column.row(0)
    assert row is not None
    row.button.click()  # the copy button copies the filled phrase
    copied = QGuiApplication.clipboard().text()
    assert "{" not in copied and copied
    assert "sample values" in preview.notice.text()
    # The agents' copy rule, whatever column: Ctrl+n English, Alt+n Filipino.
    assert column.keys() == "Ctrl"
    assert window.editors["fil"].agent_preview.column.keys() == "Alt"


def test_heading_escapes_the_file_name(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop.ui.trainer.editor import CardEditor

    editor = CardEditor("en")
    qtbot.addWidget(editor)
    editor.show_missing(tmp_path / "<img src=x>.md")
    editor.retranslate_ui()
    assert "<img" not in editor.heading.text() and "&lt;img" in editor.heading.text()


def test_lint_and_card_tooltips_show_kb_text_as_text(window: TrainerWindow, kb: Path,
                                                     qtbot: QtBot) -> None:
    bad = kb / "en" / "<img src=x>.md"
    bad.write_text("---\nid: x\n", encoding="utf-8")
    refreshed(qtbot, window)
    tips = [window.lint_panel.tree.topLevelItem(n).toolTip(3)  # type: ignore[union-attr]
            for n in range(window.lint_panel.tree.topLevelItemCount())]
    tips += [item.toolTip(0) for item in window.card_list.items()]
    assert tips and all("<img" not in tip for tip in tips)
    assert any("&lt;img src=x&gt;" in tip for tip in tips)
