"""The printable handbook: the whole KB as one self-contained HTML file.

Cards are grouped by stage in call order, English and Filipino side by side (on paper
too), several cards to a page; the KB's guides come first as the introduction. The file
has inline CSS only (no scripts, no external files, no images), so it opens offline in
any browser and prints on A4 or Letter with page numbers. `print_html` is the same
content for Qt's rich-text engine, which writes the PDF (desktop/ui/trainer/pdf.py).
Card bodies go through desktop.core.render, the same sanitizer the app uses.
Drafts are left out unless asked for: a classroom should not learn unreviewed phrases.
Export refuses a KB with lint errors unless told otherwise, and a card with errors is
never printed (not even under "Other").
"""

from __future__ import annotations

import dataclasses
import errno
import html
import os
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop import __version__
from desktop.core import atomicfile
from desktop.core.cards import Card
from desktop.core.kb import CARD_DIRS, KbSnapshot, load_kb
from desktop.core.lint import Problem, lint_snapshot
from desktop.core.render import card_to_html, render_markdown
from desktop.core.visibility import agent_card

OTHER_STAGE = "__other__"

CSS = """
:root { --ink: #1d232a; --muted: #5b6570; --rule: #d5dae0; --accent: #1f6f78; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 "Segoe UI", "Noto Sans", Arial, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 72rem; padding: 1.5rem; }
h1 { font-size: 2rem; margin: 0 0 .25rem; color: var(--accent); }
.cover p { color: var(--muted); margin: .2rem 0; }
nav.toc ol { columns: 2; padding-left: 1.4rem; }
nav.toc a { color: var(--ink); text-decoration: none; }
section.stage > h2 { border-bottom: 2px solid var(--accent); padding-bottom: .2rem;
                     margin-top: 2.5rem; color: var(--accent); }
section.stage > h2 .fil { color: var(--muted); font-weight: normal; }
article.pair { border: 1px solid var(--rule); border-radius: 6px; margin: 1rem 0;
               padding: .6rem .9rem; }
article.pair .meta { color: var(--muted); font-size: .85em; margin-bottom: .3rem; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2rem; }
.side h2 { font-size: 1.1rem; margin: .2rem 0 .4rem; }
.side h3 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em;
           color: var(--muted); margin: .8rem 0 .2rem; }
.side ol.say li { margin: .2rem 0; }
.side ul.avoid li { color: #8a2b2b; }
.side .missing { color: var(--muted); font-style: italic; }
.placeholder { background: #eef3f6; border-radius: 3px; padding: 0 .15em; }
footer { color: var(--muted); font-size: .8em; margin-top: 3rem; }
section.intro h3 { color: var(--accent); margin-bottom: .2rem; }
section.intro .guide { break-inside: avoid-page; }
/* Narrow screens only: paper keeps EN | FIL side by side. */
@media screen and (max-width: 50rem) { .sides { grid-template-columns: 1fr; } }
@media print {
  @page { size: PAPER; margin: 12mm 12mm 14mm;
          @bottom-center { content: "Page " counter(page) " · Pahina " counter(page);
                           font-size: 8pt; color: #5b6570; } }
  body { max-width: none; padding: 0; font-size: 9pt; line-height: 1.3; }
  h1 { font-size: 1.5rem; }
  nav.toc { break-after: page; }
  section.stage > h2 { margin-top: 1rem; break-after: avoid; }
  article.pair { break-inside: avoid; margin: .4rem 0; padding: .3rem .5rem; }
  .sides { grid-template-columns: 1fr 1fr; gap: .8rem; }
  .side h2 { font-size: 10pt; }
  .side h3 { margin: .3rem 0 .1rem; }
  a { color: inherit; text-decoration: none; }
}
"""
PAPERS = {"a4": "A4", "letter": "letter"}
# Qt's rich-text engine knows a subset of CSS: sizes, colours and block margins.
PRINT_CSS = """
body { font-size: 8.5pt; }
h1 { font-size: 13pt; margin-top: 8px; margin-bottom: 4px; }
h2 { font-size: 10pt; margin-top: 2px; margin-bottom: 2px; }
h3 { font-size: 7.5pt; color: #5b6570; margin-top: 4px; margin-bottom: 1px; }
h4 { font-size: 9pt; margin-top: 6px; margin-bottom: 2px; }
ol, ul { margin-top: 0px; margin-bottom: 0px; }
p { margin-top: 2px; margin-bottom: 2px; }
li.avoid { color: #8a2b2b; }
.placeholder { background-color: #eef3f6; }
"""


@dataclass(frozen=True)
class Pair:
    name: str
    en: Card | None
    fil: Card | None

    @property
    def first(self) -> Card:
        card = self.en or self.fil
        assert card is not None
        return card


@dataclass(frozen=True)
class ExportStats:
    path: Path
    cards: int
    stages: int
    drafts_left_out: int
    broken_left_out: int = 0  # cards with lint errors (only when errors were allowed)


