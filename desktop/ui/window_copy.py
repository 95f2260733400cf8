"""Copying from the main window: one key rule, never a blank placeholder on the clipboard.

Ctrl+n copies phrase n of the English card and Alt+n of the Filipino card, whatever is
shown; Enter copies phrase 1 of the left column. A phrase that still has an empty
`{placeholder}` opens the blank prompt instead of reaching the clipboard.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

from desktop.core.blanks import blanks, fill_blanks
from desktop.core.gaplog import gap_card_id
from desktop.ui.blank_prompt import BlankPrompt
from desktop.ui.window_messages import short_text

RECENT_LIMIT = 10
# Strings keep the "MainWindow" context they had before the window was split in parts.
translate = QCoreApplication.translate

if TYPE_CHECKING:
    from desktop.ui.window_base import WindowBase
else:
    WindowBase = object


class CopyMixin(WindowBase):
    """Part of MainWindow (see desktop.ui.main_window)."""

    def copy_phrase(self, number: int, lang: str | None = None) -> bool:
        """Copy phrase `number` of the `lang` card ("en": Ctrl+n, "fil": Alt+n; None: the
        left column, as Enter does). Waits for results in flight; says in the status bar
        why a key cannot copy. True when the phrase went out (or to the blank prompt)."""
        if self._search.busy() and self.search_edit.hasFocus():
            self._copy_when_ready, self._copy_lang = number, lang
            return False
        self._flush_card()
        if self.card_view.copy_phrase(number, lang):
            return True
        self._explain_no_copy(number, lang)
        return False

    def _explain_no_copy(self, number: int, lang: str | None) -> None:
        kind, count = self.card_view.copy_problem(number, lang)
        if kind:
            shown = lang or self.card_view.primary_lang()
            self.show_status(kind, self._lang_name(shown), count, number, timeout_ms=4000)

    def _lang_name(self, lang: str) -> str:
        if lang == "fil":
            return translate("MainWindow", "Filipino")
        return translate("MainWindow", "English")

    def _on_copy_requested(self, text: str, stage: str) -> None:
        number_lang = self.card_view.last_copy()
        self._copy_out(text, partial(self._after_card_copy, stage, number_lang))

    def _after_card_copy(self, stage: str, number_lang: tuple[int, str] | None) -> None:
        card = self.card_view.current_card()
        if card is not None:
            self._remember_recent(card.id)
        if stage:
            self.context_bar.mark_copied(stage)
        if number_lang is not None:
            self.card_view.confirm_copied(*number_lang)

    def _on_tool_phrase_copy_requested(self, text: str) -> None:
        self._copy_out(text, lambda: None)

    def _copy_out(self, text: str, after: Callable[[], None]) -> None:
        """The one way text reaches the clipboard: blanks first filled from the call
        panel, and any still empty asked for inline (Esc copies nothing)."""
        text = fill_blanks(text, self.call_tools.placeholders())
        missing = blanks(text)
        if not missing:
            self._put_on_clipboard(text)
            after()
            return
        self._after_blanks = partial(self._copy_filled, text, after)
        self.blank_prompt_for_copy().ask(text, missing)

    def blank_prompt_for_copy(self) -> BlankPrompt:
        """The prompt in the window the agent is using (mini mode has its own)."""
        mini = self.mini_window
        if mini is not None and mini.isVisible():
            return mini.blank_prompt
        return self.blank_prompt

    def _copy_filled(self, text: str, after: Callable[[], None], values: dict[str, str]) -> None:
        self.call_tools.fill_values(values)  # the rest of the call fills them by itself
        self._put_on_clipboard(fill_blanks(text, values))
        after()

    def _on_blanks_filled(self, values: object) -> None:
        finish, self._after_blanks = self._after_blanks, None
        if finish is not None and isinstance(values, dict):
            finish({str(k): str(v) for k, v in values.items()})

    def _on_blanks_dismissed(self, names: object) -> None:
        self._after_blanks = None
        listed = ", ".join(f"{{{name}}}" for name in names) if isinstance(names, list) else ""
        self.show_status("blank_not_copied", listed, timeout_ms=5000)

    def _put_on_clipboard(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.show_status("copied", short_text(text), timeout_ms=2500)
        self._gap_log().record_copy(self.search_edit.text(), gap_card_id(self.card_view))
        self.phraseCopied.emit(text)

    def _remember_recent(self, card_id: str) -> None:
        recent = [card_id, *(c for c in self.settings.recent if c != card_id)][:RECENT_LIMIT]
        if recent != self.settings.recent:
            self.settings.recent = recent
            self._schedule_save()
