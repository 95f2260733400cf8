"""Filipino/Taglish spell check (issue 12, item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.spelling import SpellChecker, glossary_words, load_spellchecker


class FakeDictionary:
    def __init__(self, words: str) -> None:
        self.words = set(words.split())

    def lookup(self, word: str) -> bool:
        return word in self.words


def test_taglish_words_glossary_and_placeholders() -> None:
    checker = SpellChecker([FakeDictionary("salamat po check sorry ang account")],
                           glossary_words([("singil", "bill")], ["Galit na customer"]))
    line = "Salamat po, {customer}! I-check ko ang account — mag-sorry sa singil xyzzq."
    unknown = [m.word for m in checker.line_misspellings(line, in_front_matter=False)]
    assert unknown == ["ko", "sa", "xyzzq"]  # ("Salamat" is known in lower case)
    assert "customer" not in unknown and "I-check" not in unknown
    assert "mag-sorry" not in unknown and "singil" not in unknown


def test_front_matter_only_checks_the_title() -> None:
    checker = SpellChecker([FakeDictionary("hold")])
    assert checker.line_misspellings("stage: hlod", in_front_matter=True) == []
    (miss,) = checker.line_misspellings("title: hold hlod", in_front_matter=True)
    assert (miss.word, miss.start) == ("hlod", 12)


def test_real_dictionaries_when_installed(tmp_path: Path) -> None:
    checker, note = load_spellchecker()
    if checker is None:
        pytest.skip(note)  # tools/dev.sh installs myspell-tl and hunspell-en-us
    words = "Naiintindihan ko po, pasensya na sa paghihintay. Thank you for waiting."
    assert [m.word for m in checker.misspellings(words)] == []
    assert [m.word for m in checker.misspellings("Salamt po sa pasensiya")] == ["Salamt"]


def test_no_tagalog_dictionary_means_off_with_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("desktop.core.spelling.find_dictionaries", lambda extra_dirs=(): {})
    checker, note = load_spellchecker()
    assert checker is None and "myspell-tl" in note


def test_reduplication_and_taglish_syllables() -> None:
    checker = SpellChecker([FakeDictionary("siguraduhin check email")])
    line = "sisiguraduhin nagche-check ini-email sisigurdo"
    assert [m.word for m in checker.misspellings(line)] == ["sisigurdo"]
