"""Text bound for a terminal: KB strings and file names without escape sequences or controls."""

from __future__ import annotations

import re

# ANSI/VT escape sequences (CSI, OSC up to BEL or ST, single-character escapes), in their
# 7-bit and 8-bit forms.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI … final byte: colours, screen clear
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|$)"  # OSC/DCS/… strings
    r"|\x1b[@-_]?",  # any other escape
    re.S)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
MAX_ECHO = 80


def terminal_text(text: str, keep_newlines: bool = False) -> str:
    """``text`` with escape sequences removed and other control characters shown as '?'.

    Without ``keep_newlines`` a newline or tab also becomes '?': a file name with a newline
    in it must not forge a second line of output.
    """
    cleaned = _CONTROLS.sub("?", _ESCAPES.sub("", text))
    if keep_newlines:
        return cleaned.replace("\r", "")
    return cleaned.replace("\n", "?").replace("\t", " ").replace("\r", "?")


def capped(text: str, limit: int = MAX_ECHO) -> str:
    """Input echoed in an error line: clean and at most ``limit`` characters."""
    text = terminal_text(text)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text)} characters)"
