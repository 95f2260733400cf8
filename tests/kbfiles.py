"""Write KB card files for tests: one builder instead of a template per test module."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

HEADINGS = {"en": ("Say", "Avoid", "Why"), "fil": ("Sabihin", "Iwasan", "Bakit")}


def card_markdown(card_id: str, lang: str, stage: str, *, title: str = "", tags: str = "",
                  channel: str = "", say: Sequence[str] = (), avoid: Sequence[str] = (),
                  why: str = "", review_by: str = "") -> str:
    """A card as kb/README.md describes it; empty optional fields are left out."""
    say_head, avoid_head, why_head = HEADINGS[lang]
    meta = [("id", card_id), ("title", title or card_id), ("lang", lang), ("stage", stage),
            ("tags", tags), ("channel", channel), ("review_by", review_by)]
    lines = ["---", *[f"{key}: {value}" for key, value in meta if value], "---", "",
             f"## {say_head}", *[f"- {phrase}" for phrase in say]]
    if avoid:
        lines += ["", f"## {avoid_head}", *[f"- {item}" for item in avoid]]
    if why:
        lines += ["", f"## {why_head}", why]
    return "\n".join(lines) + "\n"


def write_card(root: Path, card_id: str, lang: str, stage: str, **fields: object) -> Path:
    """Write <root>/<lang>/<card_id>.md (folders created) and return its path."""
    path = root / lang / f"{card_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(card_markdown(card_id, lang, stage, **fields),  # type: ignore[arg-type]
                    encoding="utf-8")
    return path
