"""The account policy (kb/policy.md): parsing, validation, defaults, and what it drives."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from desktop.core.lint import lint_kb
from desktop.core.policy import Policy, card_applies, load_policy, read_policy
from desktop.core.render import fill_placeholders
from desktop.core.search import Engine, Filters
from tests.kbfiles import write_card

REPO_KB = Path(__file__).resolve().parents[2] / "kb"
TODAY = date(2027, 1, 15)


def write_policy(kb: Path, *lines: str) -> Path:
    path = kb / "policy.md"
    path.write_text("\n".join(["---", *lines, "---", "", "Notes for trainers."]) + "\n",
                    encoding="utf-8")
    return path


def test_no_policy_file_gives_the_cautious_defaults(tmp_path: Path) -> None:
    policy, problems = read_policy(tmp_path, TODAY)
    assert problems == []
    assert policy.path is None
    assert policy.warnings_before_end == 1
    assert not policy.callback and not policy.retention_team and not policy.regional_language
    assert policy.crisis_line == "1553"


def test_values_are_read_as_typed(tmp_path: Path) -> None:
    write_policy(tmp_path, "warnings_before_end: 0", "callback: no", "refund_authority: approve",
                 "retention_team: yes", "crisis_line: 0917 899 8727",
                 "crisis_line_review_by: 2027-12-31", "recording_line: We record calls.")
    policy, problems = read_policy(tmp_path, TODAY)
    assert problems == []
    assert policy.warnings_before_end == 0
    assert policy.abuse_step_limit == 1  # no warning: the first step is the closing line
    assert policy.callback is False and policy.retention_team is True
    assert policy.refund_authority == "approve"
    assert policy.crisis_line == "0917 899 8727"
    assert policy.crisis_line_review_by == date(2027, 12, 31)
    assert policy.recording_line == "We record calls."


def test_bad_values_name_the_file_and_line_and_fall_back(tmp_path: Path) -> None:
    path = write_policy(tmp_path, "callback: maybe", "warnings_before_end: two",
                        "refund_authority: always", "colour: blue")
    policy, problems = read_policy(tmp_path, TODAY)
    found = {(p.line, p.severity) for p in problems}
    assert found == {(2, "error"), (3, "error"), (4, "error"), (5, "warning")}
    assert all(p.path == path for p in problems)
    assert "yes or no" in next(p.message for p in problems if p.line == 2)
    assert policy.callback is Policy().callback
    assert policy.warnings_before_end == Policy().warnings_before_end


def test_broken_front_matter_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "policy.md").write_text("---\ncallback yes\n", encoding="utf-8")
    policy, problems = read_policy(tmp_path, TODAY)
    assert problems and problems[0].severity == "error"
    assert policy.callback is Policy().callback


def test_an_overdue_crisis_line_review_is_a_warning(tmp_path: Path) -> None:
    write_policy(tmp_path, "crisis_line_review_by: 2026-01-01")
    problems = read_policy(tmp_path, TODAY)[1]
    assert [(p.line, p.severity) for p in problems] == [(2, "warning")]
    assert "crisis line" in problems[0].message


def test_lint_reports_policy_problems_and_unknown_requirements(tmp_path: Path) -> None:
    write_policy(tmp_path, "retention_team: perhaps")
    for lang in ("en", "fil"):
        path = write_card(tmp_path, "c1", lang, "solve", say=["One.", "Two."])
        text = path.read_text(encoding="utf-8").replace("stage: solve",
                                                        "stage: solve\nrequires: teleport")
        path.write_text(text, encoding="utf-8")
    problems = lint_kb(tmp_path, TODAY)
    rules = sorted({(p.rule, p.path.name) for p in problems})
    assert ("policy", "policy.md") in rules
    assert ("unknown-requirement", "c1.md") in rules


def test_the_shipped_policy_is_valid_and_has_the_ncmh_line() -> None:
    policy, problems = read_policy(REPO_KB, date(2027, 1, 1))
    assert problems == []
    assert policy.path is not None
    assert policy.crisis_line == "1553"
    assert policy.crisis_line_review_by is not None


def test_card_requirements_follow_the_policy() -> None:
    meta = {"requires": "callback, retention"}
    assert card_applies(meta, Policy(callback=True, retention_team=True))
    assert not card_applies(meta, Policy(callback=True, retention_team=False))
    assert card_applies({}, Policy())
    assert not card_applies({"requires": "refund"}, Policy(refund_authority="none"))


def test_policy_placeholders_fill_phrases(tmp_path: Path) -> None:
    write_policy(tmp_path, "crisis_line: 1553", "crisis_line_name: NCMH Crisis Hotline")
    values = load_policy(tmp_path).placeholders()
    phrase = "Please call the {crisis_line_name} at {crisis_line}, {customer}."
    assert fill_placeholders(phrase, values) == \
        "Please call the NCMH Crisis Hotline at 1553, {customer}."


def test_search_hides_cards_the_policy_rules_out(
        tmp_path: Path, make_engine: Callable[[Path], Engine]) -> None:
    for card_id, requires in (("call-back-later", "requires: callback\n"), ("plain", "")):
        path = write_card(tmp_path, card_id, "en", "follow-up",
                          say=["I will follow up on your dropped call.", "Thank you."])
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("stage: follow-up\n", "stage: follow-up\n" + requires),
                        encoding="utf-8")
    write_policy(tmp_path, "callback: no")
    engine = make_engine(tmp_path)
    assert [h.id for h in engine.search("dropped call")] == ["plain"]
    assert [h.id for h in engine.search("", Filters(stage="follow-up"))] == ["plain"]
    write_policy(tmp_path, "callback: yes")  # no cache clearing: the engine notices
    assert {h.id for h in engine.search("dropped call")} == {"plain", "call-back-later"}


def test_every_policy_placeholder_is_a_placeholder() -> None:
    from desktop.core.policy import POLICY_PLACEHOLDERS
    from desktop.core.render import unfilled_placeholders

    text = " ".join(f"{{{name}}}" for name in POLICY_PLACEHOLDERS)
    assert unfilled_placeholders(text) == list(POLICY_PLACEHOLDERS)


# --- writing the policy back (trainer mode's form) ------------------------------------

def test_update_changes_only_the_edited_values_and_keeps_everything_else() -> None:
    from desktop.core.policy import update_policy_text

    text = ("---\r\n# who decides: the account manager\r\ncallback: yes\r\n"
            "warnings-before-end:  2\r\ncrisis_line: \"1553\"\r\n---\r\n\r\nBody stays.\r\n")
    out = update_policy_text(text, {"callback": False, "warnings_before_end": 0,
                                    "crisis_line": "0917 899 8727"})
    assert out == ("---\r\n# who decides: the account manager\r\ncallback: no\r\n"
                   "warnings-before-end:  0\r\ncrisis_line: \"0917 899 8727\"\r\n---\r\n\r\n"
                   "Body stays.\r\n")
    assert update_policy_text(text, {}) == text


def test_update_inserts_a_missing_key_in_key_order_with_the_files_line_ending() -> None:
    from desktop.core.policy import update_policy_text

    text = "---\r\nwarnings_before_end: 1\r\ncrisis_line: 1553\r\n---\r\nBody.\r\n"
    out = update_policy_text(text, {"fee_waiver": True, "agent_name_disclosure": "full-name"})
    assert out.split("\r\n")[:6] == ["---", "warnings_before_end: 1", "fee_waiver: yes",
                                     "crisis_line: 1553", "agent_name_disclosure: full-name",
                                     "---"]


def test_update_refuses_unknown_keys_and_files_without_front_matter() -> None:
    import pytest

    from desktop.core.policy import update_policy_text

    with pytest.raises(ValueError, match="unknown policy key"):
        update_policy_text("---\ncallback: yes\n---\n", {"colour": "blue"})
    with pytest.raises(ValueError, match="front matter"):
        update_policy_text("no front matter\n", {"callback": True})


def test_the_shipped_policy_round_trips_byte_for_byte(tmp_path: Path) -> None:
    from desktop.core.policy import policy_file_values, update_policy_text

    text = (REPO_KB / "policy.md").read_text(encoding="utf-8")
    policy = read_policy(REPO_KB, date(2027, 1, 1))[0]
    assert update_policy_text(text, policy_file_values(policy)) == text
    changed = update_policy_text(text, {"callback": False})
    assert [a for a, b in zip(text.split("\n"), changed.split("\n"), strict=True) if a != b] \
        == ["callback: yes"]


def test_write_policy_is_atomic_keeps_crlf_and_creates_a_missing_file(tmp_path: Path) -> None:
    from desktop.core.policy import write_policy

    path = tmp_path / "policy.md"
    path.write_bytes(b"---\r\ncallback: yes\r\n---\r\nNotes.\r\n")
    write_policy(tmp_path, {"callback": False, "crisis_line_review_by": date(2028, 1, 31)})
    assert path.read_bytes() == (b"---\r\ncallback: no\r\ncrisis_line_review_by: 2028-01-31"
                                 b"\r\n---\r\nNotes.\r\n")
    assert [p.name for p in tmp_path.iterdir()] == ["policy.md"]  # no temp file left
    other = tmp_path / "other"
    other.mkdir()
    write_policy(other, {"warnings_before_end": 0})
    policy, problems = read_policy(other, TODAY)
    assert problems == [] and policy.warnings_before_end == 0


def test_parse_policy_text_validates_unsaved_text() -> None:
    from desktop.core.policy import parse_policy_text

    path = Path("kb/policy.md")
    policy, problems = parse_policy_text(path, "---\ncrisis_line: call us\n---\n", TODAY)
    assert [(p.line, p.severity) for p in problems] == [(2, "error")]
    assert "digits" in problems[0].message and policy.crisis_line == Policy().crisis_line


def test_kb_readme_documents_every_key_the_app_reads_or_writes() -> None:
    from desktop.core.approval import KB_SETTINGS_FILE
    from desktop.core.editing import META_ORDER
    from desktop.core.policy import POLICY_KEYS

    readme = (REPO_KB / "README.md").read_text(encoding="utf-8")
    table_keys = {line.split("|")[1].strip().strip("`") for line in readme.splitlines()
                  if line.startswith("| `")}
    missing = [key for key in (*META_ORDER, "imported_from", "requires", "approvals")
               if key not in table_keys]
    assert missing == []
    assert KB_SETTINGS_FILE in readme
    assert [key for key in POLICY_KEYS if f"`{key}`" not in readme] == []
