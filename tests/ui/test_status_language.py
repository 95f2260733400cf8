"""Status-bar texts, KB notices and card-pane messages follow a runtime language switch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from ui_helpers import type_query

from desktop.core.kb_location import KbLocation, offline_notice
from desktop.ui import i18n
from desktop.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fil_catalog() -> None:
    if not Path(i18n.qm_path("fil")).is_file():  # a fresh checkout: build the catalogs
        subprocess.run([sys.executable, str(REPO / "tools" / "build_i18n.py"), "--release"],
                       check=True, timeout=60)


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def switch(qtbot: QtBot, window: MainWindow, lang: str) -> None:
    before = window.menu_view.title()
    window.set_ui_language(lang)
    qtbot.waitUntil(lambda: window.menu_view.title() != before, timeout=3000)


def test_knowledge_base_ready_follows_the_language(qtbot: QtBot, make_window,
                                                   small_kb: Path) -> None:
    window = make_window(small_kb)
    shown = window.status_message()
    assert shown in (("ready", (5,)), None)  # None: it cleared already (after 4 s)
    if shown is not None:
        assert status(window) == "Knowledge base ready: 5 cards"
    window.show_status("ready", 5, timeout_ms=60_000)
    switch(qtbot, window, "fil")
    assert status(window) == "Handa na ang knowledge base: 5 card"
    switch(qtbot, window, "en")
    assert status(window) == "Knowledge base ready: 5 cards"


@pytest.mark.parametrize(("kind", "args", "english"), [
    ("checking", (), "Checking the knowledge base…"),
    ("indexing", (3, 9), "Updating the search index: 3 of 9 files"),
    ("ready", (1,), "Knowledge base ready: 1 card"),
    ("updated", (), "Knowledge base updated"),
    ("kb_changed", (), "The knowledge base changed; updating…"),
    ("load_failed", ("disk %2 error",), "Could not load the knowledge base: disk %2 error"),
    ("search_failed", ("boom",), "Search failed: boom"),
    ("copied", ("Go ahead",), "Copied: Go ahead"),
    ("pinned", (), "Pinned"),
    ("unpinned", (), "Unpinned"),
])
def test_every_status_message_has_filipino(qtbot: QtBot, make_window, small_kb: Path,
                                           kind: str, args: tuple[object, ...],
                                           english: str) -> None:
    window = make_window(small_kb)
    window.show_status(kind, *args)
    assert status(window) == english
    assert window.status_message() == (kind, args)
    switch(qtbot, window, "fil")
    filipino = status(window)
    assert filipino and filipino != english
    assert all(str(arg) in filipino for arg in args)  # arguments survive translation


def test_messages_that_cleared_stay_cleared(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb)
    window.show_status("pinned", timeout_ms=30)
    qtbot.waitUntil(lambda: status(window) == "", timeout=3000)
    assert window.status_message() is None
    switch(qtbot, window, "fil")
    assert status(window) == ""  # a timed-out message does not come back
    window.statusBar().showMessage("someone else's message")
    assert window.status_message() is None
    switch(qtbot, window, "en")
    assert status(window) == "someone else's message"  # not ours: left alone


def test_kb_notices_and_badge_follow_the_language(qtbot: QtBot, make_window, small_kb: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.core import session as main_window  # the pipeline moved to core

    notice = offline_notice(small_kb)  # "offline copy from 2025-06-01 09:15", from desktop.core
    when = notice.rsplit(" ", 2)[-2:]
    monkeypatch.setattr(main_window, "resolve_kb_location",
                        lambda path, **_: KbLocation(path, notice=notice))
    (small_kb / "en" / "broken.md").write_text("---\nid: broken\ntitle: x\n", encoding="utf-8")
    window = make_window(small_kb)
    assert window.kb_label.text() == "Offline copy from " + " ".join(when)
    assert window.problem_badge.text() == "⚠ 1 KB file needs fixing"
    switch(qtbot, window, "fil")
    assert window.kb_label.text() == "Offline na kopya, kuha noong " + " ".join(when)
    assert window.problem_badge.text() == "⚠ 1 KB file ang kailangang ayusin"

    window._kb_reachable(False, "share gone")
    assert window.kb_label.text().startswith("Hindi maabot ang KB folder")
    assert window.kb_label.toolTip() == "share gone"
    switch(qtbot, window, "en")
    assert window.kb_label.text() == "KB folder not reachable — showing the last loaded cards"
    window._kb_reachable(True, "")
    assert window.kb_label.text().startswith("Offline copy from")
    assert window.kb_label.toolTip() == str(small_kb)
    assert window.kb_label.styleSheet() == ""


def test_unknown_notices_are_shown_as_given(make_window, small_kb: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.core import session as main_window  # the pipeline moved to core

    monkeypatch.setattr(main_window, "resolve_kb_location",
                        lambda path, **_: KbLocation(path, notice="read-only share"))
    window = make_window(small_kb)
    assert window.kb_label.text() == "read-only share"


def test_card_pane_messages_follow_the_language(qtbot: QtBot, make_window,
                                                small_kb: Path) -> None:
    window = make_window(small_kb)
    view = window.card_view
    type_query(qtbot, window, "zebra quagga")
    english = "No cards match. Try other words, in English or Filipino."
    assert view.message.text() == english
    switch(qtbot, window, "fil")
    # Translated, and still the no-results hint (not the start-page hint).
    assert view.message.text() == ("Walang tugmang card. Subukan ang ibang salita, "
                                   "sa English o Filipino.")
    assert view.message_shown()
    switch(qtbot, window, "en")
    assert view.message.text() == english
    type_query(qtbot, window, "vent")
    assert not view.message_shown()
