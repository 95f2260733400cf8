"""What the first keystrokes after an index opens will need, worked out ahead in the background.

A search decodes a word's posting list the first time the word is typed, and works out a
card's snippet words the first time the card is a hit; on a large KB the lists a one- or
two-letter prefix expands to are the longest there are. ``Engine.warm`` walks the lists
named here (through the planner, so exactly what those keystrokes ask for) and the cards'
Say phrases, a little at a time, while the agent reads the first results.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from desktop.core import analysis
from desktop.core.cards import Card
from desktop.core.hits import analyse_say
from desktop.core.kb import Cancelled, IsCancelled
from desktop.core.planner import plan_query
from desktop.core.vocabulary import Glossary, Vocabulary

# The most frequent words whose lists (with their stems, roots and synonyms) are decoded
# after the short prefixes'; the TermCache's budget caps the total as well.
TOP_WORDS = 400
# Cards whose Say phrases are analysed for snippets (hits.analyse_say keeps 32,768 phrases).
MAX_CARDS = 8000


def keystroke_tokens(vocab: Vocabulary, glossary: Glossary) -> Iterator[str]:
    """Index tokens in the order the first keystrokes are likely to need them: every
    one-letter prefix's, the most frequent words' (with their variants and synonyms), every
    two-letter prefix's, then every other word, most frequent first. The caller stops at
    its budget; on a small KB that is all of them."""
    seen: set[str] = set()
    initials = sorted({term[:1] for term in vocab.terms if term})
    pairs = sorted({term[:2] for term in vocab.terms if len(term) >= 2})
    by_frequency = sorted(vocab.df, key=vocab.df.__getitem__, reverse=True)
    top = by_frequency[:TOP_WORDS]
    for text in (*initials, *(f"{word} " for word in top), *pairs):
        for token in _plan_tokens(text, vocab, glossary):
            if token not in seen:
                seen.add(token)
                yield token
    for word in by_frequency[TOP_WORDS:]:
        for token in analysis.word_tokens(word, True):  # with its Filipino root
            if token not in seen:
                seen.add(token)
                yield token


def _plan_tokens(text: str, vocab: Vocabulary, glossary: Glossary) -> Iterable[str]:
    plan = plan_query(text, vocab, glossary)
    for slot in plan.slots:
        yield from slot.alternatives
        for phrase, _boost in slot.phrases:
            yield from phrase


def analyse_cards(cards: Iterable[Card], is_cancelled: IsCancelled | None = None) -> int:
    """Work out the snippet words of up to MAX_CARDS cards' Say phrases; returns how many."""
    done = 0
    for card in cards:
        if done >= MAX_CARDS:
            break
        if is_cancelled and done % 64 == 0 and is_cancelled():
            raise Cancelled()
        analyse_say(card)
        done += 1
    return done
