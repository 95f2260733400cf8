"""What the trainer's lists show, computed from a KB snapshot (plain data, no widgets)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from desktop.core.cards import Card
from desktop.core.editing import TwinStatus
from desktop.core.kb import KbSnapshot
from desktop.core.lint import Problem

REVIEW_SOON_DAYS = 30


@dataclass(frozen=True)
class CardRow:
    name: str  # file name shared by the twins, e.g. hold-check-in.md
    title: str
    stage: str
    missing: str | None  # "en" | "fil" | None
    outdated: str | None  # the side edited earlier than the other
    draft: bool
    review_due: bool
    errors: int
    warnings: int
    search_text: str = ""  # both twins' titles and text, casefolded, for the list filter
    owner: str = ""


@dataclass(frozen=True)
class Overview:
    rows: list[CardRow]
    problems: list[Problem]
    review_due: list[Card]  # overdue or due within REVIEW_SOON_DAYS, oldest review_by first
    today: date = date.min


def build_overview(snapshot: KbSnapshot, twins: Sequence[TwinStatus],
                   problems: Sequence[Problem], today: date | None = None) -> Overview:
    """Twins and lint must use the same (resolved) KB root so their paths compare equal."""
    today = today or date.today()
    cards = {(c.path.parent.name, c.path.name): c for c in snapshot.cards}
    errors = Counter(p.path for p in problems if p.severity == "error")
    warnings = Counter(p.path for p in problems if p.severity != "error")
    rows = []
    for twin in twins:
        sides = [cards.get((lang, twin.name)) for lang in ("en", "fil")]
        present = [c for c in sides if c is not None]
        paths = [p for p in (twin.en, twin.fil) if p is not None]
        first = present[0] if present else None
        rows.append(CardRow(
            name=twin.name,
            title=first.title if first else Path(twin.name).stem,
            stage=first.stage if first else "",
            missing=twin.missing,
            outdated=twin.outdated,
            draft=any(c.status == "draft" for c in present),
            review_due=any(c.review_by is not None and c.review_by < today for c in present),
            errors=sum(errors[p] for p in paths),
            warnings=sum(warnings[p] for p in paths),
            search_text=" ".join([twin.name, *(f"{c.title} {c.body}" for c in present)]
                                 ).casefold(),
            owner=next((c.owner for c in present if c.owner), ""),
        ))
    soon = today + timedelta(days=REVIEW_SOON_DAYS)
    due = sorted((c for c in snapshot.cards if c.review_by is not None and c.review_by <= soon),
                 key=lambda c: (c.review_by, c.path.name, c.lang))
    return Overview(rows, list(problems), due, today)

