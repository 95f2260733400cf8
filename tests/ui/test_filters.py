"""Filters never dead-end: relaxed with a note, one "Chat", the hint and Alt+Right agree,
copying never shifts the layout, and the context bar folds into one line."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from ui_helpers import result_ids, settle, type_query

from desktop.ui.context_bar import ContextBar, ContextState


def test_stepping_into_an_empty_combination_shows_the_closest_cards(
        qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    window.search_edit.clear()
    window.context_bar.set_state(ContextState(stage="hold", tags=("long-wait",),
                                              channel="chat"))
    settle(qtbot, window)
    window.context_bar.step(-1)  # back to a flow stage: no card has hold's situation there
    settle(qtbot, window)
    assert window.last_search is not None and window.last_search.relaxed
    assert result_ids(window)  # not a dead end
    status = window.status_message()
    assert status is not None and status[0] == "relaxed"
    assert "Long wait" in window.statusBar().currentMessage() or "long" in str(status).lower()
    assert "filters relaxed" in window.count_label.text()


def test_empty_state_names_what_was_typed(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    window.context_bar.set_state(ContextState(stage="listen"))
    type_query(qtbot, window, "zebra quagga")
    assert "“zebra quagga”" in window.card_view.message.text()
    assert "fewer words" in window.card_view.message.text()


def test_one_chat_the_channel(qtbot: QtBot) -> None:
    bar = ContextBar()
    qtbot.addWidget(bar)
    from ui_helpers import REPO

    from desktop.core.kb import load_kb

    bar.set_taxonomy(load_kb(REPO / "kb").taxonomy)
    assert bar.tag_button("chat") is None and bar.channel_button("chat") is not None
    bar.set_state(ContextState(tags=("chat", "irate")))
    assert bar.state() == ContextState(tags=("irate",), channel="chat")


def test_the_hint_and_alt_right_agree(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    window.call_tools.customer_edit.setText("Ana")
    window.call_tools.agent_edit.setText("Ben")
    bar = window.context_bar
    type_query(qtbot, window, "vent")  # a Listen card
    window.copy_phrase(1)
    hinted = bar.next_stage()
    assert hinted
    bar.step(+1)
    assert bar.state().stage == hinted


def test_copying_does_not_move_the_layout(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    window.call_tools.customer_edit.setText("Ana")
    window.call_tools.agent_edit.setText("Ben")
    type_query(qtbot, window, "vent")
    bar, view = window.context_bar, window.card_view
    qtbot.waitUntil(lambda: view.columns["en"].isVisible(), timeout=3000)
    before = (bar.height(), view.columns["en"].mapTo(window, view.columns["en"].rect()
                                                     .topLeft()))
    window.copy_phrase(1)
    assert bar.next_stage()  # the dashed hint is on
    qtbot.waitUntil(lambda: view.copied.isVisible(), timeout=3000)
    after = (bar.height(), view.columns["en"].mapTo(window, view.columns["en"].rect()
                                                    .topLeft()))
    assert after == before


def test_folded_context_bar_is_one_line_with_menus(qtbot: QtBot, make_window,
                                                   small_kb: Path) -> None:
    window = make_window(small_kb)
    bar = window.context_bar
    bar.set_folded(False)
    tall = bar.sizeHint().height()
    bar.set_folded(True)
    assert bar.is_folded()
    assert bar.stage_menu_button.isVisibleTo(window) and bar.tags_menu_button.isVisibleTo(window)
    assert bar.sizeHint().height() < tall
    tags_menu = bar.tags_menu_button.menu()
    irate = next(a for a in tags_menu.actions() if a.text() == "Irate"
                 or "irate" in a.text().lower() or "angry" in a.text().lower())
    irate.trigger()
    assert "irate" in bar.state().tags
    assert bar.tags_menu_button.text().startswith("Situation:")
    stage_menu = bar.stage_menu_button.menu()
    hold = next(a for a in stage_menu.actions() if a.text() == "Hold")
    hold.trigger()
    assert bar.state().stage == "hold" and bar.stage_menu_button.text() == "Stage: Hold"