class ExportRefused(Exception):
    """The KB has lint errors; `problems` lists them (fix them, or allow errors)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"the KB has {len(problems)} lint error(s); fix them first "
                         f"(kalma lint) or export anyway with --allow-errors")
        self.problems = problems


def lint_errors(snapshot: KbSnapshot) -> list[Problem]:
    return [p for p in lint_snapshot(snapshot) if p.severity == "error"]


def without_broken(snapshot: KbSnapshot, errors: list[Problem]) -> tuple[KbSnapshot, int]:
    """The snapshot minus every card a lint error points at (they are not printable)."""
    broken = {p.path for p in errors}
    kept = [card for card in snapshot.cards if card.path not in broken]
    left_out = len(snapshot.cards) - len(kept)
    return dataclasses.replace(snapshot, cards=kept), left_out


def card_pairs(snapshot: KbSnapshot, include_drafts: bool = False) -> tuple[list[Pair], int]:
    """English/Filipino twins matched by file name; returns (pairs, drafts left out)."""
    by_name: dict[str, dict[str, Card]] = {}
    left_out = 0
    for card in snapshot.cards:
        if card.path.parent.name not in CARD_DIRS:
            continue
        shown = card if include_drafts else agent_card(card)  # no drafts, no TODO lines
        if shown is None:
            left_out += 1
            continue
        by_name.setdefault(card.path.name, {})[card.lang] = shown
    pairs = [Pair(name, sides.get("en"), sides.get("fil")) for name, sides in by_name.items()]
    return pairs, left_out


def group_by_stage(snapshot: KbSnapshot, pairs: list[Pair]) -> list[tuple[str, list[Pair]]]:
    """Stages in call order (unknown stages last, as 'Other'); cards by English title."""
    known = set(snapshot.taxonomy.stage_ids)
    groups: dict[str, list[Pair]] = {}
    for pair in pairs:
        stage = pair.first.stage if pair.first.stage in known else OTHER_STAGE
        groups.setdefault(stage, []).append(pair)
    order = [*snapshot.taxonomy.stage_ids, OTHER_STAGE]
    return [(stage, sorted(groups[stage], key=lambda p: p.first.title.casefold()))
            for stage in order if stage in groups]


def build_handbook(snapshot: KbSnapshot, include_drafts: bool = False,
                   today: date | None = None, paper: str = "a4"
                   ) -> tuple[str, int, int, int]:
    """(html, cards, stages, drafts left out)."""
    pairs, left_out = card_pairs(snapshot, include_drafts)
    groups = group_by_stage(snapshot, pairs)
    cards = sum(len(group) for _, group in groups)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Kalma handbook</title>",
        f"<style>{CSS.replace('PAPER', PAPERS.get(paper, 'A4'))}</style>",
        "</head>",
        "<body>",
        _cover(snapshot, cards, left_out, today or date.today()),
        _toc(snapshot, groups),
        introduction_html(snapshot),
        *(_stage_section(snapshot, number, stage, group)
          for number, (stage, group) in enumerate(groups, start=1)),
        f"<footer>Kalma {html.escape(__version__)}</footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts), cards, len(groups), left_out


def export_handbook(kb_dir: Path, out: Path, include_drafts: bool = False,
                    paper: str = "a4", allow_errors: bool = False) -> ExportStats:
    """Write the handbook of kb_dir to `out` (atomically). Raises ExportRefused when the KB
    has lint errors, unless `allow_errors` (cards with errors are then left out)."""
    check_export_target(out)
    snapshot, broken = printable_snapshot(load_kb(kb_dir), allow_errors)
    text, cards, stages, left_out = build_handbook(snapshot, include_drafts, paper=paper)
    atomicfile.write(out, text.encode("utf-8"))
    return ExportStats(out, cards, stages, left_out, broken)


def printable_snapshot(snapshot: KbSnapshot, allow_errors: bool) -> tuple[KbSnapshot, int]:
    """The KB to print, and how many broken cards were left out."""
    errors = lint_errors(snapshot)
    if errors and not allow_errors:
        raise ExportRefused(errors)
    return without_broken(snapshot, errors)


def introduction_html(snapshot: KbSnapshot) -> str:
    """The KB's guides (guides/*.md and .txt), English first, as the handbook's start."""
    by_file: dict[Path, list[str]] = {}
    langs: dict[Path, str] = {}
    for passage in snapshot.passages:
        if passage.path.parent.name != "guides":
            continue
        parts = by_file.setdefault(passage.path, [])
        if passage.heading and passage.heading != passage.path.stem.replace("-", " "):
            parts.append(f"<h4>{html.escape(passage.heading)}</h4>")
        parts.append(render_markdown(passage.text))
        langs.setdefault(passage.path, passage.lang)
    if not by_file:
        return ""
    guides = [f'<div class="guide" lang="{langs[path]}">{"".join(by_file[path])}</div>'
              for path in sorted(by_file, key=lambda p: (langs[p] != "en", p.name))]
    return ('<section class="intro" id="introduction"><h2>Introduction · Panimula</h2>'
            + "\n".join(guides) + "</section>")


def print_html(snapshot: KbSnapshot, include_drafts: bool = False,
               today: date | None = None) -> tuple[str, int]:
    """The handbook for Qt's rich-text engine (tables, no CSS grid): (html, cards)."""
    pairs, left_out = card_pairs(snapshot, include_drafts)
    groups = group_by_stage(snapshot, pairs)
    cards = sum(len(group) for _, group in groups)
    body = [_cover(snapshot, cards, left_out, today or date.today()),
            introduction_html(snapshot).replace('<section class="intro"',
                                                '<section style="page-break-after: always"')]
    for number, (stage, group) in enumerate(groups, start=1):
        en, fil = _stage_title(snapshot, stage)
        body.append(f'<h1 style="color: #1f6f78">{number}. {html.escape(en)} · '
                    f'<span style="color: #5b6570">{html.escape(fil)}</span></h1>')
        rows = []
        for pair in group:
            rows.append(
                f'<tr><td colspan="2" style="color: #5b6570; font-size: 8pt; '
                f'border-top: 1px solid #d5dae0">{html.escape(_meta_text(snapshot, pair))}'
                f'</td></tr><tr><td width="50%">{_side_html(pair.en, "en")}</td>'
                f'<td width="50%">{_side_html(pair.fil, "fil")}</td></tr>')
        body.append('<table width="100%" cellspacing="0" cellpadding="4">'
                    + "".join(rows) + "</table>")
    return (f"<html><head><style>{PRINT_CSS}</style></head><body>" + "\n".join(body)
            + "</body></html>"), cards


