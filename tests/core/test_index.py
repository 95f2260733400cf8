"""The index: where it lives, incremental updates, version rebuilds, self-repair, locking."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core import index as index_module
from desktop.core.index import IndexBusyError, IndexStore, file_lock
from desktop.core.kb import Cancelled
from desktop.core.resources import index_dir_for
from desktop.core.search import Engine, Hit

MakeEngine = Callable[[Path], Engine]
REPO = Path(__file__).resolve().parents[2]


def tree_state(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(root)): (p.stat().st_mtime_ns, p.stat().st_size)
            for p in root.rglob("*")}


def live_generation(engine: Engine) -> Path:
    generation = IndexStore(engine.kb_dir, engine.cache_dir).live_generation()
    assert generation is not None
    return generation


def bump(path: Path, extra: str = "\nOne more line.\n") -> None:
    """Append text and make sure the mtime moves even on coarse-clock file systems."""
    before = path.stat().st_mtime_ns
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


# --- location ------------------------------------------------------------------------------

def test_index_lives_in_the_cache_never_in_the_kb(mini_kb: Path, cache_dir: Path,
                                                  make_engine: MakeEngine) -> None:
    before = tree_state(mini_kb)
    engine = make_engine(mini_kb)
    engine.ensure_index()
    engine.search("angry caller")
    assert tree_state(mini_kb) == before
    assert engine.index_dir == index_dir_for(mini_kb, cache_dir)
    assert engine.index_dir.is_relative_to(cache_dir)
    assert (live_generation(engine) / "manifest.json").is_file()


def test_cache_dir_defaults_to_kalma_cache_dir(mini_kb: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KALMA_CACHE_DIR", str(tmp_path / "env-cache"))
    engine = Engine(mini_kb)
    try:
        engine.ensure_index()
        assert engine.index_dir.is_relative_to(tmp_path / "env-cache")
    finally:
        engine.close()


def test_read_only_kb_folder_works(mini_kb: Path, make_engine: MakeEngine) -> None:
    before = tree_state(mini_kb)
    modes = {p: p.stat().st_mode for p in [mini_kb, *mini_kb.rglob("*")]}
    for path in modes:
        path.chmod(stat.S_IMODE(modes[path]) & ~0o222)
    try:
        engine = make_engine(mini_kb)
        stats = engine.ensure_index()
        assert stats.cards == 12
        assert engine.search("refund")
    finally:
        for path, mode in modes.items():
            path.chmod(stat.S_IMODE(mode))
    assert tree_state(mini_kb) == before


# --- incremental updates -------------------------------------------------------------------

def test_first_run_builds_then_nothing_to_do(mini_kb: Path, make_engine: MakeEngine) -> None:
    engine = make_engine(mini_kb)
    first = engine.ensure_index()
    assert (first.cards, first.documents, first.rebuilt) == (12, 2, True)
    again = engine.ensure_index()
    assert (again.added, again.updated, again.removed, again.rebuilt) == (0, 0, 0, False)
    # A new process finds the index as it was left.
    fresh = make_engine(mini_kb).ensure_index()
    assert (fresh.added, fresh.updated, fresh.removed, fresh.rebuilt) == (0, 0, 0, False)


def test_only_new_changed_and_removed_files_are_reindexed(mini_kb: Path,
                                                          make_engine: MakeEngine) -> None:
    engine = make_engine(mini_kb)
    engine.ensure_index()
    new_card = (mini_kb / "en" / "vent.md").read_text(encoding="utf-8").replace(
        "id: vent", "id: calm-breath").replace("Let the angry caller vent", "Breathe slowly")
    (mini_kb / "en" / "calm-breath.md").write_text(new_card, encoding="utf-8")
    bump(mini_kb / "en" / "hold-ask.md", "\nMention the zebra protocol.\n")
    (mini_kb / "fil" / "greeting.md").unlink()

    stats = engine.ensure_index()
    assert (stats.added, stats.updated, stats.removed, stats.rebuilt) == (1, 1, 1, False)
    assert stats.cards == 12
    assert [h.id for h in engine.search("zebra ")] == ["hold-ask"]
    assert engine.search("breathe slowly")[0].id == "calm-breath"
    assert engine.card("greeting", "fil") is None
    assert not [h for h in engine.search("magandang umaga") if h.id == "greeting"]


def test_touched_but_unchanged_file_is_not_reindexed(mini_kb: Path,
                                                     make_engine: MakeEngine) -> None:
    engine = make_engine(mini_kb)
    engine.ensure_index()
    path = mini_kb / "en" / "vent.md"
    os.utime(path, ns=(path.stat().st_mtime_ns + 5_000_000_000,) * 2)
    stats = engine.ensure_index()
    assert (stats.added, stats.updated, stats.removed) == (0, 0, 0)


def test_progress_reports_every_file(mini_kb: Path, make_engine: MakeEngine) -> None:
    calls: list[tuple[int, int]] = []
    make_engine(mini_kb).ensure_index(progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1] == (13, 13)


def test_cancelled_indexing_leaves_no_half_index(mini_kb: Path, make_engine: MakeEngine) -> None:
    engine = make_engine(mini_kb)
    with pytest.raises(Cancelled):
        engine.ensure_index(is_cancelled=lambda: True)
    assert IndexStore(mini_kb, engine.cache_dir).live_generation() is None
    assert engine.ensure_index().cards == 12


def test_bad_files_are_problems_and_the_rest_still_indexes(mini_kb: Path,
                                                           make_engine: MakeEngine) -> None:
    (mini_kb / "en" / "binary.md").write_bytes(b"\x00\x01\x02binary")
    (mini_kb / "en" / "latin1.md").write_bytes("---\nid: x\ntitle: Caf\xe9\n".encode("latin-1"))
    (mini_kb / "fil" / "broken.md").write_text("---\nid broken\n", encoding="utf-8")
    engine = make_engine(mini_kb)
    stats = engine.ensure_index()
    assert stats.cards == 12
    problems = {p.path.name for p in engine.snapshot.problems}
    assert {"binary.md", "latin1.md", "broken.md"} <= problems
    assert engine.search("refund")


# --- rebuilds and self-repair ----------------------------------------------------------------

def test_rebuild_on_request(engine: Engine) -> None:
    stats = engine.ensure_index(rebuild=True)
    assert stats.rebuilt and stats.cards == 12


def test_schema_or_analyzer_version_change_rebuilds(mini_kb: Path, make_engine: MakeEngine,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    make_engine(mini_kb).ensure_index()
    monkeypatch.setattr(index_module, "INDEX_FORMAT", "schema-999/analyzer-999")
    stats = make_engine(mini_kb).ensure_index()
    assert stats.rebuilt
    assert not make_engine(mini_kb).ensure_index().rebuilt


def test_taxonomy_change_rebuilds(mini_kb: Path, make_engine: MakeEngine) -> None:
    engine = make_engine(mini_kb)
    engine.ensure_index()
    taxonomy = mini_kb / "taxonomy.md"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8").replace(
        "the customer swears or insults", "the customer swears, insults or curses"),
        encoding="utf-8")
    assert engine.ensure_index().rebuilt


def _garble(path: Path) -> None:
    path.write_bytes(b"\x80garbage" * 64)


def _truncate(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(max(1, path.stat().st_size // 3))


@pytest.mark.parametrize("damage", ["garble-toc", "truncate-toc", "garble-segments",
                                    "truncate-segments", "delete-segments", "delete-manifest",
                                    "garble-manifest", "garble-current", "delete-generation"])
def test_damaged_index_is_rebuilt_without_help(mini_kb: Path, make_engine: MakeEngine,
                                               damage: str) -> None:
    first = make_engine(mini_kb)
    first.ensure_index()
    generation = live_generation(first)
    first.close()
    tocs = list(generation.glob("*.toc"))
    segments = [p for p in generation.iterdir() if p.suffix not in (".toc", ".json")]
    assert tocs and segments
    action, target = damage.split("-", 1)
    paths = {"toc": tocs, "segments": segments, "manifest": [generation / "manifest.json"],
             "current": [generation.parent / "current"], "generation": []}[target]
    actions: dict[str, Callable[[Path], object]] = {
        "garble": _garble, "truncate": _truncate, "delete": Path.unlink}
    for path in paths:
        actions[action](path)
    if target == "generation":
        import shutil
        shutil.rmtree(generation)

    engine = make_engine(mini_kb)
    stats = engine.ensure_index()
    assert stats.rebuilt and stats.cards == 12
    assert engine.search("nagmumura")[0].id == "swearing"


def test_search_survives_an_index_damaged_while_open(engine: Engine) -> None:
    assert engine.search("refund")
    generation = live_generation(engine)
    for path in generation.iterdir():
        if path.suffix not in (".json",):
            _garble(path)
    engine.ensure_index()  # checks cheaply: same sizes? no → rebuild
    assert engine.search("transfer")


# --- two processes, locks ----------------------------------------------------------------------

INDEXER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from desktop.core.search import Engine, Hit
    engine = Engine(Path(sys.argv[1]), Path(sys.argv[2]))
    stats = engine.ensure_index()
    hits = engine.search("refund")
    print(stats.cards, len(hits))
""")


