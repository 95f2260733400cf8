"""Importing the starter guidance documents (tests/data/import) as draft cards."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.cards import Card, parse_card
from desktop.core.importer import (
    ImportFailed,
    blocks_from_html,
    blocks_from_lines,
    import_files,
)
from desktop.core.lint import lint_kb

DOCS = Path(__file__).resolve().parents[1] / "data" / "import"


@pytest.fixture
def kb(empty_kb: Path) -> Path:
    return empty_kb


def cards_in(paths: list[Path]) -> dict[str, Card]:
    return {p.stem: parse_card(p, p.read_text(encoding="utf-8")) for p in paths}


def test_starter_documents_become_draft_cards(kb: Path) -> None:
    result = import_files(sorted(DOCS.iterdir()), kb)
    assert result.skipped == []
    cards = cards_in(result.created)
    assert len(cards) == 8
    for path in result.created:
        card = parse_card(path, path.read_text(encoding="utf-8"))
        assert card.status == "draft"
        assert card.id == path.stem and path.parent.name == card.lang
        assert card.say, f"{path.name} has no Say phrases"

    hold = parse_card(kb / "en" / "putting-a-caller-on-hold.md",
                      (kb / "en" / "putting-a-caller-on-hold.md").read_text(encoding="utf-8"))
    assert (hold.lang, hold.stage, hold.title) == ("en", "hold", "Putting a caller on hold")
    assert hold.say[0] == ("May I put you on hold for about two minutes while I check your "
                           "account?")
    assert "Putting the caller on hold without asking first." in hold.avoid
    assert hold.why.startswith("Callers who know how long")

    transfer = cards["transferring-to-another-team"]
    assert transfer.stage == "transfer"
    assert "That's not my department." in transfer.avoid

    vent = cards["hayaan-munang-maglabas-ng-sama-ng-loob"]
    assert (vent.lang, vent.stage) == ("fil", "listen")
    assert "irate" in vent.tags
    assert "## Sabihin" in vent.body and "## Bakit" in vent.body

    billing_en = cards["wrong-charge-on-the-bill"]
    billing_fil = cards["maling-singil-sa-bill"]
    assert "billing" in billing_en.tags and "billing" in billing_fil.tags
    assert billing_fil.lang == "fil"

    # The plain Filipino text without headings is cut into paragraph groups.
    groups = [c for name, c in cards.items() if name.startswith(("bago-", "pagkatapos-"))]
    assert len(groups) == 2 and all(c.lang == "fil" for c in groups)
    assert {c.stage for c in groups} == {"closing", "after-call"}


def test_imported_text_carries_nothing_executable(kb: Path) -> None:
    created = import_files([DOCS / "billing-complaints.html"], kb).created
    text = "".join(p.read_text(encoding="utf-8") for p in created)
    assert "alert" not in text and "<script" not in text and "steal" not in text
    assert "body {" not in text  # the <style> is gone too


def test_lint_tells_imported_drafts_apart(kb: Path) -> None:
    import_files(sorted(DOCS.iterdir()), kb)
    problems = lint_kb(kb)
    drafts = {p.path.name for p in problems if p.rule == "draft"}
    assert len(drafts) == 8
    # Only what a trainer is expected to finish: drafts, twins to write, more phrases.
    assert {p.rule for p in problems} <= {"draft", "missing-twin", "few-say"}


def test_reimport_updates_its_drafts_and_overwrites_nothing_else(kb: Path) -> None:
    first = import_files([DOCS / "hold-and-transfer.txt"], kb).created
    (kb / "fil").mkdir(exist_ok=True)
    twin = kb / "fil" / "putting-a-caller-on-hold-2.md"
    twin.write_text("trainer's own file", encoding="utf-8")
    approved = kb / "en" / "transferring-to-another-team.md"
    approved.write_text(approved.read_text(encoding="utf-8").replace(
        "status: draft", "status: approved"), encoding="utf-8")
    hold = kb / "en" / "putting-a-caller-on-hold.md"
    hold.write_text(hold.read_text(encoding="utf-8") + "stale\n", encoding="utf-8")
    again = import_files([DOCS / "hold-and-transfer.txt"], kb)
    assert again.created == [] and again.updated == [hold] and again.kept == [approved]
    assert "stale" not in hold.read_text(encoding="utf-8")
    assert "status: approved" in approved.read_text(encoding="utf-8")
    assert twin.read_text(encoding="utf-8") == "trainer's own file"
    assert sorted(p.name for p in (kb / "en").iterdir()) == sorted(p.name for p in first)


def test_language_can_be_forced_and_bad_input_is_skipped(kb: Path, tmp_path: Path) -> None:
    odd = tmp_path / "notes.pdf"
    odd.write_bytes(b"%PDF")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    result = import_files([DOCS / "galit-na-customer.md", odd, empty,
                           tmp_path / "missing.md"], kb, lang="en")
    assert [p.parent.name for p in result.created] == ["en", "en"]
    assert {p.name for p, _ in result.skipped} == {"notes.pdf", "empty.txt", "missing.md"}
    with pytest.raises(ImportFailed):
        import_files([DOCS / "galit-na-customer.md"], kb, lang="de")
    with pytest.raises(ImportFailed):
        import_files([DOCS / "galit-na-customer.md"], kb / "nowhere")


def test_cp1252_text_is_read(kb: Path, tmp_path: Path) -> None:
    doc = tmp_path / "word.txt"
    doc.write_bytes("HOLD\n\nSay: \x93Thank you for waiting, I\x92m still here.\x94\n"
                    .encode("latin-1"))
    (path,) = import_files([doc], kb).created
    assert "- Thank you for waiting, I’m still here." in path.read_text(encoding="utf-8")


def test_block_readers() -> None:
    kinds = [b.kind for b in blocks_from_html(
        "<h2>T</h2><p>a<br>b</p><ul><li>x</li></ul><script>bad()</script><style>p{}</style>")]
    assert kinds == ["heading", "para", "item"]
    blocks = blocks_from_lines("Title\n=====\n\nONE\n\n- a\n  b\n\ntext\nmore\n", plain=True)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Title"), ("heading", "One"), ("item", "a b"), ("para", "text more")]
