"""Editing KB files: byte-exact round trips, atomic saves, conflicts, slugs, twins."""

from __future__ import annotations

import os
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

from desktop.core import editing
from desktop.core.atomicfile import create as create_new_file
from desktop.core.atomicfile import write as atomic_write
from desktop.core.cards import parse_card
from desktop.core.editing import (
    EditDocument,
    NewCard,
    SaveConflict,
    all_twin_statuses,
    create_card,
    create_translation,
    kb_write_problem,
    mark_twins_in_sync,
    section_items,
    set_meta_field,
    set_section_items,
    slugify,
    twin_status,
    unique_slug,
)
from desktop.core.frontmatter import read_meta
from desktop.core.lint import lint_kb

CARD = (
    "---\n"
    "id: let-them-vent\n"
    'title: "Let the caller vent first"\n'
    "lang: en\n"
    "stage: listen\n"
    "tags: irate, stay-calm\n"
    "owner: Training team\n"
    "---\n"
    "\n"
    "## Say\n"
    "- Go ahead, {customer}, I'm listening.\n"
    "- Take your time.\u00a0I want the whole picture.\n"
    "\n"
    "## Avoid\n"
    "- Cutting in.\n"
    "\n"
    "## Why\n"
    "Callers calm down once they feel heard.\n"
)


@pytest.fixture
def kb(tmp_path: Path, bundled_kb: Path) -> Path:
    root = tmp_path / "kb"
    (root / "en").mkdir(parents=True)
    (root / "fil").mkdir()
    shutil.copy(bundled_kb / "taxonomy.md", root / "taxonomy.md")
    return root


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# --- round trips -------------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    CARD.encode(),
    CARD.replace("\n", "\r\n").encode(),
    b"\xef\xbb\xbf" + CARD.encode(),
    CARD.rstrip("\n").encode(),  # no newline at the end
    CARD.replace("## Avoid\n", "## Avoid\r\n").encode(),  # mixed line endings
], ids=["lf", "crlf", "bom", "no-final-newline", "mixed"])
def test_saving_unchanged_text_writes_identical_bytes(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path / "en" / "let-them-vent.md", data)
    doc = EditDocument(path)
    doc.save(doc.text)
    assert path.read_bytes() == data
    assert leftovers(path.parent) == []


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_changing_one_field_changes_only_that_line(tmp_path: Path, newline: str) -> None:
    data = (b"\xef\xbb\xbf" + CARD.replace("\n", newline).encode())
    path = write(tmp_path / "en" / "let-them-vent.md", data)
    doc = EditDocument(path)
    doc.save(set_meta_field(doc.text, "stage", "empathize"))
    old_lines = data.split(b"\n")
    new_lines = path.read_bytes().split(b"\n")
    assert len(old_lines) == len(new_lines)
    changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    assert changed == [(f"stage: listen{newline.rstrip(chr(10))}".encode(),
                        f"stage: empathize{newline.rstrip(chr(10))}".encode())]
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_set_meta_field_keeps_equal_values_and_inserts_in_order() -> None:
    # Same value (the file quotes it): the line is left exactly as it was.
    assert set_meta_field(CARD, "title", "Let the caller vent first") == CARD
    with_review = set_meta_field(CARD, "review_by", "2027-06-30")
    lines = with_review.split("\n")
    assert lines[lines.index("tags: irate, stay-calm") + 1] == "review_by: 2027-06-30"
    assert set_meta_field(with_review, "review_by", "") == CARD
    assert read_meta(set_meta_field(CARD, "status", "draft"))["status"] == "draft"
    with pytest.raises(ValueError):
        set_meta_field("no front matter", "title", "x")


def test_phrase_rows_rewrite_only_the_say_list() -> None:
    assert section_items(CARD, "say")[0] == "Go ahead, {customer}, I'm listening."
    reordered = set_section_items(CARD, "say", reversed(section_items(CARD, "say")), "en")
    assert section_items(reordered, "say")[0].startswith("Take your time.")
    first, second = (line for line in CARD.split("\n") if line.startswith("- Go")
                     or line.startswith("- Take"))
    assert reordered == CARD.replace(first, "\0").replace(second, first).replace("\0", second)
    assert section_items(reordered, "avoid") == ["Cutting in."]
    fil = "---\nid: x\n---\n\n## Bakit\nDahil.\n"
    added = set_section_items(fil, "say", ["Sige po."], "fil")
    assert "## Sabihin\n- Sige po." in added and section_items(added, "say") == ["Sige po."]


