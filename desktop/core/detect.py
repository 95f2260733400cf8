"""What situation is the customer in? Read a pasted chat message against the KB (Qt-free).

Offline and data-driven: the KB's own glossary groups, tag labels and card text teach
which words point to which tag. A glossary group (say "tulfo, ipa-tulfo, …") found in the
message votes for the tags of the cards that use that group, weighted by how specific the
group is (idf) and how often those cards carry each tag. Safety situations (self-harm and
distress, threats, harassment, abuse) come first whenever they are detected at all.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from desktop.core.analysis import fold, is_stopword, word_forms, words
from desktop.core.cards import Card
from desktop.core.taxonomy import Taxonomy

MAX_MESSAGE_CHARS = 2000
# Shown first when present: the agent must not miss these under a billing complaint.
SAFETY_TAGS = ("distress", "threat", "harassment", "abusive")
# Tags about the agent's own conduct, not the customer's situation: never detected.
NOT_SITUATIONS = frozenset({"tone", "do-not-say", "stay-calm", "chat"})
SAFETY_MIN_SHARE = 0.8  # without a safety word, a safety tag leads only when this close
MIN_SCORE = 2.0  # below this, words shared with too many cards: no situation shown
SAFETY_MIN_SCORE = 4.0  # a safety situation without a safety word needs more to be shown
SAFETY_LEAD_SCORE = 6.0  # strong evidence of a safety situation: it leads whatever else
WORD_WEIGHT = 0.35  # a plain word is weaker evidence than a glossary group
SMOOTHING = 3.0  # pseudo-cards: a word on two cards of a rare tag is not proof yet
MIN_WORD_CARDS = 2  # a plain word seen on one card only says little
DIRECT_WEIGHT = 3.0  # a word of the glossary group that names the tag ("galit": irate)
SAFETY_WEIGHT = 4.0  # one safety hint outweighs several ordinary words
# A last line for the situations that must never be missed: words the KB may not use
# in its own (polite) cards. "*" stands for a masked letter ("p*ta", "f***").
SAFETY_HINTS: dict[str, tuple[str, ...]] = {
    "distress": ("mamatay", "magpakamatay", "magpapakamatay", "suicide", "kill myself",
                 "end my life", "want to die", "don't want to live", "dont want to live",
                 "ayoko nang mabuhay", "ayoko na mabuhay", "saktan ang sarili",
                 "hurt myself", "umiiyak", "crying", "namatay", "passed away", "pumanaw"),
    "threat": ("papatayin", "kill you", "sasaktan", "get hurt", "someone is going to get hurt",
               "idedemanda", "demanda", "kakasuhan", "abogado", "lawyer", "sue you",
               "i know where", "alam ko kung saan"),
    "harassment": ("sexy", "babe", "baby girl", "i-date", "date you", "photo of yourself",
                   "picture of yourself", "single ka", "manyak", "nilalandi", "you sound hot",
                   "kiss", "halikan"),
    "abusive": ("putang", "p*tang", "tangina", "tang ina", "gago", "bobo", "tanga", "idiot",
                "stupid", "useless", "f***", "fuck", "shit", "bwisit", "walang kwenta",
                "wala kayong kwenta", "inutil"),
}


@dataclass(frozen=True)
class Situation:
    tag: str
    score: float
    evidence: tuple[str, ...]  # the words of the message that pointed to it
    safety: bool = False


@dataclass
class _Feature:
    tags: Counter[str] = field(default_factory=Counter)
    cards: int = 0


class SituationDetector:
    """Built once per KB snapshot; detect() is pure and fast (a few ms for 2,000 chars)."""

    def __init__(self, cards: Sequence[Card], glossary: Iterable[Sequence[str]],
                 taxonomy: Taxonomy) -> None:
        self._groups = [tuple(fold(term) for term in group) for group in glossary]
        self._group_of_word: dict[str, int] = {}
        self._phrases: list[tuple[re.Pattern[str], int]] = []
        for number, group in enumerate(self._groups):
            for term in group:
                if re.fullmatch(r"[^\W_]+", term):
                    for form in _forms(term):
                        self._group_of_word.setdefault(form, number)
                else:
                    pattern = re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)")
                    self._phrases.append((pattern, number))
        self._tags = [tag for tag in taxonomy.tag_ids if tag not in NOT_SITUATIONS]
        self._hints = [(re.compile(_hint_pattern(hint)), tag) for tag, hints in
                       SAFETY_HINTS.items() if tag in self._tags for hint in hints]
        self._tag_cards: Counter[str] = Counter()
        # A glossary group that holds a tag's own id or label names that situation.
        self._direct: dict[str, set[str]] = defaultdict(set)
        for tag in self._tags:
            names = {fold(tag), fold(tag.replace("-", " "))} | {
                fold(taxonomy.tag_label(tag, lang)) for lang in ("en", "fil")}
            for number, group in enumerate(self._groups):
                if names & set(group):
                    self._direct[f"g{number}"].add(tag)
        self._features: dict[str, _Feature] = defaultdict(_Feature)
        self._cards = 0
        for card in cards:
            self._learn(card.tags, _card_text(card))
        for tag in self._tags:  # the tag's own names point to it, in both languages
            labels = " ".join(taxonomy.tag_label(tag, lang) for lang in ("en", "fil"))
            self._learn((tag,), f"{tag.replace('-', ' ')} {labels}", weight=3)

    # --- learning ------------------------------------------------------------------------

    def _learn(self, tags: Sequence[str], text: str, weight: int = 1) -> None:
        situations = [tag for tag in tags if tag in self._tags]
        self._cards += 1
        self._tag_cards.update({tag: weight for tag in situations})
        for feature in self.features(text):
            entry = self._features[feature]
            entry.cards += 1
            for tag in situations:
                entry.tags[tag] += weight

    def features(self, text: str) -> set[str]:
        """Glossary groups ("g12") and plain content words ("w:refund") in `text`."""
        folded = " ".join(fold(text).split())
        found: set[str] = set()
        for pattern, number in self._phrases:
            if pattern.search(folded):
                found.add(f"g{number}")
        for word in words(folded):
            group = next((self._group_of_word[f] for f in _forms(word)
                          if f in self._group_of_word), None)
            if group is not None:
                found.add(f"g{group}")
            elif len(word) > 2 and not is_stopword(word) and not word.isdigit():
                found.add(f"w:{word_forms(word).root or word}")
        return found

    # --- detecting -----------------------------------------------------------------------

    def detect(self, message: str, limit: int = 5) -> list[Situation]:
        """The situations in `message`, safety ones first, then by score."""
        text = message[:MAX_MESSAGE_CHARS]
        scores: dict[str, float] = defaultdict(float)
        evidence: dict[str, list[str]] = defaultdict(list)
        hinted: set[str] = set()
        for feature in self.features(text):
            for tag in self._direct.get(feature, ()):
                scores[tag] += DIRECT_WEIGHT
                evidence[tag].append(self._describe(feature))
                hinted.add(tag)
            entry = self._features.get(feature)
            if entry is None or not entry.tags:
                continue
            plain = feature.startswith("w:")
            if plain and entry.cards < MIN_WORD_CARDS:
                continue
            idf = math.log(1 + self._cards / entry.cards)
            weight = idf * (WORD_WEIGHT if plain else 1.0)
            total = sum(entry.tags.values())
            for tag, count in entry.tags.items():
                # Lift over the tag's share of the KB: a common tag ("irate") does not
                # win just by being on many cards.
                prior = self._tag_cards[tag] / self._total_tag_weight()
                lift = ((count + SMOOTHING * prior) / (total + SMOOTHING)) / prior
                if lift > 1:
                    scores[tag] += weight * math.log(lift)
                    evidence[tag].append(self._describe(feature))
        folded = " ".join(fold(text).split())
        for pattern, tag in self._hints:
            match = pattern.search(folded)
            if match:
                scores[tag] += SAFETY_WEIGHT
                evidence[tag].append(match.group(0))
                hinted.add(tag)
        found = [Situation(tag, round(score, 3), tuple(sorted(set(evidence[tag])))[:6],
                           tag in SAFETY_TAGS)
                 for tag, score in scores.items() if score >= MIN_SCORE and (
                     tag in hinted or tag not in SAFETY_TAGS or score >= SAFETY_MIN_SCORE)]
        return _safety_first(found, hinted)[:limit]

    def _total_tag_weight(self) -> int:
        return max(1, sum(self._tag_cards.values()))

    def _describe(self, feature: str) -> str:
        if feature.startswith("g"):
            return self._groups[int(feature[1:])][0]
        return feature[2:]


def _safety_first(found: list[Situation], hinted: set[str]) -> list[Situation]:
    """Safety situations lead when a safety word was seen, or when they score close to
    the best; otherwise the order is the score's."""
    by_score = sorted(found, key=lambda s: (-s.score, s.tag))
    if not by_score:
        return []
    best = by_score[0].score
    urgent = [s for s in by_score if s.safety and (
        s.tag in hinted or s.score >= best * SAFETY_MIN_SHARE or s.score >= SAFETY_LEAD_SCORE)]
    return urgent + [s for s in by_score if s not in urgent]


def _hint_pattern(hint: str) -> str:
    """A hint as a pattern: whole words, "*" matching any one character."""
    body = "".join("." if ch == "*" else re.escape(ch) for ch in fold(hint))
    return r"(?<!\w)" + body + r"(?!\w)"


def _forms(word: str) -> set[str]:
    forms = word_forms(word)
    return {word, *forms.exact, *forms.stems, *([forms.root] if forms.root else [])}


def _card_text(card: Card) -> str:
    return " ".join((card.title, *card.say, *card.avoid, card.why))
