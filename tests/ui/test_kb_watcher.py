"""The KB watcher: watches where they work, cheap folder polls where they do not."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.kb_location import is_network_path
from desktop.ui import kb_watcher
from desktop.ui.kb_watcher import (
    JITTER,
    KbWatcher,
    seat_jitter_ms,
    take_fingerprint,
    take_folder_digest,
)

MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:35 / /mnt/kalma rw,relatime shared:20 - cifs //fs01/kalma rw,vers=3.1.1
41 22 0:36 / /srv/nfs\\040share rw - nfs4 fs02:/export rw
42 40 0:37 / /mnt/kalma/local rw - ext4 /dev/sdb1 rw
"""


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many full fingerprints and folder digests the watcher took."""
    counts = {"full": 0, "folders": 0}
    real_full, real_folders = take_fingerprint, take_folder_digest

    def full(root: Path):  # type: ignore[no-untyped-def]
        counts["full"] += 1
        return real_full(root)

    def folders(root: Path):  # type: ignore[no-untyped-def]
        counts["folders"] += 1
        return real_folders(root)

    monkeypatch.setattr(kb_watcher, "take_fingerprint", full)
    monkeypatch.setattr(kb_watcher, "take_folder_digest", folders)
    monkeypatch.setattr(kb_watcher, "seat_jitter_ms", lambda interval: 0)
    return counts


def test_network_mounts_are_recognised() -> None:
    assert is_network_path(Path("/mnt/kalma/kb"), MOUNTINFO)
    assert is_network_path(Path("/srv/nfs share/kb"), MOUNTINFO)
    assert not is_network_path(Path("/mnt/kalma/local/kb"), MOUNTINFO)  # a local disk inside
    assert not is_network_path(Path("/home/agent/kb"), MOUNTINFO)


def test_jitter_is_stable_per_seat_and_bounded() -> None:
    values = {seat_jitter_ms(30_000, f"pc{n}/agent") for n in range(50)}
    assert all(0 <= v <= 30_000 * JITTER for v in values) and len(values) > 40
    assert seat_jitter_ms(30_000, "pc1/agent") == seat_jitter_ms(30_000, "pc1/agent")


def test_folder_digest_sees_new_files_not_in_place_edits(small_kb: Path) -> None:
    before = take_folder_digest(small_kb)
    card = small_kb / "en" / "hold-ask.md"
    card.write_text(card.read_text("utf-8") + "\nMore.\n", encoding="utf-8")
    folder = small_kb / "en"
    stamp = folder.stat().st_mtime_ns
    assert take_folder_digest(small_kb) == before
    (folder / "new.md").write_text("x", encoding="utf-8")
    os.utime(folder, ns=(stamp + 5_000_000_000, stamp + 5_000_000_000))
    assert take_folder_digest(small_kb) != before
    assert isinstance(take_folder_digest(small_kb / "gone"), str)


def test_a_watched_local_kb_is_never_polled_file_by_file(
        qtbot: QtBot, small_kb: Path, counted: dict[str, int]) -> None:
    watcher = KbWatcher(small_kb, poll_ms=20, settle_ms=20)
    try:
        watcher.start()
        qtbot.waitUntil(lambda: counted["folders"] >= FULL_POLLS + 2, timeout=10_000)
        assert watcher.watching
        assert counted["full"] <= 2  # the baseline (and one after the first digest)
        with qtbot.waitSignal(watcher.changed, timeout=5000):
            card = small_kb / "en" / "hold-ask.md"
            card.write_text(card.read_text("utf-8") + "\nMore.\n", encoding="utf-8")
            os.utime(card, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))
    finally:
        watcher.stop()


FULL_POLLS = kb_watcher.FULL_SCAN_EVERY


def test_a_network_kb_is_polled_cheaply(qtbot: QtBot, small_kb: Path, counted: dict[str, int],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kb_watcher, "is_network_path", lambda path: True)
    watcher = KbWatcher(small_kb, poll_ms=20, settle_ms=20)
    try:
        watcher.start()
        qtbot.waitUntil(lambda: counted["full"] >= 1 and counted["folders"] >= 3,
                        timeout=10_000)
        assert not watcher.watching
        with qtbot.waitSignal(watcher.changed, timeout=10_000):  # a new card: the next poll
            (small_kb / "en" / "zz-new.md").write_text("---\nid: zz\n---\n", encoding="utf-8")
        before = dict(counted)
        with qtbot.waitSignal(watcher.changed, timeout=10_000):  # in place: a full poll
            card = small_kb / "en" / "hold-ask.md"
            stamp = (small_kb / "en").stat().st_mtime_ns
            card.write_text(card.read_text("utf-8") + "\nMore.\n", encoding="utf-8")
            os.utime(small_kb / "en", ns=(stamp, stamp))
        polls = (counted["folders"] - before["folders"]) + (counted["full"] - before["full"])
        assert counted["folders"] - before["folders"] >= polls - 2
    finally:
        watcher.stop()
