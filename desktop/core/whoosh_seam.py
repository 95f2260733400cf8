"""Every use of Whoosh's private API, in one place, each with the public way beside it."""

from __future__ import annotations

import os
from array import array
from collections.abc import Iterable
from itertools import accumulate
from typing import Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile
from whoosh.reading import TermNotFound

# Whoosh 2.7 (whoosh-reloaded 2.7.5): what the fast paths below rely on. tests/core/
# test_whoosh_seam.py checks them against the public matcher API on real indexes, so an
# upgrade that changes them fails a test instead of silently slowing down or lying.
_BLOCK_MATCHER_API = ("_read_ids", "_read_weights", "_next_block", "_ids", "_weights",
                      "_read_data", "_data", "_byteids", "_blocklength")


class _WholeFileStorage(FileStorage):
    """Reads each index file whole and closes it at once: no file stays open or mapped.

    Whoosh's default mmap cannot be unmapped while memoryviews of a segment are alive, so
    it is left to garbage collection, and on Windows an open or mapped .seg file cannot be
    deleted or replaced (next generation, cache clean-up, uninstall). The index is a few
    MB and searches read it from memory as fast as from the map. (Public way: open_dir.)
    """

    def open_file(self, name: str, **kwargs: Any) -> Any:
        with open(self._fpath(name), "rb") as handle:
            return BufferFile(handle.read(), name=name, **kwargs)


def open_generation(generation: os.PathLike[str] | str) -> Any:
    """One generation's Whoosh index, holding no file handles (see _WholeFileStorage)."""
    return _WholeFileStorage(os.fspath(generation), supports_mmap=False).open_index()


def read_postings(reader: Any, fieldname: str, token: str) -> tuple[list[int], list[float]]:
    """All (docnum, weight) postings of one term, deleted documents left out.

    Decodes whole blocks at a time (the per-posting matcher API costs ~0.5 µs a posting,
    too slow for the few common terms a short prefix expands to on a large KB).
    """
    ids: list[int] = []
    weights: list[float] = []
    raw = token.encode("utf-8")
    for leaf, offset in reader.leaf_readers():
        terms = getattr(leaf, "_terms", None)  # None: an empty index's reader
        if terms is None:
            if (fieldname, raw) not in leaf:
                continue
            matcher = leaf.postings(fieldname, raw)
        else:
            try:  # one term lookup (asking ``in leaf`` first would be a second)
                matcher = terms.matcher(fieldname, raw, leaf.schema[fieldname].format)
            except TermNotFound:
                continue
        deleted = leaf.deleted_docs_set if leaf.has_deletions() else frozenset()
        leaf_ids, leaf_weights = drain(matcher)
        if deleted:
            pairs = [(d, w) for d, w in zip(leaf_ids, leaf_weights, strict=True)
                     if d not in deleted]
            leaf_ids, leaf_weights = [d for d, _ in pairs], [w for _, w in pairs]
        ids.extend(d + offset for d in leaf_ids) if offset else ids.extend(leaf_ids)
        weights.extend(leaf_weights)
    return ids, weights


def delete_documents_with(writer: Any, fieldname: str, values: Iterable[str]) -> int:
    """Delete every document with one of ``values`` in ``fieldname``; how many went.

    What ``writer.delete_by_term`` does for each value, through one reader, and without
    importing whoosh.query (20 ms the first time: it would land in the first edit after
    a start). (Public way: delete_by_term.)
    """
    reader = writer.reader()
    count = 0
    try:
        for value in values:
            for docnum in read_postings(reader, fieldname, value)[0]:
                writer.delete_document(docnum)
                count += 1
    finally:
        reader.close()
    return count


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
    kind = type(matcher)
    found = _block_api.get(kind)
    if found is None:
        found = _block_api[kind] = all(hasattr(matcher, name) for name in _BLOCK_MATCHER_API)
    return found


_block_api: dict[type, bool] = {}