def test_two_processes_indexing_at_once_both_succeed(mini_kb: Path, cache_dir: Path,
                                                     make_engine: MakeEngine) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [subprocess.Popen([sys.executable, "-c", INDEXER, str(mini_kb), str(cache_dir)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            for _ in range(3)]
    outputs = [run.communicate(timeout=60) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        cards, hits = out.split()
        assert cards == "12" and int(hits) > 0
    stats = make_engine(mini_kb).ensure_index()
    assert (stats.added, stats.updated, stats.removed, stats.rebuilt) == (0, 0, 0, False)
    generations = [p for p in index_dir_for(mini_kb, cache_dir).iterdir()
                   if p.name.startswith("gen-")]
    assert len(generations) == 1


def test_waits_for_the_lock_then_uses_the_index(mini_kb: Path, cache_dir: Path,
                                                make_engine: MakeEngine) -> None:
    make_engine(mini_kb).ensure_index()
    store = IndexStore(mini_kb, cache_dir)
    with file_lock(store.folder / "lock") as locked:
        assert locked
        result = store.update(lock_timeout=0.2)  # another process is "indexing"
    assert len(result.files) == 13 and not result.rebuilt


def test_lock_timeout_without_any_index_is_a_clear_error(mini_kb: Path, cache_dir: Path) -> None:
    store = IndexStore(mini_kb, cache_dir)
    store.folder.mkdir(parents=True)
    with file_lock(store.folder / "lock") as locked, pytest.raises(IndexBusyError):
        assert locked
        store.update(lock_timeout=0.2)


def test_manifest_records_files_and_index_files(engine: Engine) -> None:
    manifest = json.loads((live_generation(engine) / "manifest.json").read_text("utf-8"))
    assert manifest["format"] == index_module.INDEX_FORMAT
    assert manifest["docs"] == 14
    assert "en/vent.md" in manifest["files"]
    assert manifest["index_files"]


def test_same_size_damage_is_found_by_a_new_process(mini_kb: Path,
                                                   make_engine: MakeEngine) -> None:
    first = make_engine(mini_kb)
    first.ensure_index()
    generation = live_generation(first)
    first.close()
    segment = max((p for p in generation.iterdir() if p.suffix not in (".toc", ".json")),
                  key=lambda p: p.stat().st_size)
    data = bytearray(segment.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 16] = bytes(255 - b for b in data[middle:middle + 16])
    segment.write_bytes(bytes(data))  # same size, different bytes
    stats = make_engine(mini_kb).ensure_index()
    assert stats.rebuilt


def test_new_words_complete_right_after_an_edit(engine: Engine, mini_kb: Path) -> None:
    assert engine.search("walru") == []
    bump(mini_kb / "en" / "vent.md", "\nThe walrus example.\n")
    engine.ensure_index()
    assert ids_of(engine.search("walru")) == ["vent"]
    bump(mini_kb / "en" / "vent.md", "\n")
    (mini_kb / "en" / "vent.md").write_text(
        (mini_kb / "en" / "vent.md").read_text("utf-8").replace("The walrus example.", ""),
        "utf-8")
    engine.ensure_index()
    assert engine.search("walru") == []
    assert engine._state is not None and "walrus" not in engine._state.vocab


def test_an_index_changed_by_another_process_is_picked_up(mini_kb: Path,
                                                          make_engine: MakeEngine) -> None:
    ours = make_engine(mini_kb)
    ours.ensure_index()
    bump(mini_kb / "en" / "vent.md", "\nThe narwhal example.\n")
    make_engine(mini_kb).ensure_index()  # "another process" indexes the edit first
    stats = ours.ensure_index()
    assert (stats.added, stats.updated, stats.removed) == (0, 0, 0)
    assert ids_of(ours.search("narwh")) == ["vent"]


def ids_of(hits: list[Hit]) -> list[str]:
    return [h.id for h in hits]


@pytest.mark.skipif(sys.platform == "win32",
                    reason="POSIX permission bits (chmod, 0o700) do not exist on Windows")
def test_unwritable_cache_falls_back_to_a_private_temp_index(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    from desktop.core.search import Engine

    kb = tmp_path / "kb"
    (kb / "en").mkdir(parents=True)
    (kb / "en" / "x.md").write_text(
        "---\nid: x\ntitle: Hold politely\nlang: en\nstage: hold\n---\n## Say\n- a\n- b\n",
        encoding="utf-8")
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("not a folder", encoding="utf-8")  # mkdir fails even as root
    engine = Engine(kb, cache_dir=blocker)
    engine.ensure_index()
    assert "not writable" in engine.notice
    assert not engine.index_dir.is_relative_to(blocker)
    assert engine.index_dir.parent.stat().st_mode & 0o077 == 0
    assert [h.id for h in engine.search("hold")] == ["x"]
    engine.close()


def test_bad_input_corpus_indexes_the_rest(bad_kb: Path, tmp_path: Path) -> None:
    """Every bad file is reported with its name; the good cards and documents are searchable."""
    from desktop.core.search import Engine

    engine = Engine(bad_kb, cache_dir=tmp_path / "cache")
    stats = engine.ensure_index()
    assert stats.cards >= 3  # good-card (en, fil) and the BOM card at least
    named = {problem.path.name for problem in engine.snapshot.problems}
    assert {"latin1.md", "utf16.md", "binary.md", "empty.md", "huge.md",
            "broken-front-matter.md"} <= named
    assert "good-card" in {hit.id for hit in engine.search("listening")}
    assert any(hit.kind == "document" for hit in engine.search("dalawang babala"))
    assert not engine.index_dir.is_relative_to(bad_kb)
    engine.close()


def test_cli_search_on_bad_corpus_still_answers(bad_kb: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import main

    assert main(["search", "--kb", str(bad_kb), "--json", "finish"]) == 0
    assert '"good-card"' in capsys.readouterr().out
