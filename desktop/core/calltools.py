"""Call tools logic, Qt-free: hold timer, abusive-caller counter, recovery countdown.

Every timed class reads an injected clock (`Callable[[], float]`, seconds) instead of
sleeping or owning a timer, so the UI drives them from one QTimer and tests drive them
with a fake clock. The card ids below are the policy's wording; trainers change the
wording by editing those KB cards, IT changes the numbers through Settings
(`hold_interval_s`, `abuse_warning_limit`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from desktop.core.cards import Card
from desktop.core.render import fill_placeholders
from desktop.core.search import Filters, Hit
from desktop.core.settings import Settings

Clock = Callable[[], float]

HOLD_CHECK_IN_CARD = "hold-check-in"
ABUSE_WARNING_CARDS = ("abusive-first-warning", "abusive-second-warning")
ABUSE_CLOSING_CARD = "close-abusive-end-call"
RECOVERY_CARD = "after-call-reset"
RECOVERY_SECONDS = 60
PLACEHOLDER_KEYS = ("customer", "issue", "agent", "minutes")

__all__ = [
    "ABUSE_CLOSING", "ABUSE_CLOSING_CARD", "ABUSE_WARNING_CARDS", "HOLD_CHECK_IN",
    "HOLD_CHECK_IN_CARD", "PLACEHOLDER_KEYS", "RECOVERY", "RECOVERY_CARD", "RECOVERY_SECONDS",
    "AbuseCounter", "AbusePolicy", "AbuseStep", "CardLookup", "CardRef", "Clock", "HoldTimer",
    "RecoveryCountdown", "fill_placeholders", "find_card", "first_phrases", "format_elapsed",
    "kb_langs", "placeholder_values", "recovery_lines",
]


class CardLookup(Protocol):
    """The part of search.Engine the call tools use (a fake in tests is enough)."""

    def card(self, card_id: str, lang: str) -> Card | None: ...

    def search(self, text: str, filters: Filters | None = None, limit: int = 20) -> list[Hit]: ...


@dataclass(frozen=True)
class CardRef:
    """A card by id, with a stage/tags search to fall back on while the id is missing."""

    id: str
    stage: str | None = None
    tags: tuple[str, ...] = ()
    skip_stages: tuple[str, ...] = ()  # fallback hits in these stages are not this card
    skip_ids: tuple[str, ...] = ()
    nth: int = 0  # which fallback hit (warning 2 should not repeat warning 1's card)


HOLD_CHECK_IN = CardRef(HOLD_CHECK_IN_CARD, stage="hold", tags=("long-wait",))
ABUSE_CLOSING = CardRef(ABUSE_CLOSING_CARD, stage="closing", tags=("abusive",))
RECOVERY = CardRef(RECOVERY_CARD, stage="after-call", tags=("stay-calm",))


def _warning_ref(card_id: str, nth: int) -> CardRef:
    # Fallback: any abusive-tagged card that is not the closing line or after-call advice.
    return CardRef(card_id, tags=("abusive",), skip_stages=("closing", "after-call"),
                   skip_ids=(ABUSE_CLOSING_CARD,), nth=nth)


def find_card(engine: CardLookup, ref: CardRef, lang: str) -> Card | None:
    """The card `ref.id` in `lang`; else the `ref.nth` fallback search hit with phrases."""
    card = engine.card(ref.id, lang)
    if card is not None and card.say:
        return card
    hits = engine.search("", Filters(lang=lang, stage=ref.stage, tags=ref.tags), limit=50)
    found: list[Card] = []
    for hit in hits:
        if hit.kind != "card" or hit.stage in ref.skip_stages or hit.id in ref.skip_ids:
            continue
        candidate = engine.card(hit.id, lang)
        if candidate is not None and candidate.say:
            found.append(candidate)
    if not found:
        return None
    return found[min(ref.nth, len(found) - 1)]


def kb_langs(kb_language: str) -> tuple[str, ...]:
    """Which card languages to show, in order, for a KB view of en | fil | both."""
    return ("en", "fil") if kb_language == "both" else (kb_language,)


def format_elapsed(seconds: float) -> str:
    """mm:ss (minutes keep counting past 59; a hold should never get that long)."""
    whole = max(0, int(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def placeholder_values(values: Mapping[str, str]) -> dict[str, str]:
    """Exactly the four placeholder keys, trimmed; missing ones empty."""
    return {key: (values.get(key) or "").strip() for key in PLACEHOLDER_KEYS}


# --- hold timer --------------------------------------------------------------------------


class HoldTimer:
    """Elapsed hold time and a reminder every `interval_s` seconds (at 60, 120, … by default).

    With `first_s` (the minutes promised to the customer) the first reminder comes then,
    and the next ones every `interval_s` after it. `poll()` returns True once per interval
    crossed; missed intervals (the laptop slept) collapse into one reminder, not a burst.
    """

    def __init__(self, clock: Clock, interval_s: float = 60) -> None:
        self._clock = clock
        self.interval_s = interval_s
        self.first_s: float | None = None
        self._started: float | None = None
        self.reminders = 0

    @property
    def running(self) -> bool:
        return self._started is not None

    def start(self) -> None:
        self._started = self._clock()
        self.reminders = 0

    def stop(self) -> float:
        """Stop the hold; returns how long it lasted."""
        elapsed = self.elapsed()
        self._started = None
        self.reminders = 0
        return elapsed

    def elapsed(self) -> float:
        if self._started is None:
            return 0.0
        return max(0.0, self._clock() - self._started)

    def poll(self) -> bool:
        """True when a new check-in reminder is due."""
        if self._started is None or self.interval_s <= 0:
            return False
        first = self.first_s if self.first_s and self.first_s > 0 else self.interval_s
        elapsed = self.elapsed()
        due = 0 if elapsed < first else 1 + int((elapsed - first) // self.interval_s)
        if due <= self.reminders:
            return False
        self.reminders = due
        return True


# --- abusive-caller policy ---------------------------------------------------------------


@dataclass(frozen=True)
class AbusePolicy:
    """How many warnings before the agent may end the call, and which cards to read."""

    limit: int = 3
    warning_cards: tuple[str, ...] = ABUSE_WARNING_CARDS
    closing_card: str = ABUSE_CLOSING_CARD

    @classmethod
    def from_settings(cls, settings: Settings) -> AbusePolicy:
        return cls(limit=max(1, settings.abuse_warning_limit))

    def warning_ref(self, step: int) -> CardRef:
        """Warning card for step 1, 2, …; extra steps reuse the last warning card."""
        index = min(max(step, 1), len(self.warning_cards)) - 1
        return _warning_ref(self.warning_cards[index], nth=max(step, 1) - 1)

    def closing_ref(self) -> CardRef:
        return CardRef(self.closing_card, ABUSE_CLOSING.stage, ABUSE_CLOSING.tags)


@dataclass(frozen=True)
class AbuseStep:
    count: int
    limit: int
    card: CardRef | None  # None before the first warning

    @property
    def at_limit(self) -> bool:
        return self.count >= self.limit


class AbuseCounter:
    """Warnings given on this call. The step that reaches the limit is the closing line:
    with limit 3 the agent reads warning 1, warning 2, then the policy's closing phrase."""

    def __init__(self, policy: AbusePolicy | None = None) -> None:
        self.policy = policy or AbusePolicy()
        self.count = 0

    @property
    def limit(self) -> int:
        return self.policy.limit

    @property
    def at_limit(self) -> bool:
        return self.count >= self.limit

    def give_warning(self) -> AbuseStep:
        """Count one more warning (never past the limit) and return what to read now."""
        self.count = min(self.count + 1, self.limit)
        return self.step()

    def step(self) -> AbuseStep:
        if self.count <= 0:
            return AbuseStep(0, self.limit, None)
        if self.at_limit:
            return AbuseStep(self.count, self.limit, self.policy.closing_ref())
        return AbuseStep(self.count, self.limit, self.policy.warning_ref(self.count))

    def reset(self, policy: AbusePolicy | None = None) -> None:
        """Back to zero; a new policy (changed settings) applies from here."""
        if policy is not None:
            self.policy = policy
        self.count = 0


