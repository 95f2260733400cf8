"""An importer trainers can trust (issue 12, item 4)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from desktop.core.cards import Card, parse_card
from desktop.core.importer import (
    blocks_from_html,
    blocks_from_lines,
    classify_quotes,
    detect_section_lang,
    import_files,
    kb_root_for,
    strip_numbering,
)
from desktop.core.lint import lint_kb


def _cards(paths: list[Path]) -> list[Card]:
    return [parse_card(p, p.read_text(encoding="utf-8")) for p in paths]


def _doc(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_dont_say_lines_go_to_avoid_and_customer_quotes_are_no_phrases(
        empty_kb: Path, tmp_path: Path) -> None:
    doc = _doc(tmp_path, "galit.txt", (
        "PAG GALIT ANG CUSTOMER\n\n"
        "Sabihin: \"Naiintindihan ko po ang inis ninyo.\"\n\n"
        "Huwag sabihing \"Wala po akong magagawa diyan.\"\n\n"
        "Kapag sinabi ng customer na \"Ipapa-Tulfo ko kayo,\" manatiling kalmado at sabihin "
        "\"Naiintindihan ko po, tutulungan ko kayo.\"\n\n"
        "- Don't say \"Calm down, sir.\"\n"))
    (card,) = _cards(import_files([doc], empty_kb).created)
    assert "Wala po akong magagawa diyan." in card.avoid
    assert "Calm down, sir." in card.avoid
    assert "Naiintindihan ko po, tutulungan ko kayo." in card.say
    assert all("Tulfo" not in line for line in (*card.say, *card.avoid))
    assert "Tulfo" in card.body  # kept as a note, for the trainer to see
    assert all("magagawa" not in phrase for phrase in card.say)


def test_quote_roles() -> None:
    assert classify_quotes('If the caller says "I will sue you," say "I hear you, sir."',
                           None) == [("I will sue you,", "customer"),
                                     ("I hear you, sir.", "say")]
    assert classify_quotes('Never tell a customer "That is not my job."', None) == [
        ("That is not my job.", "avoid")]


def test_numbered_headings_are_stripped_and_split(empty_kb: Path, tmp_path: Path) -> None:
    md = _doc(tmp_path, "fees.md", "# 3. Late fees\n\nSay: \"I can check the late fee for "
              "you.\"\n\n## 4) Refunds\n\nSay: \"Let me check the refund for you.\"\n")
    txt = _doc(tmp_path, "word.txt", "1. Purpose\n\nThis guide helps with billing calls and "
               "refunds.\n\n2. Late fees\n\nSay: \"I will check that late fee now.\"\n")
    created = import_files([md, txt], empty_kb).created
    assert sorted(p.stem for p in created) == ["late-fees", "late-fees-2", "purpose",
                                               "refunds"]
    assert sorted(c.title for c in _cards(created)) == ["Late fees", "Late fees", "Purpose",
                                                        "Refunds"]
    assert strip_numbering("IV. Closing") == "Closing"
    assert strip_numbering("2024 plans") == "2024 plans"


def test_numbered_list_items_stay_items() -> None:
    blocks = blocks_from_lines("Steps\n=====\n\n1. Greet the caller\n2. Ask for the "
                               "account\n", plain=True)
    assert [b.kind for b in blocks] == ["heading", "item", "item"]


def test_tables_become_rows_and_labelled_columns_fill_sections(
        empty_kb: Path, tmp_path: Path) -> None:
    md = _doc(tmp_path, "table.md", "# Hold\n\n| Say | Don't say |\n|---|---|\n"
              "| Thank you for waiting. | Hold on. |\n| I'm still checking. | Wait lang. |\n\n"
              "| Step | Time |\n|---|---|\n| Check account | 2 min |\n")
    (card,) = _cards(import_files([md], empty_kb).created)
    assert card.say == ("Thank you for waiting.", "I'm still checking.")
    assert card.avoid == ("Hold on.", "Wait lang.")
    assert "- Step — Time" in card.body and "- Check account — 2 min" in card.body
    html = blocks_from_html("<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td>"
                            "</tr></table>")
    assert [(b.kind, b.text) for b in html] == [("item", "A — B"), ("item", "1 — 2")]


def test_language_per_section(empty_kb: Path, tmp_path: Path) -> None:
    assert detect_section_lang("May I put you on hold at the moment while I check?") == "en"
    assert detect_section_lang("Pasensya na po sa paghihintay, chine-check ko pa po.") == "fil"
    doc = _doc(tmp_path, "both.md", "# Hold\n\nSay: \"May I put you on hold at this point "
               "while I check your account?\"\n\n# Paghihintay\n\nSabihin: \"Sandali lang po, "
               "titingnan ko po ang account ninyo.\"\n")
    assert sorted(c.lang for c in _cards(import_files([doc], empty_kb).created)) == [
        "en", "fil"]


def test_docx_import(empty_kb: Path, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("2. Long wait", level=1)
    document.add_paragraph("Say: \"Thank you for waiting, I'm sorry it took long.\"")
    document.add_paragraph("Don't say \"It's always busy.\"")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Say", "Avoid"
    table.cell(1, 0).text, table.cell(1, 1).text = "I appreciate your patience.", "Relax."
    path = tmp_path / "guide.docx"
    document.save(str(path))
    (card,) = _cards(import_files([path], empty_kb).created)
    assert card.title == "Long wait"
    assert card.say == ("Thank you for waiting, I'm sorry it took long.",
                        "I appreciate your patience.")
    assert card.avoid == ("It's always busy.", "Relax.")


def test_old_doc_and_broken_docx_say_what_to_do(empty_kb: Path, tmp_path: Path) -> None:
    old = _doc(tmp_path, "old.doc", "binary")
    broken = _doc(tmp_path, "broken.docx", "not a zip")
    skipped = dict(import_files([old, broken], empty_kb).skipped)
    assert "save it as .docx or .txt" in skipped[old]
    assert "not a readable Word file" in skipped[broken]


@pytest.mark.parametrize("into", ["root", "en", "fil"])
def test_into_a_language_folder_never_nests(empty_kb: Path, tmp_path: Path,
                                            into: str) -> None:
    (empty_kb / "en").mkdir()
    (empty_kb / "fil").mkdir()
    target = empty_kb if into == "root" else empty_kb / into
    assert kb_root_for(target) == empty_kb
    doc = _doc(tmp_path, "hold.md", "# Hold\n\nSay: \"Thank you for waiting on the line.\"\n")
    (path,) = import_files([doc], target).created
    assert path.parent == empty_kb / "en"


def test_lint_flags_card_files_outside_the_language_folders(empty_kb: Path) -> None:
    nested = empty_kb / "en" / "en"
    nested.mkdir(parents=True)
    (nested / "x.md").write_text("---\nid: x\ntitle: X\nlang: en\nstage: hold\n---\n\n"
                                 "## Say\n- a b\n- c d\n", encoding="utf-8")
    problems = [p for p in lint_kb(empty_kb) if p.rule == "card-folder"]
    assert len(problems) == 1 and problems[0].severity == "error"
    assert "outside en/ and fil/" in problems[0].message
