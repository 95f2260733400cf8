"""What a search may show and in what order: allowed documents, hits, browse lists, policy."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

from desktop.core import quickopen, visibility
from desktop.core.cards import Card
from desktop.core.engine_state import State
from desktop.core.hits import Filters, Hit, hit_for
from desktop.core.index import read_postings
from desktop.core.planner import QueryPlan
from desktop.core.policy import cached_policy, shown_on_account

CACHE_SIZE = 512  # result and browse lists kept per state


def allowed(state: State, filters: Filters) -> set[int] | None:
    """Document numbers passing ``filters`` (None: all), computed once per combination."""
    if filters in state.allow:
        return state.allow[filters]
    reader = state.reader
    sets: list[set[int]] = []
    if filters.lang in ("en", "fil"):
        sets.append(_docs_with(reader, "lang", [filters.lang]))
    if filters.stage:
        sets.append(_docs_with(reader, "stage", [filters.stage]))
    for tag in filters.tags:
        sets.append(_docs_with(reader, "tags", [tag]))
    if filters.channel in ("phone", "chat"):
        sets.append(_docs_with(reader, "channel", [filters.channel, "any"]))
    allow = set.intersection(*sets) if sets else None
    allow = visibility.without_hidden(allow, _hidden_docnums(state), reader.all_doc_ids)
    state.allow[filters] = allow
    return allow


def _hidden_docnums(state: State) -> set[int]:
    """Drafts, and cards the account's policy rules out: they never take a result slot."""
    if state.saved is not None:  # a quick start: the drafts of the saved index (_hits
        return _docs_with(state.reader, "key", state.saved.hidden_keys())  # checks policy)
    # Only cards are ever hidden, and a card file's one index key is its path.
    keys = [relative for relative, parsed in state.files.items() if parsed.cards]
    hidden = set(visibility.hidden_keys(keys, state.docs))
    policy = state.policy if state.policy is not None else cached_policy(state.snapshot.root)
    docs = state.docs
    hidden.update(key for key in keys if isinstance(card := docs.get(key), Card)
                  and card.meta.get("requires") and not shown_on_account(card, policy))
    return _docs_with(state.reader, "key", hidden)


def _docs_with(reader: Any, fieldname: str, values: Iterable[str]) -> set[int]:
    docs: set[int] = set()
    for value in values:
        docs.update(read_postings(reader, fieldname, value)[0])
    return docs


def hits_for(state: State, found: list[tuple[int, float]], plan: QueryPlan) -> list[Hit]:
    # Drafts and cards the policy rules out were never candidates (allowed), except in a
    # quick start, which knows only the saved drafts: there the policy is checked here.
    docs = state.docs
    policy = cached_policy(state.snapshot.root) if state.saved is not None else None
    hits: list[Hit] = []
    for docnum, score in found:
        doc = docs.get(state.key_of(docnum))
        if doc is not None and (policy is None or shown_on_account(doc, policy)):
            hits.append(hit_for(doc, score, plan))
    return hits


def browse(state: State, filters: Filters, limit: int) -> list[Hit]:
    """Every card passing the filters, in call order (stage) and then by title."""
    key = (filters, limit)
    hits = state.browsed.get(key)
    if hits is None:
        policy = cached_policy(state.snapshot.root)
        if state.saved is not None:  # a quick start: read only the cards listed
            listed = (c for c in state.saved.cards_in_order(lambda row: _passes(row, filters))
                      if _passes(c, filters) and shown_on_account(c, policy))
            hits = [Hit.from_card(c) for c in itertools.islice(listed, max(0, limit))]
            return hits  # not kept: the checked state replaces this one soon
        cards = [c for c in state.snapshot.cards
                 if _passes(c, filters) and shown_on_account(c, policy)]
        last = len(state.stage_order)
        cards.sort(key=lambda c: (state.stage_order.get(c.stage, last), c.title.casefold(),
                                  c.lang))
        hits = [Hit.from_card(c) for c in cards[:max(0, limit)]]
        if len(state.browsed) < CACHE_SIZE:
            state.browsed[key] = hits
    return list(hits)


def follow_policy(state: State) -> None:
    """A changed kb/policy.md may hide or show cards: forget the lists made before."""
    policy = cached_policy(state.snapshot.root)
    if policy != state.policy:
        state.policy = policy
        state.cache.clear()
        state.browsed.clear()
        state.allow.clear()  # they leave out the cards the policy hides


def _passes(card: Card | quickopen.CardRow, filters: Filters) -> bool:
    if filters.lang != "any" and card.lang != filters.lang:
        return False
    if filters.stage and card.stage != filters.stage:
        return False
    if any(t not in card.tags for t in filters.tags):
        return False
    return filters.channel in ("any", card.channel) or card.channel == "any"