def drain(matcher: Any) -> tuple[list[int], list[float]]:
    """Every (id, weight) of a matcher, a block at a time when it is a block matcher."""
    ids: list[int] = []
    weights: list[float] = []
    if has_block_api(matcher):
        while matcher.is_active():
            _drain_block(matcher, ids, weights)
            matcher._next_block()
        return ids, weights
    while matcher.is_active():  # any other matcher: the slow, public way
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def _drain_block(matcher: Any, ids: list[int], weights: list[float]) -> None:
    """One block's ids and weights. Whoosh keeps a block as (delta-coded ids, weights,
    values): the deltas are summed in C here (Whoosh's _read_ids sums them in a Python
    generator, most of the decoding time); anything else goes through Whoosh's readers."""
    if matcher._data is None:
        matcher._read_data()
    raw_ids, raw_weights = matcher._data[0], matcher._data[1]
    if matcher._byteids:
        matcher._read_ids()
        ids.extend(matcher._ids)
    else:
        ids.extend(accumulate(raw_ids))
    if isinstance(raw_weights, array):
        weights.extend(raw_weights)
    elif raw_weights is None or isinstance(raw_weights, float):
        weights.extend([1.0 if raw_weights is None else raw_weights] * matcher._blocklength)
    else:
        matcher._read_weights()
        weights.extend(matcher._weights)


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


def reader_stamp(reader: Any) -> str:
    """Names what a reader sees: its segments, their sizes and deletions (public API)."""
    parts = []
    for leaf, _offset in reader.leaf_readers():
        segment = getattr(leaf, "segment", None)
        found = segment() if callable(segment) else None
        segment_id = str(found.segment_id()) if found is not None else "-"
        parts.append(f"{segment_id}:{leaf.doc_count_all()}:{leaf.doc_count()}")
    return ";".join(parts)


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


def rebuild_codec() -> Any:
    """Whoosh's own codec, tuned for a full rebuild: light compression, and no per-posting
    document-length statistics for the small fields (they only feed Whoosh's own scorers,
    which Kalma does not use). Both are plain instance settings of Whoosh's class."""
    from whoosh.codec.whoosh3 import W3Codec

    codec = W3Codec(compression=1)
    codec.length_stats = False
    return codec


