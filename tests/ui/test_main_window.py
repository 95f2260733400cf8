"""The agent's window, driven from the keyboard like an agent would."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QToolButton, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import result_ids, settle, type_query

from desktop.core.search import Engine
from desktop.ui.context_bar import ContextState
from desktop.ui.main_window import MainWindow
from desktop.ui.settings_store import SettingsStore

REPO = Path(__file__).resolve().parents[2]


def clipboard() -> str:
    return QGuiApplication.clipboard().text()


def press(qtbot: QtBot, window: MainWindow, key: str) -> None:
    """A window shortcut such as "Ctrl+2" (offscreen windows never hold real focus)."""
    for action in window.actions():
        if any(seq.toString() == key for seq in action.shortcuts()):
            action.trigger()
            return
    raise AssertionError(f"no action for {key}")


def test_search_box_focused_and_typing_shows_the_right_cards(qtbot: QtBot, make_window,
                                                             small_kb: Path) -> None:
    window = make_window(small_kb)
    assert QApplication.focusWidget() is window.search_edit or window.search_edit.hasFocus() \
        or window.focusWidget() is window.search_edit
    type_query(qtbot, window, "hold")
    assert result_ids(window)[0] == "hold-ask"
    type_query(qtbot, window, "vent")
    assert result_ids(window) == ["let-them-vent"]
    card = window.card_view.current_card()
    assert card is not None and card.id == "let-them-vent"
    assert window.search_edit.maxLength() <= 200


def test_stale_results_are_dropped(qtbot: QtBot, make_window, small_kb: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(small_kb)
    real_search = Engine.search
    h_started, release = threading.Event(), threading.Event()

    def slow_search(self: Engine, text: str, *args: object, **kwargs: object) -> object:
        if text == "h":
            h_started.set()
            release.wait(10)  # "h" stays in flight until the test lets it go
        return real_search(self, text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Engine, "search", slow_search)
    shown: list[str] = []
    window.resultsShown.connect(lambda gen: shown.append(window.last_search.request.text))
    window.search_edit.clear()
    qtbot.keyClicks(window.search_edit, "h")
    qtbot.waitUntil(h_started.is_set, timeout=5000)  # "h" is now being searched
    h_generation = window._search.generation
    qtbot.keyClicks(window.search_edit, "old")
    qtbot.waitUntil(lambda: window._search.generation > h_generation, timeout=5000)
    release.set()  # "h" finishes only after a newer search was asked for
    settle(qtbot, window)
    assert "h" not in shown  # superseded while it ran: its results never reached the list
    assert shown[-1] == "hold"
    assert result_ids(window)[0] == "hold-ask"


def test_filters_and_browse_by_context(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    bar = window.context_bar
    window.search_edit.clear()
    hold = bar.stage_button("hold")
    assert hold is not None
    qtbot.mouseClick(hold, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert result_ids(window) == ["hold-ask"]  # browse: no text, just the stage
    qtbot.mouseClick(hold, Qt.MouseButton.LeftButton)  # again: no stage
    irate = bar.tag_button("irate")
    assert irate is not None
    qtbot.mouseClick(irate, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert sorted(result_ids(window)) == ["apologize-wait", "let-them-vent", "restate-points"]
    chat = bar.channel_button("chat")
    assert chat is not None
    bar.clear()
    qtbot.mouseClick(chat, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert "chat-welcome" in result_ids(window)
    assert "hold-ask" not in result_ids(window)  # phone-only card
    type_query(qtbot, window, "welcome")
    assert result_ids(window) == ["chat-welcome"]
    fil = bar.lang_button("fil")
    assert fil is not None
    qtbot.mouseClick(fil, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert all(row.hit.lang == "fil" for row in window.results_model.rows())


def test_enter_copies_the_filled_first_phrase(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    fill_call(qtbot, window, customer="Ana", agent="Ben")
    type_query(qtbot, window, "vent")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert clipboard() == "Go ahead, Ana, I'm listening."
    assert window.card_view.copied.isVisibleTo(window.card_view)


def test_ctrl_numbers_copy_phrase_n(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    fill_call(qtbot, window, customer="Ana", agent="Ben")
    type_query(qtbot, window, "patience")
    press(qtbot, window, "Ctrl+2")
    assert clipboard() == "Thank you for your patience; I'm Ben and I'll take care of this."
    press(qtbot, window, "Ctrl+9")
    assert clipboard() == "Nine phrase ninth"
    QGuiApplication.clipboard().setText("unchanged")
    window.card_view.set_kb_view("fil")
    press(qtbot, window, "Alt+2")  # the Filipino card has one phrase only
    assert clipboard() == "unchanged"


def test_a_blank_placeholder_is_asked_for_never_copied(qtbot: QtBot, make_window,
                                                       small_kb: Path) -> None:
    window = make_window(small_kb)
    fill_call(qtbot, window, customer="", agent="")
    type_query(qtbot, window, "vent")
    row = window.card_view.columns["en"].row(0)
    assert row is not None
    assert "{customer}" in row.text.text() and "background-color" in row.text.text()
    QGuiApplication.clipboard().setText("unchanged")
    assert window.copy_phrase(1)
    prompt = window.blank_prompt
    assert prompt.is_open() and prompt.names() == ["customer"]
    assert clipboard() == "unchanged"  # nothing with {customer} reached the clipboard
    edit = prompt.edit_for("customer")
    assert edit is not None and edit.hasFocus()
    qtbot.keyClicks(edit, "Maria Santos")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert clipboard() == "Go ahead, Maria Santos, I'm listening."
    assert not prompt.is_open()
    assert window.call_tools.customer_edit.text() == "Maria Santos"  # for the rest of the call
    assert "Maria Santos" in row.text.text() and "{customer}" not in row.text.text()
    row.button.click()
    assert clipboard() == "Go ahead, Maria Santos, I'm listening."


def test_escape_in_the_blank_prompt_copies_nothing(qtbot: QtBot, make_window,
                                                   small_kb: Path) -> None:
    window = make_window(small_kb)
    fill_call(qtbot, window, customer="", agent="")
    type_query(qtbot, window, "vent")
    QGuiApplication.clipboard().setText("unchanged")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    prompt = window.blank_prompt
    assert prompt.is_open()
    edit = prompt.edit_for("customer")
    assert edit is not None
    qtbot.keyClicks(edit, "Ana")
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert not prompt.is_open()
    assert clipboard() == "unchanged"
    assert window.call_tools.customer_edit.text() == ""
    assert window.status_message() == ("blank_not_copied", ("{customer}",))
    assert window.search_edit.hasFocus() or window.focusWidget() is window.search_edit


def test_call_tool_phrases_with_blanks_are_asked_for_too(qtbot: QtBot, make_window,
                                                        small_kb: Path) -> None:
    window = make_window(small_kb)
    fill_call(qtbot, window, customer="", agent="")
    QGuiApplication.clipboard().setText("unchanged")
    window.call_tools.phraseCopyRequested.emit("Thanks, {customer}. Ref {ref}.")
    prompt = window.blank_prompt
    assert prompt.names() == ["customer", "ref"]
    first, second = prompt.edit_for("customer"), prompt.edit_for("ref")
    assert first is not None and second is not None
    qtbot.keyClicks(first, "Ana")
    qtbot.keyClick(first, Qt.Key.Key_Return)  # one blank left: Enter moves on to it
    assert prompt.is_open() and second.hasFocus() and clipboard() == "unchanged"
    qtbot.keyClicks(second, "AB-12")
    qtbot.keyClick(second, Qt.Key.Key_Return)
    assert clipboard() == "Thanks, Ana. Ref AB-12."
    assert window.call_tools.placeholders()["ref"] == "AB-12"  # kept for this call
    window.call_tools.phraseCopyRequested.emit("Your reference is {ref}.")
    assert clipboard() == "Your reference is AB-12." and not prompt.is_open()
    window.call_tools.end_call()
    assert "ref" not in window.call_tools.placeholders()


def test_notes_feed_the_restate_card(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    type_query(qtbot, window, "repeat back")
    assert window.card_view.current_card().stage == "restate"
    window.call_tools.notes_edit.setPlainText("Charged twice <b>for</b> June\nwants refund")
    qtbot.waitUntil(lambda: "refund" in window.card_view.notes_summary(), timeout=3000)
    shown = window.card_view.notes_text.text()
    assert "&lt;b&gt;" in shown and "wants refund" in shown  # escaped, not rendered
    window.card_view.notes_copy.click()
    assert clipboard() == "Charged twice <b>for</b> June wants refund"
    type_query(qtbot, window, "vent")
    assert window.card_view.notes_summary() == ""  # only restate cards show the notes


def test_flow_next_stage_and_alt_arrows(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    fill_call(qtbot, window, customer="Ana", agent="Ben")
    bar = window.context_bar
    type_query(qtbot, window, "vent")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert bar.next_stage() == "empathize"
    assert bar.stage_button("empathize").property("next") is True
    window.search_edit.clear()
    press(qtbot, window, "Alt+Right")  # goes where the dashed hint points
    assert bar.state().stage == "empathize"
    assert bar.next_stage() == ""  # reached the suggestion
    press(qtbot, window, "Alt+Left")
    assert bar.state().stage == "listen"
    bar.clear()
    press(qtbot, window, "Alt+Right")
    assert bar.state().stage == "listen"  # no hint, no stage: the first step
    bar.set_state(ContextState(stage="hold"))
    press(qtbot, window, "Alt+Right")
    assert bar.state().stage == "solve"


def test_escape_clears_text_then_context(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    window.context_bar.set_state(ContextState(stage="hold", tags=("long-wait",)))
    type_query(qtbot, window, "hold")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    assert window.search_edit.text() == ""
    assert window.context_bar.state().stage == "hold"
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    assert window.context_bar.state().is_empty


def test_focus_shortcuts(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    type_query(qtbot, window, "hold")
    window.results_view.setFocus()
    press(qtbot, window, "Ctrl+K")
    assert window.search_edit.selectedText() == "hold"
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Down)
    assert window.results_view.currentIndex().row() == min(1, window.results_model.rowCount() - 1)
    window.search_edit.deselect()
    window.search_edit.end(False)
    qtbot.keyClicks(window.results_view, " ask")  # typing in the list goes on with the search
    settle(qtbot, window)
    assert window.search_edit.text() == "hold ask"


def test_pins_and_recent_survive_a_restart_but_the_search_does_not(qtbot: QtBot, make_window,
                                                       small_kb: Path, settings_file: Path
                                                       ) -> None:
    window = make_window(small_kb)
    fill_call(qtbot, window, customer="Ana", agent="Ben")
    type_query(qtbot, window, "vent")
    press(qtbot, window, "Ctrl+P")
    assert window.settings.favorites == ["let-them-vent"]
    type_query(qtbot, window, "welcome")
    window.copy_phrase(1)
    window.context_bar.set_state(ContextState(tags=("chat",), channel="chat"))
    settle(qtbot, window)
    window.splitter.setSizes([300, 500, 250])
    window.set_kb_view("fil")
    window.zoom(+2)
    window.close()
    assert settings_file.is_file()

    assert "welcome" not in settings_file.read_text(encoding="utf-8").replace(
        "chat-welcome", "")  # a query may hold a customer's name: never stored (issue 12)
    again = make_window(small_kb)
    assert again.search_edit.text() == ""
    assert again.context_bar.state() == ContextState(channel="chat")  # one Chat: the channel
    assert again.settings.recent[0] == "chat-welcome"
    assert again.settings.favorites == ["let-them-vent"]
    assert again.card_view.kb_view() == "both"  # a one-language view is not carried over
    assert again.settings.zoom == 2
    again.search_edit.clear()
    again.context_bar.clear()
    settle(qtbot, again)
    ids = result_ids(again)
    assert ids[:2] == ["let-them-vent", "chat-welcome"]  # pinned, then recent
    assert again.results_model.rows()[0].pinned


def test_locked_settings_are_never_stored(qtbot: QtBot, make_window, small_kb: Path,
                                          settings_file: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KALMA_UI_LANGUAGE", "fil")
    window = make_window(small_kb)
    assert not window.act_lang["en"].isEnabled()
    window.set_ui_language("en")
    assert window.settings.ui_language == "fil"
    window.save_settings()
    stored = QSettings(str(settings_file), QSettings.Format.IniFormat)
    assert stored.value("ui_language") is None


def test_runtime_language_switch_relabels_widgets(qtbot: QtBot, make_window,
                                                  small_kb: Path) -> None:
    from desktop.ui import i18n

    if not Path(i18n.qm_path("fil")).is_file():  # a fresh checkout: build the catalogs
        build = REPO / "tools" / "build_i18n.py"
        subprocess.run([sys.executable, str(build), "--release"], check=True, timeout=60)
    window = make_window(small_kb)
    type_query(qtbot, window, "hold")
    before = window.menu_view.title()
    hold = window.context_bar.stage_button("listen")
    window.set_ui_language("fil")
    qtbot.waitUntil(lambda: window.menu_view.title() != before, timeout=3000)
    assert window.menu_view.title() == "&Tingnan"
    assert hold.text() == "Makinig"  # taxonomy label in the UI language
    assert window.search_edit.placeholderText().startswith("Maghanap")
    assert window.results_model.rows() and window.results_model.index(0, 0).data(
        Qt.ItemDataRole.UserRole + 6) == "Hold"
    assert window.settings.ui_language == "fil"
    window.set_ui_language("en")
    qtbot.waitUntil(lambda: window.menu_view.title() == before, timeout=3000)
    assert hold.text() == "Listen"


def test_every_control_has_an_accessible_name(make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    window.search_for("hold")
    unnamed = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, QLineEdit | QToolButton) or not widget.isVisibleTo(window):
            continue
        if widget.parent() is window.call_tools or widget.window() is not window:
            continue
        if isinstance(widget.parent(), QLineEdit):  # Qt's own clear button
            continue
        name = widget.accessibleName() or widget.text()
        if not name:
            unnamed.append(widget.objectName() or type(widget).__name__)
    assert unnamed == []


def test_zoom_changes_the_font(make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    size = window.font().pointSizeF()
    window.zoom(+1)
    assert window.font().pointSizeF() == size + 1
    window.zoom(0)
    assert window.font().pointSizeF() == size


def test_mini_mode_searches_and_copies(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    fill_call(qtbot, window, customer="Ana", agent="Ben")
    window.set_mini_mode(True)
    mini = window.mini_window
    assert mini is not None and mini.isVisible() and not window.isVisible()
    assert mini.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    mini.search_edit.clear()
    qtbot.keyClicks(mini.search_edit, "vent")
    settle(qtbot, window)
    assert window.search_edit.text() == "vent"
    assert mini.results_view.model().rowCount() == 1
    qtbot.keyClick(mini.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: clipboard() == "Go ahead, Ana, I'm listening.", timeout=3000)
    mini.close()
    assert window.isVisible()


def test_mini_mode_asks_for_blanks_in_the_mini_window(qtbot: QtBot, make_window,
                                                      small_kb: Path) -> None:
    window = make_window(small_kb)
    fill_call(qtbot, window, customer="", agent="")
    window.set_mini_mode(True)
    mini = window.mini_window
    assert mini is not None
    mini.search_edit.clear()
    qtbot.keyClicks(mini.search_edit, "vent")
    settle(qtbot, window)
    QGuiApplication.clipboard().setText("unchanged")
    qtbot.keyClick(mini.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(mini.blank_prompt.is_open, timeout=3000)
    assert not window.blank_prompt.is_open() and clipboard() == "unchanged"
    edit = mini.blank_prompt.edit_for("customer")
    assert edit is not None
    qtbot.keyClicks(edit, "Ana")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert clipboard() == "Go ahead, Ana, I'm listening."
    assert window.call_tools.customer_edit.text() == "Ana"
    qtbot.keyClick(mini.search_edit, Qt.Key.Key_Return)  # again: filled from the call panel
    assert clipboard() == "Go ahead, Ana, I'm listening." and not mini.blank_prompt.is_open()
    mini.close()


def test_slow_search_does_not_block_the_gui(qtbot: QtBot, make_window, small_kb: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The search worker is held until the GUI thread's timer has ticked 20 times: typing
    completes and the timer runs while a search is in flight, or the test times out."""
    window = make_window(small_kb)
    real_search = Engine.search
    in_search, ticked = threading.Event(), threading.Event()

    def slow_search(self: Engine, *args: object, **kwargs: object) -> object:
        in_search.set()
        ticked.wait(10)
        return real_search(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Engine, "search", slow_search)
    ticks: list[int] = []
    timer = QTimer(window)
    timer.setInterval(5)

    def on_tick() -> None:
        ticks.append(1)
        if in_search.is_set() and len(ticks) >= 20:
            ticked.set()

    timer.timeout.connect(on_tick)
    window.search_edit.clear()
    qtbot.keyClicks(window.search_edit, "hold")
    assert window.search_edit.text() == "hold"
    qtbot.waitUntil(in_search.is_set, timeout=5000)
    assert not ticked.is_set()  # the keystrokes went through while the search was held
    timer.start()
    settle(qtbot, window, timeout=10_000)
    timer.stop()
    assert ticked.is_set() and len(ticks) >= 20
    assert result_ids(window)[0] == "hold-ask"


