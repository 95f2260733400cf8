"""Front matter, the `Key: value` lines between '---' fences: found, read strictly or tolerantly.

The one grammar every reader and editor of KB files uses: the first line is '---' (a BOM
before it is allowed), the block ends at the next '---' or '...' line, and each line in
it is `Key: value` (keys are letters, digits, '-' and '_'; matched without case), a
comment starting with '#', or blank.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from desktop.core.kbfs import KbFileError

FENCE = "---"
CLOSERS = (FENCE, "...")  # YAML's end-of-document marker closes it too
# The start of a `Key: value` line up to its colon (spell check starts after it).
META_KEY_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:")
META_LINE_RE = re.compile(META_KEY_RE.pattern + r"\s*(.*?)\s*$")
_BOM = "\ufeff"

Meta = dict[str, str]


def has_front_matter(text: str) -> bool:
    """The quick test the KB loader uses: does the file start with dashes?"""
    return text.startswith(FENCE)


def is_opening(line: str) -> bool:
    """A first line that opens front matter ('---', a BOM and line ending allowed)."""
    return line.strip().lstrip(_BOM) == FENCE


def is_closing(line: str) -> bool:
    return line.strip() in CLOSERS


def line_span(lines: Sequence[str]) -> tuple[int, int] | None:
    """(index of the first meta line, index of the closing line), 0-based; None without
    front matter or when it is not closed. ``lines`` may keep their line endings."""
    if not lines or not is_opening(lines[0]):
        return None
    for index in range(1, len(lines)):
        if is_closing(lines[index]):
            return 1, index
    return None


def span(text: str) -> tuple[int, int] | None:
    """line_span of ``text`` split at '\\n'."""
    return line_span(text.split("\n"))


def body(text: str) -> str:
    """The text after the front matter; all of it when there is none."""
    lines = text.split("\n")
    found = line_span(lines)
    return text if found is None else "\n".join(lines[found[1] + 1:])


def meta_value(line: str) -> tuple[str, str] | None:
    """(lowercased key, value without quotes) of a `Key: value` line; None for comments
    and other lines."""
    match = META_LINE_RE.match(line)
    if match is None or line.lstrip().startswith("#"):
        return None
    return match.group(1).lower(), match.group(2).strip().strip('"').strip("'")


def read_meta(text: str) -> Meta:
    """Front matter values (keys lowercased), tolerant: broken lines are skipped, the first
    of a repeated key wins, text without front matter gives {}."""
    found = span(text)
    if found is None:
        return {}
    meta: Meta = {}
    for line in text.split("\n")[found[0]:found[1]]:
        pair = meta_value(line)
        if pair is not None:
            meta.setdefault(*pair)
    return meta


def split(path: Path, text: str) -> tuple[Meta, dict[str, int], str, int]:
    """Strict: (meta, 1-based line of each key, body, first body line), or KbFileError
    naming ``path`` and the line that is wrong."""
    lines = text.split("\n")
    if not lines or not is_opening(lines[0]):
        raise KbFileError(path, 1, "front matter must start with a line of three dashes '---'")
    meta: Meta = {}
    meta_lines: dict[str, int] = {}
    for number, line in enumerate(lines[1:], start=2):
        if is_closing(line):
            return meta, meta_lines, "\n".join(lines[number:]), number + 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        pair = meta_value(line)
        if pair is None:
            if not any(is_closing(rest) for rest in lines[number:]):
                raise KbFileError(path, number, "front matter is not closed; add a line '---' "
                                  "after the last 'Key: value' line")
            raise KbFileError(
                path, number, f"front matter line is not 'Key: value': {line.strip()[:60]!r}"
            )
        key, value = pair
        if key in meta:
            raise KbFileError(path, number, f"front matter key '{key}' appears twice")
        meta[key] = value
        meta_lines[key] = number
    raise KbFileError(path, 1, "front matter is not closed; add a line '---' after it")
