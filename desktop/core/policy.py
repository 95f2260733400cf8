"""The account policy: what differs per account, read from kb/policy.md (Qt-free).

The file has the same `Key: value` front matter as a card, then free text for trainers.
Values drive the app: how many warnings before ending an abusive call, which cards apply
(a card's `requires:`), and the policy placeholders in phrases ({crisis_line}, …).
A missing file gives the defaults below; a bad value gives a problem naming the file and
line, and the default for that key, so the app keeps running.

This is KB content that trainers own; seat settings that IT locks live in settings.py.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path

from desktop.core import atomicfile, frontmatter
from desktop.core.cards import Card
from desktop.core.kbfs import KbFileError, read_kb_text

POLICY_FILE = "policy.md"
MAX_WARNINGS = 10
REFUND_AUTHORITY = ("none", "request", "approve")
SUPERVISOR_RULES = ("on-request", "after-attempt", "callback")
NAME_DISCLOSURE = ("first-name", "first-name-and-id", "full-name")
YES_NO_KEYS = ("callback", "fee_waiver", "retention_team", "regional_language")
DATE_KEYS = ("crisis_line_review_by",)
_YES = {"yes", "true", "oo", "1"}
_NO = {"no", "false", "hindi", "0"}
_PHONE_RE = re.compile(r"^[0-9+()\- ]{3,20}$")


@dataclass(frozen=True)
class Policy:
    """One account's rules. Field names are the front-matter keys."""

    warnings_before_end: int = 1  # 0: end the call at once when the line is crossed
    callback: bool = False  # agents may promise to call the customer back
    refund_authority: str = "request"  # none | request (file it for review) | approve
    fee_waiver: bool = False  # agents may waive a fee themselves
    supervisor_transfer: str = "after-attempt"  # on-request | after-attempt | callback
    retention_team: bool = False
    regional_language: bool = False  # a colleague who speaks the caller's language
    crisis_line: str = "1553"
    crisis_line_name: str = "NCMH Crisis Hotline"
    crisis_line_review_by: date | None = date(2027, 6, 30)
    recording_line: str = "This call is recorded for quality and training purposes."
    recording_line_fil: str = "Naka-record po ang tawag na ito para sa quality at training."
    agent_name_disclosure: str = "first-name-and-id"
    path: Path | None = field(default=None, compare=False)  # None: built-in defaults
    lines: dict[str, int] = field(default_factory=dict, compare=False)

    @property
    def abuse_step_limit(self) -> int:
        """Steps on the call panel's counter: each warning, then the closing line."""
        return self.warnings_before_end + 1

    def allows(self, need: str) -> bool:
        """Whether a card that `requires: need` applies on this account."""
        check = REQUIREMENTS.get(need)
        return check(self) if check else True

    def placeholders(self) -> dict[str, str]:
        """Values for the policy placeholders in phrases."""
        return {
            "crisis_line": self.crisis_line,
            "crisis_line_name": self.crisis_line_name,
            "recording_line": self.recording_line,
            "recording_line_fil": self.recording_line_fil,
            "warnings_before_end": str(self.warnings_before_end),
        }


# What a card may declare in `requires:`, and when the policy grants it.
REQUIREMENTS = {
    "callback": lambda p: p.callback,
    "refund": lambda p: p.refund_authority != "none",
    "refund-approve": lambda p: p.refund_authority == "approve",
    "fee-waiver": lambda p: p.fee_waiver,
    "retention": lambda p: p.retention_team,
    "regional-language": lambda p: p.regional_language,
    "supervisor-transfer": lambda p: p.supervisor_transfer != "callback",
}
POLICY_PLACEHOLDERS = tuple(Policy().placeholders())
# The keys a policy file may set, in the order they are written (the dataclass order).
POLICY_KEYS = tuple(f.name for f in fields(Policy) if f.name not in ("path", "lines"))
CHOICES: dict[str, tuple[str, ...]] = {"refund_authority": REFUND_AUTHORITY,
                                       "supervisor_transfer": SUPERVISOR_RULES,
                                       "agent_name_disclosure": NAME_DISCLOSURE}


@dataclass(frozen=True)
class PolicyProblem:
    path: Path
    line: int
    severity: str  # "error" | "warning"
    message: str


def policy_path(kb_dir: Path) -> Path:
    return Path(kb_dir) / POLICY_FILE


def load_policy(kb_dir: Path) -> Policy:
    """The account policy of a KB folder; defaults when policy.md is absent or unreadable."""
    return read_policy(kb_dir)[0]


