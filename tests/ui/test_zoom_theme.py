"""Zoom scales the whole window; Light / Dark / High contrast themes keep text readable."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_helpers import type_query

from desktop.ui.main_window import MainWindow


def font_sizes(window: MainWindow) -> dict[str, float]:
    bar, tools = window.context_bar, window.call_tools
    column = window.card_view.columns["en"]
    row = column.row(0)
    assert row is not None
    return {"stage": bar.stage_button("hold").font().pointSizeF(),
            "step": bar._step_buttons["listen"].font().pointSizeF(),
            "channel": bar.channel_button("chat").font().pointSizeF(),
            "hold": tools.hold_button.font().pointSizeF(),
            "warning": tools.warning_button.font().pointSizeF(),
            "avoid": column.avoid_text.font().pointSizeF(),
            "phrase": row.text.font().pointSizeF(),
            "results": window.results_view.font().pointSizeF()}


def test_zoom_scales_every_part_of_the_window(qtbot: QtBot, make_window,
                                              small_kb: Path) -> None:
    window = make_window(small_kb)
    type_query(qtbot, window, "vent")
    before = font_sizes(window)
    window.zoom(+3)
    after = font_sizes(window)
    grown = {name: after[name] - before[name] for name in before}
    assert all(delta >= 2.5 for delta in grown.values()), grown
    window.zoom(0)
    assert font_sizes(window) == before


def test_every_theme_keeps_text_readable(qtbot: QtBot, make_window, small_kb: Path) -> None:
    from desktop.ui.card_view import _Colors
    from desktop.ui.results import _RowColors
    from desktop.ui.themes import MIN_CONTRAST, contrast

    window = make_window(small_kb)
    role = QPalette.ColorRole
    pairs = ((role.Text, role.Base), (role.WindowText, role.Window),
             (role.ButtonText, role.Button), (role.HighlightedText, role.Highlight),
             (role.PlaceholderText, role.Base), (role.Link, role.Base),
             (role.ToolTipText, role.ToolTipBase))
    for theme in ("light", "dark", "contrast"):
        window.set_theme(theme)
        palette = QApplication.palette()
        for text, back in pairs:
            ratio = contrast(palette.color(text), palette.color(back))
            assert ratio >= MIN_CONTRAST, (theme, text, back, ratio)
        rows = _RowColors.of(palette, False)
        base = palette.color(role.Base)
        assert contrast(rows.accent, base) >= MIN_CONTRAST  # stage labels
        assert contrast(rows.snippet, base) >= MIN_CONTRAST
        assert contrast(rows.muted, rows.chip) >= MIN_CONTRAST
        card = _Colors.of(palette)
        assert contrast(card.muted, palette.color(role.Window)) >= MIN_CONTRAST
        assert contrast(card.avoid_fg, card.avoid_bg) >= MIN_CONTRAST  # Don't say
        assert window.prefs.get("theme") == theme
    window.set_theme("system")


def test_a_dark_desktop_theme_with_a_dark_link_colour_stays_readable() -> None:
    from PySide6.QtGui import QColor

    from desktop.ui.results import _RowColors
    from desktop.ui.themes import MIN_CONTRAST, contrast

    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#000000"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#dddddd"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#0000aa"))  # dark blue on black
    rows = _RowColors.of(palette, False)
    assert contrast(rows.accent, QColor("#000000")) >= MIN_CONTRAST
