"""KB text in tooltips, labels and headings shows as written, never as rich text (issue 9)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.lint import Problem
from desktop.core.search import Hit
from desktop.core.taxonomy import Label, Taxonomy
from desktop.ui.context_bar import ContextBar
from desktop.ui.results import ResultsModel, merge_twins
from desktop.ui.trainer.editor import CardEditor
from desktop.ui.trainer.panels import LintPanel

BOMB = 'Hello tipbomb <img src="/dev/zero"> please hold'


def test_result_row_tooltip_is_escaped(qtbot: QtBot) -> None:
    model = ResultsModel()
    model.set_rows(merge_twins([Hit("a", "Title", "en", "hold", (), "phone", "card",
                                    "/kb/en/a.md", BOMB, 1.0, ())]))
    tip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip and "&lt;img" in tip


def test_situation_meaning_tooltip_is_escaped(qtbot: QtBot) -> None:
    bar = ContextBar()
    qtbot.addWidget(bar)
    bar.set_taxonomy(Taxonomy(stages=[Label("hold", "Hold", "Hold")],
                              tags=[Label("irate", "Irate", "Galit", BOMB)]))
    tips = [button.toolTip() for button in bar._tag_buttons.values()]
    assert tips and all("<img" not in tip and "&lt;img" in tip for tip in tips)


def test_trainer_lint_tooltip_and_heading_are_escaped(qtbot: QtBot, tmp_path: Path) -> None:
    panel = LintPanel()
    qtbot.addWidget(panel)
    panel.set_problems([Problem(tmp_path / "a.md", 1, "error", BOMB, "x")], tmp_path)
    assert "<img" not in panel.tree.topLevelItem(0).toolTip(3)
    editor = CardEditor("en")
    qtbot.addWidget(editor)
    editor.path = tmp_path / "<img src=x>.md"
    editor.retranslate_ui()
    assert "<img" not in editor.heading.text() and "&lt;img" in editor.heading.text()
