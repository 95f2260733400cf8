"""desktop.core.blanks: every {placeholder} is found, filled values replace it."""

from __future__ import annotations

from desktop.core.blanks import blanks, fill_blanks


def test_blanks_lists_each_name_once_in_order() -> None:
    text = "Thanks {customer}, about {issue}: ref {ref}. Bye {customer}."
    assert blanks(text) == ["customer", "issue", "ref"]
    assert blanks("No blanks {Here} or { x } or {}") == []


def test_fill_blanks_keeps_unfilled_and_empty_values() -> None:
    text = "On {date}, {customer}, we call at {time}."
    filled = fill_blanks(text, {"customer": "Ana", "date": "  ", "time": "3 PM"})
    assert filled == "On {date}, Ana, we call at 3 PM."
    assert blanks(filled) == ["date"]


def test_detail_blanks_leave_out_panel_fields_and_policy_values() -> None:
    from desktop.core.blanks import detail_blanks

    phrases = ["Your ref is {ref}, {customer}.", "On {date} call {crisis_line}.",
               "Ref {ref} again, in {minutes} minutes, {issue}, {agent}."]
    assert detail_blanks(phrases, skip=["crisis_line"]) == ["ref", "date"]
    assert detail_blanks(["Hello {customer}."]) == []


def test_every_placeholder_in_use_has_one_label() -> None:
    from desktop.core.blanks import BLANK_LABELS, blank_label

    for name in ("date", "time", "ref", "timeframe", "amount", "team", "number"):
        assert name in BLANK_LABELS
    assert blank_label("ref") == "Reference number"
    assert blank_label("number") == "Direct number"
    assert blank_label("crisis_line_name") == "Crisis line name"  # unknown: read as words
