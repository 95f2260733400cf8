"""A cold start's first answers from the saved index (Engine.open_saved), then the KB check."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core import kbfs, quickopen
from desktop.core.index import IndexStore
from desktop.core.search import Engine
from desktop.core.session import SearchSession, find_passage

MakeEngine = Callable[[Path], Engine]


def ids(engine: Engine, text: str) -> list[str]:
    return [hit.id for hit in engine.search(text)]


def saved_kb(mini_kb: Path, make_engine: MakeEngine) -> None:
    """A full start that closes cleanly: the index, vocabulary and card directory saved."""
    engine = make_engine(mini_kb)
    engine.ensure_index()
    engine.close()


@pytest.fixture
def no_scan(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every scan of the KB folder (a quick start must not make one)."""
    scans: list[str] = []
    real = kbfs.scan

    def counting(root: Path, problems: list[kbfs.FileProblem]) -> list[kbfs.ScannedFile]:
        scans.append(str(root))
        return real(root, problems)

    monkeypatch.setattr(kbfs, "scan", counting)
    return scans


def test_a_saved_index_answers_before_the_kb_is_scanned(mini_kb: Path, make_engine: MakeEngine,
                                                        no_scan: list[str]) -> None:
    saved_kb(mini_kb, make_engine)
    no_scan.clear()
    engine = make_engine(mini_kb)
    assert engine.open_saved()
    assert ids(engine, "nagmumura")[0] == "swearing"
    assert engine.card("vent", "fil").lang == "fil"  # type: ignore[union-attr]
    home = engine.search("")
    assert {h.id for h in home} >= {"vent", "greeting", "hold-ask"}
    assert home == sorted(home, key=lambda h: ["opening", "listen", "hold", "transfer",
                                                "closing"].index(h.stage))
    assert no_scan == []
    stats = engine.ensure_index()  # the check follows and takes over
    assert no_scan and not stats.rebuilt and stats.cards == 12
    assert ids(engine, "nagmumura")[0] == "swearing"


def test_snapshot_and_passages_after_a_quick_start(mini_kb: Path, make_engine: MakeEngine,
                                                   no_scan: list[str]) -> None:
    saved_kb(mini_kb, make_engine)
    engine = make_engine(mini_kb)
    assert engine.open_saved()
    hit = next(h for h in engine.search("stand up breath") if h.kind == "document")
    passage = find_passage(engine, hit.path, hit.id)
    assert passage is not None and "breath" in passage.text
    no_scan.clear()
    assert len(engine.snapshot.cards) == 12  # asking for the whole KB checks it first
    assert no_scan


def test_nothing_saved_means_no_quick_start(mini_kb: Path, make_engine: MakeEngine) -> None:
    assert not make_engine(mini_kb).open_saved()  # never indexed
    first = make_engine(mini_kb)
    first.ensure_index()
    assert not first.open_saved()  # open already
    generation = IndexStore(mini_kb, first.cache_dir).live_generation()
    assert generation is not None
    for path in generation.iterdir():
        if path.name.startswith(quickopen.DIRECTORY_PREFIX):
            path.unlink()
    assert not make_engine(mini_kb).open_saved()