# --- after the call ----------------------------------------------------------------------


class RecoveryCountdown:
    """A short break after a call: whole seconds left, counting down from `seconds`."""

    def __init__(self, clock: Clock, seconds: float = RECOVERY_SECONDS) -> None:
        self._clock = clock
        self.seconds = seconds
        self._started: float | None = None

    @property
    def active(self) -> bool:
        """Started and not stopped yet (it may have just run out)."""
        return self._started is not None

    @property
    def running(self) -> bool:
        return self.active and not self.finished

    @property
    def finished(self) -> bool:
        return self._started is not None and self.remaining() <= 0

    def start(self) -> None:
        self._started = self._clock()

    def stop(self) -> None:
        self._started = None

    def remaining(self) -> int:
        """Seconds left, rounded up (shows 60 at the start and 1 in the last second)."""
        if self._started is None:
            return 0
        left = self.seconds - (self._clock() - self._started)
        return max(0, math.ceil(left))


def recovery_lines(card: Card | None) -> list[str]:
    """What the recovery card shows from a KB card: its Say phrases, then its Why."""
    if card is None:
        return []
    return [*card.say, *([card.why] if card.why else [])]


def first_phrases(cards: Iterable[Card | None]) -> list[tuple[str, str]]:
    """(lang, first Say phrase) for each card found."""
    return [(card.lang, card.say[0]) for card in cards if card is not None and card.say]
