"""What the agent typed, as index terms: one slot of alternatives per word (no query syntax).

The planner turns what the agent typed into explicit index terms; the text is never parsed
as query syntax. Every word becomes one "slot": its exact form, English stem and Filipino
root, its glossary synonyms, spelling corrections when the word is unknown and, for the word
still being typed, its most frequent completions. An in-memory vocabulary (sorted terms with
document frequencies) finds completions and corrections, so nothing ever walks the whole
term list the way Whoosh's own prefix and fuzzy queries do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core import analysis
from desktop.core.analysis import ROOT, STEM
from desktop.core.vocabulary import Glossary, Vocabulary

MAX_QUERY_CHARS = 200
MAX_SLOTS = 8
# Boosts of a slot's alternatives; exact words always outrank their variants.
EXACT, STEM_BOOST, ROOT_BOOST, BARE_ROOT_BOOST = 1.0, 0.6, 0.5, 0.35
COMPLETION, FUZZY, SYNONYM = 0.8, 0.45, 0.45
# Completions of the word being typed: few for short prefixes, whose candidates are the
# longest posting lists.
COMPLETIONS_BY_LENGTH = {1: 3, 2: 5, 3: 8}
MAX_COMPLETIONS = 12
MAX_SYNONYMS = 10


@dataclass
class Slot:
    """One query word (or glossary phrase): any of its alternatives may match."""

    alternatives: dict[str, float] = field(default_factory=dict)  # marked token → boost
    phrases: list[tuple[tuple[str, ...], float]] = field(default_factory=list)  # all needed
    highlight: list[str] = field(default_factory=list)
    # Only ranks, never filters: a 1-2 letter word being typed would otherwise narrow the
    # hits to its few most frequent completions and make the list jump on every key.
    optional: bool = False
    # The word still being typed: its alternatives change with the next key, so its scores
    # are not worth keeping (a finished word's are, for the keystrokes that follow).
    typing: bool = False

    def offer(self, token: str, boost: float) -> None:
        if boost > self.alternatives.get(token, 0.0):
            self.alternatives[token] = boost

    def offer_word(self, word: str, boost: float, vocab: Vocabulary) -> None:
        """The word's exact, stem and root tokens at ``boost`` and below."""
        forms = analysis.word_forms(word)
        for token in forms.exact:
            self.offer(token, boost)
        for stem in forms.stems:
            self.offer(STEM + stem, boost * STEM_BOOST)
        root = forms.root or (word if word.isalpha() else "")
        if root:
            self.offer(ROOT + root, boost * ROOT_BOOST)
            # The bare root only for an unknown word ("pinahold" → hold): a known word
            # like "irate" must not also match "rate".
            if root != word and word not in vocab and root in vocab:
                self.offer(root, boost * BARE_ROOT_BOOST)


@dataclass
class QueryPlan:
    slots: list[Slot]
    highlight: tuple[str, ...]
    match_tokens: frozenset[str]  # every token any slot accepts, for snippet choice


def plan_query(text: str, vocab: Vocabulary, glossary: Glossary) -> QueryPlan:
    text = text[:MAX_QUERY_CHARS]
    typing = bool(text) and not text[-1].isspace()
    found = analysis.words(text)
    slots: list[Slot] = []
    i = 0
    while i < len(found) and len(slots) < MAX_SLOTS:
        last = i == len(found) - 1
        size, groups = _glossary_phrase(found, i, glossary)
        if size:
            slots.append(_phrase_slot(found[i:i + size], groups, glossary, vocab))
            i += size
            continue
        word = found[i]
        i += 1
        if analysis.is_stopword(word) and (slots or not last or not typing):
            continue  # a finished "na" or "the" is done, not the start of a longer word
        if last and typing:
            slot = _prefix_slot(word, vocab, glossary)
        else:
            slot = _word_slot(word, vocab, glossary)
        slots.append(slot)
    highlight = tuple(dict.fromkeys(w for s in slots for w in s.highlight))
    tokens = frozenset(t for s in slots for t in s.alternatives) | frozenset(
        t for s in slots for phrase, _ in s.phrases for t in phrase)
    return QueryPlan(slots, highlight, tokens)


def _glossary_phrase(found: list[str], start: int, glossary: Glossary
                     ) -> tuple[int, set[int]]:
    """Length and groups of a multi-word glossary entry starting at ``start`` (0 if none)."""
    for size in range(min(glossary.longest, len(found) - start), 1, -1):
        groups = glossary.by_phrase.get(tuple(found[start:start + size]))
        if groups:
            return size, groups
    return 0, set()


def _phrase_slot(phrase: list[str], groups: set[int], glossary: Glossary, vocab: Vocabulary
                 ) -> Slot:
    slot = Slot(highlight=[" ".join(phrase)])
    exact = tuple(t for w in phrase for t in analysis.word_forms(w).exact[:1])
    if exact:
        slot.phrases.append((exact, EXACT))
    _offer_synonyms(slot, groups, glossary, vocab, skip=tuple(phrase))
    return slot


def _word_slot(word: str, vocab: Vocabulary, glossary: Glossary) -> Slot:
    slot = Slot(highlight=[word])
    slot.offer_word(word, EXACT, vocab)
    if not any(t in vocab for t in analysis.word_forms(word).exact):
        for correction in vocab.corrections(word):
            slot.offer_word(correction, FUZZY, vocab)
            slot.highlight.append(correction)
    _offer_synonyms(slot, glossary.for_word(word, vocab), glossary, vocab, skip=(word,))
    return slot


def _prefix_slot(prefix: str, vocab: Vocabulary, glossary: Glossary) -> Slot:
    """The word being typed: itself if it is a word, plus its top completions."""
    slot = Slot(highlight=[prefix], optional=len(prefix) <= 2, typing=True)
    if prefix in vocab or len(prefix) >= 3:
        slot.offer_word(prefix, EXACT, vocab)
    limit = COMPLETIONS_BY_LENGTH.get(len(prefix), MAX_COMPLETIONS)
    completions = vocab.completions(prefix, limit)
    if not completions and prefix not in vocab:
        completions = vocab.corrections(prefix) or vocab.prefix_corrections(prefix, limit)
    for rank, completion in enumerate(completions):
        # Only the best few also bring their stems: every alternative costs a posting list,
        # and those of a 1-2 letter prefix's completions are the longest in the index.
        boost = COMPLETION * (1.0 - 0.02 * rank)
        if rank < 3 and not slot.optional:
            slot.offer_word(completion, boost, vocab)
        else:
            slot.offer(completion, boost)
        slot.highlight.append(completion)
    if prefix in vocab or prefix in glossary.by_word:
        _offer_synonyms(slot, glossary.for_word(prefix, vocab), glossary, vocab,
                        skip=(prefix,))
    return slot


def _offer_synonyms(slot: Slot, groups: set[int], glossary: Glossary, vocab: Vocabulary,
                    skip: tuple[str, ...]) -> None:
    offered = 0
    for number in sorted(groups):
        for entry in glossary.groups[number]:
            if entry == skip or offered >= MAX_SYNONYMS:
                continue
            offered += 1
            slot.highlight.append(" ".join(entry))
            if len(entry) == 1:
                slot.offer_word(entry[0], SYNONYM, vocab)
            else:
                exact = tuple(t for w in entry for t in analysis.word_forms(w).exact[:1])
                if exact:
                    slot.phrases.append((exact, SYNONYM))
