"""Call tools logic with a fake clock: hold reminders, abuse policy steps, recovery countdown."""

from __future__ import annotations

from pathlib import Path

import kbfiles
import pytest

from desktop.core.calltools import (
    ABUSE_CLOSING_CARD,
    HOLD_CHECK_IN,
    RECOVERY,
    AbuseCounter,
    AbusePolicy,
    HoldTimer,
    RecoveryCountdown,
    fill_placeholders,
    find_card,
    format_elapsed,
    kb_langs,
    placeholder_values,
)
from desktop.core.search import Engine
from desktop.core.settings import Settings


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def reminders_until(timer: HoldTimer, clock: FakeClock, end_s: float, step_s: float = 0.5
                    ) -> list[float]:
    """Advance the clock in small steps and record when poll() reported a reminder."""
    fired: list[float] = []
    while timer.elapsed() < end_s:
        clock.advance(step_s)
        if timer.poll():
            fired.append(timer.elapsed())
    return fired


# --- hold timer --------------------------------------------------------------------------


def test_hold_reminder_fires_at_60_and_120_seconds_not_before() -> None:
    clock = FakeClock()
    timer = HoldTimer(clock)
    timer.start()
    clock.advance(59.9)
    assert not timer.poll()
    clock.advance(0.1)
    assert timer.poll()
    assert not timer.poll()  # once per interval
    clock.advance(59.9)
    assert not timer.poll()
    clock.advance(0.1)
    assert timer.poll()
    assert timer.reminders == 2


def test_hold_reminder_schedule_over_time() -> None:
    clock = FakeClock()
    timer = HoldTimer(clock, interval_s=60)
    timer.start()
    assert reminders_until(timer, clock, 150) == [60, 120]


def test_hold_interval_is_configurable() -> None:
    clock = FakeClock()
    timer = HoldTimer(clock, interval_s=Settings(hold_interval_s=45).hold_interval_s)
    timer.start()
    assert reminders_until(timer, clock, 100) == [45, 90]


def test_hold_missed_intervals_collapse_into_one_reminder() -> None:
    clock = FakeClock()
    timer = HoldTimer(clock)
    timer.start()
    clock.advance(200)  # e.g. the laptop slept
    assert timer.poll()
    assert not timer.poll()
    clock.advance(40)
    assert timer.poll()  # 240 s: the next interval boundary


def test_hold_elapsed_stop_and_restart() -> None:
    clock = FakeClock()
    timer = HoldTimer(clock)
    assert not timer.running
    assert timer.elapsed() == 0
    assert not timer.poll()
    timer.start()
    clock.advance(75.4)
    assert format_elapsed(timer.elapsed()) == "01:15"
    assert timer.stop() == pytest.approx(75.4)
    assert not timer.running
    assert not timer.poll()
    timer.start()
    clock.advance(30)
    assert timer.elapsed() == 30
    assert timer.reminders == 0


@pytest.mark.parametrize(("seconds", "shown"), [
    (0, "00:00"), (9.99, "00:09"), (60, "01:00"), (3599, "59:59"), (3725, "62:05"), (-3, "00:00"),
])
def test_format_elapsed(seconds: float, shown: str) -> None:
    assert format_elapsed(seconds) == shown


# --- abusive-caller policy ---------------------------------------------------------------


def test_abuse_steps_warning_1_warning_2_then_closing_at_default_limit() -> None:
    counter = AbuseCounter(AbusePolicy.from_settings(Settings()))
    assert counter.limit == 3
    first = counter.step()
    assert (first.count, first.card) == (0, None)
    steps = [counter.give_warning() for _ in range(3)]
    assert [s.count for s in steps] == [1, 2, 3]
    assert [s.card.id if s.card else None for s in steps] == [
        "abusive-first-warning", "abusive-second-warning", ABUSE_CLOSING_CARD]
    assert [s.at_limit for s in steps] == [False, False, True]


def test_abuse_counter_stops_at_the_limit() -> None:
    counter = AbuseCounter(AbusePolicy(limit=3))
    for _ in range(5):
        step = counter.give_warning()
    assert step.count == 3
    assert counter.at_limit


def test_abuse_configured_limit_two() -> None:
    counter = AbuseCounter(AbusePolicy.from_settings(Settings(abuse_warning_limit=2)))
    first, second = counter.give_warning(), counter.give_warning()
    assert first.card is not None and first.card.id == "abusive-first-warning"
    assert second.at_limit
    assert second.card is not None and second.card.id == ABUSE_CLOSING_CARD


