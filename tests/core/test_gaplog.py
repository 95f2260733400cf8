"""The search-gap log: opt-in, local, scrubbed, countable, deletable."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from desktop.core.gaplog import GapLog, default_gap_log_path, scrub


@pytest.fixture
def log_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KALMA_DATA_DIR", str(tmp_path / "data"))
    path = default_gap_log_path()
    assert path.is_relative_to(tmp_path)  # never the real home
    return path


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# Words the test KB would know (known_words() collects them from the cards).
KNOWN = frozenset({"twice", "music", "broken", "swearing", "refund", "supervisor", "angry"})


def test_off_means_nothing_is_written(log_path: Path) -> None:
    log = GapLog(log_path, enabled=False)
    log.record_search("refund", 0)
    log.record_copy("refund")
    assert not log_path.exists()
    assert log.top_gaps() == []


def test_scrubbing_digits_emails_and_call_panel_names(log_path: Path) -> None:
    log = GapLog(log_path, enabled=True, scrub_names=("Maria Dela Cruz", "Jun"), known=KNOWN)
    log.record_search("maria says account 0917-123-4567 was charged twice", 0)
    log.record_search("refund for juan.dc+bills@example.com.ph", 0)
    log.record_search("DELA CRUZ angry about bill 12", 3)
    log.record_search("jun wants a supervisor", 1)
    # Only the queries: the timestamps may hold "12" on their own.
    text = "\n".join(str(r["q"]) for r in lines(log_path))
    for secret in ("0917", "123", "4567", "12", "juan", "example", "maria", "Maria",
                   "DELA", "CRUZ", "jun "):
        assert secret not in text
    assert [r["q"] for r in lines(log_path)] == [
        "[name] says account # was charged twice",
        "refund for [email]",
        "[name] angry about bill #",
        "[name] wants a supervisor",
    ]
    assert scrub("Junior staff", ("Jun",), frozenset({"junior", "staff"})) == "Junior staff"


def test_queries_with_nothing_left_are_not_logged(log_path: Path) -> None:
    log = GapLog(log_path, enabled=True, scrub_names=("Ana",))
    log.record_search("0917 555 1234", 0)
    log.record_search("ana", 0)
    assert not log_path.exists()


def test_top_gaps_counts_empty_results_and_searches_without_a_copy(log_path: Path) -> None:
    log = GapLog(log_path, enabled=True, known=KNOWN)
    for _ in range(3):
        log.record_search("Customer  wants refund", 0)  # nothing found
    log.record_search("customer wants refund", 2)
    log.record_search("hold music broken", 4)  # results, but no copy: a gap
    log.record_search("hold music broken", 4)
    log.record_search("swearing", 5)
    log.record_copy("swearing")  # found and used: not a gap
    assert log.top_gaps() == [("Customer wants refund", 4), ("hold music broken", 2)]
    assert log.top_gaps(limit=1) == [("Customer wants refund", 4)]


def test_clear_deletes_the_log_and_torn_lines_are_skipped(log_path: Path) -> None:
    log = GapLog(log_path, enabled=True)
    log.record_search("late bill", 0)
    with log_path.open("a", encoding="utf-8") as handle:
        handle.write('{"e": "search", "q": "torn')  # a crash mid-line
    assert log.top_gaps() == [("late bill", 1)]
    if os.name == "posix":
        assert log_path.stat().st_mode & 0o777 == 0o600  # the agent's own file
    log.clear()
    assert not log_path.exists()
    log.clear()  # twice is fine


def test_names_never_survive_even_when_not_typed_in_the_call_panel(log_path: Path) -> None:
    log = GapLog(log_path, enabled=True, known=KNOWN)
    log.record_search("my account # maria santos", 0)
    log.record_search("sabi ni Aling Nena ayaw magbayad 0917-555-1234 nena@example.com", 0)
    text = log_path.read_text(encoding="utf-8").casefold()
    for secret in ("maria", "santos", "nena", "0917", "example", "magbayad"):
        assert secret not in text
    assert [r["q"] for r in lines(log_path)] == [
        "my account # […]",
        "sabi ni […] ayaw […] # [email]",
    ]


def test_known_words_come_from_the_kb_in_lower_case(tmp_path: Path) -> None:
    from desktop.core.gaplog import known_words
    from desktop.core.kb import load_kb
    from tests.kbfiles import write_card

    write_card(tmp_path, "late", "en", "listen",
               say=["Maria from billing says the late fee is waived"])
    known = known_words(load_kb(tmp_path))
    assert {"late", "fee", "waived", "billing"} <= known
    assert "maria" not in known  # only ever Capitalised: a name, not a KB word
    assert scrub("maria late fee", known=known) == "[…] late fee"


def test_seats_share_scrubbed_gaps_and_copy_counts(tmp_path: Path) -> None:
    from desktop.core.gaplog import floor_usage

    share = tmp_path / "share"
    share.mkdir()
    for seat in ("pc-01", "pc-02"):
        log = GapLog(tmp_path / seat / "gaps.jsonl", enabled=True, known=KNOWN,
                     share_dir=share, seat=seat)
        log.record_search("refund maria", 0)
        log.record_copy("hold", "hold-check-in")
    GapLog(tmp_path / "x.jsonl", enabled=True, share_dir=share, seat="pc-02").record_copy(
        "hold", "hold-check-in")
    assert sorted(p.name for p in share.iterdir()) == ["pc-01.jsonl", "pc-02.jsonl"]
    assert "maria" not in (share / "pc-01.jsonl").read_text(encoding="utf-8")
    usage = floor_usage(share)
    assert usage.seats == 2
    assert usage.gaps == [("refund […]", 2)]
    assert usage.most_copied() == [("hold-check-in", 3)]
    assert usage.never_used(["hold-check-in", "close-thank"]) == ["close-thank"]


def test_engine_words_never_index_on_the_callers_thread(tmp_path: Path) -> None:
    from desktop.core.gaplog import engine_words
    from desktop.core.search import Engine
    from tests.kbfiles import write_card

    write_card(tmp_path, "late", "en", "listen", say=["the late fee is waived"])
    engine = Engine(tmp_path)
    assert engine_words(engine) == frozenset()  # not indexed yet: no work, no words
    engine.ensure_index()
    assert "waived" in engine_words(engine)
    engine.close()
