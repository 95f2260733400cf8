"""Filipino/Taglish spell check for trainers: unknown words in a card, by position.

A word is known when Debian's Tagalog hunspell dictionary (myspell-tl) or the English one
(hunspell-en-us) knows it, read by the small pure-Python reader below (stems and affix
rules), or when the KB's glossary and taxonomy use it. Taglish forms are split at hyphens
("i-check", "nag-e-email") and each part checked; placeholders ({customer}), numbers,
links and front matter keys are skipped.
Without dictionaries the checker is off and says why; nothing else depends on it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from desktop.core import frontmatter

DICTIONARY_NAMES = ("tl", "en_US")
DICTIONARY_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell"),
                   Path("/usr/share/myspell/dicts"))
# Filipino affixes written with a hyphen before a borrowed word: "i-check", "mag-sorry".
TAGLISH_PREFIXES = frozenset("i mag nag naka nakaka pa pag pinag ma na maka makaka ipa "
                             "ipag pinaka ka um in e ini ina nai mai ipina pina nakapag "
                             "makapag nagpa magpa napa mapa".split())
# Particles and spoken contractions the Tagalog word list leaves out, used on every floor.
SPOKEN_FILIPINO = frozenset("ba n'yo 'yo 'yan 'yon 'yun 'yung yung 'di 'wag wag 'to 'ko "
                            "nang teka sige okay ok opo naku ho".split())
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_SKIP_RE = re.compile(r"\{[^}]*\}|https?://\S+|mailto:\S+|\S+@\S+")


class _Lookup(Protocol):
    def lookup(self, word: str) -> bool: ...


@dataclass(frozen=True)
class Misspelling:
    start: int  # character offset in the text given
    end: int
    word: str


class SpellChecker:
    def __init__(self, dictionaries: Iterable[_Lookup], extra_words: Iterable[str] = ()
                 ) -> None:
        self._dictionaries = list(dictionaries)
        self._extra = {w.casefold() for w in extra_words} | SPOKEN_FILIPINO
        self._cache: dict[str, bool] = {}

    def is_known(self, word: str) -> bool:
        known = self._cache.get(word)
        if known is None:
            known = self._cache[word] = self._check(word)
        return known

    def _check(self, word: str) -> bool:
        word = word.replace("’", "'")
        if len(word) < 2 or word.casefold() in self._extra or self._in_dictionary(word):
            return True
        if "-" in word:
            parts = [p for p in word.split("-") if p]
            return all(self._known_part(p, parts[n + 1] if n + 1 < len(parts) else "")
                       for n, p in enumerate(parts))
        return any(self._in_dictionary(form) for form in _without_reduplication(word))

    def _known_part(self, part: str, following: str) -> bool:
        folded = part.casefold()
        if folded in TAGLISH_PREFIXES or folded in self._extra or self._in_dictionary(part):
            return True
        # "nagche-check", "ini-email": a prefix plus the next part's first syllable.
        return any(folded.startswith(prefix) and 0 < len(folded) - len(prefix) <= 3
                   and following.casefold().startswith(folded[len(prefix):])
                   for prefix in TAGLISH_PREFIXES) or \
            any(self._in_dictionary(form) for form in _without_reduplication(part))

    def _in_dictionary(self, word: str) -> bool:
        return any(d.lookup(word) or d.lookup(word.lower()) for d in self._dictionaries)

    def misspellings(self, text: str, offset: int = 0) -> Iterator[Misspelling]:
        """Unknown words in one line or paragraph of card text."""
        skipped = [m.span() for m in _SKIP_RE.finditer(text)]
        for match in _WORD_RE.finditer(text):
            if any(a <= match.start() < b for a, b in skipped):
                continue
            if not self.is_known(match.group(0)):
                yield Misspelling(offset + match.start(), offset + match.end(), match.group(0))

    def line_misspellings(self, line: str, in_front_matter: bool) -> list[Misspelling]:
        """A line of a card file: in the front matter only the title is prose."""
        if in_front_matter:
            meta = frontmatter.META_KEY_RE.match(line)
            if not meta or meta.group(1).lower() != "title":
                return []
            return list(self.misspellings(line[meta.end():], meta.end()))
        if line.lstrip().startswith("#") and not line.lstrip().startswith("##"):
            return []
        return list(self.misspellings(line))


def _without_reduplication(word: str) -> list[str]:
    """Filipino repeats a syllable for aspect ("sisiguraduhin", "kumakalma"): the word
    with one repeated syllable taken out, at each place it could be."""
    forms = []
    lowered = word.lower()
    for start in range(0, min(6, len(lowered))):
        for size in (1, 2, 3):
            syllable = lowered[start:start + size]
            if len(syllable) == size and lowered[start + size:start + 2 * size] == syllable:
                forms.append(lowered[:start] + lowered[start + size:])
    return forms


def find_dictionaries(extra_dirs: Iterable[Path] = ()) -> dict[str, Path]:
    """name → path stem (without .dic/.aff) of each dictionary found."""
    dirs = [*extra_dirs]
    if os.environ.get("KALMA_DICT_DIR"):
        dirs.insert(0, Path(os.environ["KALMA_DICT_DIR"]))
    dirs += list(DICTIONARY_DIRS)
    found: dict[str, Path] = {}
    for name in DICTIONARY_NAMES:
        for folder in dirs:
            stem = folder / name
            if stem.with_suffix(".dic").is_file() and stem.with_suffix(".aff").is_file():
                found[name] = stem
                break
    return found


def load_spellchecker(extra_words: Iterable[str] = (), extra_dirs: Iterable[Path] = ()
                      ) -> tuple[SpellChecker | None, str]:
    """The checker and a note for the trainer ("" when both dictionaries loaded)."""
    found = find_dictionaries(extra_dirs)
    if "tl" not in found:
        return None, ("spell check is off: the Tagalog dictionary (myspell-tl) is not "
                      "installed")
    loaded = _dictionaries(tuple(sorted(found.items())))
    if not loaded:
        return None, "spell check is off: the dictionaries could not be read"
    note = "" if len(loaded) == len(DICTIONARY_NAMES) else \
        "spell check knows Tagalog only: the English dictionary is missing"
    return SpellChecker(loaded, extra_words), note


@lru_cache(maxsize=4)
def _dictionaries(found: tuple[tuple[str, Path], ...]) -> tuple[_Lookup, ...] | None:
    """Read once per process; the word lists never change while the app runs."""
    loaded: list[_Lookup] = []
    for _, stem in found:
        try:
            loaded.append(HunspellWords.from_files(stem))
        except (OSError, ValueError, UnicodeError):
            continue  # a damaged word list must not keep the trainer out
    return tuple(loaded)


@dataclass(frozen=True)
class _Affix:
    flag: str
    strip: str
    add: str
    condition: re.Pattern[str]
    cross: bool


class HunspellWords:
    """Just enough of hunspell to look words up: stems with flags, and one prefix and/or
    one suffix rule (PFX/SFX with strip, add and condition). spylls would do more, but it
    installs a top-level `tests` package that shadows this project's own tests."""

    def __init__(self, stems: dict[str, str], prefixes: list[_Affix],
                 suffixes: list[_Affix]) -> None:
        self.stems = stems
        self.prefixes: dict[str, list[_Affix]] = {}
        self.suffixes: dict[str, list[_Affix]] = {}
        for rule in prefixes:
            self.prefixes.setdefault(rule.add, []).append(rule)
        for rule in suffixes:
            self.suffixes.setdefault(rule.add, []).append(rule)
        self._longest_prefix = max(map(len, self.prefixes), default=0)
        self._longest_suffix = max(map(len, self.suffixes), default=0)

    @classmethod
    def from_files(cls, stem: Path) -> HunspellWords:
        aff_raw = stem.with_suffix(".aff").read_bytes()
        encoding = "utf-8"
        match = re.search(rb"^SET\s+(\S+)", aff_raw, re.MULTILINE)
        if match:
            encoding = match.group(1).decode("ascii", "replace").lower().replace("microsoft-", "")
        aff = aff_raw.decode(encoding, errors="replace")
        prefixes: list[_Affix] = []
        suffixes: list[_Affix] = []
        cross: dict[tuple[str, str], bool] = {}
        for line in aff.splitlines():
            fields = line.split("#", 1)[0].split()
            if len(fields) < 4 or fields[0] not in ("PFX", "SFX"):
                continue
            kind, flag = fields[0], fields[1]
            if len(fields) == 4:  # the header: PFX A Y 5
                cross[(kind, flag)] = fields[2] == "Y"
                continue
            strip = "" if fields[2] == "0" else fields[2]
            add = "" if fields[3] == "0" else fields[3].split("/")[0]
            condition = fields[4] if len(fields) > 4 else "."
            pattern = re.compile(condition + "$" if kind == "SFX" else "^" + condition)
            rule = _Affix(flag, strip, add, pattern, cross.get((kind, flag), False))
            (prefixes if kind == "PFX" else suffixes).append(rule)
        stems: dict[str, str] = {}
        dic = stem.with_suffix(".dic").read_bytes().decode(encoding, errors="replace")
        for line in dic.splitlines()[1:]:
            entry = line.split("\t", 1)[0].strip()
            if not entry:
                continue
            word, _, flags = entry.partition("/")
            stems[word] = stems.get(word, "") + flags
        return cls(stems, prefixes, suffixes)

    def lookup(self, word: str) -> bool:
        return any(self._known(form) for form in dict.fromkeys((word, word.lower())))

    def _known(self, word: str) -> bool:
        if word in self.stems:
            return True
        for rule, root in self._suffixed(word):
            if rule.flag in self.stems.get(root, ""):
                return True
        for rule, rest in self._prefixed(word):
            if rule.flag in self.stems.get(rest, ""):
                return True
            if rule.cross:
                for suffix, root in self._suffixed(rest):
                    flags = self.stems.get(root, "")
                    if suffix.cross and rule.flag in flags and suffix.flag in flags:
                        return True
        return False

    def _suffixed(self, word: str) -> Iterator[tuple[_Affix, str]]:
        for size in range(0, min(self._longest_suffix, len(word) - 1) + 1):
            ending = word[len(word) - size:] if size else ""
            for rule in self.suffixes.get(ending, ()):
                root = word[:len(word) - size] + rule.strip
                if root and rule.condition.search(root):
                    yield rule, root

    def _prefixed(self, word: str) -> Iterator[tuple[_Affix, str]]:
        for size in range(0, min(self._longest_prefix, len(word) - 1) + 1):
            for rule in self.prefixes.get(word[:size], ()):
                root = rule.strip + word[size:]
                if root and rule.condition.search(root):
                    yield rule, root


def glossary_words(groups: Iterable[Iterable[str]], labels: Iterable[str] = ()) -> set[str]:
    """Every word of the glossary's synonym groups and the taxonomy's labels."""
    words: set[str] = set()
    for text in [*(" ".join(group) for group in groups), *labels]:
        for word in _WORD_RE.findall(text):
            words.add(word.casefold())
            words.update(part.casefold() for part in word.split("-") if part)
    return words
