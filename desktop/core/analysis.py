"""Text analysis shared by the indexer and the query planner.

Every word yields two kinds of index tokens:

* exact tokens: the folded word (lowercase, accents removed, apostrophes dropped); a
  hyphenated word also yields its parts and the joined form (``follow-up`` → ``follow``,
  ``up``, ``followup``);
* stem tokens, written ``~stem``: the English (Porter) stem;
* root tokens, written ``^root``, Filipino text only: the root left by a light normalizer
  (``nagmumura`` → ``mura``, ``pina-hold`` → ``hold``) when it differs from the word.

All live in one index field so a query word costs few posting lists; the query planner
boosts exact tokens above stems and roots, which is what keeps exact words ranking first.
Roots have their own mark so an English word that merely looks affixed ("irate" → "rate")
never matches English text through the Filipino rules.
Only function words (English stop words, Filipino particles and pronouns) are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from whoosh.lang.porter import stem as _porter_stem

# Bump when tokens change: the index is rebuilt when this differs from the stored one.
ANALYZER_VERSION = 5

STEM = "~"  # marks English stem tokens in the index field
ROOT = "^"  # marks Filipino root tokens
BOOST_SEP = "|"  # "token|3": the token carries weight 3 (title words weigh more)

# Function words only; content words such as "hindi", "wala", "galit" are kept.
FIL_PARTICLES = frozenset(
    """ang ng sa mga po opo ay na si ni kay nang pa ba daw raw din rin lang lamang naman nga
    pala at o yung ung iyong un yun sina nina kina ko mo ka niya nya nila natin namin ninyo
    nyo niyo kayo ako ikaw siya sya sila tayo kami akin iyo""".split()
)
EN_STOPWORDS = frozenset(
    """a an the and or but of to in on at by for with from as is are was were be been being
    am it its this that these those i me my we our you your he him his she her they them
    their there here so if then than do does did has have had will would shall should can
    could may might just also very what which who whom into im ive youre youve youll
    theyre weve""".split()
)
STOPWORDS = FIL_PARTICLES | EN_STOPWORDS

# Filipino prefixes, longest first so "nakaka" wins over "naka" and "na".
FIL_PREFIXES = tuple(sorted(
    """nakikipag nakikipa makikipag nakipag makipag pakikipag ipinag ipina pinagpa pinag
    pinaka nagpa magpa pagpa nakaka makaka pagka naka maka naki maki paki pina ipa ipag nag
    mag pag nang mang pang ma na ka pa i ni um in""".split(), key=len, reverse=True))
# These only attach to roots starting with a vowel (umalis, inayos).
_VOWEL_ONLY_PREFIXES = frozenset({"um", "in"})
FIL_SUFFIXES = ("hin", "han", "in", "an")
VOWELS = frozenset("aeiou")
_MIN_ROOT = 3

PLACEHOLDER_RE = re.compile(r"\{[a-z_]{1,40}\}")
_WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_APOSTROPHES = str.maketrans({"’": "", "'": "", "‘": ""})


@dataclass(frozen=True)
class WordForms:
    """The index tokens of one word, without their marks."""

    exact: tuple[str, ...]
    stems: tuple[str, ...]
    root: str  # the Filipino root; "" when the normalizer has nothing to say


def fold(text: str) -> str:
    """Lowercase and strip accents (ñ → n, é → e) so 'Niño' and 'nino' match."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """Folded words; hyphenated words (nag-cancel, paulit-ulit) stay one word."""
    folded = fold(text)
    if "'" not in folded and "’" not in folded:
        return _WORD_RE.findall(folded)  # the common case: nothing to take out
    return [w.translate(_APOSTROPHES) for w in _WORD_RE.findall(folded)]


def plain_words(folded: str) -> list[str]:
    """The words of already folded text without apostrophes (one C call)."""
    return _WORD_RE.findall(folded)


def surface_words(text: str) -> Iterator[tuple[str, str]]:
    """(the word as written, its folded form) for every word of ``text``."""
    if text.isascii() and "'" not in text:  # the common case: folding is lowercasing
        for match in _WORD_RE.finditer(text):
            start, end = match.span()
            if text[start - 1:start] == "{" and text[end:end + 1] == "}":
                continue
            surface = match.group(0)
            yield surface, surface.lower()
        return
    for match in _WORD_RE.finditer(text):
        start, end = match.span()
        if text[start - 1:start] == "{" and text[end:end + 1] == "}":
            continue  # a placeholder, not a word (it is not indexed either)
        surface = match.group(0)
        for word in words(surface):
            yield surface, word


def is_stopword(word: str) -> bool:
    return word in STOPWORDS


@lru_cache(maxsize=65536)
def stem_en(word: str) -> str:
    """Porter stem; digits and very short words are returned unchanged."""
    if len(word) < 3 or not word.isalpha():
        return word
    return str(_porter_stem(word))


@lru_cache(maxsize=65536)
def word_forms(word: str) -> WordForms:
    """Exact, stem and root tokens of one folded word (see module doc)."""
    parts = [p for p in word.split("-") if p]
    exact = [p for p in parts if p not in STOPWORDS]
    if len(parts) > 1:
        # "nag" in nag-cancel is an affix, not a word; the joined form covers "nagcancel".
        exact = [p for p in exact[:-1] if p not in FIL_PREFIXES] + exact[-1:]
    stems = [stem_en(t) for t in exact if len(t) > 2 and not t.isdigit()]
    if len(parts) > 1:
        exact.append("".join(parts))
    root = fil_root(word)
    if root in STOPWORDS or len(root) < _MIN_ROOT:
        root = ""
    return WordForms(tuple(dict.fromkeys(exact)), tuple(dict.fromkeys(stems)), root)


# --- the Filipino normalizer -------------------------------------------------------------

@lru_cache(maxsize=65536)
def fil_root(word: str) -> str:
    """Light Filipino root: affixes, infixes and reduplication removed.

    Deliberately conservative (roots keep ≥ 3 letters) because it also sees English words
    inside Filipino text; it only has to map the forms of one word to the same token.
    """
    if "-" in word:
        return _hyphenated_root(word)
    return _root(word)


def _root(word: str) -> str:
    if len(word) < 5 or not word.isalpha():
        return word
    current = _strip_prefix(word)
    current = _strip_infix(current)
    current = _strip_reduplication(current)
    return _strip_suffix(current)


def _hyphenated_root(word: str) -> str:
    parts = [p for p in word.split("-") if p]
    if not parts:
        return word
    last = parts[-1]
    if len(parts) == 1:
        return _root(last)
    first = parts[0]
    # paulit-ulit, araw-araw, dahan-dahan: the repeated word is the root.
    if first == last or first.endswith(last):
        return _root(last)
    # Taglish: nag-cancel, i-refund, pina-hold, nagta-type, chine-check, nire-refund.
    if not _is_prefix_like(first, parts[1]):
        return ""
    if len(parts) > 2:  # pina-follow-up → followup
        return "".join(parts[1:])
    return _strip_reduplication(last)


def _is_prefix_like(first: str, rest: str) -> bool:
    if first in FIL_PREFIXES:
        return True
    if len(first) > 7 or first[-1] not in VOWELS:
        return False
    # A copied first syllable of the root: nag+ta(-type), ch-in-e(-check), ni+re(-refund).
    consonants = _consonants_before_last_vowel(_strip_infix(first, min_len=4))
    return any(rest.startswith(consonants[i:]) for i in range(len(consonants)))


def _consonants_before_last_vowel(text: str) -> str:
    start = len(text) - 1
    while start > 0 and text[start - 1] not in VOWELS:
        start -= 1
    return text[start:len(text) - 1]


def _strip_prefix(word: str) -> str:
    """Remove one prefix; prefer one whose remainder starts with a copied syllable."""
    fallback = word
    for prefix in FIL_PREFIXES:
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix):]
        starts_with_vowel = rest[:1] in VOWELS
        if prefix in _VOWEL_ONLY_PREFIXES:
            if not starts_with_vowel:
                continue
        # Written Filipino hyphenates nag-/mag-/pag- before a vowel (mag-aral), so an
        # unhyphenated "magalit" is ma+galit, not mag+alit; "nagaaral" (a copied vowel)
        # is still nag+aral.
        elif starts_with_vowel and prefix[-1] not in VOWELS and rest[0] != rest[1:2]:
            continue
        if len(rest) < 4 or len(_strip_suffix(rest, min_len=0)) < _MIN_ROOT:
            continue
        if not _starts_like_a_root(rest):
            continue  # "intindihin" is not i+ntindihin
        if _strip_reduplication(rest) != rest:
            return rest
        if fallback == word:
            fallback = rest
    return fallback


# Consonant pairs a root may start with (Filipino ng/ny, and those of English loanwords).
_ONSETS = frozenset(
    "ng ny ts ch sh tr pr pl bl br kl kr gr gl dr fl fr cl cr sp st sw sc sk sm sn".split())


def _starts_like_a_root(text: str) -> bool:
    head = text[:2]
    return head[:1] in VOWELS or head[1:2] in VOWELS or head in _ONSETS


def _strip_infix(word: str, min_len: int = 6) -> str:
    """-um-/-in- after the first consonant(s): sumigaw → sigaw, sinabi → sabi."""
    onset = 1 if word[1:2] in VOWELS else 2  # ch-in-eck, tr-in-ansfer
    head, infix, tail = word[:onset], word[onset:onset + 2], word[onset + 2:onset + 3]
    if len(word) >= min_len and head and head[0] not in VOWELS and head[-1] not in VOWELS \
            and infix in ("um", "in") and tail in VOWELS and tail:
        return head + word[onset + 2:]
    return word


def _strip_reduplication(word: str) -> str:
    """A copied first syllable: mumura → mura, sisigaw → sigaw, iiyak → iyak."""
    for size in (2, 1, 3):
        head = word[:size]
        if len(word) - size >= 4 and head[-1] in VOWELS and word[size:2 * size] == head:
            return word[size:]
    return word


def _strip_suffix(word: str, min_len: int = 4) -> str:
    """-hin/-han/-in/-an; the o → u shift before a suffix is undone (kasuhan → kaso)."""
    for suffix in FIL_SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= min_len:
            return _undo_o_shift(stem) if min_len else stem
    return word


def _undo_o_shift(stem: str) -> str:
    for index in range(len(stem) - 1, -1, -1):
        if stem[index] in VOWELS:
            if stem[index] == "u":
                return stem[:index] + "o" + stem[index + 1:]
            return stem
    return stem


# --- documents and fields ------------------------------------------------------------------

def tokens(text: str, filipino: bool) -> Iterator[str]:
    """Marked index tokens of ``text``: exact words, ``~stems`` and (Filipino) ``^roots``."""
    for word in words(text):
        yield from word_tokens(word, filipino)


@lru_cache(maxsize=131072)
def word_tokens(word: str, filipino: bool) -> tuple[str, ...]:
    """The marked index tokens of one folded word (worked out once per word)."""
    forms = word_forms(word)
    found = [*forms.exact, *(STEM + stem for stem in forms.stems)]
    if filipino and forms.root and forms.root not in forms.exact:
        found.append(ROOT + forms.root)
    return tuple(found)


def weighted_tokens(parts: Iterable[tuple[str, int]], filipino: bool) -> dict[str, int]:
    """Index token → summed weight over weighted text parts (title 3, Say 2, body 1).

    A token counts once per part, so a card that repeats a word in every Say phrase does
    not drown out cards that use it once.
    """
    weights: dict[str, int] = {}
    get = weights.get
    for text, weight in parts:
        # Placeholders are not words: "customer" must not match every {customer}.
        seen: set[str] = set()
        for word in set(words(PLACEHOLDER_RE.sub(" ", text))):
            seen.update(word_tokens(word, filipino))
        for token in seen:
            weights[token] = get(token, 0) + weight
    return weights


def field_value(weights: dict[str, int]) -> str:
    """The string the index field analyzer reads back: ``tok|w`` separated by spaces."""
    return " ".join(
        token if weight == 1 else f"{token}{BOOST_SEP}{weight}" for token, weight in weights.items()
    )


def is_exact(token: str) -> bool:
    return not token.startswith((STEM, ROOT))
