"""Incremental updates that stay cheap on a large KB: the manifest delta, the moved-files plan."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core import index as index_module
from desktop.core import manifest as manifest_module
from desktop.core import updates as updates_module
from desktop.core.index import IndexStore
from desktop.core.manifest import DELTA_NAME, MANIFEST_NAME, read_manifest
from desktop.core.search import Engine

MakeEngine = Callable[[Path], Engine]


def ids(engine: Engine, text: str) -> list[str]:
    return [hit.id for hit in engine.search(text)]


def generation_of(engine: Engine) -> Path:
    generation = IndexStore(engine.kb_dir, engine.cache_dir).live_generation()
    assert generation is not None
    return generation


@pytest.fixture
def no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files the test just wrote count as settled (their ctime cannot be set back)."""
    monkeypatch.setattr(manifest_module, "RACY_NS", 0)


def edit(path: Path, old: str, new: str, shift_ns: int = 2_000_000_000) -> None:
    """Change words and move the mtime (by ``shift_ns``: coarse clocks)."""
    before = path.stat().st_mtime_ns
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before + shift_ns, before + shift_ns))


# --- the manifest delta ----------------------------------------------------------------------

@pytest.mark.usefixtures("no_racy_window")
def test_an_edit_writes_a_small_delta_that_a_new_process_reads(mini_kb: Path,
                                                               make_engine: MakeEngine) -> None:
    engine = make_engine(mini_kb)
    engine.ensure_index()
    generation = generation_of(engine)
    base = (generation / MANIFEST_NAME).read_bytes()
    edit(mini_kb / "en" / "vent.md", "whole picture", "whole walrusy")
    stats = engine.ensure_index()
    assert (stats.updated, stats.rebuilt) == (1, False)
    assert (generation / MANIFEST_NAME).read_bytes() == base  # only the delta was written
    delta = json.loads((generation / DELTA_NAME).read_text("utf-8"))
    assert list(delta["files"]) == ["en/vent.md"]
    assert delta["base"] == json.loads(base)["written_ns"]

    fresh = make_engine(mini_kb)  # a new process: only what is on disk to go by
    stats = fresh.ensure_index()
    assert (stats.added, stats.updated, stats.removed, stats.rebuilt) == (0, 0, 0, False)
    assert ids(fresh, "walrusy") == ["vent"]
    merged = read_manifest(generation)
    assert merged is not None
    assert merged["files"]["en/vent.md"][2] == delta["files"]["en/vent.md"][2]


@pytest.mark.usefixtures("no_racy_window")
def test_a_removed_file_is_null_in_the_delta_and_gone_for_a_new_process(
        mini_kb: Path, make_engine: MakeEngine) -> None:
    engine = make_engine(mini_kb)
    engine.ensure_index()
    (mini_kb / "en" / "transfer.md").unlink()
    assert engine.ensure_index().removed == 1
    delta = json.loads((generation_of(engine) / DELTA_NAME).read_text("utf-8"))
    assert delta["files"] == {"en/transfer.md": None}
    fresh = make_engine(mini_kb)
    assert fresh.ensure_index().removed == 0
    assert "transfer" not in [c.id for c in fresh.snapshot.cards if c.lang == "en"]


def test_a_long_delta_is_folded_into_the_manifest(mini_kb: Path, make_engine: MakeEngine,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "MAX_DELTA_FILES", 2)
    engine = make_engine(mini_kb)
    engine.ensure_index()
    generation = generation_of(engine)
    for name, word in (("vent", "walrusy"), ("greeting", "narwhally"), ("transfer", "okapiish")):
        card = mini_kb / "en" / f"{name}.md"
        edit(card, "the", f"the {word}")
        engine.ensure_index()
    assert not (generation / DELTA_NAME).exists()  # the third edit folded it in
    whole = json.loads((generation / MANIFEST_NAME).read_text("utf-8"))
    assert whole["files"]["en/transfer.md"][1] == (mini_kb / "en" / "transfer.md").stat().st_size
    fresh = make_engine(mini_kb)
    assert not fresh.ensure_index().rebuilt
    assert ids(fresh, "okapiish") == ["transfer"] and ids(fresh, "narwhally") == ["greeting"]


def test_a_delta_left_from_an_older_manifest_is_ignored(mini_kb: Path,
                                                        make_engine: MakeEngine) -> None:
    """A crash between folding the delta into manifest.json and deleting it."""
    engine = make_engine(mini_kb)
    engine.ensure_index()
    generation = generation_of(engine)
    whole = read_manifest(generation)
    assert whole is not None
    stale = {"base": whole["written_ns"] - 1, **{k: whole[k] for k in (
        "format", "taxonomy", "docs", "written_ns", "index_files")},
        "files": {"en/vent.md": None}}
    (generation / DELTA_NAME).write_text(json.dumps(stale), encoding="utf-8")
    assert read_manifest(generation) == whole
    fresh = make_engine(mini_kb)
    stats = fresh.ensure_index()
    assert (stats.added, stats.removed, stats.rebuilt) == (0, 0, False)
    assert ids(fresh, "whole picture")[0] == "vent"


