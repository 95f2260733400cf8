"""The preview trainers trust: the agent's own card column (Don't-say box, copy buttons,
placeholders filled with sample values), showing the card exactly as agents get it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.core.cards import Card, KbFileError, parse_card
from desktop.core.policy import (
    REQUIREMENT_KEYS,
    Policy,
    cached_policy,
    policy_file_values,
    refused_requirements,
)
from desktop.core.render import fill_placeholders
from desktop.core.visibility import agent_card, is_draft
from desktop.ui.card_view import LANG_KEYS, CardColumn, _Colors

# What a trainer reads in place of {customer} and friends: clearly samples, no real data.
SAMPLE_VALUES = {"customer": "Ms. Sample", "agent": "Agent Sample",
                 "issue": "the sample issue", "minutes": "5"}


class AgentPreview(QWidget):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.card: Card | None = None  # as agents get it (TODO lines gone), or None
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.column = CardColumn(lang, self)
        self.column.copyRequested.connect(self._on_copy_requested)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.notice)
        layout.addWidget(scroll, 1)
        self._draft = False
        self._problem = ""
        self._refused: list[str] = []  # `requires:` ids the account policy rules out
        self._policy = Policy()
        self._last: tuple[str, Path] | None = None
        self.retranslate_ui()

    def show_card_text(self, text: str, path: Path) -> None:
        self._last = (text, path)
        # The card's KB is the folder above en/ or fil/; its policy.md decides `requires:`.
        self._policy = cached_policy(path.parent.parent)
        try:
            parsed = parse_card(path, text)
        except KbFileError as exc:
            self.card, self._draft, self._problem = None, False, f"{exc.line}: {exc.message}"
            self._refused = []
        else:
            self._draft, self._problem = is_draft(parsed), ""
            self._refused = refused_requirements(parsed.meta, self._policy)
            # A draft is shown as it will look once approved, under the notice.
            self.card = agent_card(parsed) or agent_card(_approved(parsed))
        self.column.set_card(self.card, self.sample_values(), LANG_KEYS[self.lang],
                             _Colors.of(self.palette()))
        self.retranslate_ui()

    def refresh(self) -> None:
        """Show the last card again (after the account policy changed)."""
        if self._last is not None:
            self.show_card_text(*self._last)

    def sample_values(self) -> dict[str, str]:
        """Sample values for the agent's placeholders; the account's own policy values."""
        return {**self._policy.placeholders(), **SAMPLE_VALUES}

    def hidden_reason(self) -> str:
        """Why agents on this account never get the card ('' when the policy allows it)."""
        if not self._refused:
            return ""
        values = policy_file_values(self._policy)
        settings = sorted({f"{key}: {values[key]}" for need in self._refused
                           if (key := REQUIREMENT_KEYS.get(need))})
        return self.tr("Hidden for agents on this account: needs {0} (account policy: {1})."
                       ).format(", ".join(self._refused), "; ".join(settings))

    def retranslate_ui(self) -> None:
        if self._problem:
            text = self.tr("Agents cannot see this card: line {0}").format(self._problem)
        elif self._draft:
            text = self.tr("DRAFT: agents do not see this card until it is approved. "
                           "Placeholders show sample values.")
        else:
            text = self.tr("As agents see it; placeholders show sample values.")
        hidden = self.hidden_reason() if not self._problem else ""
        if hidden:
            text = f"{hidden}\n{text}"
        self.notice.setText(text)
        # The marker must stand out: agents never see the card, whatever the preview shows.
        self.notice.setStyleSheet("QLabel { background: #fde2e1; color: #7a1c1c; "
                                  "font-weight: bold; padding: 4px; }" if hidden else "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @Slot(str, int)
    def _on_copy_requested(self, lang: str, index: int) -> None:
        if self.card is not None and 0 <= index < len(self.card.say):
            QGuiApplication.clipboard().setText(
                fill_placeholders(self.card.say[index], self.sample_values()))


def _approved(card: Card) -> Card:
    import dataclasses

    return dataclasses.replace(card, status="approved")
