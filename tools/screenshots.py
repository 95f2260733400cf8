"""Save screenshots of the agent window to docs/screenshots/.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/screenshots.py
    .venv/bin/python tools/screenshots.py          # no $DISPLAY: renders offscreen

The window is shot at the sizes agents have: a maximized 1366×768 laptop (main-en.png),
half of that screen (main-half.png, the compact layout) and 1920×1080 (main-1920.png).
Uses the bundled KB, a throw-away index, settings and call details (never the real
user's), and a fake clock for the hold timer so the picture shows a running hold.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
# Window sizes: the screen minus the task bar and title bar the window manager draws.
LAPTOP = (1366, 768 - 70)
HALF = (683, 768 - 70)
WIDE = (1920, 1080 - 70)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    temp = Path(tempfile.mkdtemp(prefix="kalma-shots-"))
    os.environ["KALMA_CACHE_DIR"] = str(temp / "cache")
    os.environ["KALMA_DATA_DIR"] = str(temp / "data")
    os.environ["KALMA_CONFIG"] = str(temp / "no-system-config.ini")
    sys.path.insert(0, str(ROOT))
    args.out.mkdir(parents=True, exist_ok=True)
    return Shooter(temp, args.out).run()


class Shooter:
    def __init__(self, temp: Path, out: Path) -> None:
        from PySide6.QtCore import QSettings

        from desktop.core import resources
        from desktop.core.settings import resolve
        from desktop.ui import i18n
        from desktop.ui.app import make_application
        from desktop.ui.main_window import MainWindow
        from desktop.ui.settings_store import SettingsStore

        self.out = out
        self.app = make_application()
        self.clock = FakeClock()
        store = SettingsStore(QSettings(str(temp / "settings.ini"), QSettings.Format.IniFormat))
        i18n.set_language("en")
        self.window = MainWindow(resolve(user={}), store, resources.bundled_kb_dir(),
                                 persist=False, watch=False, clock=self.clock)
        self.window.resize(*LAPTOP)

    def run(self) -> int:
        window = self.window
        window.show()
        window.start()
        if not self.wait(lambda: window.last_search is not None, 60_000):
            print("screenshots: the KB did not load", file=sys.stderr)
            return 1
        self.fill_call()
        self.main_window("en", "main-en.png")
        self.main_window("fil", "main-fil.png")
        self.sized(HALF, "main-half.png")
        self.sized(WIDE, "main-1920.png")
        self.hold_timer("hold-timer.png")
        self.customer_said("customer-said.png")
        self.mini_mode("mini.png")
        self.restate_notes("restate-notes.png")
        self.theme("dark", "main-dark.png")
        self.theme("contrast", "main-contrast.png")
        window.shutdown()
        return 0

    def sized(self, size: tuple[int, int], name: str) -> None:
        window = self.window
        window.set_ui_language("en")
        window.resize(*size)
        self.wait(lambda: window.size().width() == size[0], 3000)
        self.search("sorry long wait")
        self.save(window, name)
        window.resize(*LAPTOP)
        self.wait(lambda: window.size().width() == LAPTOP[0], 3000)

    def customer_said(self, name: str) -> None:
        from PySide6.QtGui import QGuiApplication

        window = self.window
        window.context_bar.clear()
        QGuiApplication.clipboard().setText(
            "Ipapa-Tulfo ko kayo! Pang-apat na tawag ko na to, dalawang beses akong "
            "na-charge at wala pa ring refund!!!")
        window.paste_customer_message()
        self.wait(lambda: bool(window.customer_said.situations()), 20_000)
        chips = window.customer_said.chips()
        if chips:
            chips[0].click()
        self.settle()
        self.save(window, name)
        window.customer_said.close_button.click()
        window.context_bar.clear()

    # --- scenes ----------------------------------------------------------------------------

    def fill_call(self) -> None:
        tools = self.window.call_tools
        tools.customer_edit.setText("Maria")
        tools.issue_edit.setText("a double charge on the June bill")
        tools.agent_edit.setText("Jun")
        for edit in (tools.customer_edit, tools.issue_edit, tools.agent_edit):
            edit.editingFinished.emit()  # as when the agent tabs on: the start shows

    def main_window(self, lang: str, name: str) -> None:
        from desktop.ui.context_bar import ContextState

        window = self.window
        window.set_ui_language(lang)
        window.context_bar.set_state(ContextState(tags=("irate",)))
        self.search("sorry long wait")
        window.context_bar.mark_copied("listen")
        self.save(window, name)

    def hold_timer(self, name: str) -> None:
        """A running hold whose reminder is due: the alert shows above the card."""
        from desktop.ui.context_bar import ContextState

        window = self.window
        window.set_ui_language("en")
        window.context_bar.set_state(ContextState(stage="hold"))
        self.search("")
        tools = window.call_tools
        tools.minutes_spin.setValue(1)
        tools.hold_button.click()
        self.clock.now += 65
        self.wait(lambda: "hold" in window.alert_banner.kinds(), 3000)
        self.save(window, name)
        tools.hold_button.click()
        window.alert_banner.clear("hold")

    def mini_mode(self, name: str) -> None:
        window = self.window
        window.context_bar.clear()
        window.set_mini_mode(True)
        mini = window.mini_window
        assert mini is not None
        mini.search_edit.setText("nagmumura")
        mini.queryEdited.emit("nagmumura")
        self.settle()
        self.wait(lambda: False, 300)
        self.save(mini, name)
        window.set_mini_mode(False)

    def restate_notes(self, name: str) -> None:
        from desktop.ui.context_bar import ContextState

        window = self.window
        window.call_tools.notes_edit.setPlainText(
            "Charged twice for June (P1,299 each)\nAuto-pay was on\nWants the extra charge back "
            "before Friday")
        window.context_bar.set_state(ContextState(stage="restate"))
        self.search("summarize")
        self.wait(lambda: bool(window.card_view.notes_summary()), 3000)
        self.save(window, name)

    def theme(self, theme: str, name: str) -> None:
        """The same window in an in-app theme (View › Theme)."""
        from desktop.ui.context_bar import ContextState

        self.window.set_theme(theme)
        self.window.context_bar.set_state(ContextState(tags=("abusive",)))
        self.search("customer swearing")
        self.save(self.window, name)
        self.window.set_theme("system")

    # --- helpers ---------------------------------------------------------------------------

    def search(self, text: str) -> None:
        self.window.search_for(text)
        self.settle()

    def settle(self) -> None:
        window = self.window
        self.wait(lambda: not window.search_busy(), 10_000)
        self.wait(lambda: False, 250)  # let layouts and paints finish

    def save(self, widget: object, name: str) -> None:
        from PySide6.QtWidgets import QWidget

        assert isinstance(widget, QWidget)
        widget.raise_()
        self.wait(lambda: False, 200)
        path = self.out / name
        widget.grab().save(str(path))
        print(f"saved {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")

    def wait(self, condition: Callable[[], bool], timeout_ms: int) -> bool:
        from PySide6.QtCore import QEventLoop

        deadline = time.monotonic() + timeout_ms / 1000
        while not condition() and time.monotonic() < deadline:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.01)
        return condition()


if __name__ == "__main__":
    sys.exit(main())
