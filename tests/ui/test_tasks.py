"""The background helper: work runs off the GUI thread and reports back on it."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from desktop.core.kb import Cancelled
from desktop.ui.tasks import BackgroundRunner, IsCancelled, Progress


def test_result_and_progress_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = BackgroundRunner(1)
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def work(progress: Progress, is_cancelled: IsCancelled) -> int:
        seen["worker"] = threading.get_ident()
        for n in range(1, 4):
            progress(n, 3)
        return 42

    task = runner.submit(work)
    task.progressed.connect(lambda done, total: seen.setdefault("progress_thread",
                                                                threading.get_ident()))
    task.succeeded.connect(lambda value: seen.update(value=value,
                                                     result_thread=threading.get_ident()))
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert seen["value"] == 42
    assert seen["worker"] != gui
    assert seen["result_thread"] == gui
    assert seen.get("progress_thread", gui) == gui
    runner.shutdown()


def test_failure_and_cancellation(qtbot: QtBot) -> None:
    runner = BackgroundRunner(1)

    def broken(progress: Progress, is_cancelled: IsCancelled) -> None:
        raise ValueError("bad KB")

    task = runner.submit(broken)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        pass
    assert isinstance(blocker.args[0], ValueError)

    started = threading.Event()

    def slow(progress: Progress, is_cancelled: IsCancelled) -> None:
        started.set()
        while not is_cancelled():
            sum(range(100))
        raise Cancelled()

    task = runner.submit(slow)
    assert started.wait(5)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.cancel()
    assert runner.shutdown(5000)


def test_slow_work_does_not_block_the_gui_thread(qtbot: QtBot) -> None:
    """The worker keeps the CPU (and GIL) busy until the GUI thread's timer has ticked 20
    times: if running the work blocked the GUI thread, the ticks and the result never come."""
    runner = BackgroundRunner(1)
    ticks: list[int] = []
    enough = threading.Event()
    timer = QTimer()
    timer.setInterval(5)

    def on_tick() -> None:
        ticks.append(1)
        if len(ticks) >= 20:
            enough.set()

    timer.timeout.connect(on_tick)
    timer.start()

    def busy(progress: Progress, is_cancelled: IsCancelled) -> str:
        while not enough.is_set() and not is_cancelled():  # holds the GIL as a search does
            sum(range(1000))
        return "done" if enough.is_set() else "cancelled"

    task = runner.submit(busy)
    with qtbot.waitSignal(task.succeeded, timeout=10_000) as blocker:
        pass
    timer.stop()
    assert blocker.args == ["done"]
    assert len(ticks) >= 20
    assert runner.shutdown(5000)


def test_shutdown_cancels_a_busy_worker(qtbot: QtBot) -> None:
    runner = BackgroundRunner(1)
    started = threading.Event()
    seen_cancel = threading.Event()

    def busy(progress: Progress, is_cancelled: IsCancelled) -> None:
        started.set()
        while not is_cancelled():
            sum(range(100))
        seen_cancel.set()

    runner.submit(busy, "busy")
    assert started.wait(5)
    assert runner.shutdown(5000)  # cancelled, then waited for
    assert seen_cancel.is_set()


def test_shutdown_reports_and_keeps_a_worker_that_will_not_stop(
        qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    from desktop.ui import tasks

    runner = BackgroundRunner(1)
    started, release = threading.Event(), threading.Event()

    def stubborn(progress: Progress, is_cancelled: IsCancelled) -> str:
        started.set()
        release.wait(10)  # ignores is_cancelled, like a blocking read on a dead share
        return "late"

    task = runner.submit(stubborn, "stubborn")
    assert started.wait(5)
    with caplog.at_level("WARNING", logger="desktop.ui.tasks"):
        assert not runner.shutdown(timeout_ms=20)
    assert "stubborn" in caplog.text
    assert runner in tasks._still_running  # not deleted under the late worker
    with qtbot.waitSignal(task.finished, timeout=5000):
        release.set()
    assert runner.wait(5000)
    tasks._still_running.discard(runner)


def test_window_shutdown_cancels_a_search_in_flight(qtbot: QtBot, make_window, small_kb,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.core.kb import Cancelled as KbCancelled
    from desktop.core.search import Engine

    window = make_window(small_kb)
    started, stopped = threading.Event(), threading.Event()

    def busy_search(self: Engine, text: str, *args: object, **kwargs: object) -> object:
        is_cancelled = kwargs.get("is_cancelled")
        started.set()
        while not (callable(is_cancelled) and is_cancelled()):
            sum(range(100))  # a long search that checks for cancellation, as the engine does
        stopped.set()
        raise KbCancelled()

    monkeypatch.setattr(Engine, "search", busy_search)
    shown: list[int] = []
    window.resultsShown.connect(shown.append)
    qtbot.keyClicks(window.search_edit, "x")
    qtbot.waitUntil(started.is_set, timeout=5000)
    window.shutdown()  # cancels and waits: returns once the worker stopped
    assert stopped.is_set()
    assert window._search._runner.active() == [] or all(
        task.is_cancelled() for task in window._search._runner.active())
    assert shown == []


def test_slots_given_to_submit_are_connected_before_the_work_starts(qtbot: QtBot) -> None:
    """Connecting after the worker has started would make the GUI thread wait for the
    interpreter lock the worker holds; slots passed to submit() are in place first."""
    from PySide6.QtCore import SIGNAL

    runner = BackgroundRunner(1)
    connected_when_running: list[int] = []
    results: list[object] = []
    done: list[bool] = []

    def work(progress: Progress, is_cancelled: IsCancelled) -> int:
        (task,) = [t for t in runner._tasks if t.name == "probe"]
        connected_when_running.append(task.receivers(SIGNAL("succeeded(PyObject)")))
        return 7

    task = runner.submit(work, "probe", succeeded=results.append,
                         finished=lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert connected_when_running == [1]
    assert results == [7] and task.done
    runner.shutdown()