# --- conflicts -----------------------------------------------------------------------------

def test_conflict_when_the_file_changed_on_disk(tmp_path: Path) -> None:
    path = write(tmp_path / "en" / "x.md", CARD.encode())
    doc = EditDocument(path)
    theirs = CARD.replace("Cutting in.", "Interrupting.")
    path.write_text(theirs, encoding="utf-8")
    mine = CARD.replace("Why", "Why it works")
    with pytest.raises(SaveConflict) as caught:
        doc.save(mine)
    assert caught.value.disk_text == theirs
    assert path.read_text(encoding="utf-8") == theirs  # nothing overwritten
    doc.save(mine, force=True)
    assert path.read_text(encoding="utf-8") == mine
    doc.save(mine.replace("works", "helps"))  # the stamp was renewed: no conflict now


def test_touching_without_changing_content_is_no_conflict(tmp_path: Path) -> None:
    path = write(tmp_path / "en" / "x.md", CARD.encode())
    doc = EditDocument(path)
    os.utime(path, ns=(1, 1))
    assert not doc.disk_changed()
    path.unlink()
    assert doc.disk_changed()
    with pytest.raises(SaveConflict) as caught:
        doc.save(CARD)
    assert caught.value.disk_text is None


# --- atomic saves ------------------------------------------------------------------------

@pytest.mark.parametrize("broken", ["replace", "fsync", "write"])
def test_crash_mid_save_leaves_original_and_no_temp_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: str) -> None:
    path = write(tmp_path / "en" / "x.md", CARD.encode())
    doc = EditDocument(path)

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if broken == "write":
        monkeypatch.setattr(editing.os, "fdopen", _failing_fdopen)
    else:
        monkeypatch.setattr(editing.os, broken, crash)
    with pytest.raises(OSError):
        doc.save(CARD.replace("listen", "empathize"))
    monkeypatch.undo()
    assert path.read_bytes() == CARD.encode()
    assert leftovers(path.parent) == []
    assert doc.text == CARD  # the document still knows the disk has the old text


class _FailingFile:
    def __enter__(self) -> _FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def write(self, data: bytes) -> int:
        raise OSError(5, "Input/output error")