def read_policy(kb_dir: Path, today: date | None = None
                ) -> tuple[Policy, list[PolicyProblem]]:
    """The policy and every problem found in kb/policy.md (bad values fall back)."""
    path = policy_path(kb_dir)
    if not path.is_file():
        return Policy(), []
    try:
        text = read_kb_text(path)
    except KbFileError as exc:
        return Policy(path=path), [PolicyProblem(exc.path, exc.line, "error", exc.message)]
    return parse_policy_text(path, text, today or date.today())


def parse_policy_text(path: Path, text: str, today: date
                      ) -> tuple[Policy, list[PolicyProblem]]:
    """Like read_policy, for text that is not (yet) on disk: the trainer's form."""
    try:
        meta, lines, _body, _ = frontmatter.split(path, text)
    except KbFileError as exc:
        return Policy(path=path), [PolicyProblem(exc.path, exc.line, "error", exc.message)]
    return parse_policy(path, meta, lines, today)


def parse_policy(path: Path, meta: Mapping[str, str], lines: Mapping[str, int],
                 today: date) -> tuple[Policy, list[PolicyProblem]]:
    problems: list[PolicyProblem] = []
    values: dict[str, object] = {}
    known = set(POLICY_KEYS)
    for key, raw in meta.items():
        line = lines.get(key, 1)
        name = key.replace("-", "_")
        if name not in known:
            problems.append(PolicyProblem(path, line, "warning", f"unknown policy key {key!r}; "
                                          f"known keys: {', '.join(sorted(known))}"))
            continue
        try:
            values[name] = _convert(name, raw.strip())
        except ValueError as exc:
            problems.append(PolicyProblem(path, line, "error", f"{key}: {exc}"))
    policy = replace(Policy(), **values, path=path, lines=dict(lines))  # type: ignore[arg-type]
    review = policy.crisis_line_review_by
    if review is not None and review < today:
        problems.append(PolicyProblem(path, lines.get("crisis_line_review_by", 1), "warning",
                                      f"crisis line review was due on {review.isoformat()}; "
                                      f"check the number still works, then move the date forward"))
    return policy, problems


def _convert(name: str, raw: str) -> object:
    if name == "warnings_before_end":
        if not raw.isdigit() or int(raw) > MAX_WARNINGS:
            raise ValueError(f"give a whole number from 0 to {MAX_WARNINGS} (0 = end the call "
                             f"at once), not {raw!r}")
        return int(raw)
    if name in YES_NO_KEYS:
        return _yes_no(raw)
    if name in DATE_KEYS:
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise ValueError(f"write the date as YYYY-MM-DD, not {raw!r}") from None
    if name == "crisis_line" and not _PHONE_RE.match(raw):
        raise ValueError(f"write the number as digits (spaces, +, - allowed), not {raw!r}")
    choices = CHOICES.get(name)
    if choices is not None and raw.lower() not in choices:
        raise ValueError(f"use one of {', '.join(choices)}, not {raw!r}")
    if not raw:
        raise ValueError("the value is empty")
    return raw.lower() if choices else raw


def _yes_no(raw: str) -> bool:
    value = raw.lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise ValueError(f"write yes or no, not {raw!r}")


# --- writing the policy back (trainer mode's form) -------------------------------------

_VALUE_LINE_RE = re.compile(
    r"^(\s*)([A-Za-z][A-Za-z0-9_-]*)(\s*:[ \t]*)(.*?)([ \t]*)(\r\n|\r|\n)?$")
