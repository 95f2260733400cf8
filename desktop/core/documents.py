"""KB files as index documents: one file parsed, its weighted tokens and its Whoosh fields."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from whoosh.analysis import DelimitedAttributeFilter, SpaceSeparatedTokenizer
from whoosh.fields import ID, KEYWORD, TEXT, Schema

from desktop.core import analysis, frontmatter, kbfs
from desktop.core.cards import (
    Card,
    KbFileError,
    Passage,
    parse_card,
    split_document,
)
from desktop.core.kb import FileProblem, is_card_path
from desktop.core.kbfs import ScannedFile
from desktop.core.taxonomy import Taxonomy

TITLE_WEIGHT, SAY_WEIGHT, TAG_WEIGHT, BODY_WEIGHT = 3, 2, 2, 1

Document = Card | Passage


def make_schema() -> Schema:
    # Only Whoosh's own classes go in the schema: Whoosh pickles it into the index.
    text_analyzer = SpaceSeparatedTokenizer() | DelimitedAttributeFilter(analysis.BOOST_SEP)
    return Schema(
        key=ID(stored=True, unique=True),  # relative path, plus "#n" for document passages
        file=ID(),  # relative path: deletes every document of one file
        kind=ID(),
        lang=ID(),
        stage=ID(),
        channel=ID(),
        tags=KEYWORD(),
        text=TEXT(analyzer=text_analyzer, phrase=False),
    )


@dataclass(frozen=True)
class ParsedFile:
    """One KB file as read: its cards or passages, or the problem that stopped it."""

    relative: str
    mtime_ns: int
    size: int
    sha1: str
    cards: tuple[Card, ...] = ()
    passages: tuple[Passage, ...] = ()
    problem: FileProblem | None = None
    ctime_ns: int = 0

    def same_stat(self, file: ScannedFile) -> bool:
        return (self.mtime_ns, self.size, self.ctime_ns) == (file.mtime_ns, file.size,
                                                              file.ctime_ns)

    def documents(self) -> list[tuple[str, Document]]:
        """(index key, card or passage) pairs."""
        if self.cards:
            return [(self.relative, card) for card in self.cards]
        return [(f"{self.relative}#{p.index}", p) for p in self.passages]


def parse_file(file: ScannedFile) -> ParsedFile:
    """Read and parse one file; never raises for bad content."""
    digest = ""
    try:
        raw = kbfs.read_bytes(file.path)
        digest = hashlib.sha1(raw).hexdigest()
        text = kbfs.decode_kb_bytes(file.path, raw)
        if is_card_path(file.relative) or frontmatter.has_front_matter(text):
            return _parsed(file, digest, cards=(parse_card(file.path, text),))
        return _parsed(file, digest, passages=tuple(split_document(file.path, text)))
    except KbFileError as exc:
        return _parsed(file, digest, problem=FileProblem(exc.path, exc.line, "error",
                                                         exc.message))


def _parsed(file: ScannedFile, digest: str, cards: tuple[Card, ...] = (),
            passages: tuple[Passage, ...] = (), problem: FileProblem | None = None
            ) -> ParsedFile:
    return ParsedFile(file.relative, file.mtime_ns, file.size, digest, cards, passages,
                      problem, file.ctime_ns)


def document_tokens(doc: Document, taxonomy: Taxonomy) -> dict[str, int]:
    """Marked index tokens of a card or passage → weight (title 3, Say 2, the rest 1)."""
    if isinstance(doc, Card):
        parts = [(doc.title, TITLE_WEIGHT), (" ".join(doc.say), SAY_WEIGHT),
                 (_tag_names(doc, taxonomy), TAG_WEIGHT), (_card_body(doc, taxonomy), BODY_WEIGHT)]
    else:
        parts = [(doc.heading, TITLE_WEIGHT), (doc.text, BODY_WEIGHT)]
    return analysis.weighted_tokens(parts, filipino=doc.lang == "fil")


def index_fields(key: str, relative: str, doc: Document, taxonomy: Taxonomy) -> dict[str, str]:
    """The Whoosh fields of one card or passage."""
    fields, weights = analysed_fields(key, relative, doc, taxonomy)
    return {**fields, "text": analysis.field_value(weights)}


def analysed_fields(key: str, relative: str, doc: Document, taxonomy: Taxonomy
                    ) -> tuple[dict[str, str], dict[str, int]]:
    """The small Whoosh fields of one card or passage, and its text as token → weight."""
    if isinstance(doc, Card):
        kind, tags, stage, channel = "card", " ".join(doc.tags), doc.stage, doc.channel
    else:
        kind, tags, stage, channel = "document", "", "", "any"
    return ({"key": key, "file": relative, "kind": kind, "lang": doc.lang, "stage": stage,
             "channel": channel, "tags": tags}, document_tokens(doc, taxonomy))


def _tag_names(card: Card, taxonomy: Taxonomy) -> str:
    # Trainers chose the tags: "customer is wrong" should find cards tagged customer-wrong.
    names: list[str] = []
    for tag_id in card.tags:
        tag = taxonomy.tag(tag_id)
        names.extend((tag_id.replace("-", " "), tag.en, tag.fil) if tag else (tag_id,))
    return "\n".join(names)


def _card_body(card: Card, taxonomy: Taxonomy) -> str:
    # Tag meanings let "customer swearing" find cards tagged abusive; stage labels in both
    # languages let "ulitin ang detalye" find the Repeat-back cards.
    meanings = [tag.meaning for tag in map(taxonomy.tag, card.tags) if tag]
    stage = taxonomy.stage(card.stage)
    labels = (stage.en, stage.fil, stage.meaning) if stage else ()
    return "\n".join((*card.avoid, card.why, card.other_text, *meanings, *labels))


def taxonomy_hash(taxonomy: Taxonomy) -> str:
    rows = [(t.id, t.en, t.fil, t.meaning) for t in [*taxonomy.tags, *taxonomy.stages]]
    return hashlib.sha1(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()
