"""A layout for each screen: wide, compact below 1,100 px, folded filters, sizes that fit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_helpers import type_query

from desktop.ui.screen_fit import FRAME, fit_size
from desktop.ui.window_layout import COMPACT_WIDTH


def test_fit_size_caps_to_the_available_screen() -> None:
    laptop = QRect(0, 0, 1366, 728)  # 1366x768 minus a taskbar
    assert fit_size(QSize(1400, 940), laptop) == QSize(1366 - FRAME.width(),
                                                       728 - FRAME.height())
    assert fit_size(QSize(1400, 940), QRect(0, 0, 1920, 1040)) == QSize(1400, 940)


def test_the_default_size_fits_the_screen(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb, wait=False)
    screen = window.screen().availableGeometry()
    hint = window.sizeHint()
    assert fit_size(hint, screen).width() <= screen.width()
    assert fit_size(hint, screen).height() <= screen.height()


def test_half_a_laptop_screen_gets_the_compact_layout(qtbot: QtBot, make_window,
                                                      small_kb: Path) -> None:
    window = make_window(small_kb)
    assert not window.is_compact()
    window.resize(683, 728)
    qtbot.waitUntil(window.is_compact, timeout=3000)
    assert window.width() <= 683
    assert window.minimumWidth() <= 640
    qtbot.waitUntil(lambda: window.minimumSizeHint().width() <= 640, timeout=3000)
    assert window.splitter.count() == 2  # results | card; the call tools are on a tab
    assert window.pane_tabs.isVisibleTo(window)
    assert window.context_bar.is_folded()
    type_query(qtbot, window, "hold")
    view = window.card_view
    assert view.column_langs() == ["en"]  # one language column
    view.view_buttons["fil"].click()  # the quick toggle
    assert view.column_langs() == ["fil"] and view.kb_view() == "both"
    assert not view.view_buttons["both"].isVisibleTo(window)
    window.focus_call_field("customer")  # Alt+C opens the Call tools tab
    assert window.call_tools_area.isVisibleTo(window) and not view.isVisibleTo(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.call_tools.customer_edit,
                    timeout=3000)
    window.show_call_tools_tab(False)
    assert view.isVisibleTo(window)
    window.resize(COMPACT_WIDTH + 100, 800)
    qtbot.waitUntil(lambda: not window.is_compact(), timeout=3000)
    assert window.splitter.count() == 3 and window.call_tools_area.isVisibleTo(window)
    assert view.column_langs() == ["en", "fil"]


def test_laptop_height_folds_the_filters_and_shows_end_call(qtbot: QtBot, make_window,
                                                            small_kb: Path) -> None:
    window = make_window(small_kb)
    window.resize(1366, 728 - 30)  # maximized on 1366x768, under a title bar
    qtbot.waitUntil(window.context_bar.is_folded, timeout=3000)
    assert not window.is_compact()
    end_call = window.call_tools.end_call_button
    qtbot.waitUntil(end_call.isVisible, timeout=3000)
    area = window.call_tools_area
    bottom = end_call.mapTo(area.viewport(), end_call.rect().bottomLeft()).y()
    assert bottom <= area.viewport().height()  # End call visible without scrolling
    assert area.verticalScrollBar().maximum() == 0 or area.verticalScrollBar().value() == 0


def test_the_compact_layout_leaves_the_steps_to_the_stage_menu(qtbot: QtBot, make_window,
                                                               small_kb: Path) -> None:
    window = make_window(small_kb)
    bar = window.context_bar
    listen = bar._step_buttons["listen"]
    assert listen.isVisibleTo(window)
    window.resize(683, 728)
    qtbot.waitUntil(window.is_compact, timeout=3000)
    assert not listen.isVisibleTo(window)
    bar.set_next_stage("empathize")
    texts = [action.text() for action in bar.stage_menu_button.menu().actions()]
    assert any(text.startswith("Empathize") and "Alt+→" in text for text in texts)
    bar.step(+1)  # Alt+Right still walks the flow
    assert bar.state().stage == "empathize"
    window.resize(1240, 800)
    qtbot.waitUntil(lambda: not window.is_compact(), timeout=3000)
    assert listen.isVisibleTo(window)
