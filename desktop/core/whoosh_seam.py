"""Every use of Whoosh's private API, in one place, each with the public way beside it."""

from __future__ import annotations

import os
from typing import Any

from whoosh import index as whoosh_index

# Whoosh 2.7 (whoosh-reloaded 2.7.5): what the fast paths below rely on. tests/core/
# test_whoosh_seam.py checks them against the public matcher API on real indexes, so an
# upgrade that changes them fails a test instead of silently slowing down or lying.
_BLOCK_MATCHER_API = ("_read_ids", "_read_weights", "_next_block", "_ids", "_weights")


def read_postings(reader: Any, fieldname: str, token: str) -> tuple[list[int], list[float]]:
    """All (docnum, weight) postings of one term, deleted documents left out.

    Decodes whole blocks at a time (the per-posting matcher API costs ~0.5 µs a posting,
    too slow for the few common terms a short prefix expands to on a large KB).
    """
    ids: list[int] = []
    weights: list[float] = []
    raw = token.encode("utf-8")
    for leaf, offset in reader.leaf_readers():
        if (fieldname, raw) not in leaf:
            continue
        deleted = leaf.deleted_docs_set if leaf.has_deletions() else frozenset()
        matcher = leaf._terms.matcher(fieldname, raw, leaf.schema[fieldname].format)
        leaf_ids, leaf_weights = drain(matcher)
        if deleted:
            pairs = [(d, w) for d, w in zip(leaf_ids, leaf_weights, strict=True)
                     if d not in deleted]
            leaf_ids, leaf_weights = [d for d, _ in pairs], [w for _, w in pairs]
        ids.extend(d + offset for d in leaf_ids) if offset else ids.extend(leaf_ids)
        weights.extend(leaf_weights)
    return ids, weights


def public_postings(reader: Any, fieldname: str, token: str) -> tuple[list[int], list[float]]:
    """The same as ``read_postings`` through Whoosh's public matcher API (the reference)."""
    ids: list[int] = []
    weights: list[float] = []
    raw = token.encode("utf-8")
    if (fieldname, raw) not in reader:
        return ids, weights
    matcher = reader.postings(fieldname, raw)
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def has_block_api(matcher: Any) -> bool:
    return all(hasattr(matcher, name) for name in _BLOCK_MATCHER_API)


def drain(matcher: Any) -> tuple[list[int], list[float]]:
    """Every (id, weight) of a matcher, a block at a time when it is a block matcher."""
    ids: list[int] = []
    weights: list[float] = []
    if has_block_api(matcher):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            matcher._next_block()
        return ids, weights
    while matcher.is_active():  # any other matcher: the slow, public way
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def field_lengths(reader: Any, fieldname: str, known: dict[str, list[int]] | None = None
                  ) -> tuple[list[int], dict[str, list[int]]]:
    """Length of ``fieldname`` for every document number, and the same per segment.

    A document with nothing in the field has length 0 (Whoosh answers None). Segments
    never change once written, so ``known`` (the per-segment lengths of an earlier reader)
    saves re-reading all but the segment an incremental update just added.
    """
    lengths: list[int] = []
    by_segment: dict[str, list[int]] = {}
    for leaf, _offset in reader.leaf_readers():
        segment = getattr(leaf, "segment", None)
        found = segment() if callable(segment) else None  # None: an empty index
        segment_id = str(found.segment_id()) if found is not None else ""
        leaf_lengths = (known or {}).get(segment_id) if segment_id else None
        if leaf_lengths is None or len(leaf_lengths) != leaf.doc_count_all():
            leaf_lengths = [leaf.doc_field_length(n, fieldname, 0) or 0
                            for n in range(leaf.doc_count_all())]
        if segment_id:
            by_segment[segment_id] = leaf_lengths
        lengths.extend(leaf_lengths)
    return lengths, by_segment


def segment_count(ix: Any) -> int:
    """Segments of the latest generation (Whoosh has no public count without a reader)."""
    return len(ix._segments())


def live_index_file_names(ix: Any) -> set[str]:
    """Names of the files the index's latest TOC and its segments use (not older ones)."""
    generation = ix.latest_generation()
    segment_ids = {segment.segment_id() for segment in ix._segments()}
    toc_re = whoosh_index.TOC._pattern(ix.indexname)
    segment_re = whoosh_index.TOC._segment_pattern(ix.indexname)
    names: set[str] = set()
    for name in os.listdir(ix.storage.folder):
        toc = toc_re.match(name)
        segment = segment_re.match(name)
        if (toc and int(toc.group(1)) == generation) or (segment and segment.group(1)
                                                          in segment_ids):
            names.add(name)
    return names
