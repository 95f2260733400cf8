import re
from pathlib import Path

import pytest

from desktop.core.cards import parse_card
from desktop.core.render import (
    card_to_html,
    card_to_text,
    fill_placeholders,
    is_allowed_link,
    phrase_html,
    render_markdown,
    unfilled_placeholders,
)

HOSTILE = """---
id: hostile
title: <b onmouseover=alert(1)>Title</b>
lang: en
stage: listen
---

<script>alert('x')</script>
<iframe src="https://evil.example"></iframe>
<img src=x onerror=alert(1)>
<style>body{display:none}</style>
[js](javascript:alert(1)) [data](data:text/html,hi) [file](file:///etc/passwd)
[web](https://example.com) [mail](mailto:tl@example.com) [rel](../../etc/passwd)

## Say
- Hello <span onclick="steal()">{customer}</span>, I can help.
- Click [here](vbscript:msgbox) now.
"""


@pytest.fixture
def hostile_html() -> str:
    return card_to_html(parse_card(Path("hostile.md"), HOSTILE), {"customer": "Ana"})


@pytest.mark.parametrize(
    "needle",
    ["<script", "<iframe", "<img", "<style", "onerror", "onclick", "<b onmouseover",
     "javascript:", "data:text", "file:", "vbscript:", "../../etc"],
)
def test_hostile_markup_is_removed(hostile_html: str, needle: str) -> None:
    assert needle not in hostile_html.lower()


def test_safe_links_survive(hostile_html: str) -> None:
    assert 'href="https://example.com"' in hostile_html
    assert 'href="mailto:tl@example.com"' in hostile_html
    assert "Ana" in hostile_html
    assert "&lt;b" in hostile_html  # the title is text, not markup


@pytest.mark.parametrize(
    ("url", "allowed"),
    [("https://a.example", True), ("HTTP://a.example", True), ("mailto:x@y", True),
     ("javascript:alert(1)", False), ("file:///etc", False), ("data:x", False),
     ("relative/path", False), ("", False)],
)
def test_is_allowed_link(url: str, allowed: bool) -> None:
    assert is_allowed_link(url) is allowed


def test_fill_placeholders_keeps_unfilled() -> None:
    text = "Hi {customer}, this is {agent}. About {issue}, {minutes} minutes. {unknown}"
    filled = fill_placeholders(text, {"customer": "Ana", "agent": " ", "minutes": "5"})
    assert filled == "Hi Ana, this is {agent}. About {issue}, 5 minutes. {unknown}"
    assert unfilled_placeholders(filled) == ["agent", "issue"]


def test_phrase_html_marks_unfilled_placeholders() -> None:
    out = phrase_html("Thanks, {customer} & {agent}", {"agent": "Ben"})
    assert '<span class="placeholder">{customer}</span>' in out
    assert "Ben" in out and "&amp;" in out


def test_render_markdown_tables() -> None:
    assert "<table>" in render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n")


def test_card_to_text_lists_phrases(bundled_kb: Path) -> None:
    card = parse_card(Path("x.md"), HOSTILE.replace("<script>", ""))
    text = card_to_text(card)
    assert "1. Hello" in text and "2. Click" in text and "[hostile]" in text


def test_plain_phrases_skip_the_markdown_parser_with_the_same_result() -> None:
    """The fast path for phrases without Markdown gives exactly what Markdown gives, for
    every phrase of the shipped KB and for phrases that look plain but are not."""
    from desktop.core import render
    from desktop.core.kb import load_kb

    def full(text: str) -> str:
        converted = render._convert(text, "inline").strip()
        return re.sub(r"^<p>(.*)</p>$", r"\1", converted, flags=re.S)

    kb = load_kb(Path(__file__).resolve().parents[2] / "kb")
    phrases = [p for card in kb.cards for p in (*card.say, *card.avoid)]
    tricky = ["1. First", "# Title", "> quoted", "- item", "two  spaces at the end  ",
              " leading", "a & b", "<b>x</b>", "*em*", "back\\slash", "Sige po, {customer}.",
              "Salamat po! Ingat.", "100% sure, right?", "e-mail: help@example.com", ""]
    assert len(phrases) > 500
    for text in phrases + tricky:
        assert render._inline_markdown(text) == full(text), text
