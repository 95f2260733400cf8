"""The printable handbook: valid, self-contained HTML without scripts."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from desktop.core.export import export_handbook
from desktop.core.taxonomy import load_taxonomy

VOID = {"meta", "br", "hr", "img", "link", "input", "wbr", "col", "area", "base", "source"}
# Elements the HTML parser lets close implicitly; everything else must be closed explicitly.
OPTIONAL_END = {"p", "li"}


class Checker(HTMLParser):
    """Collects tags and checks nesting the way a strict reader would."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend((tag, k, v or "") for k, v in attrs)
        self.ids.extend(v or "" for k, v in attrs if k == "id")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack[-1] != tag and self.stack[-1] in OPTIONAL_END:
            self.stack.pop()
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture
def kb(tmp_path: Path, bundled_kb: Path) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(bundled_kb, root)
    return root


def parse(path: Path) -> Checker:
    checker = Checker()
    checker.feed(path.read_text(encoding="utf-8"))
    checker.close()
    return checker


def test_handbook_is_valid_self_contained_html_without_script(kb: Path, tmp_path: Path) -> None:
    hostile = kb / "en" / "hold-check-in.md"
    hostile.write_text(hostile.read_text(encoding="utf-8")
                       + '\n<script>alert(1)</script>\n<img src="http://x/y.png" onerror="z()">'
                         '\n[bad](javascript:alert(2)) [file](file:///etc/passwd)\n',
                       encoding="utf-8")
    out = tmp_path / "handbook.html"
    stats = export_handbook(kb, out)
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    checker = parse(out)
    assert checker.errors == [] and checker.stack == []
    assert "script" not in checker.tags and "<script" not in html.lower()
    assert not [a for a in checker.attrs if a[1].startswith("on")]
    assert not [a for a in checker.attrs if a[1] == "src"]  # no images or external files
    assert not [a for a in checker.attrs if a[0] == "link"]
    hrefs = [v for tag, k, v in checker.attrs if k == "href"]
    assert all(h.startswith(("#", "http:", "https:", "mailto:")) for h in hrefs)
    assert len(checker.ids) == len(set(checker.ids))
    assert "@media print" in html and "break-inside: avoid" in html
    assert stats.cards == len(list((kb / "en").glob("*.md")))


def test_grouped_by_stage_with_both_languages_side_by_side(kb: Path, tmp_path: Path) -> None:
    out = tmp_path / "handbook.html"
    export_handbook(kb, out)
    html = out.read_text(encoding="utf-8")
    stages = [s.id for s in load_taxonomy(kb).stages]
    positions = [html.index(f'id="stage-{stage}"') for stage in stages
                 if f'id="stage-{stage}"' in html]
    assert positions == sorted(positions) and len(positions) >= 10
    article = html[html.index('id="card-hold-check-in"'):]
    article = article[:article.index("</article>")]
    assert 'class="side en"' in article and 'class="side fil"' in article
    assert "Check in when a hold runs long" in article
    assert "Balikan ang customer kapag tumatagal ang hold" in article


def test_drafts_are_left_out_unless_asked(kb: Path, tmp_path: Path) -> None:
    card = kb / "en" / "hold-check-in.md"
    card.write_text(card.read_text(encoding="utf-8").replace(
        "owner: Training team", "owner: Training team\nstatus: draft"), encoding="utf-8")
    out = tmp_path / "handbook.html"
    stats = export_handbook(kb, out)
    assert stats.drafts_left_out == 1
    assert "Check in when a hold runs long" not in out.read_text(encoding="utf-8")
    assert "Balikan ang customer" in out.read_text(encoding="utf-8")  # FIL is not a draft
    export_handbook(kb, out, include_drafts=True)
    assert "Check in when a hold runs long" in out.read_text(encoding="utf-8")
