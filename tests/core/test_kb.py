from pathlib import Path

import pytest

from desktop.core.kb import Cancelled, KbMissingError, load_kb, scan_files


def test_bundled_kb_loads_twins(bundled_kb: Path) -> None:
    snapshot = load_kb(bundled_kb)
    en = {c.id for c in snapshot.cards if c.lang == "en"}
    fil = {c.id for c in snapshot.cards if c.lang == "fil"}
    assert len(en) >= 60 and en == fil
    assert not snapshot.problems
    assert {p.lang for p in snapshot.passages} == {"en", "fil"}


def test_meta_files_are_not_documents(bundled_kb: Path) -> None:
    relatives = {f.relative for f in scan_files(bundled_kb)}
    assert not {"README.md", "taxonomy.md", "glossary.md"} & relatives


def test_missing_and_file_kb(tmp_path: Path) -> None:
    with pytest.raises(KbMissingError, match="not found"):
        load_kb(tmp_path / "missing")
    file = tmp_path / "file.md"
    file.write_text("x", encoding="utf-8")
    with pytest.raises(KbMissingError, match="not a folder"):
        load_kb(file)


def test_progress_and_cancel(bundled_kb: Path) -> None:
    seen: list[tuple[int, int]] = []
    load_kb(bundled_kb, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]
    with pytest.raises(Cancelled):
        load_kb(bundled_kb, is_cancelled=lambda: True)


def test_txt_documents_and_cards_outside_lang_folders(tmp_path: Path) -> None:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "abuse.txt").write_text(
        "Give two warnings before ending an abusive call.\n", encoding="utf-8")
    (tmp_path / "extra.md").write_text(
        "---\nid: extra\ntitle: Extra\nlang: en\nstage: hold\n---\n## Say\n- a\n- b\n",
        encoding="utf-8")
    snapshot = load_kb(tmp_path)
    assert [c.id for c in snapshot.cards] == ["extra"]
    assert snapshot.passages[0].path.name == "abuse.txt"
