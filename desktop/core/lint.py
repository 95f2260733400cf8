"""KB lint: every problem names the file, the line and what to do.

One function per rule; `lint_kb` runs them all. The same rules serve `kalma lint`, the
status-bar badge and the trainer's lint panel.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.core.approval import draft_message, kb_trainer_settings
from desktop.core.cards import Card
from desktop.core.kb import CARD_DIRS, KbSnapshot, load_kb
from desktop.core.policy import REQUIREMENTS, read_policy, unknown_requirements
from desktop.core.visibility import is_draft

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    severity: str
    message: str
    rule: str = ""

    def format(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"

    def as_json(self) -> dict[str, object]:
        return {"path": str(self.path), "line": self.line, "severity": self.severity,
                "rule": self.rule, "message": self.message}


Rule = Callable[[KbSnapshot, date], Iterable[Problem]]


def rule_file_problems(kb: KbSnapshot, today: date) -> Iterator[Problem]:
    """Files that could not be read or parsed (encoding, front matter, empty, binary…)."""
    for p in kb.problems:
        yield Problem(p.path, p.line, p.severity, p.message, "file")


def rule_known_stage(kb: KbSnapshot, today: date) -> Iterator[Problem]:
    stages = set(kb.taxonomy.stage_ids)
    known = ", ".join(kb.taxonomy.stage_ids)
    for card in kb.cards:
        if card.stage not in stages:
            yield Problem(card.path, card.meta_lines.get("stage", 1), ERROR,
                          f"unknown stage {card.stage!r}; use one of: {known}", "unknown-stage")


def rule_known_tags(kb: KbSnapshot, today: date) -> Iterator[Problem]:
    tags = set(kb.taxonomy.tag_ids)
    for card in kb.cards:
        for tag in card.tags:
            if tag not in tags:
                yield Problem(card.path, card.meta_lines.get("tags", 1), ERROR,
                              f"unknown tag {tag!r}; add it to taxonomy.md or use a known tag",
                              "unknown-tag")


def rule_lang_matches_folder(kb: KbSnapshot, today: date) -> Iterator[Problem]:
    for card in kb.cards:
        folder = card.path.parent.name
        if folder in CARD_DIRS and card.path.parent.parent == kb.root and card.lang != folder:
            yield Problem(card.path, card.meta_lines.get("lang", 1), ERROR,
                          f"lang is {card.lang!r} but the file is in {folder}/; "
                          f"set 'lang: {folder}' or move the file", "lang-folder")


def rule_card_outside_lang_folders(kb: KbSnapshot, today: date) -> Iterator[Problem]:
    """A card nested deeper (KB/en/en/x.md) or elsewhere is served but never edited,
    twinned or exported as a card: say where it belongs."""
    for card in kb.cards:
        parent = card.path.parent
        if not (parent.name in CARD_DIRS and parent.parent == kb.root):
            yield Problem(card.path, 1, ERROR,
                          f"card file outside en/ and fil/; move it to {card.lang}/ at the "
                          f"top of the KB", "card-folder")


def rule_id_matches_file(kb: KbSnapshot, today: date) -> Iterator[Problem]:
    for card in kb.cards:
        if card.id != card.path.stem:
            yield Problem(card.path, card.meta_lines.get("id", 1), ERROR,
                          f"id {card.id!r} differs from the file name; twins are matched by "
                          f"file name, so set 'id: {card.path.stem}'", "id-file")


def rule_unique_ids(kb: KbSnapshot, today: date) -> Iterator[Problem]:
    seen: dict[tuple[str, str], list[Card]] = defaultdict(list)
    for card in kb.cards:
        seen[(card.lang, card.id)].append(card)
    for (lang, card_id), cards in seen.items():
        if len(cards) < 2:
            continue
        first = cards[0]
        for other in cards[1:]:
            yield Problem(other.path, other.meta_lines.get("id", 1), ERROR,
                          f"id {card_id!r} ({lang}) is already used by {first.path}; "
                          f"give one of them another id", "duplicate-id")


def rule_twins(kb: KbSnapshot, today: date) -> Iterator[Problem]:
    by_place = {(c.path.parent.name, c.path.name): c for c in kb.cards
                if c.path.parent.parent == kb.root and c.path.parent.name in CARD_DIRS}
    for (folder, name), card in sorted(by_place.items()):
        other = "fil" if folder == "en" else "en"
        twin = by_place.get((other, name))
        if twin is None and (kb.root / other / name).exists():
            continue  # the twin is there but broken: its own error says why, not "missing"
        if twin is None:
            yield Problem(card.path, 1, ERROR,
                          f"missing twin: create {other}/{name} with the "
                          f"{'Filipino' if other == 'fil' else 'English'} version", "missing-twin")
        elif folder == "en" and (twin.stage != card.stage or set(twin.tags) != set(card.tags)):
            yield Problem(twin.path, twin.meta_lines.get("stage", 1), WARNING,
                          f"stage/tags differ from en/{name}; twins should match", "twin-mismatch")


def rule_say_section(kb: KbSnapshot, today: date) -> Iterator[Problem]:
    for card in kb.cards:
        heading = "Sabihin" if card.lang == "fil" else "Say"
        if "say" not in card.section_lines:
            yield Problem(card.path, card.body_line, ERROR,
                          f"no '## {heading}' section; add one with the phrases to say as a list",
                          "missing-say")
        elif not card.say:
            yield Problem(card.path, card.section_lines["say"], ERROR,
                          f"'## {heading}' has no list items; write each phrase as '- …'",
                          "empty-say")
        elif len(card.say) < 2:
            yield Problem(card.path, card.section_lines["say"], WARNING,
                          f"only one phrase under '## {heading}'; give agents at least two",
                          "few-say")


def rule_review_by(kb: KbSnapshot, today: date) -> Iterator[Problem]:
    for card in kb.cards:
        if card.review_by and card.review_by < today:
            yield Problem(card.path, card.meta_lines.get("review_by", 1), WARNING,
                          f"review was due on {card.review_by.isoformat()}; check the card and "
                          f"move review_by forward", "review-due")


def rule_draft(kb: KbSnapshot, today: date) -> Iterator[Problem]:
    required = kb_trainer_settings(kb.root).approvals
    for card in kb.cards:
        if card.status == "draft":
            yield Problem(card.path, card.meta_lines.get("status", 1), WARNING,
                          draft_message(card.meta.get("approved_by", ""), required), "draft")
        elif is_draft(card):
            yield Problem(card.path, card.meta_lines.get("status", 1), WARNING,
                          f"status {card.status!r} keeps this card from agents; use 'draft' "
                          f"or delete the line", "draft")


def rule_todo_text(kb: KbSnapshot, today: date) -> Iterator[Problem]:
    """New translations start as 'TODO: translate …' lines; agents must not see them as final."""
    for card in kb.cards:
        offset = next((n for n, line in enumerate(card.body.split("\n")) if "TODO:" in line), None)
        if offset is not None:
            yield Problem(card.path, card.body_line + offset, WARNING,
                          "text still marked 'TODO:'; finish the translation", "todo")


def rule_policy(kb: KbSnapshot, today: date) -> Iterator[Problem]:
    """kb/policy.md values, and `requires:` ids on cards that the policy knows."""
    for p in read_policy(kb.root, today)[1]:
        yield Problem(p.path, p.line, p.severity, p.message, "policy")
    for card in kb.cards:
        for need in unknown_requirements(card.meta):
            yield Problem(card.path, card.meta_lines.get("requires", 1), ERROR,
                          f"unknown requirement {need!r}; use one of: "
                          f"{', '.join(REQUIREMENTS)}", "unknown-requirement")


def rule_searchable(kb: KbSnapshot, today: date) -> Iterator[Problem]:
    """Entries made only of short or common words ("the", "it is what it is") cannot be found."""
    from desktop.core.index import document_tokens  # Whoosh is only needed for this rule

    # A stage's labels are indexed with every card of that stage: they find the stage, not
    # this card, so they do not count here.
    own_words = dataclasses.replace(kb.taxonomy, stages=[])
    for card in kb.cards:
        if not document_tokens(card, own_words):
            yield Problem(card.path, 1, WARNING, "nothing on this card can be found by search "
                          "(only common words); add the words agents type", "not-searchable")
    for passage in kb.passages:
        if not document_tokens(passage, kb.taxonomy):
            yield Problem(passage.path, passage.line, WARNING,
                          "nothing in this part can be found by search (only common words); "
                          "add the words agents type", "not-searchable")


RULES: tuple[Rule, ...] = (
    rule_file_problems, rule_known_stage, rule_known_tags, rule_lang_matches_folder,
    rule_card_outside_lang_folders,
    rule_id_matches_file, rule_unique_ids, rule_twins, rule_say_section, rule_review_by,
    rule_draft, rule_todo_text, rule_policy, rule_searchable,
)


def lint_snapshot(kb: KbSnapshot, today: date | None = None) -> list[Problem]:
    today = today or date.today()
    problems = [problem for rule in RULES for problem in rule(kb, today)]
    return sorted(problems, key=lambda p: (str(p.path), p.line, p.severity, p.message))


def lint_kb(kb_dir: Path, today: date | None = None) -> list[Problem]:
    """Lint a KB folder. A missing folder raises desktop.core.kb.KbMissingError."""
    return lint_snapshot(load_kb(kb_dir), today)
