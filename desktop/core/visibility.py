"""What agents may see: drafts and `TODO:` lines never reach search, copy keys or mini mode.

The rule lives here, Qt-free, so the search engine, the CLI and the trainer's preview all
apply the same one. Trainers may still open drafts in trainer mode (marked as drafts);
`kalma search --drafts` asks the engine for the trainer's view.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from desktop.core.cards import Card

# Status values that mean "live for agents"; any other non-empty status (draft, review,
# pending…) keeps the card away from agents until a trainer approves it.
LIVE_STATUSES = frozenset({"", "approved", "live", "published"})
_TODO_RE = re.compile(r"^\W*todo\b", re.IGNORECASE)

Doc = TypeVar("Doc")


def is_todo_line(text: str) -> bool:
    """A placeholder a trainer still has to write or translate ("TODO: translate — …")."""
    return bool(_TODO_RE.match(text.strip()))


def is_draft(card: Card) -> bool:
    return card.status not in LIVE_STATUSES


def agent_card(card: Card) -> Card | None:
    """The card as agents see it: None for a draft; otherwise without TODO lines."""
    if is_draft(card) or is_todo_line(card.title):
        return None
    say = tuple(line for line in card.say if not is_todo_line(line))
    avoid = tuple(line for line in card.avoid if not is_todo_line(line))
    why = "" if is_todo_line(card.why) else card.why
    if (say, avoid, why) == (card.say, card.avoid, card.why):
        return card
    return dataclasses.replace(card, say=say, avoid=avoid, why=why, body=_strip_todo(card.body))


def _strip_todo(body: str) -> str:
    kept = [line for line in body.split("\n")
            if not is_todo_line(line.lstrip(" \t-*+0123456789.)"))]
    return "\n".join(kept)


def visible_card(card: Card, show_drafts: bool) -> Card | None:
    return card if show_drafts else agent_card(card)


def visible_cards(cards: Iterable[Card], show_drafts: bool = False) -> list[Card]:
    """Cards agents may see (all of them, unchanged, when ``show_drafts``)."""
    return [shown for card in cards if (shown := visible_card(card, show_drafts)) is not None]


def visible_documents(docs: Mapping[str, Doc], show_drafts: bool = False) -> dict[str, Doc]:
    """Index key → card or passage, without drafts and TODO lines for agents."""
    shown: dict[str, Doc] = {}
    for key, doc in docs.items():
        if isinstance(doc, Card):
            card = visible_card(doc, show_drafts)
            if card is not None:
                shown[key] = card  # type: ignore[assignment]
        else:
            shown[key] = doc
    return shown


def without_hidden(allow: set[int] | None, hidden: set[int],
                   all_docs: Callable[[], Iterable[int]]) -> set[int] | None:
    """Narrow a search's allowed document numbers so hidden drafts never take a result slot."""
    if not hidden:
        return allow
    base = set(all_docs()) if allow is None else allow
    return base - hidden


def hidden_keys(all_keys: Iterable[str], shown: Mapping[str, object]) -> list[str]:
    return [key for key in all_keys if key not in shown]