def test_bundled_kb_finds_hold_phrases(qtbot: QtBot, make_window, bundled_kb: Path) -> None:
    window = make_window(bundled_kb)
    type_query(qtbot, window, "hold")
    rows = window.results_model.rows()
    assert len(rows) >= 3
    assert any(row.hit.stage == "hold" for row in rows[:3])
    window.context_bar.set_state(ContextState(stage="hold"))
    window.search_edit.clear()
    window.search_for("")
    settle(qtbot, window)
    assert window.results_model.rows()
    assert all(row.hit.stage == "hold" for row in window.results_model.rows())


def test_broken_file_shows_a_badge_and_other_cards_still_work(qtbot: QtBot, make_window,
                                                              small_kb: Path) -> None:
    (small_kb / "en" / "broken.md").write_text("---\nid: broken\ntitle: x\n", encoding="utf-8")
    window = make_window(small_kb)
    assert window.problem_badge.isVisibleTo(window)
    assert "1" in window.problem_badge.text()
    type_query(qtbot, window, "hold")
    assert "hold-ask" in result_ids(window)


def test_missing_kb_shows_a_clear_message(qtbot: QtBot, make_window, tmp_path: Path) -> None:
    # Issue 13: no KB and no offline copy -> the bundled KB, under a banner that says so.
    window = make_window(tmp_path / "nowhere", wait=False)
    with qtbot.waitSignal(window.indexReady, timeout=10_000):
        window.start()
    assert "Shared KB not available" in window.kb_label.text()
    assert window.kb_location.source == "bundled"


