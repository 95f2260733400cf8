from pathlib import Path

import pytest

from desktop.core.cards import (
    KbFileError,
    detect_lang,
    list_items,
    parse_card,
    split_document,
)
from desktop.core.kbfs import decode_kb_bytes

CARD = """---
id: let-them-vent
title: Let the caller vent first
lang: en
stage: listen
tags: irate, Stay-Calm
channel: phone
review_by: 2027-06-30
owner: Training team
---

Intro line shown with the card.

## Say
- Go ahead, {customer}, I'm listening.
- Take your time.
  I want the whole picture.
1. Numbered items count too.

## Avoid
- Sir, sir, let me explain…

## Why
Most callers calm down
once they feel heard.

## Extra notes
Kept as other text.
"""


def test_parse_card_reads_front_matter_and_sections() -> None:
    card = parse_card(Path("kb/en/let-them-vent.md"), CARD)
    assert card.id == "let-them-vent"
    assert card.tags == ("irate", "stay-calm")
    assert card.channel == "phone"
    assert card.review_by is not None and card.review_by.year == 2027
    assert card.say == (
        "Go ahead, {customer}, I'm listening.",
        "Take your time. I want the whole picture.",
        "Numbered items count too.",
    )
    assert card.avoid == ("Sir, sir, let me explain…",)
    assert card.why == "Most callers calm down once they feel heard."
    assert "Intro line" in card.other_text and "Extra notes" in card.other_text
    assert "Go ahead" not in card.other_text


def test_line_numbers_point_into_the_file() -> None:
    card = parse_card(Path("x.md"), CARD)
    lines = CARD.split("\n")
    assert lines[card.meta_lines["stage"] - 1].startswith("stage:")
    assert lines[card.section_lines["say"] - 1] == "## Say"


def test_filipino_headings() -> None:
    text = CARD.replace("lang: en", "lang: fil").replace("## Say", "## Sabihin")
    text = text.replace("## Avoid", "## Iwasan").replace("## Why", "## Bakit")
    card = parse_card(Path("x.md"), text)
    assert len(card.say) == 3 and card.avoid and card.why


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("---\nid: a\ntitle: t\n", 1, "not closed"),
        ("---\nid: a\ntitle t\n---\n", 3, "Key: value"),
        ("---\nid: a\nid: b\n---\n", 3, "twice"),
        ("---\nid: a\ntitle: t\nlang: en\n---\n", 1, "stage"),
        ("---\nid: a\ntitle: t\nlang: es\nstage: x\n---\n", 4, "lang"),
        ("---\nid: a\ntitle: t\nlang: en\nstage: x\nchannel: fax\n---\n", 6, "channel"),
        ("---\nid: a\ntitle: t\nlang: en\nstage: x\nreview_by: soon\n---\n", 6, "date"),
    ],
)
def test_bad_front_matter_names_the_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(KbFileError) as err:
        parse_card(Path("bad.md"), text)
    assert err.value.line == line
    assert fragment in err.value.message
    assert "bad.md" in str(err.value)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"caf\xe9\n", "UTF-8"),
        ("hello".encode("utf-16"), "UTF-16"),
        (b"\x00\x01\x02", "binary"),
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
    ],
)
def test_decode_rejects_bad_bytes(raw: bytes, fragment: str) -> None:
    with pytest.raises(KbFileError) as err:
        decode_kb_bytes(Path("f.md"), raw)
    assert fragment in err.value.message


def test_decode_reports_line_of_bad_byte() -> None:
    with pytest.raises(KbFileError) as err:
        decode_kb_bytes(Path("f.md"), b"ok\nok\nbad \xff here\n")
    assert err.value.line == 3


def test_decode_strips_bom_and_normalizes_newlines() -> None:
    assert decode_kb_bytes(Path("f.md"), b"\xef\xbb\xbf---\r\nid: a\r\n") == "---\nid: a\n"


def test_list_items_ignores_prose() -> None:
    assert list_items("Some prose.\n- one\n* two\n+ three\n2) four\nmore prose") == [
        "one", "two", "three", "four"]


def test_detect_lang() -> None:
    assert detect_lang("Kapag galit ang customer, makinig po muna tayo sa kanya.") == "fil"
    assert detect_lang("When the customer is angry, listen first and take notes.") == "en"
    assert detect_lang("") == "en"


def test_split_document_at_headings() -> None:
    text = ("# First\n\nEnglish words here for the agent.\n\n"
            "## Pangalawa\n\nAng customer ay galit po.\n")
    passages = split_document(Path("guide.md"), text)
    assert [p.heading for p in passages] == ["First", "Pangalawa"]
    assert [p.lang for p in passages] == ["en", "fil"]
    assert passages[1].line == 5
    assert passages[1].id == "guide#1"


def test_split_document_without_headings_groups_paragraphs() -> None:
    paragraph = "Listen to the customer and take notes of the main points. " * 10
    text = "\n\n".join([paragraph] * 6)
    passages = split_document(Path("notes.txt"), text, max_chars=1200)
    assert len(passages) > 1
    assert all(p.heading == "notes" for p in passages)