_LINE_WITH_END_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def policy_value_text(name: str, value: object) -> str:
    """How a value is written in policy.md: yes/no, YYYY-MM-DD, plain numbers and text."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split())  # one line: the file has one value per line


def policy_file_values(policy: Policy) -> dict[str, str]:
    """Every key of a policy as it would be written."""
    return {name: policy_value_text(name, getattr(policy, name)) for name in POLICY_KEYS}


def update_policy_text(text: str, changes: Mapping[str, object]) -> str:
    """`text` with only the values of `changes` replaced; everything else byte for byte.

    Comments, blank lines, key order, the body, quoting and each line's own ending stay as
    they were. A key the front matter lacks is added after the keys that come before it in
    POLICY_KEYS order. Raises ValueError for an unknown key or text without front matter.
    """
    unknown = [key for key in changes if key not in POLICY_KEYS]
    if unknown:
        raise ValueError(f"unknown policy key(s): {', '.join(unknown)}")
    lines = _LINE_WITH_END_RE.findall(text)
    start, end = _front_matter_rows(lines)
    pending = {key: policy_value_text(key, value) for key, value in changes.items()}
    for index in range(start, end):
        match = _VALUE_LINE_RE.match(lines[index])
        if not match or lines[index].lstrip().startswith("#"):
            continue
        key = match.group(2).lower().replace("-", "_")
        if key not in pending:
            continue
        value = pending.pop(key)
        lines[index] = _with_value(match, value)
    newline = _newline_of(lines)
    for key in sorted(pending, key=POLICY_KEYS.index):
        at = _insert_row(lines, start, end, key)
        lines.insert(at, f"{key}: {pending[key]}{newline}")
        end += 1
    return "".join(lines)


def new_policy_text(changes: Mapping[str, object] | None = None) -> str:
    """A whole policy.md: every key (defaults, then `changes`) and a short note."""
    values = policy_file_values(Policy())
    values.update({k: policy_value_text(k, v) for k, v in (changes or {}).items()})
    front = [f"{key}: {values[key]}" for key in POLICY_KEYS]
    note = ("# Account policy", "", "What differs on this account. Trainer mode edits the "
            "values above; kb/README.md explains each key.")
    return "\n".join(["---", *front, "---", "", *note]) + "\n"


def write_policy(kb_dir: Path, changes: Mapping[str, object]) -> Path:
    """Change policy values on disk (atomically; a missing file is created)."""
    from desktop.core.editing import EditDocument

    path = policy_path(kb_dir)
    if not path.exists():
        atomicfile.create(path, new_policy_text(changes).encode("utf-8"))
        return path
    doc = EditDocument(path)
    doc.save(update_policy_text(doc.text, changes))
    return path


def _front_matter_rows(lines: list[str]) -> tuple[int, int]:
    """(first meta row, row of the closing '---'), 0-based; ValueError without them."""
    if not lines or not frontmatter.is_opening(lines[0]):
        raise ValueError("policy.md has no front matter (it must start with a line '---')")
    rows = frontmatter.line_span(lines)
    if rows is None:
        raise ValueError("policy.md front matter is not closed with a line '---'")
    return rows


def _with_value(match: re.Match[str], value: str) -> str:
    indent, key, colon, old, trailing, ending = match.groups()
    quote = old[0] if len(old) >= 2 and old[0] == old[-1] and old[0] in "\"'" else ""
    colon = colon if colon.rstrip(" \t") != colon or not value else colon + " "
    return f"{indent}{key}{colon}{quote}{value}{quote}{trailing}{ending or ''}"


def _insert_row(lines: list[str], start: int, end: int, key: str) -> int:
    rank = POLICY_KEYS.index(key)
    position = start
    for index in range(start, end):
        match = _VALUE_LINE_RE.match(lines[index])
        if not match or lines[index].lstrip().startswith("#"):
            continue
        other = match.group(2).lower().replace("-", "_")
        if other in POLICY_KEYS and POLICY_KEYS.index(other) < rank:
            position = index + 1
    return position


def _newline_of(lines: list[str]) -> str:
    endings = [line[len(line.rstrip("\r\n")):] for line in lines]
    endings = [e for e in endings if e]
    return max(("\n", "\r\n", "\r"), key=endings.count) if endings else "\n"


# --- cards and the policy --------------------------------------------------------------

def card_requirements(meta: Mapping[str, str]) -> tuple[str, ...]:
    """The ids in a card's `requires:` line."""
    return tuple(part.strip().lower() for part in meta.get("requires", "").split(",")
                 if part.strip())


def card_applies(meta: Mapping[str, str], policy: Policy) -> bool:
    """False when the card needs something this account's policy does not allow."""
    return all(policy.allows(need) for need in card_requirements(meta))


# The policy key that grants each requirement (to tell the trainer what to change).
REQUIREMENT_KEYS = {"callback": "callback", "refund": "refund_authority",
                    "refund-approve": "refund_authority", "fee-waiver": "fee_waiver",
                    "retention": "retention_team", "regional-language": "regional_language",
                    "supervisor-transfer": "supervisor_transfer"}


def refused_requirements(meta: Mapping[str, str], policy: Policy) -> list[str]:
    """The card's `requires:` ids this account's policy does not allow (known ids only)."""
    return [need for need in card_requirements(meta) if not policy.allows(need)]


def unknown_requirements(meta: Mapping[str, str]) -> list[str]:
    return [need for need in card_requirements(meta) if need not in REQUIREMENTS]


_cache: dict[Path, tuple[tuple[int, int] | None, Policy]] = {}


def cached_policy(kb_dir: Path) -> Policy:
    """load_policy, re-read only when policy.md changed (one stat per call)."""
    path = policy_path(kb_dir)
    try:
        stat = os.stat(path)
        key: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = None
    found = _cache.get(path)
    if found is None or found[0] != key:
        found = (key, load_policy(kb_dir))
        _cache[path] = found
    return found[1]


def shown_on_account(doc: object, policy: Policy) -> bool:
    """Search hook: cards whose `requires:` the policy refuses are left out of results."""
    return not isinstance(doc, Card) or card_applies(doc.meta, policy)
