"""Relevance on the bundled KB: what an agent types must bring the right card into the top 3.

tests/core/relevance.tsv holds the queries (English, Filipino, Taglish, misspelled, partly
typed) and, for each, card ids, stages or tags of which at least one must appear in the top
three hits. Expectations name a stage or tag where the exact card could reasonably change.
A `# Kind` comment line starts a kind of query (`# English: Philippine situations` still
counts as English); the success rate must hold overall and for every kind.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.core.search import Engine, Filters, Hit

CASES_FILE = Path(__file__).with_name("relevance.tsv")
REPO_KB = Path(__file__).resolve().parents[2] / "kb"
REQUIRED_SUCCESS = 0.95
TOP = 3


@dataclass(frozen=True)
class Case:
    query: str
    lang: str
    expected: tuple[tuple[str, str], ...]  # (kind, value): kind is id, stage or tag
    group: str = ""  # English, Filipino, Taglish, Misspelled, Partial words…

    def satisfied_by(self, hit: Hit) -> bool:
        for kind, value in self.expected:
            if (kind == "id" and hit.id == value) or (kind == "stage" and hit.stage == value) \
                    or (kind == "tag" and value in hit.tags):
                return True
        return False


def load_cases() -> list[Case]:
    cases = []
    group = ""
    for line in CASES_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ") and "\t" not in line:
            group = line[2:].split(":", 1)[0].strip()
        if not line.strip() or line.startswith("#"):
            continue
        query, lang, expected = line.split("\t")
        pairs = tuple(tuple(part.split(":", 1)) for part in expected.split("|"))
        cases.append(Case(query, lang, pairs, group))  # type: ignore[arg-type]
    return cases


@pytest.fixture(scope="module")
def shipped_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = Engine(REPO_KB, tmp_path_factory.mktemp("relevance-cache"))
    engine.ensure_index()
    yield engine
    engine.close()


def test_the_case_file_is_big_and_well_formed() -> None:
    cases = load_cases()
    assert len(cases) >= 120
    assert {c.group for c in cases} >= {"English", "Filipino", "Taglish", "Misspelled"}
    for case in cases:
        assert case.lang in ("any", "en", "fil"), case
        assert all(kind in ("id", "stage", "tag") and value for kind, value in case.expected)


def test_expected_ids_stages_and_tags_exist(shipped_engine: Engine) -> None:
    snapshot = shipped_engine.snapshot
    known = {"id": {c.id for c in snapshot.cards}, "stage": set(snapshot.taxonomy.stage_ids),
             "tag": set(snapshot.taxonomy.tag_ids)}
    missing = [(case.query, kind, value) for case in load_cases()
               for kind, value in case.expected if value not in known[kind]]
    assert not missing


def test_relevance_top3_success_rate(shipped_engine: Engine) -> None:
    cases = load_cases()
    failures: dict[str, list[str]] = {}
    for case in cases:
        hits = shipped_engine.search(case.query, Filters(lang=case.lang), limit=TOP)
        if not any(case.satisfied_by(hit) for hit in hits[:TOP]):
            failures.setdefault(case.group, []).append(
                f"{case.query!r}: got {[(h.id, h.lang) for h in hits[:TOP]]}")
    failed = [f for group in failures.values() for f in group]
    rate = 1 - len(failed) / len(cases)
    print(f"relevance: {rate:.1%} of {len(cases)} queries")
    assert rate >= REQUIRED_SUCCESS, "\n".join(failed)
    for group in {c.group for c in cases}:
        size = sum(1 for c in cases if c.group == group)
        group_rate = 1 - len(failures.get(group, [])) / size
        assert group_rate >= REQUIRED_SUCCESS, (group, failures.get(group))


def test_swear_ranks_the_first_warning_above_the_second(shipped_engine: Engine) -> None:
    ids = [h.id for h in shipped_engine.search("swear", Filters(lang="en"), limit=10)]
    assert "abusive-first-warning" in ids
    if "abusive-second-warning" in ids:
        assert ids.index("abusive-first-warning") < ids.index("abusive-second-warning")