def test_abuse_extra_steps_reuse_the_last_warning_card() -> None:
    counter = AbuseCounter(AbusePolicy(limit=5))
    ids = [s.card.id for s in (counter.give_warning() for _ in range(5)) if s.card]
    assert ids == ["abusive-first-warning", "abusive-second-warning", "abusive-second-warning",
                   "abusive-second-warning", ABUSE_CLOSING_CARD]


def test_abuse_policy_card_ids_can_be_overridden() -> None:
    policy = AbusePolicy(limit=2, warning_cards=("our-warning",), closing_card="our-closing")
    counter = AbuseCounter(policy)
    refs = [counter.give_warning().card, counter.give_warning().card]
    assert [ref.id if ref else None for ref in refs] == ["our-warning", "our-closing"]


def test_abuse_reset_goes_back_to_zero_and_applies_a_new_policy() -> None:
    counter = AbuseCounter(AbusePolicy(limit=3))
    counter.give_warning()
    counter.give_warning()
    counter.reset()
    assert counter.count == 0
    assert counter.step().card is None
    counter.reset(AbusePolicy(limit=1))
    assert counter.give_warning().at_limit


def test_abuse_limit_below_one_is_treated_as_one() -> None:
    assert AbusePolicy.from_settings(Settings(abuse_warning_limit=0)).limit == 1


# --- recovery countdown ------------------------------------------------------------------


def test_recovery_counts_down_from_60_and_finishes() -> None:
    clock = FakeClock()
    countdown = RecoveryCountdown(clock)
    assert not countdown.active and countdown.remaining() == 0
    countdown.start()
    assert countdown.running and countdown.remaining() == 60
    clock.advance(0.4)
    assert countdown.remaining() == 60
    clock.advance(30)
    assert countdown.remaining() == 30
    clock.advance(29.5)
    assert countdown.remaining() == 1 and not countdown.finished
    clock.advance(0.1)
    assert countdown.remaining() == 0
    assert countdown.finished and countdown.active and not countdown.running
    countdown.stop()
    assert not countdown.active and not countdown.finished


def test_recovery_length_is_configurable() -> None:
    clock = FakeClock()
    countdown = RecoveryCountdown(clock, seconds=10)
    countdown.start()
    clock.advance(10)
    assert countdown.finished


# --- placeholders and card lookup --------------------------------------------------------


def test_fill_placeholders_fills_known_non_empty_values_only() -> None:
    values = placeholder_values({"customer": " Ana ", "issue": "", "minutes": "3"})
    assert values == {"customer": "Ana", "issue": "", "agent": "", "minutes": "3"}
    text = "{customer}: {issue} in {minutes} min, {agent}, {other}"
    assert fill_placeholders(text, values) == "Ana: {issue} in 3 min, {agent}, {other}"


def test_kb_langs() -> None:
    assert kb_langs("both") == ("en", "fil")
    assert kb_langs("fil") == ("fil",)


def write_card(kb: Path, card_id: str, stage: str, tags: str, phrase: str,
               lang: str = "en") -> None:
    kbfiles.write_card(kb, card_id, lang, stage, tags=tags, say=[phrase])


def test_find_card_prefers_the_id_then_falls_back_to_stage_and_tags(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    write_card(kb, "hold-other", "hold", "long-wait", "Still here, {customer}.")
    engine = Engine(kb, cache_dir=tmp_path / "cache")
    fallback = find_card(engine, HOLD_CHECK_IN, "en")
    assert fallback is not None and fallback.id == "hold-other"
    write_card(kb, "hold-check-in", "hold", "long-wait", "Thanks for waiting.")
    engine.ensure_index()
    found = find_card(engine, HOLD_CHECK_IN, "en")
    assert found is not None and found.id == "hold-check-in"
    assert find_card(engine, RECOVERY, "en") is None
    assert find_card(engine, HOLD_CHECK_IN, "fil") is None


def test_warning_fallback_skips_closing_and_after_call_cards(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    write_card(kb, "close-abusive-end-call", "closing", "abusive", "Ending the call.")
    write_card(kb, "after-talk-to-tl", "after-call", "abusive", "Tell your TL.")
    write_card(kb, "empathize-abuse-a", "empathize", "abusive", "Warning A.")
    write_card(kb, "empathize-abuse-b", "empathize", "abusive", "Warning B.")
    engine = Engine(kb, cache_dir=tmp_path / "cache")
    counter = AbuseCounter(AbusePolicy(limit=4))
    found = []
    for _ in range(3):
        ref = counter.give_warning().card
        assert ref is not None
        card = find_card(engine, ref, "en")
        found.append(card.say[0] if card else None)
    assert found == ["Warning A.", "Warning B.", "Warning B."]
    closing = find_card(engine, AbusePolicy().closing_ref(), "en")
    assert closing is not None and closing.id == "close-abusive-end-call"
