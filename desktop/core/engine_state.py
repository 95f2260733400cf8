"""One index generation's search state, and the next one built from an index update."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core import analysis, docstore, quickopen, visibility, whoosh_seam
from desktop.core.cards import Card
from desktop.core.hits import Filters, Hit
from desktop.core.index import Document, ParsedFile, UpdateResult, document_tokens
from desktop.core.kb import KbSnapshot
from desktop.core.policy import Policy
from desktop.core.scoring import TermCache
from desktop.core.vocabulary import Glossary, Vocabulary
from desktop.core.whoosh_seam import reader_stamp

log = logging.getLogger(__name__)


@dataclass
class State:
    """Everything one index generation needs to answer searches."""

    snapshot: KbSnapshot
    files: dict[str, ParsedFile]
    docs: Mapping[str, Document]  # index key → card or passage
    generation: Path
    reader: Any  # the Whoosh reader, reused until the index changes
    terms: TermCache
    vocab: Vocabulary
    glossary: Glossary
    stage_order: dict[str, int]
    cards: dict[tuple[str, str], Card] = field(default_factory=dict)  # (id, lang) → card
    allow: dict[Filters, set[int] | None] = field(default_factory=dict)
    cache: OrderedDict[tuple[str, Filters, int], list[Hit]] = field(default_factory=OrderedDict)
    keys: dict[int, str] = field(default_factory=dict)  # document number → index key
    browsed: dict[tuple[Filters, int], list[Hit]] = field(default_factory=dict)
    policy: Policy | None = None  # the account policy the cached lists were made with
    vocab_saved: bool = True  # False once patched after an edit: saved again at close
    positions: dict[str, int] = field(default_factory=dict)  # card file → snapshot.cards index
    # A quick start's answers from the saved index, until the KB is checked (quickopen).
    saved: quickopen.SavedView | None = None
    directory_saved: bool = False  # the card directory of this reader is on disk

    def key_of(self, docnum: int) -> str:
        key = self.keys.get(docnum)
        if key is None:
            key = self.keys[docnum] = str(self.reader.stored_fields(docnum).get("key", ""))
        return key

    def __post_init__(self) -> None:
        if not self.cards:
            for card in reversed(self.snapshot.cards):  # the first of duplicate ids wins
                self.cards[(card.id, card.lang)] = card

    def close(self) -> None:
        self.reader.close()


class SavedLengths:
    """Stands in for an earlier TermCache of the same index: the per-segment field lengths
    saved with it, which TermCache reuses for every segment whose size still matches."""

    def __init__(self, segment_lengths: dict[str, list[int]]) -> None:
        self.segment_lengths = segment_lengths


def next_state(old: State | None, result: UpdateResult, show_drafts: bool) -> State:
    """The state after ``result``: the old one's reader, caches and vocabulary kept where
    the index did not change, patched after a small edit, else read afresh."""
    docs = _docs_of(old, result, show_drafts)
    snapshot, positions, cards = _patched_snapshot(old, result, docs) or \
        (*_snapshot_of(result, docs), {})
    stage_order = {s: n for n, s in enumerate(snapshot.taxonomy.stage_ids)}
    if old is not None and snapshot.glossary == old.snapshot.glossary:
        glossary = old.glossary
    else:
        glossary = Glossary.build(snapshot.glossary)
    if old is not None and not result.changed and old.generation == result.generation:
        # Same index: keep the reader, caches and vocabulary; refresh the files.
        same_glossary = glossary.groups == old.glossary.groups
        return State(snapshot, result.files, docs, old.generation, old.reader, old.terms,
                      old.vocab, glossary, stage_order, cards, allow=old.allow,
                      keys=old.keys, cache=old.cache if same_glossary else OrderedDict(),
                      policy=old.policy, vocab_saved=old.vocab_saved,
                      positions=positions, directory_saved=old.directory_saved)
    reader = whoosh_seam.open_generation(result.generation).reader()
    patched = False
    if old is not None and result.continued and old.generation == result.generation \
            and (result.changed_keys or result.removed_keys):
        vocab = _patched_vocab(old, result, snapshot)
        patched = True
    else:
        vocab = _vocabulary(reader, result.generation)
    previous = old.terms if old is not None and old.generation == result.generation else None
    return State(snapshot, result.files, docs, result.generation, reader,
                  TermCache(reader, previous=previous), vocab, glossary, stage_order, cards,
                  vocab_saved=not patched, positions=positions)


def _snapshot_of(result: UpdateResult, docs: dict[str, Document]
                 ) -> tuple[KbSnapshot, dict[str, int]]:
    """The KB as the engine shows it: the cards in ``docs`` (so no drafts for agents); and
    where each card file's card is in its list."""
    snapshot = KbSnapshot(root=result.root, taxonomy=result.taxonomy,
                          glossary=result.glossary, problems=list(result.problems))
    positions: dict[str, int] = {}
    for relative in sorted(result.files):
        parsed = result.files[relative]
        if parsed.cards:
            card = docs.get(relative)  # a card file's one index key is its path
            if isinstance(card, Card):
                positions[relative] = len(snapshot.cards)
                snapshot.cards.append(card)
        snapshot.passages.extend(parsed.passages)
    return snapshot, positions


