"""`kalma import` and `kalma export`: trainer tools on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.cards import parse_card

DOCS = Path(__file__).resolve().parents[1] / "data" / "import"


@pytest.fixture
def kb(empty_kb: Path) -> Path:
    return empty_kb


def test_import_prints_each_new_card(kb: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(DOCS / "hold-and-transfer.txt"),
                 str(DOCS / "galit-na-customer.md"), "--into", str(kb)]) == 0
    out, err = capsys.readouterr()
    created = [Path(line) for line in out.splitlines()]
    assert len(created) == 4 and all(p.is_file() for p in created)
    assert {p.parent.name for p in created} == {"en", "fil"}
    assert all(parse_card(p, p.read_text(encoding="utf-8")).status == "draft" for p in created)
    assert "4 draft card(s) created" in err


def test_import_with_lang(kb: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(DOCS / "pagtatapos-ng-tawag.txt"), "--into", str(kb),
                 "--lang", "en"]) == 0
    out, _ = capsys.readouterr()
    assert all(Path(line).parent.name == "en" for line in out.splitlines())


def test_import_errors(kb: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(tmp_path / "missing.txt"), "--into", str(kb)]) == 2
    assert "file not found" in capsys.readouterr().err
    assert main(["import", str(DOCS / "galit-na-customer.md"),
                 "--into", str(tmp_path / "nowhere")]) == 2
    assert "KB folder not found" in capsys.readouterr().err
    assert main(["import", str(DOCS / "galit-na-customer.md")]) == 2  # --into is required
    odd = tmp_path / "slides.pptx"
    odd.write_bytes(b"PK")
    assert main(["import", str(odd), "--into", str(kb)]) == 1  # skipped: reported, exit 1
    assert "skipped" in capsys.readouterr().err


def test_export_html(bundled_kb: Path, tmp_path: Path,
                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "handbook.html"
    assert main(["export", "--html", str(out), "--kb", str(bundled_kb)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html.lower() and html.rstrip().endswith("</html>")
    assert "cards in" in capsys.readouterr().err


def test_export_errors(bundled_kb: Path, tmp_path: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--html", str(tmp_path / "no" / "h.html"),
                 "--kb", str(bundled_kb)]) == 2
    assert "folder not found" in capsys.readouterr().err
    assert main(["export", "--html", str(tmp_path), "--kb", str(bundled_kb)]) == 2
    assert main(["export", "--html", str(tmp_path / "h.html"),
                 "--kb", str(tmp_path / "nokb")]) == 2
