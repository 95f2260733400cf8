"""The analyzers: folding, English stems, the Filipino normalizer, stop words, tokens."""

from __future__ import annotations

import pytest

from desktop.core import analysis
from desktop.core.analysis import ROOT, STEM, fil_root, fold, stem_en, word_forms, words


@pytest.mark.parametrize(("word", "root"), [
    # prefixes
    ("nagmura", "mura"),
    ("magalit", "galit"),
    ("ibalik", "balik"),
    ("pinahold", "hold"),
    ("nakahold", "hold"),
    ("makinig", "kinig"),
    ("pakiusap", "usap"),
    # infixes -um- / -in-
    ("sumigaw", "sigaw"),
    ("sinabi", "sabi"),
    ("tinanong", "tanong"),
    # reduplication
    ("nagmumura", "mura"),
    ("sumisigaw", "sigaw"),
    ("tumatawag", "tawag"),
    ("nagagalit", "galit"),
    ("binabalewala", "balewala"),
    ("umiiyak", "iyak"),
    ("paulit-ulit", "ulit"),
    ("araw-araw", "araw"),
    # suffixes, with the o → u shift undone
    ("tawagan", "tawag"),
    ("intindihin", "intindi"),
    ("kasuhan", "kaso"),
    ("kakasuhan", "kaso"),
    ("tanungin", "tanong"),
    ("tinatawagan", "tawag"),
    ("naiintindihan", "intindi"),
    # Taglish
    ("i-transfer", "transfer"),
    ("nag-cancel", "cancel"),
    ("i-refund", "refund"),
    ("pina-hold", "hold"),
    ("naka-hold", "hold"),
    ("na-charge", "charge"),
    ("nagta-type", "type"),
    ("chine-check", "check"),
    ("nire-refund", "refund"),
    ("mag-aral", "aral"),
    ("nag-aalala", "alala"),
])
def test_filipino_normalizer(word: str, root: str) -> None:
    assert fil_root(word) == root


@pytest.mark.parametrize("word", ["mura", "galit", "hold", "kaso", "sigaw", "bayad", "salamat"])
def test_roots_and_short_words_stay(word: str) -> None:
    assert fil_root(word) == word


@pytest.mark.parametrize("word", ["follow-up", "auto-pay", "e-mail", "pre-paid"])
def test_english_compounds_get_no_filipino_root(word: str) -> None:
    assert word_forms(word).root == ""


def test_every_form_of_a_word_meets_at_one_root() -> None:
    forms = ["mura", "nagmura", "nagmumura", "minumura", "mumurahin"]
    assert {fil_root(f) for f in forms} == {"mura"}


@pytest.mark.parametrize(("word", "stem"), [
    ("swearing", "swear"), ("swears", "swear"), ("transferred", "transferr"),
    ("transferring", "transferr"), ("customers", "custom"), ("apologize", "apolog"),
])
def test_english_stemming(word: str, stem: str) -> None:
    assert stem_en(word) == stem


def test_folding_lowercases_and_strips_accents() -> None:
    assert fold("Niño ÁNG Pérez") == "nino ang perez"
    assert words("Mañana, CAFÉ!") == ["manana", "cafe"]


def test_apostrophes_join_and_hyphens_keep_a_word_together() -> None:
    assert words("I'm here — n'yo paulit-ulit") == ["im", "here", "nyo", "paulit-ulit"]


def test_only_function_words_are_dropped() -> None:
    tokens = set(analysis.tokens("Hindi po galit ang customer sa mga agent", filipino=True))
    assert {"hindi", "galit", "customer", "agent"} <= tokens
    assert not {"po", "ang", "sa", "mga"} & tokens
    english = set(analysis.tokens("The caller is not happy with the wait", filipino=False))
    assert {"caller", "not", "happy", "wait"} <= english
    assert not {"the", "is", "with"} & english


def test_hyphenated_words_index_parts_joined_form_and_root() -> None:
    forms = word_forms("i-transfer")
    assert "transfer" in forms.exact and "itransfer" in forms.exact
    assert "i" not in forms.exact  # an affix, not a word
    assert forms.root == "transfer"


def test_tokens_mark_stems_and_filipino_roots() -> None:
    filipino = set(analysis.tokens("nagmumura", filipino=True))
    assert filipino == {"nagmumura", STEM + "nagmumura", ROOT + "mura"}
    english = set(analysis.tokens("irate", filipino=False))
    assert english == {"irate", STEM + "irat"}  # English text never gets Filipino roots


def test_weighted_tokens_count_a_token_once_per_part() -> None:
    weights = analysis.weighted_tokens(
        [("Refund", 3), ("refund refund refund", 2), ("nothing here", 1)], filipino=False)
    assert weights["refund"] == 5
    assert weights["nothing"] == 1


def test_field_value_round_trips_weights() -> None:
    value = analysis.field_value({"refund": 3, "~refund": 1})
    assert value == "refund|3 ~refund"
