"""The window warms the engine up once results are shown, off the GUI thread, and a reload
cancels a warm-up that is still running (desktop.ui.window_kb, core: Engine.warm)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.kb import Cancelled, IsCancelled
from desktop.core.search import Engine


def test_warm_up_runs_after_the_first_results_and_a_reload_cancels_it(
        qtbot: QtBot, make_window, small_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[threading.Thread] = []
    cancelled = threading.Event()

    def fake_warm(self: Engine, is_cancelled: IsCancelled | None = None) -> int:
        calls.append(threading.current_thread())
        assert is_cancelled is not None
        while not is_cancelled():  # polls between lists like the real one, until cancelled
            cancelled.wait(0.01)
        cancelled.set()
        raise Cancelled()

    monkeypatch.setattr(Engine, "warm", fake_warm)
    window = make_window(small_kb)
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=10_000)
    assert calls[0] is not threading.main_thread()
    assert window._warm_task is not None

    window._start_indexing()  # a KB change: reload, and warm up the new index after
    qtbot.waitUntil(cancelled.is_set, timeout=10_000)
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=10_000)  # warmed again after reload
    window._cancel_warm_up()
    qtbot.waitUntil(lambda: window._warm_task is None, timeout=10_000)


def test_a_failed_warm_up_is_logged_and_searches_go_on(
        qtbot: QtBot, make_window, small_kb: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    def broken_warm(self: Engine, is_cancelled: IsCancelled | None = None) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(Engine, "warm", broken_warm)
    window = make_window(small_kb)
    qtbot.waitUntil(lambda: "warming up the search engine failed" in caplog.text,
                    timeout=10_000)
    assert window.results_model.rowCount() > 0
