"""`kalma search` answers as the agent window does unless asked for drafts."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from tests.kbfiles import write_card


def test_search_hides_drafts_unless_asked(capsys: pytest.CaptureFixture[str],
                                          empty_kb: Path) -> None:
    path = write_card(empty_kb, "imported", "fil", "listen", say=["Wala po akong magagawa"])
    path.write_text(path.read_text(encoding="utf-8").replace("stage: listen",
                                                             "stage: listen\nstatus: draft"),
                    encoding="utf-8")
    assert main(["search", "--kb", str(empty_kb), "magagawa"]) == 0
    assert "imported" not in capsys.readouterr().out
    assert main(["search", "--kb", str(empty_kb), "--drafts", "magagawa"]) == 0
    assert "imported" in capsys.readouterr().out
