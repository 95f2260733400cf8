"""Runs Kalma's Qt-free tests under Windows CPython (started by tools/check_windows.sh in
Wine; works the same on a real Windows Python that has the test packages but no PySide6).

    python tools/windows_tests.py [pytest args...]    default: tests/core tests/cli

Prints one summary line at the end: `check-windows: N passed, N failed, ... (Windows
CPython X.Y.Z)` and exits with pytest's status.
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TESTS = ["tests/core", "tests/cli"]


class QtFreeRun:
    """pytest plugin: pyproject's pytest-qt setting is known even without pytest-qt, and
    the outcome counts are kept for the summary line."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def pytest_addoption(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.addini("qt_api", "pytest-qt's Qt binding (unused without Qt)")

    def pytest_terminal_summary(self, terminalreporter) -> None:  # type: ignore[no-untyped-def]
        for key in ("passed", "failed", "error", "skipped", "xfailed", "xpassed"):
            self.counts[key] = len(terminalreporter.stats.get(key, []))


def main(argv: list[str]) -> int:
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))  # `desktop` from this checkout (no install in Windows)
    os.environ["KALMA_TESTS_WITHOUT_QT"] = "1"  # tests/conftest.py: Qt-needing = skipped
    os.environ.setdefault("PYTHONUTF8", "0")  # keep Windows' real default (cp1252)
    import pytest

    plugin = QtFreeRun()
    args = ["-q", "-p", "no:cacheprovider", *(argv or DEFAULT_TESTS)]
    status = int(pytest.main(args, plugins=[plugin]))
    summary = ", ".join(f"{n} {key}" for key, n in plugin.counts.items() if n)
    print(f"check-windows: {summary or 'nothing ran'} "
          f"(Windows CPython {platform.python_version()}, {platform.platform()})", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