def test_kb_that_disappears_keeps_the_last_good_index(qtbot: QtBot, make_window,
                                                      small_kb: Path) -> None:
    import shutil

    window = make_window(small_kb, watch=True)
    type_query(qtbot, window, "hold")
    moved = small_kb.with_name("kb-away")
    shutil.move(small_kb, moved)
    window._watcher.check_now()
    qtbot.waitUntil(lambda: "not reachable" in window.kb_label.text(), timeout=10_000)
    type_query(qtbot, window, "vent")
    assert result_ids(window) == ["let-them-vent"]  # the last good index still answers
    shutil.move(moved, small_kb)
    window._watcher.check_now()
    qtbot.waitUntil(lambda: "not reachable" not in window.kb_label.text(), timeout=10_000)


def fill_call(qtbot: QtBot, window: MainWindow, **values: str) -> None:
    edits = {"customer": window.call_tools.customer_edit,
             "agent": window.call_tools.agent_edit, "issue": window.call_tools.issue_edit}
    for key, value in values.items():
        edits[key].setText(value)
    QApplication.processEvents()


def test_store_round_trip(tmp_path: Path) -> None:
    from desktop.core.settings import Settings, resolve

    store = SettingsStore(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    settings = Settings(favorites=["a", "b"], recent=["c"], last_query="on hold, please",
                        zoom=3, mini_mode=True, last_tags=["irate"], agent_name="Ben")
    store.save(settings, frozenset({"kb_dir"}), baseline=Settings())
    loaded = resolve(user=store.load_user_values(), environ={}, config_paths=[]).settings
    assert loaded == settings
    assert "zoom" in store.load_user_values()
    assert "hold_interval_s" not in store.load_user_values()  # equal to the baseline


def test_language_change_event_reaches_the_context_bar(make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    bar = window.context_bar
    bar._stage_title.setText("stale")
    QApplication.sendEvent(bar, QEvent(QEvent.Type.LanguageChange))
    assert bar._stage_title.text() == "Call stage"


def test_card_details_review_badge_avoid_and_why(qtbot: QtBot, make_window,
                                                 small_kb: Path) -> None:
    window = make_window(small_kb)
    type_query(qtbot, window, "vent")
    view = window.card_view
    assert view.review_badge.isVisibleTo(view)  # review_by 2020-01-31 is long past
    column = view.columns["en"]
    assert "Sir, sir" in column.avoid_text.text()
    assert "<s>" not in column.avoid_text.text() and "✗" in column.avoid_text.text()  # readable
    assert column.avoid_box.isVisibleTo(view)
    assert "<small" in column.why.text() and "feel heard" in column.why.text()
    assert view.columns["fil"].isVisibleTo(view)
    window.set_kb_view("en")
    assert not view.columns["fil"].isVisibleTo(view)


def test_gap_log_records_settled_searches_and_copies(qtbot: QtBot, make_window,
                                                     small_kb: Path) -> None:
    from desktop.core.gaplog import default_gap_log_path

    window = make_window(small_kb, user={"gap_log_enabled": True})
    window._gap_timer.setInterval(30)
    fill_call(qtbot, window, customer="Ana Reyes")
    type_query(qtbot, window, "yesterday zebra Ana")  # unknown words are masked too
    qtbot.waitUntil(lambda: default_gap_log_path().is_file(), timeout=3000)
    type_query(qtbot, window, "vent")
    window.copy_phrase(1)
    log = default_gap_log_path().read_text(encoding="utf-8")
    assert '"e": "search"' in log and '"n": 0' in log and '"e": "copy"' in log
    assert "Ana" not in log  # the customer's name is scrubbed before it is written


def test_kb_location_notice_in_the_status_bar(qtbot: QtBot, make_window, small_kb: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.core import session as main_window  # the pipeline moved to core
    from desktop.core.kb_location import KbLocation

    monkeypatch.setattr(main_window, "resolve_kb_location",
                        lambda path, **_: KbLocation(path, notice="offline copy from 09:15"))
    window = make_window(small_kb)
    assert window.kb_label.text() == "Offline copy from 09:15"  # core notice, translated


def test_documents_open_in_the_card_pane(qtbot: QtBot, make_window, small_kb: Path) -> None:
    guides = small_kb / "guides"
    guides.mkdir()
    (guides / "escalation.md").write_text("# Escalation ladder\n\nCall the duty manager "
                                          "(the zeppelin desk) after two warnings.\n",
                                          encoding="utf-8")
    window = make_window(small_kb)
    type_query(qtbot, window, "zeppelin")
    assert window.results_model.rows()[0].hit.kind == "document"
    assert window.card_view.document.isVisibleTo(window.card_view)
    assert "duty manager" in window.card_view.document.text()
    assert window.card_view.copy_phrase(1) is False  # nothing to copy from a document


def test_splitter_and_geometry_are_restored(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    press(qtbot, window, "Ctrl+T")  # call tools hidden
    window.resize(1150, 700)  # the wide layout (the compact one keeps the saved panes)
    window.splitter.setSizes([300, 480, 0])

    def laid_out() -> bool:  # the two visible panes and their handle fill the splitter
        splitter = window.splitter
        return sum(splitter.sizes()) + splitter.handleWidth() == splitter.width()

    qtbot.waitUntil(laid_out, timeout=3000)
    sizes = window.splitter.sizes()
    window.close()  # saves: the state read below is the one the next window loads
    state, geometry = window.window_state.splitter, window.window_state.geometry
    again = make_window(small_kb)
    assert again.window_state.splitter == state and state  # ui state, not core settings
    assert again.window_state.geometry == geometry and geometry
    # Layout settles asynchronously (slower on a loaded machine): wait for it, do not sleep.
    again.resize(1150, 700)  # restoreGeometry keeps it inside the 800-px test screen
    qtbot.waitUntil(lambda: again.splitter.sizes() == sizes, timeout=3000)
    assert not again.act_call_tools.isChecked()


def test_trainer_mode_opens_from_ctrl_e(make_window, small_kb: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.ui.trainer as trainer

    calls: list[tuple[object, Path, bool]] = []
    monkeypatch.setattr(trainer, "open_trainer",
                        lambda parent, kb_dir, allowed: calls.append((parent, kb_dir, allowed)))
    window = make_window(small_kb)
    press(None, window, "Ctrl+E")  # type: ignore[arg-type]
    assert calls == [(window, small_kb.resolve(), True)]


def test_live_dark_palette_reaches_the_call_tools_and_view_buttons(qtbot: QtBot, make_window,
                                                                   small_kb: Path) -> None:
    from PySide6.QtGui import QColor, QPalette

    window = make_window(small_kb)
    type_query(qtbot, window, "vent")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = app.palette()
    dark = QPalette(old)
    for role, color in ((QPalette.ColorRole.Window, "#2b2d30"),
                        (QPalette.ColorRole.WindowText, "#e6e6e6"),
                        (QPalette.ColorRole.Base, "#1e1f22"),
                        (QPalette.ColorRole.Button, "#3c3f41"),
                        (QPalette.ColorRole.Highlight, "#3d7dca")):
        dark.setColor(role, QColor(color))
    try:
        app.setPalette(dark)
        qtbot.waitUntil(lambda: window.call_tools.grab().toImage().pixelColor(
            2, window.call_tools.height() - 3).lightness() < 100, timeout=3000)
        both = window.card_view.view_buttons["both"]
        assert both.isChecked()
        image = both.grab().toImage()
        assert image.pixelColor(image.width() // 2, 3).name() == "#3d7dca"  # highlighted
    finally:
        app.setPalette(old)


def test_call_fields_show_their_start_after_editing(qtbot: QtBot, make_window,
                                                    small_kb: Path) -> None:
    window = make_window(small_kb)
    edit = window.call_tools.issue_edit
    edit.setText("a double charge on the June bill, and auto-pay was on")
    assert edit.cursorPosition() == len(edit.text())
    window.search_edit.setFocus()
    edit.editingFinished.emit()  # the agent moved on
    assert edit.cursorPosition() == 0


def test_a_chat_card_says_chat_once(qtbot: QtBot, make_window, small_kb: Path) -> None:
    # The card's chat tag and its chat channel are one "Chat" for the agent (issue 11).
    window = make_window(small_kb)
    type_query(qtbot, window, "welcome")
    qtbot.waitUntil(lambda: "Welcome a chat customer" in window.card_view.title.text(),
                    timeout=3000)
    assert window.card_view.meta.text().count("Chat") == 1
