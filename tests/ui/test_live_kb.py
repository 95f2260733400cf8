"""Live KB: edits on disk reach the results without a restart."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from pytestqt.qtbot import QtBot
from ui_helpers import card_text, result_ids, settle, type_query

from desktop.ui.kb_watcher import KbWatcher, take_fingerprint

REPO = Path(__file__).resolve().parents[2]


def test_fingerprint_notices_edits_and_missing_folders(small_kb: Path, tmp_path: Path) -> None:
    first = take_fingerprint(small_kb)
    assert not first.missing and len(first.entries) >= 10
    path = small_kb / "en" / "hold-ask.md"
    path.write_text(path.read_text("utf-8") + "\nMore.\n", encoding="utf-8")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))
    assert not take_fingerprint(small_kb).same_content(first)
    assert take_fingerprint(tmp_path / "gone").missing


def test_watcher_signals_a_change_once(qtbot: QtBot, small_kb: Path) -> None:
    watcher = KbWatcher(small_kb, poll_ms=200, settle_ms=50)
    changes: list[int] = []
    watcher.changed.connect(lambda: changes.append(1))

    def scan_done() -> bool:
        return watcher._known is not None and not watcher._scanning

    try:
        watcher.start()
        qtbot.waitUntil(scan_done, timeout=5000)  # the baseline scan: no signal for it
        assert changes == []
        (small_kb / "en" / "new-card.md").write_text(
            card_text("new-card", "en", {"stage": "listen", "tags": "", "channel": "any",
                                          "en": ("New", ["Brand new phrase"], [], "")}),
            encoding="utf-8")
        qtbot.waitUntil(lambda: len(changes) >= 1, timeout=5000)
        for _ in range(2):  # later scans of the unchanged folder stay quiet
            qtbot.waitUntil(scan_done, timeout=5000)
            watcher.check_now()
            qtbot.waitUntil(scan_done, timeout=5000)
        assert changes == [1]
    finally:
        watcher.stop()


def test_a_card_edited_on_disk_shows_up(qtbot: QtBot, make_window, small_kb: Path) -> None:
    window = make_window(small_kb, watch=True)
    type_query(qtbot, window, "zebra")
    assert result_ids(window) == []
    path = small_kb / "en" / "let-them-vent.md"
    path.write_text(path.read_text("utf-8").replace("I'm listening", "zebra crossing"),
                    encoding="utf-8")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))

    def refreshed() -> bool:
        return "let-them-vent" in result_ids(window)

    qtbot.waitUntil(refreshed, timeout=15_000)
    settle(qtbot, window)
    row = window.card_view.columns["en"].row(0)
    assert row is not None and "zebra crossing" in row.text.text()


def test_self_test_exits_zero(small_kb: Path, tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "gui", "--self-test", "--kb", str(small_kb)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("self-test ok: ")
    assert int(result.stdout.split(":")[1].split()[0]) >= 1


def test_self_test_fails_clearly_without_a_kb(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "gui", "--self-test", "--kb", str(tmp_path / "none")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    assert "self-test failed" in result.stderr
