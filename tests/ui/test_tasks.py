"""The background helper: work runs off the GUI thread and reports back on it."""

from __future__ import annotations

import itertools
import threading
import time

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
            time.sleep(0.005)
        raise Cancelled()

    task = runner.submit(slow)
    assert started.wait(5)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.cancel()
    assert runner.shutdown(5000)


@pytest.mark.parametrize("seconds", [0.4])
def test_slow_work_does_not_block_the_gui_thread(qtbot: QtBot, seconds: float) -> None:
    runner = BackgroundRunner(1)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()

    def slow(progress: Progress, is_cancelled: IsCancelled) -> str:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:  # busy, holding the GIL as a Python search does
            sum(range(1000))
        return "done"

    task = runner.submit(slow)
    with qtbot.waitSignal(task.succeeded, timeout=5000):
        pass
    timer.stop()
    assert len(ticks) >= seconds / 0.010 * 0.5
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert max(gaps) < 0.1
    runner.shutdown()
