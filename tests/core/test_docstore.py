"""The parsed KB kept beside the index: a cold start reads it instead of parsing every file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core import docstore
from desktop.core import index as index_module
from desktop.core import updates as updates_module
from desktop.core.index import IndexStore
from desktop.core.search import Engine

MakeEngine = Callable[[Path], Engine]


def parse_counter(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    original = updates_module.parse_file

    def counting(file: index_module.ScannedFile) -> index_module.ParsedFile:
        parsed.append(file.relative)
        return original(file)

    monkeypatch.setattr(updates_module, "parse_file", counting)  # what an update calls
    return parsed


def generation_of(engine: Engine) -> Path:
    generation = IndexStore(engine.kb_dir, engine.cache_dir).live_generation()
    assert generation is not None
    return generation


def test_a_cold_start_reads_the_store_not_the_files(mini_kb: Path, make_engine: MakeEngine,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    first = make_engine(mini_kb)
    first.ensure_index()
    assert (generation_of(first) / docstore.STORE_NAME).is_file()
    parsed = parse_counter(monkeypatch)
    cold = make_engine(mini_kb)
    cold.ensure_index()
    assert parsed == []
    assert [h.id for h in cold.search("nagmumura")][:1] == ["swearing"]
    assert cold.snapshot.cards == first.snapshot.cards
    assert cold.snapshot.passages == first.snapshot.passages
    card = cold.card("vent", "en")
    assert card is not None and card.path == mini_kb.resolve() / "en" / "vent.md"
    assert card.meta_lines == first.card("vent", "en").meta_lines  # type: ignore[union-attr]


def test_files_changed_since_are_parsed_again(mini_kb: Path, make_engine: MakeEngine,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    make_engine(mini_kb).ensure_index()
    vent = mini_kb / "en" / "vent.md"
    vent.write_text(vent.read_text("utf-8") + "\nThe narwhal line.\n", encoding="utf-8")
    parsed = parse_counter(monkeypatch)
    cold = make_engine(mini_kb)
    cold.ensure_index()
    assert parsed == ["en/vent.md"]
    assert [h.id for h in cold.search("narwhal")] == ["vent"]


@pytest.mark.parametrize("content", [b"", b"{", b'{"version": 2, "files": {"en/vent.md": 3}}',
                                     b'{"version": 99, "files": {}}', b"\xff\xfe"])
def test_a_damaged_store_only_costs_a_parse(mini_kb: Path, make_engine: MakeEngine,
                                            monkeypatch: pytest.MonkeyPatch,
                                            content: bytes) -> None:
    first = make_engine(mini_kb)
    first.ensure_index()
    (generation_of(first) / docstore.STORE_NAME).write_bytes(content)
    parsed = parse_counter(monkeypatch)
    cold = make_engine(mini_kb)
    stats = cold.ensure_index()
    assert not stats.rebuilt and len(parsed) == 13
    assert [h.id for h in cold.search("refund")][:1] == ["refund-chat"]


def test_problems_survive_the_store(bad_kb: Path, make_engine: MakeEngine) -> None:
    first = make_engine(bad_kb)
    first.ensure_index()
    cold = make_engine(bad_kb)
    cold.ensure_index()
    names = {p.path.name for p in cold.snapshot.problems}
    assert {"latin1.md", "utf16.md", "binary.md", "empty.md", "huge.md"} <= names


def test_a_cold_start_reads_the_saved_vocabulary(mini_kb: Path, make_engine: MakeEngine,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.core.vocabulary import Vocabulary

    first = make_engine(mini_kb)
    first.ensure_index()
    assert (generation_of(first) / docstore.VOCABULARY_NAME).is_file()
    assert first._state is not None
    read_from_whoosh: list[int] = []
    original = Vocabulary.from_reader.__func__  # type: ignore[attr-defined]

    def counting(cls: type[Vocabulary], reader: object) -> Vocabulary:
        read_from_whoosh.append(1)
        return original(cls, reader)  # type: ignore[no-any-return]

    monkeypatch.setattr(Vocabulary, "from_reader", classmethod(counting))
    cold = make_engine(mini_kb)
    cold.ensure_index()
    assert read_from_whoosh == []
    assert cold._state is not None and cold._state.vocab.df == first._state.vocab.df
    assert cold._state.vocab.terms == first._state.vocab.terms
    assert [h.id for h in cold.search("nagmumu")][:1] == ["swearing"]


@pytest.mark.parametrize("content", [b"{", b'{"version": 2, "stamp": "x", "terms": [], "df": []}',
                                     b"[]", b'{"version": 2, "terms": ["b", "a"], "df": [1, 1]}'])
def test_a_stale_or_garbled_vocabulary_is_read_again(mini_kb: Path, make_engine: MakeEngine,
                                                     content: bytes) -> None:
    first = make_engine(mini_kb)
    first.ensure_index()
    assert first._state is not None
    (generation_of(first) / docstore.VOCABULARY_NAME).write_bytes(content)
    cold = make_engine(mini_kb)
    cold.ensure_index()
    assert cold._state is not None and cold._state.vocab.df == first._state.vocab.df
    assert [h.id for h in cold.search("refun")][:1] == ["refund-chat"]


def test_an_edited_vocabulary_is_saved_at_close(mini_kb: Path, make_engine: MakeEngine,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.core.vocabulary import Vocabulary

    engine = make_engine(mini_kb)
    engine.ensure_index()
    vent = mini_kb / "en" / "vent.md"
    vent.write_text(vent.read_text("utf-8") + "\nThe okapi line.\n", encoding="utf-8")
    engine.ensure_index()  # a one-card edit: the vocabulary is patched in memory
    engine.close()
    monkeypatch.setattr(Vocabulary, "from_reader", classmethod(lambda cls, reader: 1 / 0))
    cold = make_engine(mini_kb)
    cold.ensure_index()  # would divide by zero if it walked Whoosh's terms
    assert [h.id for h in cold.search("okap")] == ["vent"]