@pytest.mark.parametrize("damage", ["garbled", "wrong-shape"])
def test_a_damaged_delta_means_a_rebuild(mini_kb: Path, make_engine: MakeEngine,
                                         damage: str) -> None:
    engine = make_engine(mini_kb)
    engine.ensure_index()
    edit(mini_kb / "en" / "vent.md", "whole picture", "whole walrusy")
    engine.ensure_index()
    delta = generation_of(engine) / DELTA_NAME
    if damage == "garbled":
        delta.write_bytes(b"\x80garbage" * 8)
    else:
        data = json.loads(delta.read_text("utf-8"))
        data["files"]["en/vent.md"] = [1, 2]
        delta.write_text(json.dumps(data), encoding="utf-8")
    fresh = make_engine(mini_kb)
    stats = fresh.ensure_index()
    assert stats.rebuilt and stats.cards == 12
    assert ids(fresh, "walrusy") == ["vent"]


# --- planning only the files that moved ------------------------------------------------------

@pytest.mark.usefixtures("no_racy_window")
def test_the_plan_after_an_update_looks_only_at_files_that_moved(
        mini_kb: Path, make_engine: MakeEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = make_engine(mini_kb)
    engine.ensure_index()
    engine.ensure_index()  # the settled files are known from here on
    planned: list[set[str]] = []
    real = manifest_module.plan_files

    def spy(plan: manifest_module.Plan, files: object, *args: object) -> None:
        files = list(files)  # type: ignore[call-overload]
        planned.append({f.relative for f in files})
        real(plan, files, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(updates_module, "plan_files", spy)  # where an update plans
    back = -2_000_000_000  # not in the future: settled once indexed
    edit(mini_kb / "fil" / "vent.md", "Dahan-dahan", "Dahan-dahan walrusy", back)
    assert engine.ensure_index().updated == 1
    assert planned == [{"fil/vent.md"}]
    assert ids(engine, "walrusy") == ["vent"]
    # A file added and one removed: still found, whatever else the plan looks at.
    (mini_kb / "en" / "new.md").write_text(
        (mini_kb / "en" / "greeting.md").read_text("utf-8").replace("id: greeting", "id: new"),
        encoding="utf-8")
    (mini_kb / "en" / "transfer.md").unlink()
    stats = engine.ensure_index()
    assert (stats.added, stats.updated, stats.removed) == (1, 0, 1)
    assert "transfer" not in [c.id for c in engine.snapshot.cards if c.lang == "en"]
    assert "new" in [c.id for c in engine.snapshot.cards]
    engine.ensure_index()  # the new file was unsettled (no manifest entry) until now
    edit(mini_kb / "en" / "hold-ask.md", "two minutes", "two okapi minutes", back)
    engine.ensure_index()
    assert planned[-1] == {"en/hold-ask.md"}
    assert ids(engine, "okapi") == ["hold-ask"]


def test_an_index_another_process_wrote_is_planned_in_full(mini_kb: Path,
                                                           make_engine: MakeEngine) -> None:
    first, second = make_engine(mini_kb), make_engine(mini_kb)
    first.ensure_index()
    first.ensure_index()
    second.ensure_index()
    edit(mini_kb / "en" / "vent.md", "whole picture", "whole walrusy")
    assert second.ensure_index().updated == 1  # first's manifest is now out of date
    edit(mini_kb / "en" / "greeting.md", "warm greeting", "warm narwhally")
    stats = first.ensure_index()
    assert not stats.rebuilt
    assert ids(first, "walrusy") == ["vent"] and ids(first, "narwhally") == ["greeting"]


def test_a_same_stat_edit_inside_the_racy_window_is_still_seen(mini_kb: Path,
                                                               make_engine: MakeEngine) -> None:
    """Edited twice within one timestamp tick: the second edit keeps size and mtime."""
    engine = make_engine(mini_kb)
    engine.ensure_index()
    card = mini_kb / "en" / "vent.md"
    card.write_text(card.read_text("utf-8").replace("whole picture", "whole kumquat"),
                    encoding="utf-8")
    engine.ensure_index()
    engine.ensure_index()
    before = card.stat()
    card.write_text(card.read_text("utf-8").replace("kumquat", "zeppeli"), encoding="utf-8")
    os.utime(card, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert card.stat().st_size == before.st_size
    engine.ensure_index()
    assert ids(engine, "zeppeli") == ["vent"] and ids(engine, "kumquat") == []


def test_the_edited_card_replaces_its_old_self_in_the_snapshot(engine: Engine,
                                                               mini_kb: Path) -> None:
    before = list(engine.snapshot.cards)
    edit(mini_kb / "en" / "vent.md", "Let the angry caller vent", "Let the walrusy caller vent")
    engine.ensure_index()
    after = engine.snapshot.cards
    assert [(c.id, c.lang) for c in after] == [(c.id, c.lang) for c in before]
    assert engine.card("vent", "en").title == "Let the walrusy caller vent"  # type: ignore[union-attr]
    assert [c.title for c in after if (c.id, c.lang) == ("vent", "en")] == [
        "Let the walrusy caller vent"]
    assert engine.card("vent", "fil") is next(c for c in before if (c.id, c.lang) == (
        "vent", "fil"))
