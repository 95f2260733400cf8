"""Search results: the Hit a card or passage becomes, its snippet and the words to highlight."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat

from desktop.core import analysis
from desktop.core.cards import Card, Passage
from desktop.core.planner import QueryPlan

SNIPPET_CHARS = 160


@dataclass(frozen=True)
class Filters:
    lang: str = "any"  # en | fil | any
    stage: str | None = None
    tags: tuple[str, ...] = ()  # a hit must carry every tag listed
    channel: str = "any"  # phone | chat | any; "phone" also matches cards for any channel


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    lang: str
    stage: str
    tags: tuple[str, ...]
    channel: str
    kind: str  # "card" | "document"
    path: str
    snippet: str
    score: float
    terms: tuple[str, ...] = field(default=(), compare=False)  # query words to highlight

    @classmethod
    def from_card(cls, card: Card, score: float = 0.0, snippet: str | None = None,
                  terms: tuple[str, ...] = ()) -> Hit:
        """The one way a card becomes a result; the snippet defaults to its first Say
        phrase (its Why when it has none)."""
        if snippet is None:
            snippet = card.say[0] if card.say else card.why
        return cls(card.id, card.title, card.lang, card.stage, card.tags, card.channel, "card",
                   str(card.path), snippet, score, terms)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "lang": self.lang,
            "stage": self.stage,
            "tags": list(self.tags),
            "channel": self.channel,
            "kind": self.kind,
            "path": self.path,
            "snippet": self.snippet,
            "score": round(self.score, 4),
        }


def hit_for(doc: Card | Passage, score: float, plan: QueryPlan) -> Hit:
    """The result for a card or passage the scorer found."""
    if isinstance(doc, Card):
        snippet, matched = _best_phrase(doc, plan.match_tokens)
        return Hit.from_card(doc, score, snippet, _terms(plan, matched))
    snippet, matched = _excerpt(doc, plan.match_tokens)
    title = doc.title if doc.heading in ("", doc.title) else f"{doc.title} — {doc.heading}"
    return Hit(doc.id, title, doc.lang, "", (), "any",
               "document", str(doc.path), snippet, score, _terms(plan, matched))


def _terms(plan: QueryPlan, matched: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*plan.highlight, *matched)))


def _best_phrase(card: Card, tokens: frozenset[str]) -> tuple[str, list[str]]:
    """The Say phrase matching most query tokens (the first on a tie), and its matched words."""
    best, best_words, best_count = (card.say[0] if card.say else ""), [], 0
    for phrase in card.say:
        words = _matching_words(phrase, tokens, card.lang == "fil")
        if len(words) > best_count:
            best, best_words, best_count = phrase, words, len(words)
    return best, best_words


def analyse_say(card: Card) -> None:
    """Work out (and keep) the words and index tokens of the card's Say phrases, as the
    first search that shows the card would (desktop.core.warmup does it ahead)."""
    filipino = card.lang == "fil"
    for phrase in card.say:
        _analyzed(phrase, filipino)


def _excerpt(passage: Passage, tokens: frozenset[str]) -> tuple[str, list[str]]:
    text = " ".join(passage.text.split())
    words = _matching_words(text, tokens, passage.lang == "fil")
    position = max(0, text.casefold().find(words[0])) if words else 0
    start = max(0, position - SNIPPET_CHARS // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < position else start
    excerpt = text[start:start + SNIPPET_CHARS]
    if start + SNIPPET_CHARS < len(text):
        cut = excerpt.rfind(" ")
        excerpt = (excerpt[:cut] if cut > SNIPPET_CHARS // 2 else excerpt) + "…"
    return ("…" if start else "") + excerpt, words


def _matching_words(text: str, tokens: frozenset[str], filipino: bool) -> list[str]:
    """Words of ``text`` that some query token matches, as written (casefolded), so the UI
    can find them in the snippet."""
    analyzed, every_token = _analyzed(text, filipino)
    if every_token.isdisjoint(tokens):
        return []  # most phrases of a hit: nothing to look at word by word
    matched = [surface for surface, word_tokens in analyzed
               if not word_tokens.isdisjoint(tokens)]
    return list(dict.fromkeys(matched))


@lru_cache(maxsize=32768)
def _analyzed(text: str, filipino: bool
              ) -> tuple[tuple[tuple[str, frozenset[str]], ...], frozenset[str]]:
    """Each word of a Say phrase or passage with its index tokens, and all those tokens
    (phrases recur in every result list, so this is worked out once)."""
    if text.isascii() and "'" not in text and "{" not in text:
        # The common case, in a few C calls: no accents, apostrophes or placeholders, so
        # each word as written, casefolded, is its folded form.
        found = analysis.plain_words(text.lower())
        token_sets = tuple(map(_token_set, found, repeat(filipino)))
        return tuple(zip(found, token_sets, strict=True)), frozenset().union(*token_sets)
    analyzed = tuple((surface.casefold(), _token_set(word, filipino))
                     for surface, word in analysis.surface_words(text))
    return analyzed, frozenset().union(*(word_tokens for _, word_tokens in analyzed))


@lru_cache(maxsize=131072)
def _token_set(word: str, filipino: bool) -> frozenset[str]:
    """The index tokens of one folded word (the same as analysis.tokens of that word)."""
    return frozenset(analysis.word_tokens(word, filipino))
