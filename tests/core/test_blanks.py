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