def _meta_text(snapshot: KbSnapshot, pair: Pair) -> str:
    card = pair.first
    tags = ", ".join(f"{snapshot.taxonomy.tag_label(t, 'en')} · "
                     f"{snapshot.taxonomy.tag_label(t, 'fil')}" for t in card.tags)
    channel = f"Channel · Channel: {card.channel}"
    return " — ".join(x for x in (tags, channel) if x)


class ExportTargetError(OSError):
    """The export target is a link, a device or anything but a regular file."""


def check_export_target(out: Path) -> None:
    """Refuse to replace anything but a regular file: a link, a device (/dev/full), a FIFO."""
    try:
        info = os.lstat(out)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise ExportTargetError(errno.EEXIST, f"{out} is a link; give a plain file name")
    if not stat.S_ISREG(info.st_mode):
        raise ExportTargetError(errno.EEXIST, f"{out} is not a regular file")


def _cover(snapshot: KbSnapshot, cards: int, left_out: int, today: date) -> str:
    drafts = (f"<p>{left_out} draft card(s) are not included.</p>" if left_out else "")
    return (
        '<header class="cover">'
        "<h1>Kalma handbook</h1>"
        f"<p>{cards} cards, English and Filipino side by side, grouped by call stage.</p>"
        f"<p>Knowledge base: {html.escape(snapshot.root.name)} · made on "
        f"{today.isoformat()}</p>{drafts}"
        "</header>"
    )


def _stage_title(snapshot: KbSnapshot, stage: str) -> tuple[str, str]:
    if stage == OTHER_STAGE:
        return "Other", "Iba pa"
    return (snapshot.taxonomy.stage_label(stage, "en"),
            snapshot.taxonomy.stage_label(stage, "fil"))


def _toc(snapshot: KbSnapshot, groups: list[tuple[str, list[Pair]]]) -> str:
    items = []
    for stage, group in groups:
        en, fil = _stage_title(snapshot, stage)
        items.append(f'<li><a href="#stage-{html.escape(stage)}">{html.escape(en)} · '
                     f"{html.escape(fil)}</a> ({len(group)})</li>")
    return f'<nav class="toc"><h2>Contents · Nilalaman</h2><ol>{"".join(items)}</ol></nav>'


def _stage_section(snapshot: KbSnapshot, number: int, stage: str, group: list[Pair]) -> str:
    en, fil = _stage_title(snapshot, stage)
    heading = (f'<h2>{number}. {html.escape(en)} <span class="fil" lang="fil">'
               f"· {html.escape(fil)}</span></h2>")
    body = "\n".join(_pair_html(snapshot, pair) for pair in group)
    return f'<section class="stage" id="stage-{html.escape(stage)}">{heading}\n{body}</section>'


def _pair_html(snapshot: KbSnapshot, pair: Pair) -> str:
    card = pair.first
    meta = _meta_text(snapshot, pair)
    return (
        f'<article class="pair" id="card-{html.escape(card.id)}">'
        f'<div class="meta">{html.escape(meta)}</div>'
        '<div class="sides">'
        f'<div class="side en" lang="en">{_side_html(pair.en, "en")}</div>'
        f'<div class="side fil" lang="fil">{_side_html(pair.fil, "fil")}</div>'
        "</div></article>"
    )


def _side_html(card: Card | None, lang: str) -> str:
    if card is None:
        text = ("No English version yet." if lang == "en"
                else "Wala pang bersyong Filipino.")
        return f'<p class="missing">{text}</p>'
    return card_to_html(card)  # sanitized by render: no scripts, safe links only
