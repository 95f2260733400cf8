"""QApplication start-up: settings, translators, the main window; and the --self-test path.

The window is shown before anything slow happens (KB location probe, index check run on
a worker), so the agent can start typing within a second of launching.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.core import kb_location, resources
from desktop.core.settings import ResolvedSettings, resolve
from desktop.ui import i18n
from desktop.ui.errors import ErrorNotice
from desktop.ui.icons import app_icon
from desktop.ui.main_window import MainWindow
from desktop.ui.settings_store import APPLICATION, ORGANIZATION, SettingsStore
from desktop.ui.single_instance import SingleInstance

SELF_TEST_QUERY = "hold"
SELF_TEST_TIMEOUT_MS = 20_000
# Python threads hand over the GIL every 5 ms by default; a shorter slice keeps the GUI
# thread from waiting behind a worker's search for most of a frame.
GUI_SWITCH_INTERVAL_S = 0.0005


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QApplication.setApplicationDisplayName(resources.APP_NAME)
    QApplication.setDesktopFileName(resources.APP_ID)
    app.setWindowIcon(app_icon())
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
    return app


def load_settings(store: SettingsStore) -> ResolvedSettings:
    return resolve(user=store.load_user_values())


def build_main_window(kb_dir: Path | None = None, *, store: SettingsStore | None = None,
                      persist: bool = True, watch: bool = True) -> MainWindow:
    """Resolve settings, install the translator, create the window (not shown yet)."""
    store = store or SettingsStore()
    resolved = load_settings(store)
    for problem in resolved.problems:
        print(f"kalma: settings: {problem}", file=sys.stderr)
    kb_location.use_offline_copy_dir(resolved.settings.offline_copy_dir)
    i18n.set_language(resolved.settings.ui_language)
    window = MainWindow(resolved, store, kb_dir, persist=persist, watch=watch)
    if resolved.config_failure:  # IT's locks failed closed: say so where agents look
        window.statusBar().showMessage(QCoreApplication.translate(
            "MainWindow", "IT settings could not be read; some features are locked. "
            "Tell IT (kalma doctor shows why)."))
    return window


RUNNING_MUTEX = "Global\\KalmaRunning"  # installers wait for it (packaging/windows)


def announce_running() -> object:
    """Windows: a named mutex that exists while Kalma runs, so an installer can ask it to
    quit before replacing its DLLs. The handle closes when the process ends."""
    if sys.platform != "win32":
        return None
    import ctypes

    return ctypes.windll.kernel32.CreateMutexW(None, False, RUNNING_MUTEX)


def run_app(kb_dir: Path | None = None, self_test: bool = False) -> int:
    running = announce_running()  # noqa: F841 - held for the life of the process
    app = make_application()
    instance = SingleInstance()
    if not self_test and instance.forward():
        print("kalma: already running; brought it to the front")
        return 0
    window = build_main_window(kb_dir, persist=not self_test, watch=not self_test)
    if not self_test:
        instance.listen()  # a second launch (or a desktop shortcut) raises this window
        instance.raiseRequested.connect(window.bring_to_front)
        window.enable_global_hotkey()
    if window.settings.mini_mode and not self_test:
        window.set_mini_mode(True)
    else:
        window.show()
    notice = ErrorNotice(window)  # an unexpected error is logged and shown, not lost
    notice.install()
    QTimer.singleShot(0, window.start)  # after the first paint
    checker = SelfTest(window, app) if self_test else None  # keep a reference: slots live on it
    code = int(app.exec())
    del checker
    notice.uninstall()
    instance.close()
    window.shutdown()
    return code


class SelfTest:
    """Opens the window, searches "hold" through the real worker path, checks results."""

    def __init__(self, window: MainWindow, app: QApplication) -> None:
        self.window = window
        self.app = app
        self.exit_code = 1
        window.indexReady.connect(self._on_index_ready)
        window.resultsShown.connect(self._on_results_shown)
        window.searchFailed.connect(self._on_search_failed)
        self._searched = False
        self._watchdog = QTimer(window)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._on_timeout)
        self._watchdog.start(SELF_TEST_TIMEOUT_MS)

    def _on_index_ready(self) -> None:
        window = self.window
        location = window.kb_location
        if location is not None and location.source == "bundled":
            # The app still runs (from the bundled KB), but the KB asked for is missing.
            print(f"self-test failed: {location.notice}", file=sys.stderr)
            self._finish(1)
            return
        window.context_bar.clear()
        window.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._searched = True
        window.search_for(SELF_TEST_QUERY)

    def _on_results_shown(self, generation: int) -> None:
        if not self._searched or self.window.search_edit.text() != SELF_TEST_QUERY:
            return
        outcome = self.window.last_search
        if outcome is None or outcome.request.text != SELF_TEST_QUERY:
            return
        count = self.window.results_model.rowCount()
        if count:
            print(f"self-test ok: {count} results")
            self._finish(0)
        else:
            print(f"self-test failed: no results for {SELF_TEST_QUERY!r}", file=sys.stderr)
            self._finish(1)

    def _on_search_failed(self, message: str) -> None:
        if self._searched:
            print(f"self-test failed: search failed: {message}", file=sys.stderr)
            self._finish(1)

    def _on_timeout(self) -> None:
        print(f"self-test failed: no results within {SELF_TEST_TIMEOUT_MS // 1000} s",
              file=sys.stderr)
        self._finish(1)

    def _finish(self, code: int) -> None:
        self._watchdog.stop()
        self.exit_code = code
        self.window.shutdown()
        self.app.exit(code)
