"""The index's words for the planner: prefix completions, spelling neighbours, synonym groups."""

from __future__ import annotations

import bisect
import heapq
from dataclasses import dataclass
from typing import Any

from desktop.core import analysis
from desktop.core.analysis import ROOT

FIELD = "text"
MAX_CORRECTIONS = 3
MEMO_SIZE = 4096
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


class Vocabulary:
    """Exact index terms with document frequencies, sorted for prefix lookups."""

    def __init__(self, df: dict[str, int], terms: list[str] | None = None) -> None:
        self.df = df
        self.terms = sorted(df) if terms is None else terms  # ``terms``: df's keys, sorted
        self._by_initial: dict[str, list[str]] | None = None
        # Lookups already answered: a word is looked up again on every key typed after it.
        self._memo: dict[tuple[str, str, int], list[str]] = {}

    @classmethod
    def from_reader(cls, reader: Any) -> Vocabulary:
        df: dict[str, int] = {}
        for raw, info in reader.iter_field(FIELD):
            term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            if analysis.is_exact(term):
                df[term] = info.doc_frequency()
        return cls(df)

    def copy(self) -> Vocabulary:
        return Vocabulary(dict(self.df), list(self.terms))  # no re-sort after a one-card edit

    def __contains__(self, term: str) -> bool:
        return self.df.get(term, 0) > 0

    def add(self, term: str, delta: int) -> None:
        count = self.df.get(term, 0) + delta
        if term not in self.df:
            bisect.insort(self.terms, term)
            if self._by_initial is not None:
                self._by_initial.setdefault(term[:1], []).append(term)
        self.df[term] = max(0, count)
        self._memo.clear()

    def _remembered(self, kind: str, word: str, limit: int, find: Any) -> list[str]:
        key = (kind, word, limit)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            found = self._memo[key] = find(word, limit)
        return list(found)

    def completions(self, prefix: str, limit: int) -> list[str]:
        """The ``limit`` most frequent terms that start with ``prefix`` (itself excluded)."""
        return self._remembered("completions", prefix, limit, self._completions)

    def _completions(self, prefix: str, limit: int) -> list[str]:
        start = bisect.bisect_left(self.terms, prefix)
        end = bisect.bisect_left(self.terms, prefix + "\uffff", start)
        candidates = (t for t in self.terms[start:end] if t != prefix and self.df[t] > 0)
        if end - start <= limit:
            return list(candidates)
        return heapq.nlargest(limit, candidates, key=self.df.__getitem__)

    def has_prefix(self, prefix: str) -> bool:
        start = bisect.bisect_left(self.terms, prefix)
        return start < len(self.terms) and self.terms[start].startswith(prefix)

    def corrections(self, word: str, limit: int = MAX_CORRECTIONS) -> list[str]:
        """Known terms one edit away (two for words of 8+ letters), most frequent first."""
        return self._remembered("corrections", word, limit, self._corrections)

    def _corrections(self, word: str, limit: int) -> list[str]:
        if len(word) < 4 or not word.isalpha():
            return []
        # Corrections shorter than 4 letters ("pano" → "ano") change the word, not its spelling.
        df = self.df
        found = {w for w in _edits1(word) & df.keys() if len(w) >= 4 and df[w] > 0}
        if not found and len(word) >= 8:
            found = self._two_edits(word)
        return heapq.nlargest(limit, found, key=self.df.__getitem__)

    def prefix_corrections(self, prefix: str, limit: int) -> list[str]:
        """Completions of the prefixes one edit away from ``prefix`` ("custm" → customer)."""
        return self._remembered("prefix_corrections", prefix, limit, self._prefix_corrections)

    def _prefix_corrections(self, prefix: str, limit: int) -> list[str]:
        if len(prefix) < 4 or not prefix.isalpha():
            return []
        found: set[str] = set()
        terms, count = self.terms, len(self.terms)
        for variant in _edits1(prefix):
            start = bisect.bisect_left(terms, variant)  # has_prefix, inlined: ~500 variants
            if start < count and terms[start].startswith(variant):
                found.update(self.completions(variant, limit))
                if variant in self:
                    found.add(variant)
        return heapq.nlargest(limit, found, key=self.df.__getitem__)

    def prepare_corrections(self) -> None:
        """Group the terms by initial now (the first two-edit correction would)."""
        self._initials()

    def _initials(self) -> dict[str, list[str]]:
        if self._by_initial is None:
            by_initial: dict[str, list[str]] = {}
            for term in self.terms:
                by_initial.setdefault(term[:1], []).append(term)
            self._by_initial = by_initial
        return self._by_initial

    def _two_edits(self, word: str) -> set[str]:
        size = len(word)
        letters = set(word)
        # Two edits change at most four letters of the letter set: a cheap test that spares
        # most candidates the edit-distance table.
        return {t for t in self._initials().get(word[0], ())
                if abs(len(t) - size) <= 2 and len(letters.symmetric_difference(t)) <= 4
                and self.df[t] > 0 and _within_distance(word, t, 2)}


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _ALPHABET]
    inserts = [a + c + b for a, b in splits for c in _ALPHABET]
    return set(deletes + transposes + replaces + inserts)


def _within_distance(a: str, b: str, limit: int) -> bool:
    """Optimal-string-alignment distance of a and b is at most ``limit``.

    Only the diagonal band |i - j| <= limit can hold values within the limit, so only it is
    worked out (cells outside count as limit + 1)."""
    if abs(len(a) - len(b)) > limit:
        return False
    over = limit + 1
    width = len(b) + 1
    previous2: list[int] = []
    previous = [j if j <= limit else over for j in range(width)]
    for i in range(1, len(a) + 1):
        current = [over] * width
        if i <= limit:
            current[0] = i
        low, high = max(1, i - limit), min(len(b), i + limit)
        for j in range(low, high + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = min(value, over)
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit


# --- glossary --------------------------------------------------------------------------------

@dataclass
class Glossary:
    """Synonym groups, looked up by a word's folded form or Filipino root."""

    groups: list[tuple[tuple[str, ...], ...]]  # each entry as its folded words
    by_word: dict[str, set[int]]
    by_phrase: dict[tuple[str, ...], set[int]]
    longest: int

    @classmethod
    def build(cls, raw_groups: list[tuple[str, ...]]) -> Glossary:
        groups: list[tuple[tuple[str, ...], ...]] = []
        by_word: dict[str, set[int]] = {}
        by_phrase: dict[tuple[str, ...], set[int]] = {}
        for number, raw in enumerate(raw_groups):
            entries = tuple(tuple(analysis.words(entry)) for entry in raw)
            entries = tuple(e for e in entries if e)
            groups.append(entries)
            for entry in entries:
                if len(entry) == 1:
                    for key in _word_keys(entry[0]):
                        by_word.setdefault(key, set()).add(number)
                else:
                    by_phrase.setdefault(entry, set()).add(number)
        longest = max((len(p) for p in by_phrase), default=1)
        return cls(groups, by_word, by_phrase, longest)

    def for_word(self, word: str, vocab: Vocabulary) -> set[int]:
        """Groups of ``word``, or of its Filipino root when that is a known word."""
        found = set(self.by_word.get(word, set()))
        root = analysis.word_forms(word).root
        if root and root != word and root in vocab:
            found |= self.by_word.get(ROOT + root, set())
        return found


def _word_keys(word: str) -> set[str]:
    root = analysis.word_forms(word).root
    return {word, ROOT + root} if root and root != word else {word}
