"""Placeholders left blank in a phrase about to be copied: find them, fill them.

Any `{name}` (lower-case letters and underscores) counts, not only the four the call
panel has fields for, so a new placeholder in the KB ({date}, {ref}, {crisis_line}…)
can never reach a customer unfilled.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

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
