"""The one front-matter grammar: finding the block, the strict parse, the tolerant read."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core import frontmatter
from desktop.core.kbfs import KbFileError
from desktop.core.policy import update_policy_text

CARD = "---\nid: a\n# a comment\n\nTitle: \"Quoted\"\n---\n\n## Say\n- hi\n"


# --- the strict parse ----------------------------------------------------------------------

def test_split_returns_meta_their_lines_the_body_and_its_first_line() -> None:
    meta, lines, body, body_line = frontmatter.split(Path("a.md"), CARD)
    assert meta == {"id": "a", "title": "Quoted"}  # keys lowercased, quotes dropped
    assert lines == {"id": 2, "title": 5}  # comments and blank lines keep their numbers
    assert body == "\n## Say\n- hi\n"
    assert body_line == 7
    assert CARD.split("\n")[body_line - 1:] == body.split("\n")


def test_yaml_end_marker_closes_the_block_too() -> None:
    meta, _lines, body, body_line = frontmatter.split(Path("a.md"), "---\nid: a\n...\nbody")
    assert (meta, body, body_line) == ({"id": "a"}, "body", 4)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("id: a\n---\n", 1, "front matter must start with a line of three dashes '---'"),
        ("---\nid: a\ntitle: t\n", 1, "front matter is not closed; add a line '---' after it"),
        ("---\nid: a\ntitle t\n---\n", 3, "front matter line is not 'Key: value': 'title t'"),
        ("---\nid: a\nthe body starts here\n", 3,
         "front matter is not closed; add a line '---' after the last 'Key: value' line"),
        ("---\nid: a\n\nID: b\n---\n", 4, "front matter key 'id' appears twice"),
    ],
)
def test_strict_errors_name_the_file_and_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(KbFileError) as caught:
        frontmatter.split(Path("kb/en/bad.md"), text)
    assert (caught.value.line, caught.value.message) == (line, message)
    assert str(caught.value) == f"{Path('kb/en/bad.md')}:{line}: {message}"


def test_a_long_bad_line_is_quoted_short() -> None:
    with pytest.raises(KbFileError) as caught:
        frontmatter.split(Path("a.md"), "---\n" + "x" * 200 + "\n---\n")
    assert caught.value.message.endswith(repr("x" * 60))


# --- the tolerant read ---------------------------------------------------------------------

def test_read_meta_skips_broken_lines_and_keeps_the_first_of_a_repeated_key() -> None:
    text = "---\nid: a\nnot a key value line\n# status: draft\nid: b\nStatus: 'draft'\n---\n"
    assert frontmatter.read_meta(text) == {"id": "a", "status": "draft"}


@pytest.mark.parametrize("text", ["", "no front matter", "---\nid: a\n", "\n---\nid: a\n---"])
def test_read_meta_without_a_whole_block_is_empty(text: str) -> None:
    assert frontmatter.read_meta(text) == {}


def test_meta_value_of_one_line() -> None:
    assert frontmatter.meta_value("Title:  Hello po  ") == ("title", "Hello po")
    assert frontmatter.meta_value("  # title: x") is None
    assert frontmatter.meta_value("- a list item") is None
    key = frontmatter.META_KEY_RE.match("title: Salamat")  # spell check starts after it
    assert key is not None and key.end() == len("title:")


# --- finding the block ---------------------------------------------------------------------

def test_span_is_the_first_meta_line_and_the_closing_line() -> None:
    assert frontmatter.span(CARD) == (1, 5)
    assert frontmatter.span("---\n---\nbody") == (1, 1)  # an empty block
    assert frontmatter.span("---\nid: a") is None  # not closed
    assert frontmatter.span("body\n---\nid: a\n---") is None  # must be the first line
    assert frontmatter.span("") is None


def test_line_span_takes_lines_with_their_endings() -> None:
    lines = ["---\r\n", "id: a\r\n", "...\r\n", "body"]
    assert frontmatter.line_span(lines) == (1, 2)
    assert frontmatter.line_span([]) is None


def test_body_drops_the_block_or_keeps_all_text() -> None:
    assert frontmatter.body(CARD) == "\n## Say\n- hi\n"
    assert frontmatter.body("# Just a document\n---\n") == "# Just a document\n---\n"
    assert frontmatter.body("---\nnever closed") == "---\nnever closed"


def test_the_quick_card_test_only_looks_at_the_first_characters() -> None:
    assert frontmatter.has_front_matter("---\nid: a")
    assert not frontmatter.has_front_matter("\n---\nid: a")


# --- a byte order mark before the first line ------------------------------------------------

def test_a_bom_before_the_opening_line_is_allowed() -> None:
    text = "\ufeff---\nid: a\n---\nbody"
    assert frontmatter.is_opening("\ufeff---\r\n")
    assert frontmatter.span(text) == (1, 2)
    assert frontmatter.read_meta(text) == {"id": "a"}
    assert frontmatter.split(Path("a.md"), text)[0] == {"id": "a"}


def test_policy_updates_keep_working_on_text_with_a_bom() -> None:
    text = "\ufeff---\r\ncallback: no\r\n---\r\nNotes\r\n"
    assert update_policy_text(text, {"callback": True}) == \
        "\ufeff---\r\ncallback: yes\r\n---\r\nNotes\r\n"