def _failing_fdopen(fd: int, *args: object, **kwargs: object) -> _FailingFile:
    os.close(fd)  # fdopen owns the descriptor; an open one would pin the temp file on Windows
    return _FailingFile()


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no POSIX permission bits to keep")
def test_atomic_write_keeps_the_file_mode(tmp_path: Path) -> None:
    path = write(tmp_path / "x.md", b"old")
    path.chmod(0o640)
    atomic_write(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o640


def test_create_new_file_never_overwrites(tmp_path: Path) -> None:
    path = write(tmp_path / "x.md", b"keep me")
    with pytest.raises(FileExistsError):
        create_new_file(path, b"new")
    assert path.read_bytes() == b"keep me"
    create_new_file(tmp_path / "y.md", b"fresh")
    assert (tmp_path / "y.md").read_bytes() == b"fresh"
    assert leftovers(tmp_path) == []


# --- writability -------------------------------------------------------------------------

def test_writable_kb(kb: Path) -> None:
    assert kb_write_problem(kb) is None
    assert kb_write_problem(kb / "nowhere") == "missing"
    assert leftovers(kb) == []  # the probe cleans up


@pytest.mark.skipif(sys.platform == "win32",
                    reason="chmod 0o555 does not make a Windows folder read-only")
def test_read_only_kb(kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if os.geteuid() == 0:  # root writes anyway: simulate what the probe would find
        monkeypatch.setattr(editing, "probe_write", lambda folder: False)
    for folder in (kb, kb / "en", kb / "fil"):
        folder.chmod(0o555)
    try:
        assert kb_write_problem(kb) == "read-only"
    finally:
        for folder in (kb, kb / "en", kb / "fil"):
            folder.chmod(0o755)


# --- slugs -------------------------------------------------------------------------------

@pytest.mark.parametrize(("title", "slug"), [
    ("Let the caller vent first!", "let-the-caller-vent-first"),
    ("Pagbati sa umaga — Señor", "pagbati-sa-umaga-senor"),
    ("../../etc/passwd", "etc-passwd"),
    ("a\\b/c:d*e?f", "a-b-c-d-e-f"),
    ("CON", "con-card"),
    ("com1", "com1-card"),
    ("LPT9", "lpt9-card"),
    ("!!!", "card"),
    ("ñ", "n"),
])
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_slugs_are_short_and_unique() -> None:
    long = slugify("word " * 40)
    assert len(long) <= editing.SLUG_MAX and not long.endswith("-")
    taken = {long}
    second = unique_slug("word " * 40, taken)
    assert second != long and second.endswith("-2") and len(second) <= editing.SLUG_MAX
    assert unique_slug("Hold", {"hold", "hold-2"}) == "hold-3"


# --- new cards and translations ----------------------------------------------------------

def test_new_card_from_template(kb: Path) -> None:
    (kb / "fil" / "check-in-on-hold.md").write_text("x", encoding="utf-8")  # name is taken
    path = create_card(kb, NewCard("Check in on hold", "en", "hold", ("long-wait",),
                                   review_by=date(2027, 1, 1), owner="QA"))
    assert path == kb / "en" / "check-in-on-hold-2.md"
    card = parse_card(path, path.read_text(encoding="utf-8"))
    assert (card.id, card.stage, card.tags, card.status) == (
        "check-in-on-hold-2", "hold", ("long-wait",), "draft")
    assert card.review_by == date(2027, 1, 1) and card.owner == "QA"
    assert card.say and "TODO" in card.say[0]


def test_create_translation(kb: Path) -> None:
    source = write(kb / "en" / "let-them-vent.md", CARD.encode())
    twin = create_translation(source)
    assert twin == kb / "fil" / "let-them-vent.md"
    card = parse_card(twin, twin.read_text(encoding="utf-8"))
    assert (card.id, card.lang, card.stage, card.tags, card.status) == (
        "let-them-vent", "fil", "listen", ("irate", "stay-calm"), "draft")
    assert {"say", "avoid", "why"} <= set(card.section_lines)
    assert "## Sabihin" in card.body and "## Say" not in card.body
    # Nothing ships as Filipino unmarked: every phrase carries the TODO marker.
    assert all(p.startswith(editing.TODO_TRANSLATE) for p in (*card.say, *card.avoid))
    assert card.title.startswith(editing.TODO_TRANSLATE)
    rules = {(p.rule, p.severity) for p in lint_kb(kb) if p.path.name == twin.name}
    assert ("draft", "warning") in rules
    assert not any(severity == "error" for _, severity in rules)
    with pytest.raises(FileExistsError):
        create_translation(source)


# --- twin status -------------------------------------------------------------------------

def test_twin_status_missing_outdated_and_marked_in_sync(kb: Path) -> None:
    en = write(kb / "en" / "a.md", CARD.encode())
    write(kb / "en" / "b.md", CARD.encode())
    fil = write(kb / "fil" / "a.md", CARD.encode())
    assert twin_status(kb, "a.md").outdated is None  # nothing recorded yet: no guess
    mark_twins_in_sync(twin_status(kb, "a.md"))
    assert "translated_from: " in fil.read_text(encoding="utf-8")
    os.utime(en, ns=(10**18 + 200 * 10**9, 10**18 + 200 * 10**9))  # a git checkout
    assert twin_status(kb, "a.md").outdated is None  # timestamps mean nothing
    fil.write_text(fil.read_text(encoding="utf-8").replace("\n---\n", "\n---\n\n", 1),
                   encoding="utf-8")  # a typo fix in the translation
    assert twin_status(kb, "a.md").outdated is None
    en.write_text(en.read_text(encoding="utf-8") + "- a new phrase\n", encoding="utf-8")
    statuses = {s.name: s for s in all_twin_statuses(kb)}
    assert statuses["a.md"].outdated == "fil"
    assert statuses["b.md"].missing == "fil"
    mark_twins_in_sync(statuses["a.md"])
    assert twin_status(kb, "a.md").outdated is None
