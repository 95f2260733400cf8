"""The cyclic GC stays off the typing path: searches freeze what survives them, and the
frozen heap is collected once the agent stops typing."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop.ui.memory import MemorySettler


@pytest.fixture(autouse=True)
def _unfrozen_after() -> Iterator[None]:
    yield
    gc.unfreeze()


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_results_freeze_what_survives_and_idle_collects_it(qtbot: QtBot) -> None:
    settler = MemorySettler(idle_ms=10)
    gc.unfreeze()
    garbage, alive = Cycle(), Cycle()
    dropped, kept = weakref.ref(garbage), weakref.ref(alive)
    settler.after_results()
    assert gc.get_freeze_count() > 0
    del garbage
    gc.collect()  # a collection while typing never walks frozen objects
    assert dropped() is not None
    with qtbot.waitSignal(settler.collected, timeout=5000):
        pass
    assert dropped() is None  # the idle collection freed the frozen cycle
    assert kept() is alive
    assert gc.get_freeze_count() > 0  # what is left is frozen again


def test_each_search_restarts_the_idle_wait(qtbot: QtBot) -> None:
    settler = MemorySettler(idle_ms=60_000)
    settler.after_results()
    assert settler._idle.isActive()
    remaining = settler._idle.remainingTime()
    settler.after_results()
    assert settler._idle.remainingTime() >= remaining