def _patched_snapshot(old: State | None, result: UpdateResult, docs: dict[str, Document]
                      ) -> tuple[KbSnapshot, dict[str, int], dict[tuple[str, str], Card]] | None:
    """The old snapshot with edited cards swapped in place, and the (id, lang) → card map
    to match, when the update changed only cards that stay shown under the same id and
    language (a one-card edit on a large KB); None when it must be built again."""
    if old is None or not result.continued or old.generation != result.generation:
        return None
    relatives = _files_of(result.changed_keys | result.removed_keys)
    if not relatives:
        return None
    cards, by_key = list(old.snapshot.cards), dict(old.cards)
    for relative in relatives:
        position, parsed, card = old.positions.get(relative), result.files.get(relative), \
            docs.get(relative)
        if position is None or parsed is None or len(parsed.cards) != 1 or \
                not isinstance(card, Card):
            return None
        before = cards[position]
        if (before.id, before.lang) != (card.id, card.lang):
            return None
        cards[position] = card
        if by_key.get((card.id, card.lang)) is before:  # it was the first of its id
            by_key[(card.id, card.lang)] = card
    snapshot = KbSnapshot(root=result.root, cards=cards, passages=list(old.snapshot.passages),
                          problems=list(result.problems), taxonomy=result.taxonomy,
                          glossary=result.glossary)
    return snapshot, old.positions, by_key


def _docs_of(old: State | None, result: UpdateResult, show_drafts: bool
             ) -> dict[str, Document]:
    """Index key → card or passage as shown (core/visibility.py): the old map patched when
    the update says exactly what changed (a one-card edit on a large KB), else built from
    every file."""
    if old is None or not result.continued or old.generation != result.generation:
        return visibility.visible_documents(
            {key: doc for parsed in result.files.values() for key, doc in parsed.documents()},
            show_drafts)
    docs = dict(old.docs)
    for key in result.removed_keys:
        docs.pop(key, None)
    for relative in _files_of(result.changed_keys | result.removed_keys):
        parsed = result.files.get(relative)
        if parsed is not None:
            docs.update(visibility.visible_documents(dict(parsed.documents()), show_drafts))
    return docs


def _files_of(keys: set[str]) -> set[str]:
    return {key.split("#", 1)[0] for key in keys}


def _vocabulary(reader: Any, generation: Path) -> Vocabulary:
    """The index's vocabulary: saved beside the index for exactly this reader, else read
    from Whoosh (slow on a large KB) and saved for the next cold start."""
    stamp = reader_stamp(reader)
    saved = docstore.load_vocabulary(generation, stamp)
    if saved is not None:
        return Vocabulary(*saved)
    vocab = Vocabulary.from_reader(reader)
    save_vocabulary(reader, generation, vocab)
    return vocab


def save_directory(state: State, stamp: str, show_drafts: bool) -> None:
    try:
        # The agents' view: the state's own documents unless it shows drafts.
        shown = None if show_drafts else state.docs
        extras = quickopen.Extras(state.terms.segment_lengths,
                                  (state.snapshot.glossary, state.glossary))
        quickopen.save_for(state.generation, stamp, state.files, state.stage_order,
                           state.snapshot.taxonomy, shown, extras)
        state.directory_saved = True
    except OSError as exc:  # only a cache: the next start is a full one
        log.info("could not save the card directory: %s", exc)


def save_vocabulary(reader: Any, generation: Path, vocab: Vocabulary) -> None:
    try:
        docstore.save_vocabulary(generation, reader_stamp(reader), vocab.terms, vocab.df)
    except OSError as exc:  # only a cache: the next start reads Whoosh again
        log.info("could not save the vocabulary: %s", exc)


def _patched_vocab(old: State, result: UpdateResult, snapshot: KbSnapshot) -> Vocabulary:
    """The old vocabulary with the changed documents' terms taken out and put back in.

    Cheaper than re-reading the term list after a one-card edit on a large KB.
    """
    vocab = old.vocab.copy()  # the old one may be in use by a search right now
    for key in result.removed_keys:
        doc = _indexed_doc(old.files, key)
        if doc is not None:
            for term in document_tokens(doc, old.snapshot.taxonomy):
                if analysis.is_exact(term):
                    vocab.add(term, -1)
    for key in result.changed_keys:
        doc = _indexed_doc(result.files, key)
        if doc is not None:
            for term in document_tokens(doc, snapshot.taxonomy):
                if analysis.is_exact(term):
                    vocab.add(term, +1)
    return vocab


def _indexed_doc(files: dict[str, ParsedFile], key: str) -> Document | None:
    """A card or passage as indexed, drafts included: Whoosh's term list, which the
    vocabulary stands in for, counts every indexed document, hidden or not."""
    parsed = files.get(key.split("#", 1)[0])
    return dict(parsed.documents()).get(key) if parsed is not None else None
