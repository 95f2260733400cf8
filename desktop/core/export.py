"""The printable handbook: the whole KB as one self-contained HTML file.

Cards are grouped by stage in call order, English and Filipino side by side. The file has
inline CSS only (no scripts, no external files, no images), so it opens offline in any
browser and prints cleanly (each stage starts a page, a card is never split).
Card bodies go through desktop.core.render, the same sanitizer the app uses.
Drafts are left out unless asked for: a classroom should not learn unreviewed phrases.
"""

from __future__ import annotations

import errno
import html
import os
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop import __version__
from desktop.core.cards import Card
from desktop.core.editing import atomic_write
from desktop.core.kb import CARD_DIRS, KbSnapshot, load_kb
from desktop.core.render import card_to_html

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
@media (max-width: 50rem) { .sides { grid-template-columns: 1fr; } }
@media print {
  @page { margin: 15mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav.toc { break-after: page; }
  section.stage { break-before: page; }
  article.pair { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
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


def card_pairs(snapshot: KbSnapshot, include_drafts: bool = False) -> tuple[list[Pair], int]:
    """English/Filipino twins matched by file name; returns (pairs, drafts left out)."""
    by_name: dict[str, dict[str, Card]] = {}
    left_out = 0
    for card in snapshot.cards:
        if card.path.parent.name not in CARD_DIRS:
            continue
        if card.status == "draft" and not include_drafts:
            left_out += 1
            continue
        by_name.setdefault(card.path.name, {})[card.lang] = card
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
                   today: date | None = None) -> tuple[str, int, int, int]:
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
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        _cover(snapshot, cards, left_out, today or date.today()),
        _toc(snapshot, groups),
        *(_stage_section(snapshot, number, stage, group)
          for number, (stage, group) in enumerate(groups, start=1)),
        f"<footer>Kalma {html.escape(__version__)}</footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts), cards, len(groups), left_out


def export_handbook(kb_dir: Path, out: Path, include_drafts: bool = False) -> ExportStats:
    """Write the handbook of kb_dir to `out` (atomically)."""
    check_export_target(out)
    snapshot = load_kb(kb_dir)
    text, cards, stages, left_out = build_handbook(snapshot, include_drafts)
    atomic_write(out, text.encode("utf-8"))
    return ExportStats(out, cards, stages, left_out)


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
    tags = ", ".join(snapshot.taxonomy.tag_label(t, "en") for t in card.tags)
    meta = " · ".join(x for x in (tags, f"channel: {card.channel}") if x)
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
