"""Screenshot of trainer mode on a 1366×768 screen: docs/screenshots/trainer.png.

Run under a 1366×768 X server (e.g. `Xvfb :98 -screen 0 1366x768x24 &` then
`DISPLAY=:98 QT_QPA_PLATFORM=xcb python tools/trainer_screenshot.py`). Works on a copy of
the bundled KB with one card turned into a draft and a misspelt Filipino word, so the
shot shows the draft notice, the agent-view preview and the spell check.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.editing import set_meta_field  # noqa: E402
from desktop.core.gaplog import GapLog  # noqa: E402
from desktop.ui.trainer.window import TrainerWindow  # noqa: E402

CARD = "hold-check-in.md"


def wait(app: QApplication, ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> int:
    app = QApplication(sys.argv)
    out = ROOT / "docs" / "screenshots" / "trainer.png"
    with tempfile.TemporaryDirectory() as temp:
        kb = Path(temp) / "kb"
        shutil.copytree(ROOT / "kb", kb)
        fil = kb / "fil" / CARD
        text = set_meta_field(fil.read_text(encoding="utf-8"), "status", "draft")
        fil.write_text(text.replace("## Sabihin\n", "## Sabihin\n- Salamt po sa pasensya.\n"),
                       encoding="utf-8")
        log = GapLog(Path(temp) / "gaps.jsonl", enabled=True,
                     known=frozenset({"refund", "late", "fee"}))
        for query in ("late fee refund", "late fee refund", "refund maria santos"):
            log.record_search(query, 0)
        window = TrainerWindow(kb, gap_log=log)
        window.show()
        wait(app, 1500)
        line = fil.read_text(encoding="utf-8").split("\n").index("- Salamt po sa pasensya.")
        window.open_card(CARD, "fil", line + 1)
        window.docks[0].raise_()
        wait(app, 1500)
        print(f"window {window.width()}x{window.height()}", file=sys.stderr)
        screen = app.primaryScreen()
        assert screen is not None
        screen.grabWindow(0).save(str(out))
        window.close()
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