class AnalysedTextWriter:
    """Adds documents to a new Whoosh segment, one field already analysed.

    ``add`` takes the small fields as Whoosh field values and the big one as token →
    weight. Postings are kept here and written field by field, term by term, through the
    segment's own field writer just before Whoosh closes it; stored values and lengths
    go to its per-document writer. Whoosh's per-document analysis chain, posting pool and
    sort are skipped (most of the time of a full rebuild). The files are ordinary Whoosh
    files: test_whoosh_seam checks they read back exactly as ``add_document`` makes them.

    Only for a fresh segment with nothing merged into it.
    """

    def __init__(self, writer: Any, fieldname: str) -> None:
        schema = writer.schema
        if any(schema[name].column_type or schema[name].vector for name in schema.names()):
            raise ValueError("columns and vectors are not supported")
        self.writer = writer
        self.fieldname = fieldname
        self.field = schema[fieldname]
        self._small: dict[str, dict[bytes, tuple[list[int], list[float], list[bytes]]]] = {}
        self._indexed: dict[tuple[str, str], tuple[tuple[bytes, int, float, bytes], ...]] = {}
        self._postings: dict[str, tuple[list[int], list[float]]] = {}
        self._lengths: dict[int, int] = {}
        self._one = _pack_uint(1)  # the frequency value Whoosh's Frequency format stores
        close = writer.fieldwriter.close

        def close_after_our_fields() -> None:
            self._write_postings()
            close()

        writer.fieldwriter.close = close_after_our_fields

    def add(self, fields: dict[str, str], weights: dict[str, int]) -> None:
        """What ``writer.add_document(**fields, text=...)`` does, without re-analysing."""
        writer = self.writer
        schema = writer.schema
        docnum = writer.docnum
        perdoc = writer.perdocwriter
        perdoc.start_doc(docnum)
        for name in sorted(fields):
            field = schema[name]
            length = self._add_small(name, fields[name], docnum) if field.indexed else 0
            perdoc.add_field(name, field, fields[name] if field.stored else None,
                             length if field.scorable else 0)
        if weights:
            length = len(weights)  # every token once, as add_document would count it
            perdoc.add_field(self.fieldname, self.field, None, length)
            self._lengths[docnum] = length
            postings = self._postings
            for token, weight in weights.items():
                entry = postings.get(token)
                if entry is None:
                    postings[token] = ([docnum], [float(weight)])
                else:
                    entry[0].append(docnum)
                    entry[1].append(float(weight))
        perdoc.finish_doc()
        writer.docnum += 1
        writer._added = True

    def _add_small(self, name: str, value: str, docnum: int) -> int:
        key = (name, value)
        items = self._indexed.get(key)
        if items is None:  # kinds, languages, stages and tags repeat: analyse each once
            items = self._indexed[key] = tuple(
                (t, f, w, v or b"") for t, f, w, v in self.writer.schema[name].index(value))
        terms = self._small.setdefault(name, {})
        length = 0
        for raw, freq, weight, vbytes in items:
            length += freq
            entry = terms.get(raw)
            if entry is None:
                terms[raw] = ([docnum], [weight], [vbytes])
            else:
                entry[0].append(docnum)
                entry[1].append(weight)
                entry[2].append(vbytes)
        return length

    def _write_postings(self) -> None:
        fieldwriter = self.writer.fieldwriter
        for name in sorted({*self._small, *([self.fieldname] if self._postings else [])}):
            fieldwriter.start_field(name, self.writer.schema[name])
            if name == self.fieldname:
                self._write_text(fieldwriter)
            else:
                for raw, (ids, weights, values) in sorted(self._small[name].items()):
                    fieldwriter.start_term(raw)
                    for docnum, weight, vbytes in zip(ids, weights, values, strict=True):
                        fieldwriter.add(docnum, weight, vbytes, 0)
                    fieldwriter.finish_term()
            fieldwriter.finish_field()
        self._small.clear()
        self._postings.clear()

    def _write_text(self, fieldwriter: Any) -> None:
        lengths, one = self._lengths, self._one
        for raw, token in sorted((token.encode("utf-8"), token) for token in self._postings):
            ids, weights = self._postings[token]
            fieldwriter.start_term(raw)
            _add_postings(fieldwriter._postwriter, ids, weights, one, lengths)
            fieldwriter.finish_term()


def _add_postings(postwriter: Any, ids: list[int], weights: list[float], value: bytes,
                  lengths: dict[int, int]) -> None:
    """What W3PostingsWriter.add_posting does for each posting, a block at a time:
    fill the block buffer up to the block limit, write it out when full, and keep the
    block's max weight and min/max length up to date."""
    limit = postwriter._blocklimit
    start, total = 0, len(ids)
    while start < total:
        if len(postwriter._ids) >= limit:
            postwriter._write_block()
        room = limit - len(postwriter._ids)
        chunk_ids = ids[start:start + room]
        chunk_weights = weights[start:start + room]
        postwriter._ids.extend(chunk_ids)
        postwriter._weights.extend(chunk_weights)
        postwriter._values.extend([value] * len(chunk_ids))
        heaviest = max(chunk_weights)
        if heaviest > postwriter._maxweight:
            postwriter._maxweight = heaviest
        chunk_lengths = [lengths[d] for d in chunk_ids]
        shortest, longest = min(chunk_lengths), max(chunk_lengths)
        if postwriter._minlength is None or shortest < postwriter._minlength:
            postwriter._minlength = shortest
        if longest > postwriter._maxlength:
            postwriter._maxlength = longest
        start += len(chunk_ids)


def _pack_uint(value: int) -> bytes:
    from whoosh.system import pack_uint

    return bytes(pack_uint(value))
