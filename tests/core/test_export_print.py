"""A handbook for new hires (issue 12, item 5): paper layout, guides, lint gate."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.core.export import (
    ExportRefused,
    build_handbook,
    export_handbook,
    print_html,
    printable_snapshot,
)
from desktop.core.kb import load_kb


@pytest.fixture
def kb(tmp_path: Path, bundled_kb: Path) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(bundled_kb, root)
    return root


def test_paper_keeps_en_and_fil_side_by_side_without_a_page_per_stage(kb: Path) -> None:
    html, *_ = build_handbook(load_kb(kb), paper="letter")
    css = html[html.index("<style>"):html.index("</style>")]
    assert "@media screen and (max-width: 50rem)" in css  # the one-column rule is for screens
    printing = css[css.index("@media print"):]
    assert "grid-template-columns: 1fr 1fr" in printing
    assert "break-before: page" not in printing
    assert "size: letter" in printing and "counter(page)" in printing
    assert "size: A4" in build_handbook(load_kb(kb))[0]


def test_guides_are_the_introduction_and_headers_are_bilingual(kb: Path) -> None:
    html, *_ = build_handbook(load_kb(kb))
    intro = html.index('id="introduction"')
    assert "Introduction · Panimula" in html
    assert intro < html.index('id="stage-')
    assert "Handling irate callers" in html[intro:html.index('id="stage-')]
    assert "Channel · Channel:" in html and "Galit na customer" in html


def test_lint_errors_stop_the_export_unless_allowed(kb: Path, tmp_path: Path) -> None:
    broken = kb / "en" / "hold-check-in.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace("stage: hold",
                                                                 "stage: nowhere"),
                      encoding="utf-8")
    out = tmp_path / "book.html"
    with pytest.raises(ExportRefused) as refused:
        export_handbook(kb, out)
    assert any("nowhere" in p.message for p in refused.value.problems)
    assert not out.exists()
    stats = export_handbook(kb, out, allow_errors=True)
    html = out.read_text(encoding="utf-8")
    assert stats.broken_left_out == 1
    assert 'id="stage-__other__"' not in html and "Other" not in html
    assert "Check in when a hold runs long" not in html


def test_todo_lines_never_reach_the_handbook(kb: Path) -> None:
    card = kb / "en" / "hold-check-in.md"
    card.write_text(card.read_text(encoding="utf-8").replace(
        "## Say\n", "## Say\n- TODO: write a better opener\n"), encoding="utf-8")
    snapshot, _ = printable_snapshot(load_kb(kb), allow_errors=True)
    html, cards = print_html(snapshot)
    assert "TODO" not in html and cards == len(list((kb / "en").glob("*.md")))
    assert "<table" in html and 'width="50%"' in html
