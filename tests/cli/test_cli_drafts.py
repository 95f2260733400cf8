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


def test_import_into_a_language_folder_and_again(capsys: pytest.CaptureFixture[str],
                                                 empty_kb: Path, tmp_path: Path) -> None:
    (empty_kb / "en").mkdir()
    doc = tmp_path / "hold.md"
    doc.write_text("# 1. Hold\n\nSay: \"Thank you for waiting on the line.\"\n",
                   encoding="utf-8")
    assert main(["import", str(doc), "--into", str(empty_kb / "en")]) == 0
    assert capsys.readouterr().out.strip() == str(empty_kb / "en" / "hold.md")
    assert main(["import", str(doc), "--into", str(empty_kb)]) == 0
    out, err = capsys.readouterr()
    assert "(updated from the document)" in out and "1 updated" in err
    assert sorted(p.name for p in (empty_kb / "en").iterdir()) == ["hold.md"]
    assert not (empty_kb / "en" / "en").exists()


def test_show_hides_drafts_unless_asked(capsys: pytest.CaptureFixture[str],
                                        empty_kb: Path) -> None:
    path = write_card(empty_kb, "imported", "en", "listen", say=["Hello there, friend"])
    path.write_text(path.read_text(encoding="utf-8").replace("stage: listen",
                                                             "stage: listen\nstatus: draft"),
                    encoding="utf-8")
    assert main(["show", "--kb", str(empty_kb), "imported"]) == 2
    capsys.readouterr()
    assert main(["show", "--kb", str(empty_kb), "--drafts", "imported"]) == 0
    assert "Hello there, friend" in capsys.readouterr().out
