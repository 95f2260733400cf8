"""`kalma doctor`: what the help desk reads, as text and as JSON."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from desktop import __version__, cli_it
from desktop.cli import main
from desktop.core import settings
from desktop.core.kb_location import mirror_dir_for, sync_mirror
from desktop.core.settings import resolve

REAL_APP_SETTINGS = cli_it.app_settings


@pytest.fixture(autouse=True)
def _no_real_user_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Doctor tests use a fake user layer (conftest already hides the machine's system
    config and Group Policy)."""
    monkeypatch.setattr(cli_it, "app_settings", lambda: (resolve({}), "test user store"))


@pytest.fixture
def system_ini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    ini = tmp_path / "kalma.ini"
    ini.write_text("[defaults]\nhold_interval_s = 90\n[locked]\nui_language = fil\n"
                   "gap_log_enabled = maybe\n", encoding="utf-8")
    monkeypatch.setattr(settings, "system_config_path", lambda: ini)
    return ini


def doctor(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["doctor", "--no-qt", *argv])
    return code, capsys.readouterr().out


def doctor_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code, out = doctor(capsys, "--json", *argv)
    return code, json.loads(out)


def test_text_report_names_everything_the_help_desk_asks(
        capsys: pytest.CaptureFixture[str], system_ini: Path, bundled_kb: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KALMA_ABUSE_WARNING_LIMIT", "2")
    code, out = doctor(capsys, "--kb", str(bundled_kb))
    assert code == 1  # the bad gap_log_enabled value is a problem
    for expected in (f"version        {__version__}", f"system file    {system_ini} (read)",
                     "user settings  test user store",
                     "Settings in force", "Knowledge base", f"folder         {bundled_kb} (--kb)",
                     "reachable      yes", "Search index", "not built yet", "Lint",
                     "0 error(s)", "not checked (--no-qt)", "KB mirrors", "1 problem(s):",
                     "gap_log_enabled must be true or false"):
        assert expected in out, expected
    rows = {line.split()[0]: line for line in out.splitlines()[1:] if line.startswith("  ")}
    assert rows["ui_language"].split()[1:] == ["fil", "system", "[locked]", "LOCKED"]
    assert rows["hold_interval_s"].split()[1:] == ["90", "system", "[defaults]"]
    assert rows["abuse_warning_limit"].split()[1:] == ["2", "environment", "LOCKED"]
    assert rows["gap_log_enabled"].split()[-1] == "LOCKED"  # a bad lock still locks


def test_json_report(capsys: pytest.CaptureFixture[str], bundled_kb: Path) -> None:
    code, report = doctor_json(capsys, "--kb", str(bundled_kb))
    assert code == 0 and report["problems"] == []
    assert set(report) == {"kalma", "config", "settings", "kb", "index", "lint", "qt", "log",
                           "folders", "problems"}
    assert report["kalma"]["version"] == __version__ and report["kalma"]["bundle"] is False
    assert report["kalma"]["python"] == ".".join(map(str, sys.version_info[:3]))
    assert report["kb"]["reachable"] and report["kb"]["files"] > 100
    assert report["kb"]["writable"] is True
    assert report["lint"]["available"] and report["lint"]["errors"] == 0
    assert report["settings"]["kb_dir"] == {"value": "", "source": "default", "locked": False}


def test_missing_kb_with_offline_copy(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    share = tmp_path / "share"
    (share / "en").mkdir(parents=True)
    (share / "en" / "a.md").write_text("a", encoding="utf-8")
    sync_mirror(share, mirror_dir_for(share))
    (share / "en" / "a.md").unlink()
    (share / "en").rmdir()
    monkeypatch.setenv("KALMA_KB_DIR", str(share))
    code, out = doctor(capsys)
    assert code == 1
    assert "reachable      NO: empty (share not mounted?)" in out
    assert f"offline copy   {mirror_dir_for(share)} (synced 2" in out
    assert "Kalma starts from its offline copy" in out
    assert "kb_dir from environment" in out


def test_missing_kb_without_copy(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, report = doctor_json(capsys, "--kb", str(tmp_path / "nowhere"))
    assert code == 1
    assert report["kb"]["error"] == "not found" and report["kb"]["in_use"] == ""
    assert report["lint"] == {"available": False, "reason": "no KB to check"}


def test_hung_kb_does_not_hang_doctor(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_it, "KB_TIMEOUT_S", 0.1)
    monkeypatch.setattr(cli_it, "_check_folder_now", lambda folder: time.sleep(2))
    _, report = doctor_json(capsys, "--kb", str(tmp_path))
    assert report["kb"]["error"] == "did not answer within 0.1 s"


def test_lint_errors_and_a_failing_lint(capsys: pytest.CaptureFixture[str], bad_kb: Path,
                                        bundled_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, report = doctor_json(capsys, "--kb", str(bad_kb))
    assert code == 1 and report["lint"]["errors"] > 0 and report["lint"]["first_errors"]
    assert any("lint error(s)" in p for p in report["problems"])

    def broken(kb_dir: Path) -> None:
        raise TypeError("a bug in a lint rule")

    monkeypatch.setattr(cli_it, "lint_kb", broken)  # doctor still finishes and says why
    code, report = doctor_json(capsys, "--kb", str(bundled_kb))
    assert code == 0 and report["lint"] == {
        "available": False, "reason": "lint failed: TypeError: a bug in a lint rule"}


def test_index_freshness(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    (kb / "en").mkdir(parents=True)
    card = kb / "en" / "a.md"
    card.write_text("a", encoding="utf-8")
    index = cli_it.resources.index_dir_for(kb)
    index.mkdir(parents=True)
    (index / "seg").write_text("x", encoding="utf-8")
    assert cli_it.index_section(kb)["state"] == "up to date"
    stamp = (index / "seg").stat().st_mtime
    os.utime(card, (stamp + 60, stamp + 60))
    assert cli_it.index_section(kb)["state"].startswith("older than the KB")


def test_missing_kalma_config_file_is_a_problem(capsys: pytest.CaptureFixture[str],
                                                bundled_kb: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KALMA_CONFIG", str(tmp_path / "typo.ini"))
    code, report = doctor_json(capsys, "--kb", str(bundled_kb))
    assert code == 1 and report["config"]["read"] == []
    assert report["problems"] == [f"KALMA_CONFIG names {tmp_path / 'typo.ini'}, which is not "
                                  "a file"]


def test_doctor_reads_the_apps_own_user_settings(capsys: pytest.CaptureFixture[str],
                                                 bundled_kb: Path, temp_qsettings: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The same QSettings store as the app (conftest points QSettings at a temp dir)."""
    monkeypatch.setattr(cli_it, "app_settings", REAL_APP_SETTINGS)
    from desktop.ui.settings_store import SettingsStore

    SettingsStore().save_values({"hold_interval_s": 90}, frozenset())
    code, report = doctor_json(capsys, "--kb", str(bundled_kb))
    assert code == 0, report["problems"]
    assert report["config"]["user_settings"].startswith(str(temp_qsettings))
    assert report["settings"]["hold_interval_s"]["value"] == 90


@pytest.mark.qt
def test_qt_platform_is_reported(capsys: pytest.CaptureFixture[str], bundled_kb: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    code = main(["doctor", "--json", "--kb", str(bundled_kb)])
    report = json.loads(capsys.readouterr().out)
    assert code == 0, report["problems"]
    assert report["qt"]["platform"] == "offscreen" and report["qt"]["qt"].startswith("6.")


def test_qt_failure_is_reported_not_fatal(capsys: pytest.CaptureFixture[str], bundled_kb: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "no-such-platform")
    code = main(["doctor", "--kb", str(bundled_kb)])
    out = capsys.readouterr().out
    assert code == 1
    assert "CANNOT START:" in out and "Qt cannot start" in out
