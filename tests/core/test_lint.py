import sys
from datetime import date
from pathlib import Path

import pytest

from desktop.core.kb import KbMissingError, load_kb
from desktop.core.lint import lint_kb

TODAY = date(2026, 11, 23)


def problems_by_file(kb: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for p in lint_kb(kb, TODAY):
        found.setdefault(p.path.name, []).append(f"{p.severity}:{p.rule}:{p.line}:{p.message}")
    return found


@pytest.mark.skipif(sys.platform == "win32",
                    reason="the corpus's symlink loop needs a privilege on Windows")
def test_bad_corpus_every_file_is_named(bad_kb: Path) -> None:
    found = problems_by_file(bad_kb)
    expected_errors = {
        "broken-front-matter.md": "not closed",
        "bad-line.md": "Key: value",
        "unknown-ids.md": "unknown stage",
        "latin1.md": "UTF-8",
        "utf16.md": "UTF-16",
        "binary.md": "binary",
        "empty.md": "empty",
        "whitespace-only.md": "empty",
        "no-say.md": "no '## Say' section",
        "huge.md": "split it",
    }
    for name, fragment in expected_errors.items():
        assert any(fragment in msg and msg.startswith("error") for msg in found.get(name, [])), (
            name, found.get(name))
    assert any("grumpy" in m for m in found["unknown-ids.md"])
    assert any(m.startswith("warning:review-due") for m in found["no-say.md"])
    assert "unreadable.md" in found  # unreadable (or, as root, unclosed front matter)
    assert any("loops back" in m for m in found["loop"])
    # The id clash is reported on one of the two files, naming the other.
    clash = [m for m in found.get("good-card.md", []) if "already used" in m]
    assert clash and "duplicate-id.md" in clash[0]
    assert all("already used" in m for m in found["good-card.md"])
    assert "bom.md" in found and all("missing-twin" in m for m in found["bom.md"])


def test_bad_corpus_line_numbers(bad_kb: Path) -> None:
    found = problems_by_file(bad_kb)
    assert any(":4:" in m for m in found["bad-line.md"])  # the line 'lang en'
    unknown = [m for m in found["unknown-ids.md"] if "unknown stage" in m]
    assert unknown and ":5:" in unknown[0]


def test_bad_corpus_still_loads_the_good_cards(bad_kb: Path) -> None:
    snapshot = load_kb(bad_kb)
    ids = {(c.lang, c.id) for c in snapshot.cards}
    assert ("en", "good-card") in ids and ("fil", "good-card") in ids and ("en", "bom") in ids
    assert any(p.heading == "Pagmumura ng customer" for p in snapshot.passages)


def test_missing_kb_folder_raises_clear_error(tmp_path: Path) -> None:
    with pytest.raises(KbMissingError, match="not found"):
        lint_kb(tmp_path / "nowhere")


def test_bundled_kb_has_no_errors(bundled_kb: Path) -> None:
    errors = [p.format() for p in lint_kb(bundled_kb) if p.severity == "error"]
    assert errors == []


def test_todo_and_draft_are_warnings(tmp_path: Path) -> None:
    for lang in ("en", "fil"):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "new.md").write_text(
            f"---\nid: new\ntitle: New\nlang: {lang}\nstage: hold\nstatus: draft\n---\n\n"
            "## Say\n- TODO: translate - Hello\n- Hi\n", encoding="utf-8")
    problems = lint_kb(tmp_path, TODAY)
    rules = {(p.path.parent.name, p.rule, p.line) for p in problems}
    assert ("fil", "todo", 10) in rules and ("en", "draft", 6) in rules
    assert all(p.severity == "warning" for p in problems)
