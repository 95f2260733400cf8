"""Placeholders left blank in a phrase about to be copied: find them, fill them.

Any `{name}` (lower-case letters and underscores) counts, not only the four the call
panel has fields for, so a new placeholder in the KB ({date}, {ref}, {crisis_line}…)
can never reach a customer unfilled.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

BLANK_RE = re.compile(r"\{([a-z][a-z_]*)\}")


def blanks(text: str) -> list[str]:
    """The placeholder names still in `text`, each once, in order of appearance."""
    return list(dict.fromkeys(BLANK_RE.findall(text)))


def fill_blanks(text: str, values: Mapping[str, str]) -> str:
    """Replace each `{name}` that has a non-empty value; leave the others as written."""

    def replace(match: re.Match[str]) -> str:
        value = (values.get(match.group(1)) or "").strip()
        return value if value else match.group(0)

    return BLANK_RE.sub(replace, text)


# The call panel's own fields; every other blank gets a line under "Details for this card".
PANEL_FIELDS = ("customer", "issue", "agent", "minutes")
# Translation context of the labels below (the blank prompt's, whose catalog has them).
LABEL_CONTEXT = "BlankPrompt"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # lupdate reads this name
    """Marks `text` for the translation catalog (lupdate scans this file); Qt-free."""
    return text


# One label per known placeholder, shared by the blank prompt and the call panel so both
# ask for a value with the same words. The UI translates them in LABEL_CONTEXT.
BLANK_LABELS = {
    "customer": QT_TRANSLATE_NOOP("BlankPrompt", "Customer name"),
    "issue": QT_TRANSLATE_NOOP("BlankPrompt", "Issue"),
    "agent": QT_TRANSLATE_NOOP("BlankPrompt", "Your name"),
    "minutes": QT_TRANSLATE_NOOP("BlankPrompt", "Minutes"),
    "date": QT_TRANSLATE_NOOP("BlankPrompt", "Date"),
    "time": QT_TRANSLATE_NOOP("BlankPrompt", "Time"),
    "ref": QT_TRANSLATE_NOOP("BlankPrompt", "Reference number"),
    "timeframe": QT_TRANSLATE_NOOP("BlankPrompt", "Timeframe"),
    "amount": QT_TRANSLATE_NOOP("BlankPrompt", "Amount"),
    "team": QT_TRANSLATE_NOOP("BlankPrompt", "Team"),
    "number": QT_TRANSLATE_NOOP("BlankPrompt", "Direct number"),
}


def blank_label(name: str) -> str:
    """The English label for placeholder `name` ("ref" → "Reference number"); a name
    without one reads as words ("crisis_line" → "Crisis line")."""
    return BLANK_LABELS.get(name) or name.replace("_", " ").capitalize()


def detail_blanks(texts: Iterable[str], skip: Iterable[str] = ()) -> list[str]:
    """The placeholders in `texts` that need a "details" field: each once, in order,
    leaving out the call panel's own fields and the names in `skip` (policy-filled)."""
    left_out = {*PANEL_FIELDS, *skip}
    names = (name for text in texts for name in blanks(text))
    return [name for name in dict.fromkeys(names) if name not in left_out]