def test_a_changed_taxonomy_or_format_means_no_quick_start(mini_kb: Path,
                                                           make_engine: MakeEngine,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    saved_kb(mini_kb, make_engine)
    monkeypatch.setattr(quickopen, "INDEX_FORMAT", "schema-0/analyzer-0")
    assert not make_engine(mini_kb).open_saved()
    monkeypatch.undo()
    taxonomy = mini_kb / "taxonomy.md"
    taxonomy.write_text(taxonomy.read_text("utf-8").replace("Makinig", "Pakinggan"),
                        encoding="utf-8")
    assert not make_engine(mini_kb).open_saved()


def test_edits_since_the_index_was_saved_are_never_unsafe(mini_kb: Path,
                                                          make_engine: MakeEngine) -> None:
    """Cards are read from their files as they are now: a new draft stays hidden."""
    saved_kb(mini_kb, make_engine)
    swearing = mini_kb / "en" / "swearing.md"
    swearing.write_text(swearing.read_text("utf-8").replace("stage: listen",
                                                            "stage: listen\nstatus: draft"),
                        encoding="utf-8")
    vent = mini_kb / "en" / "vent.md"
    vent.write_text(vent.read_text("utf-8").replace("Let the angry caller vent",
                                                    "Let the upset caller vent"),
                    encoding="utf-8")
    engine = make_engine(mini_kb)
    assert engine.open_saved()
    assert ("swearing", "en") not in {(h.id, h.lang) for h in engine.search("warning")}
    assert ("swearing", "en") not in {(h.id, h.lang) for h in engine.search("")}
    assert engine.card("swearing", "en") is None
    assert engine.card("vent", "en").title == "Let the upset caller vent"  # type: ignore[union-attr]


def test_drafts_of_the_saved_index_take_no_result_slot(mini_kb: Path, make_engine: MakeEngine,
                                                       card_file: Callable[..., str]) -> None:
    (mini_kb / "en" / "draft.md").write_text(
        card_file(("draft", "Walrus draft", "en", "listen", "", "any", ["Walrus walrus."],
                   "Not yet."))
        .replace("stage: listen", "stage: listen\nstatus: draft"), encoding="utf-8")
    (mini_kb / "en" / "live.md").write_text(
        card_file(("live", "Keep calm", "en", "listen", "", "any", ["Stay calm."],
                   "A walrus is calm.")), encoding="utf-8")
    saved_kb(mini_kb, make_engine)
    engine = make_engine(mini_kb)
    assert engine.open_saved()
    assert ids(engine, "walrus") == ["live"]
    # The draft ranks first but must not take the one slot there is.
    assert [h.id for h in engine.search("walrus", limit=1)] == ["live"]
    assert "draft" not in [h.id for h in engine.search("")]
    drafts = make_engine(mini_kb)
    drafts.show_drafts = True  # the trainer's view
    assert drafts.open_saved()
    assert ids(drafts, "walrus") == ["draft", "live"]


def test_a_damaged_index_opened_quickly_is_still_rebuilt(mini_kb: Path,
                                                         make_engine: MakeEngine) -> None:
    saved_kb(mini_kb, make_engine)
    generation = IndexStore(mini_kb, make_engine(mini_kb).cache_dir).live_generation()
    assert generation is not None
    segment = max((p for p in generation.iterdir() if p.suffix not in (".toc", ".json")),
                  key=lambda p: p.stat().st_size)
    data = bytearray(segment.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 16] = bytes(255 - b for b in data[middle:middle + 16])
    segment.write_bytes(bytes(data))  # same size: only the deep check sees it
    engine = make_engine(mini_kb)
    engine.open_saved()  # may answer (or fail) from the damaged files for a moment
    stats = engine.ensure_index()
    assert stats.rebuilt
    assert ids(engine, "nagmumura")[0] == "swearing"


def test_an_index_changed_without_a_clean_close_starts_in_full(mini_kb: Path,
                                                              make_engine: MakeEngine,
                                                              no_scan: list[str]) -> None:
    """The directory names the index it was saved for: after an edit it no longer fits
    until the engine saves it again (at close)."""
    first = make_engine(mini_kb)
    first.ensure_index()
    vent = mini_kb / "en" / "vent.md"
    vent.write_text(vent.read_text("utf-8").replace("whole picture", "whole walrusy"),
                    encoding="utf-8")
    first.ensure_index()  # killed here: nothing saved for the new index
    assert not make_engine(mini_kb).open_saved()
    first.close()
    quick = make_engine(mini_kb)
    assert quick.open_saved()
    assert ids(quick, "walrusy") == ["vent"]


def test_the_session_reports_a_quick_start_as_unchecked(mini_kb: Path, cache_dir: Path,
                                                        make_engine: MakeEngine) -> None:
    saved_kb(mini_kb, make_engine)
    session = SearchSession(mini_kb, factory=lambda path: make_engine(path))
    outcome = session.open_saved()
    assert outcome is not None and not outcome.checked and outcome.engine is session.engine
    assert outcome.taxonomy.stage_ids[0] == "opening"
    checked = session.open()
    assert checked.checked and checked.engine is outcome.engine and checked.cards == 6
    assert session.open_saved() is None  # open already


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_the_cache_folder_is_checked_before_a_quick_start_reads_it(
        mini_kb: Path, make_engine: MakeEngine) -> None:
    """The index holds pickles: a folder another account could write is never read."""
    saved_kb(mini_kb, make_engine)
    folder = make_engine(mini_kb).index_dir
    folder.chmod(0o777)  # now others could have planted anything in it
    engine = make_engine(mini_kb)
    engine.open_saved()
    assert "refusing the index cache" in engine.notice
    assert not engine.index_dir.is_relative_to(folder)


def test_a_garbled_directory_is_dropped_and_saved_again(mini_kb: Path,
                                                        make_engine: MakeEngine) -> None:
    saved_kb(mini_kb, make_engine)
    generation = IndexStore(mini_kb, make_engine(mini_kb).cache_dir).live_generation()
    assert generation is not None
    [directory] = [p for p in generation.iterdir()
                   if p.name.startswith(quickopen.DIRECTORY_PREFIX)]
    directory.write_bytes(b"\x80garbage" * 64)
    assert not make_engine(mini_kb).open_saved()
    assert not directory.exists()
    make_engine(mini_kb).ensure_index()  # a full start saves it again
    assert directory.exists()
    assert make_engine(mini_kb).open_saved()


def test_saved_lengths_and_glossary_are_reused_and_a_changed_glossary_is_not(
        mini_kb: Path, make_engine: MakeEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.core import scoring, search

    saved_kb(mini_kb, make_engine)
    known: list[object] = []
    real_lengths = scoring.field_lengths

    def lengths(reader: object, fieldname: str, previous: object = None) -> object:
        known.append(previous)
        return real_lengths(reader, fieldname, previous)  # type: ignore[arg-type]

    built: list[object] = []
    real_build = search.Glossary.build

    def build(raw: list[tuple[str, ...]]) -> object:
        built.append(raw)
        return real_build(raw)

    monkeypatch.setattr(scoring, "field_lengths", lengths)
    monkeypatch.setattr(search.Glossary, "build", staticmethod(build))
    engine = make_engine(mini_kb)
    assert engine.open_saved()
    assert known and known[0] and built == []  # both read back, not worked out
    assert ids(engine, "cursing ")[0] == "swearing"  # a synonym from the saved glossary
    glossary = mini_kb / "glossary.md"
    glossary.write_text(glossary.read_text("utf-8") + "- walrus, refund\n", encoding="utf-8")
    fresh = make_engine(mini_kb)
    assert fresh.open_saved()
    assert len(built) == 1  # the glossary changed: built again
    assert "refund-chat" in ids(fresh, "walrus")
