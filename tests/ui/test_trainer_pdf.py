# ruff: noqa: F811  (pytest injects the fixtures imported from test_trainer by name)
"""The handbook as PDF, written by Qt (issue 12, item 5).

Tests ask for `qapp` first: the CLI would otherwise make a plain QGuiApplication, which
pytest-qt cannot reuse for the widget tests that follow."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.export import print_html
from desktop.core.kb import load_kb
from desktop.ui.trainer import pdf
from desktop.ui.trainer.pdf import write_pdf
from desktop.ui.trainer.window import TrainerWindow
from tests.ui.test_trainer import gap_log, kb, window  # noqa: F401


def test_pdf_has_every_page_numbered(qapp: object, bundled_kb: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    labels: list[str] = []
    monkeypatch.setattr(pdf, "page_label",
                        lambda n, count: labels.append(f"{n}/{count}") or f"{n}/{count}")
    html, cards = print_html(load_kb(bundled_kb))
    out = tmp_path / "book.pdf"
    pages = write_pdf(html, out, "letter")
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) == pages
    assert labels == [f"{n}/{pages}" for n in range(1, pages + 1)]
    assert pdf.HEADER == "Kalma handbook · Gabay ng Kalma"
    # Several cards per page: far fewer pages than cards (the old print used one each).
    assert pages < cards / 2
    assert out.stat().st_mode & 0o044  # readable by the team, not private


def test_cli_writes_pdf_without_a_browser(qapp: object, bundled_kb: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "book.pdf"
    assert main(["export", "--kb", str(bundled_kb), "--pdf", str(out), "--paper", "a4"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert "A4 pages" in capsys.readouterr().err


def test_cli_refuses_lint_errors(qapp: object, kb: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    broken = kb / "en" / "hold-check-in.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace("stage: hold", "stage: x"),
                      encoding="utf-8")
    out = tmp_path / "book.pdf"
    assert main(["export", "--kb", str(kb), "--pdf", str(out)]) == 2
    assert "lint error" in capsys.readouterr().err and not out.exists()
    assert main(["export", "--kb", str(kb), "--pdf", str(out), "--allow-errors"]) == 0
    assert "left out" in capsys.readouterr().err


def test_trainer_exports_pdf_and_warns_about_lint_errors(window: TrainerWindow, kb: Path,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "book.pdf"
    assert window.export_to(out)
    assert out.read_bytes().startswith(b"%PDF")
    broken = kb / "en" / "hold-check-in.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace("stage: hold", "stage: x"),
                      encoding="utf-8")
    asked: list[str] = []
    window.ask_yes = lambda title, text: bool(asked.append(text))  # type: ignore[method-assign]
    assert not window.export_to(tmp_path / "again.pdf")
    assert asked and "lint error" in asked[0] and not (tmp_path / "again.pdf").exists()
