"""Shared test setup: every test runs offscreen, offline and away from the real home."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# `make check-windows` runs the Qt-free tests under Windows CPython (in Wine), where PySide6
# is not installed. Only there (the driver sets KALMA_TESTS_WITHOUT_QT=1) a test or module
# that needs Qt is reported as skipped instead of failed; everywhere else a missing Qt is
# still an error.
QT_MODULES = frozenset({"PySide6", "shiboken6", "pytestqt"})
WITHOUT_QT = os.environ.get("KALMA_TESTS_WITHOUT_QT") == "1"

REPO = Path(__file__).resolve().parents[1]
BUNDLED_KB = REPO / "kb"
BAD_KB = Path(__file__).resolve().parent / "data" / "bad_kb"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Per-test cache/data dirs, no system config and no Group Policy, so tests never touch
    the real home or the machine's settings."""
    from desktop.core import registry, settings

    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("KALMA_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("KALMA_DATA_DIR", str(base / "data"))
    monkeypatch.setattr(settings, "system_config_path", lambda: base / "no-system-config.ini")
    monkeypatch.setattr(settings, "default_registry", registry.FakeRegistry)
    monkeypatch.setenv("KALMA_LOG_DIR", str(base / "log"))
    for name in list(os.environ):
        if name.startswith("KALMA_") and name not in (
            "KALMA_CACHE_DIR", "KALMA_DATA_DIR", "KALMA_LOG_DIR"
        ):
            monkeypatch.delenv(name)


@pytest.fixture(autouse=True)
def temp_qsettings(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app's and the CLI's user store (XDG_CONFIG_HOME/Kalma/Kalma.conf) and any
    default-constructed QSettings land in a temp folder. Qt caches the XDG path per
    process, so set the path itself for every test."""
    folder = tmp_path_factory.mktemp("qsettings")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    if WITHOUT_QT:
        return folder
    from PySide6.QtCore import QSettings

    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(folder))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    return folder


@pytest.fixture
def bundled_kb() -> Path:
    return BUNDLED_KB


@pytest.fixture
def empty_kb(tmp_path: Path) -> Path:
    """A KB folder with the bundled taxonomy and glossary and no cards yet."""
    root = tmp_path / "kb"
    root.mkdir()
    for name in ("taxonomy.md", "glossary.md"):
        shutil.copy(BUNDLED_KB / name, root / name)
    return root


@pytest.fixture
def bad_kb(tmp_path: Path) -> Iterator[Path]:
    """The bad-input corpus plus the cases git cannot hold: a 5 MB file, an unreadable
    file and a folder link that loops back."""
    target = tmp_path / "bad_kb"
    shutil.copytree(BAD_KB, target, symlinks=True)
    huge = target / "en" / "huge.md"
    huge.write_text("---\nid: huge\ntitle: Huge\nlang: en\nstage: listen\n---\n\n## Say\n"
                    + "- word word word word word word word word\n" * 120_000, encoding="utf-8")
    unreadable = target / "en" / "unreadable.md"
    unreadable.write_text("---\nid: unreadable\n---\n", encoding="utf-8")
    unreadable.chmod(0)
    (target / "guides" / "loop").symlink_to("..", target_is_directory=True)
    yield target
    unreadable.chmod(0o644)


def _needs_missing_qt(excinfo: pytest.ExceptionInfo[BaseException] | None) -> bool:
    return (excinfo is not None and isinstance(excinfo.value, ModuleNotFoundError)
            and (excinfo.value.name or "").split(".")[0] in QT_MODULES)


if WITHOUT_QT:
    @pytest.fixture
    def qtbot() -> None:
        pytest.skip("needs Qt (pytest-qt), not part of the Qt-free run")

    def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
        for item in items:
            if item.get_closest_marker("qt"):
                item.add_marker(pytest.mark.skip(reason="needs PySide6 (Qt-free run)"))

    @pytest.hookimpl(wrapper=True)
    def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[pytest.CollectReport]:
        report: pytest.CollectReport = yield
        if report.failed and "ModuleNotFoundError: No module named 'PySide6" in str(
                report.longrepr):
            report.outcome = "skipped"
            report.longrepr = (str(collector.path), 0, "Skipped: imports PySide6 (Qt-free run)")
        return report

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(item: pytest.Item,
                                  call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
        report: pytest.TestReport = yield
        if report.failed and _needs_missing_qt(call.excinfo):
            report.outcome = "skipped"
            path, line, _name = item.location
            report.longrepr = (path, (line or 0) + 1, "Skipped: needs PySide6 (Qt-free run)")
        return report
