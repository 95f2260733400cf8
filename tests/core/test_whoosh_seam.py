"""The private Whoosh fast paths agree with Whoosh's public API (issue 10: one seam)."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from desktop.bench import make_synthetic_kb
from desktop.core import whoosh_seam
from desktop.core.index import IndexStore
from desktop.core.search import Engine

MakeEngine = Callable[[Path], Engine]
CORE = Path(__file__).resolve().parents[2] / "desktop" / "core"
PRIVATE_NAMES = {"_segments", "_pattern", "_segment_pattern", "_terms", "_read_ids",
                 "_read_weights", "_next_block", "_ids", "_weights"}


def every_term_agrees(engine: Engine) -> int:
    generation = IndexStore(engine.kb_dir, engine.cache_dir).live_generation()
    assert generation is not None
    ix = whoosh_index.open_dir(str(generation))
    checked = 0
    try:
        with ix.reader() as reader:
            for fieldname, raw in reader.all_terms():
                token = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
                fast = whoosh_seam.read_postings(reader, fieldname, token)
                assert fast == whoosh_seam.public_postings(reader, fieldname, token), token
                checked += 1
            lengths, _ = whoosh_seam.field_lengths(reader, "text")
            assert lengths == [reader.doc_field_length(n, "text", 0) or 0
                               for n in range(reader.doc_count_all())]
    finally:
        ix.close()
    return checked


def test_every_term_of_the_shipped_kb(bundled_kb: Path, make_engine: MakeEngine) -> None:
    engine = make_engine(bundled_kb)
    engine.ensure_index()
    assert every_term_agrees(engine) > 5000


def test_every_term_of_a_synthetic_kb_with_segments_and_deletions(
        tmp_path: Path, make_engine: MakeEngine) -> None:
    kb = make_synthetic_kb(tmp_path / "kb", 600)
    engine = make_engine(kb)
    engine.ensure_index()
    for n, card in enumerate(sorted((kb / "en").glob("*.md"))[:12]):
        text = card.read_text(encoding="utf-8")
        card.write_text(text + f"\nEdited walrus{n} line.\n", encoding="utf-8")
        engine.ensure_index()  # each edit: a new segment, the old document deleted
    ix = whoosh_index.open_dir(str(IndexStore(kb, engine.cache_dir).live_generation()))
    try:
        with ix.reader() as reader:
            assert len(reader.leaf_readers()) > 1
            assert any(leaf.has_deletions() for leaf, _ in reader.leaf_readers())
        assert whoosh_seam.segment_count(ix) == len(ix.reader().leaf_readers())
    finally:
        ix.close()
    assert every_term_agrees(engine) > 1000


def test_the_block_matcher_api_is_there(bundled_kb: Path, make_engine: MakeEngine) -> None:
    """If Whoosh drops these, read_postings would fall back to the slow path silently."""
    engine = make_engine(bundled_kb)
    engine.ensure_index()
    ix = whoosh_index.open_dir(str(IndexStore(bundled_kb, engine.cache_dir).live_generation()))
    try:
        with ix.reader() as reader:
            leaf = reader.leaf_readers()[0][0]
            common = max(reader.iter_field("text"), key=lambda t: t[1].doc_frequency())[0]
            matcher = leaf._terms.matcher("text", common, leaf.schema["text"].format)
            assert whoosh_seam.has_block_api(matcher)
            names = whoosh_seam.live_index_file_names(ix)
            assert any(n.endswith(".toc") for n in names) and len(names) >= 2
    finally:
        ix.close()


@pytest.mark.parametrize("module", sorted(p.name for p in CORE.glob("*.py")
                                          if p.name != "whoosh_seam.py"))
def test_no_other_module_touches_whoosh_privates(module: str) -> None:
    tree = ast.parse((CORE / module).read_text(encoding="utf-8"))
    used = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
            and node.attr in PRIVATE_NAMES}
    assert used == set(), f"{module} uses Whoosh internals {used}; go through whoosh_seam"


def test_the_analysed_text_writer_writes_what_add_document_writes(bundled_kb: Path,
                                                                   tmp_path: Path) -> None:
    from desktop.core.index import analysed_fields, index_fields, make_schema, parse_file
    from desktop.core.kb import check_kb_dir
    from desktop.core.kbfs import scan
    from desktop.core.taxonomy import load_taxonomy

    root = check_kb_dir(bundled_kb)
    taxonomy = load_taxonomy(root)
    documents = [(key, parsed.relative, doc) for parsed in map(parse_file, scan(root, []))
                 for key, doc in parsed.documents()]
    (tmp_path / "slow").mkdir()
    (tmp_path / "fast").mkdir()
    slow = whoosh_index.create_in(str(tmp_path / "slow"), make_schema())
    writer = slow.writer()
    for key, relative, doc in documents:
        writer.add_document(**index_fields(key, relative, doc, taxonomy))
    writer.commit()
    fast = whoosh_index.create_in(str(tmp_path / "fast"), make_schema())
    writer = fast.writer(codec=whoosh_seam.rebuild_codec())  # as index.py rebuilds
    analysed = whoosh_seam.AnalysedTextWriter(writer, "text")
    for key, relative, doc in documents:
        analysed.add(*analysed_fields(key, relative, doc, taxonomy))
    writer.commit()
    with slow.reader() as a, fast.reader() as b:
        terms = list(a.all_terms())
        assert terms == list(b.all_terms()) and len(terms) > 5000
        for fieldname, raw in terms:
            token = raw.decode("utf-8")
            assert whoosh_seam.public_postings(a, fieldname, token) == \
                whoosh_seam.public_postings(b, fieldname, token), token
            assert a.doc_frequency(fieldname, raw) == b.doc_frequency(fieldname, raw)
        assert whoosh_seam.field_lengths(a, "text")[0] == whoosh_seam.field_lengths(b, "text")[0]
        assert a.field_length("text") == b.field_length("text")
        assert list(a.all_stored_fields()) == list(b.all_stored_fields())
    slow.close()
    fast.close()


def test_deleting_by_value_deletes_what_delete_by_term_deletes(
        tmp_path: Path, make_engine: MakeEngine) -> None:
    import shutil

    kb = make_synthetic_kb(tmp_path / "kb", 300)
    engine = make_engine(kb)
    engine.ensure_index()
    cards = sorted((kb / "en").glob("*.md"))
    for n, card in enumerate(cards[:3]):  # segments, and deletions in the first one
        card.write_text(card.read_text(encoding="utf-8") + f"\nEdited {n}.\n",
                        encoding="utf-8")
        engine.ensure_index()
    live = IndexStore(kb, engine.cache_dir).live_generation()
    assert live is not None
    engine.close()
    # The first file was edited (old copy deleted, new one in a later segment), the fourth
    # never was, and the last one is not a file of this KB.
    values = [f"en/{cards[0].name}", f"en/{cards[3].name}", "en/no-such-card.md"]
    deleted = {}
    for way in ("public", "seam"):
        copy = tmp_path / way
        shutil.copytree(live, copy)
        ix = whoosh_index.open_dir(str(copy))
        writer = ix.writer()
        if way == "public":
            count = sum(writer.delete_by_term("file", value) for value in values)
        else:
            count = whoosh_seam.delete_documents_with(writer, "file", values)
        writer.commit()
        with ix.reader() as reader:
            deleted[way] = (count, sorted(set(range(reader.doc_count_all()))
                                          - set(reader.all_doc_ids())))
        ix.close()
    assert deleted["seam"] == deleted["public"]
    assert deleted["seam"][0] == 2
