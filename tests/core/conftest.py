"""Fixtures for the search tests: a small hand-written KB whose content the tests control."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from kbfiles import card_markdown

from desktop.core.search import Engine

TAXONOMY = """\
# Taxonomy

## Stages

| id | English | Filipino |
|---|---|---|
| opening | Opening | Pagbati |
| listen | Listen | Makinig |
| hold | Hold | Hold |
| transfer | Transfer | Paglipat |
| closing | Closing | Pagtatapos |

## Tags

| id | English | Filipino | Meaning |
|---|---|---|---|
| irate | Irate | Galit na customer | an angry, shouting or upset customer |
| abusive | Abusive | Nagmumura | the customer swears or insults |
| billing | Billing | Billing | billing and payment problems |
| long-wait | Long wait | Matagal na naghintay | angry after a long hold |
"""

GLOSSARY = """\
# Glossary

- angry, galit, irate, high blood, nagagalit, sumisigaw
- swearing, nagmumura, mura, cursing, abusive
- refund, ibalik ang pera, i-refund
- transfer, ilipat, i-transfer
"""

CARDS = {
    "en/vent.md": ("vent", "Let the angry caller vent", "en", "listen", "irate", "phone",
                   ["Go ahead, {customer}, I'm listening.",
                    "Take your time. I want the whole picture."],
                   "Interrupting restarts the anger."),
    "fil/vent.md": ("vent", "Hayaang maglabas ng sama ng loob ang galit na customer", "fil",
                    "listen", "irate", "phone",
                    ["Sige po, {customer}, nakikinig po ako.",
                     "Dahan-dahan lang po, gusto kong makuha ang buong kuwento."],
                    "Lalong nagagalit kapag sinasabat."),
    "en/swearing.md": ("swearing", "Caller keeps swearing: first warning", "en", "listen",
                       "abusive, irate", "any",
                       ["I want to help, but I need us to keep the language respectful.",
                        "Let's get back to your account, {customer}."],
                       "A calm warning gives the caller a fair chance."),
    "fil/swearing.md": ("swearing", "Nagmumura ang customer: unang warning", "fil", "listen",
                        "abusive, irate", "any",
                        ["Gusto ko po kayong tulungan, pero pakiusap, huwag po tayong magmura.",
                         "Balikan po natin ang account ninyo, {customer}."],
                        "Patas na pagkakataon ang kalmadong warning."),
    "en/hold-ask.md": ("hold-ask", "Ask before you put a caller on hold", "en", "hold",
                       "long-wait", "phone",
                       ["May I put you on hold for about two minutes while I check?",
                        "Thank you for holding, {customer}."],
                       "Asking first keeps trust."),
    "fil/hold-ask.md": ("hold-ask", "Magpaalam bago i-hold ang caller", "fil", "hold",
                        "long-wait", "phone",
                        ["Pwede ko po ba kayong i-hold nang mga dalawang minuto?",
                         "Salamat po sa paghihintay. Pinahold ko po kayo nang matagal."],
                        "Pinagkakatiwalaan ka kapag nagpaalam ka."),
    "en/transfer.md": ("transfer", "Explain the transfer before you make it", "en", "transfer",
                       "", "phone",
                       ["I'm transferring you to our billing team, who can fix this today.",
                        "I'll stay on the line until they pick up."],
                       "Nobody likes a blind transfer."),
    "fil/transfer.md": ("transfer", "Ipaliwanag muna ang transfer", "fil", "transfer",
                        "", "phone",
                        ["I-transfer ko po kayo sa billing team namin na makakaayos nito.",
                         "Nandito lang po ako hanggang sumagot sila."],
                        "Walang may gusto ng biglaang transfer."),
    "en/refund-chat.md": ("refund-chat", "Confirm the refund in chat", "en", "closing",
                          "billing", "chat",
                          ["Your refund of the wrong charge is on its way.",
                           "You'll see it on your statement within five days."],
                          "A written confirmation ends the chat well."),
    "fil/refund-chat.md": ("refund-chat", "Kumpirmahin ang refund sa chat", "fil", "closing",
                           "billing", "chat",
                           ["Na-process na po ang refund ng maling singil.",
                            "Makikita po ninyo ito sa statement sa loob ng limang araw."],
                           "Maayos ang pagtatapos ng chat kapag nakasulat."),
    "en/greeting.md": ("greeting", "Greet the caller by name", "en", "opening", "", "any",
                       ["Good morning, {customer}, my name is {agent}.",
                        "Thank you for calling. How can I help today?"],
                       "A warm greeting sets the tone."),
    "fil/greeting.md": ("greeting", "Batiin ang caller sa pangalan", "fil", "opening", "", "any",
                        ["Magandang umaga po, {customer}, ako po si {agent}.",
                         "Salamat po sa pagtawag. Paano ko po kayo matutulungan?"],
                        "Maganda ang simula kapag mainit ang bati."),
}

GUIDE = """\
# Handling irate callers

Most angry callers calm down once they feel heard. Let them finish before you explain.

## After the call

Take a slow breath and stand up for a moment. Stress from a hard call fades faster when
you move. Write your notes before the next call comes in.
"""


def card_text(fields: tuple[Any, ...]) -> str:
    card_id, title, lang, stage, tags, channel, say, why = fields
    return card_markdown(card_id, lang, stage, title=title, tags=tags, channel=channel,
                         say=say, why=why)


def write_mini_kb(root: Path) -> Path:
    (root / "en").mkdir(parents=True)
    (root / "fil").mkdir()
    (root / "guides").mkdir()
    (root / "taxonomy.md").write_text(TAXONOMY, encoding="utf-8")
    (root / "glossary.md").write_text(GLOSSARY, encoding="utf-8")
    for relative, fields in CARDS.items():
        (root / relative).write_text(card_text(fields), encoding="utf-8")
    (root / "guides" / "irate-callers.md").write_text(GUIDE, encoding="utf-8")
    return root


@pytest.fixture
def card_file() -> Callable[[tuple[Any, ...]], str]:
    """card_text for tests that write their own cards."""
    return card_text


@pytest.fixture
def mini_kb(tmp_path: Path) -> Path:
    return write_mini_kb(tmp_path / "kb")


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def make_engine(cache_dir: Path) -> Iterator[Callable[[Path], Engine]]:
    engines: list[Engine] = []

    def make(kb_dir: Path) -> Engine:
        engine = Engine(kb_dir, cache_dir)
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.close()


@pytest.fixture
def engine(mini_kb: Path, make_engine: Callable[[Path], Engine]) -> Engine:
    made = make_engine(mini_kb)
    made.ensure_index()
    return made
