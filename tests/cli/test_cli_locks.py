"""Locks the command line cannot get around, and commands that never load Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import cli_it
from desktop.cli import main
from desktop.core import settings

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "tests" / "data" / "import"


@pytest.fixture
def locked_ini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    ini = tmp_path / "kalma.ini"
    ini.write_text("[locked]\ntrainer_enabled = false\n", encoding="utf-8")
    monkeypatch.setattr(settings, "system_config_path", lambda: ini)
    return ini


def test_import_obeys_a_locked_trainer(locked_ini: Path, empty_kb: Path,
                                       monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KALMA_TRAINER_ENABLED", "true")  # the environment cannot beat a lock
    code = main(["import", str(DOCS / "hold-and-transfer.txt"), "--into", str(empty_kb)])
    assert code == 2
    assert "import is turned off on this computer" in capsys.readouterr().err
    assert not (empty_kb / "en").exists()


def test_import_runs_when_the_trainer_is_allowed(empty_kb: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(DOCS / "hold-and-transfer.txt"), "--into", str(empty_kb)]) == 0


def test_doctor_shows_the_lock_winning_over_the_environment(
        locked_ini: Path, bundled_kb: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KALMA_TRAINER_ENABLED", "true")
    main(["doctor", "--no-qt", "--json", "--kb", str(bundled_kb)])
    report = json.loads(capsys.readouterr().out)
    assert report["settings"]["trainer_enabled"] == {
        "value": False, "source": "system [locked]", "locked": True}


def test_doctor_flags_a_system_config_it_cannot_read(
        tmp_path: Path, bundled_kb: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "kalma.ini"
    folder.mkdir()  # unreadable as a file, for root too
    monkeypatch.setattr(settings, "system_config_path", lambda: folder)
    code = main(["doctor", "--no-qt", "--kb", str(bundled_kb)])
    out = capsys.readouterr().out
    assert code == 1
    assert f"system file    {folder} (UNREADABLE)" in out
    assert "FAILED CLOSED" in out and "IT settings could not be read" in out
    row = next(line for line in out.splitlines() if line.strip().startswith("trainer_enabled"))
    assert row.split()[1] == "false" and row.endswith("LOCKED")


def test_kalma_config_is_listed_as_an_extra_layer(
        locked_ini: Path, tmp_path: Path, bundled_kb: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    mine = tmp_path / "mine.ini"
    mine.write_text("[locked]\ntrainer_enabled = true\n", encoding="utf-8")
    monkeypatch.setenv("KALMA_CONFIG", str(mine))
    main(["doctor", "--no-qt", "--kb", str(bundled_kb)])
    out = capsys.readouterr().out
    assert f"system file    {locked_ini} (read)" in out
    assert f"extra file     {mine} (read)" in out
    row = next(line for line in out.splitlines() if line.strip().startswith("trainer_enabled"))
    assert row.split()[1:4] == ["false", "system", "[locked]"]


def test_headless_doctor_reports_qt_as_not_checked(
        bundled_kb: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(cli_it, "probe_qt_in_subprocess",
                        lambda timeout=0: pytest.fail("Qt probed without a display"))
    code = main(["doctor", "--kb", str(bundled_kb)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "not checked (no display" in out and "libxcb" not in out


def test_doctor_shows_the_last_errors_from_the_log(tmp_path: Path, bundled_kb: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "kalma.log"
    lines = [f"2026-11-28 10:00:{n:02d} INFO desktop.ui started" for n in range(3)]
    lines += [f"2026-11-28 10:01:{n:02d} ERROR desktop.ui.tasks worker {n} failed"
              for n in range(7)]
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(cli_it, "log_file", lambda: log)
    main(["doctor", "--no-qt", "--json", "--kb", str(bundled_kb)])
    report = json.loads(capsys.readouterr().out)
    assert report["log"]["exists"] is True
    assert [e.split()[-2] for e in report["log"]["last_errors"]] == ["2", "3", "4", "5", "6"]
    assert cli_it.log_section(tmp_path / "absent.log")["exists"] is False


def test_doctor_keeps_its_overall_time_limit(bundled_kb: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    import threading

    release = threading.Event()
    monkeypatch.setattr(cli_it, "DOCTOR_TIMEOUT_S", 0.2)
    monkeypatch.setattr(cli_it, "lint_summary",
                        lambda kb: {"available": False, "reason": str(release.wait(30))})
    try:
        code = main(["doctor", "--no-qt", "--json", "--kb", str(bundled_kb)])
    finally:
        release.set()
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert report["lint"] == {"available": False, "reason": "took too long"}
    assert any("lint did not finish" in p for p in report["problems"])


@pytest.mark.parametrize("argv", [["--version"], ["doctor", "--no-qt"],
                                  ["search", "--json", "hold"], ["lint"]])
def test_commands_that_do_not_draw_never_load_qt(argv: list[str], tmp_path: Path) -> None:
    code = ("import sys\nfrom desktop.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "sys.stdout.flush()\n"
            "print('QT-LOADED' if 'PySide6' in sys.modules else 'QT-FREE', file=sys.stderr)\n")
    env = {**os.environ, "PYTHONPATH": str(REPO), "KALMA_CACHE_DIR": str(tmp_path / "c"),
           "KALMA_DATA_DIR": str(tmp_path / "d"), "XDG_CONFIG_HOME": str(tmp_path / "x")}
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True,
                          timeout=300, env=env, cwd=tmp_path, check=False)
    assert done.stderr.strip().splitlines()[-1] == "QT-FREE", done.stderr
