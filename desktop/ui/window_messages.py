"""Status-bar and card-pane messages of the main window, kept as state for language switches."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
)

# A status-bar or card-pane message as (kind, args): kept as state rather than as text so
# that a runtime language switch can render it again (MainWindow.message_text).
Message = tuple[str, tuple[object, ...]]
_ARG_RE = re.compile(r"%([1-9])")


# Strings keep the "MainWindow" context they had before the window was split in parts.
translate = QCoreApplication.translate

if TYPE_CHECKING:
    from desktop.ui.window_base import WindowBase
else:
    WindowBase = object


class MessagesMixin(WindowBase):
    """Part of MainWindow (see desktop.ui.main_window)."""

    # --- messages ----------------------------------------------------------------------------

    def message_text(self, kind: str, args: Sequence[object] = ()) -> str:
        """Every status-bar and card-pane message, in the current UI language: the one place
        they go through tr(), so a language switch can render the current ones again."""
        a = [str(arg) for arg in args]
        count = int(args[0]) if args and isinstance(args[0], int) else 0
        match kind:
            case "checking":
                return translate("MainWindow", "Checking the knowledge base…")
            case "indexing":
                return fill(
                    translate("MainWindow", "Updating the search index: %1 of %2 files"), *a
                )
            case "ready":
                return self.plural("ready", count)
            case "updated":
                return translate("MainWindow", "Knowledge base updated")
            case "kb_changed":
                return translate("MainWindow", "The knowledge base changed; updating…")
            case "load_failed":
                return fill(translate("MainWindow", "Could not load the knowledge base: %1"), *a)
            case "kb_unreachable":
                return fill(
                    translate(
                        "MainWindow",
                        "The knowledge base folder cannot be reached:\n%1\n\n"
                        "Check the network drive or ask IT. Cards appear as soon "
                        "as the folder is back.",
                    ),
                    *a,
                )
            case "search_failed":
                return fill(translate("MainWindow", "Search failed: %1"), *a)
            case "copied":
                return fill(translate("MainWindow", "Copied: %1"), *a)
            case "pinned":
                return translate("MainWindow", "Pinned")
            case "unpinned":
                return translate("MainWindow", "Unpinned")
            case "no_results_filtered":
                return fill(translate("MainWindow", "No cards match “%1” in this call stage. "
                                      "Try fewer words, or clear the stage (Esc twice)."), *a)
            case "no_results":
                return translate(
                    "MainWindow", "No cards match. Try other words, in English or Filipino."
                )
            case "no_results_stage":
                return translate("MainWindow", "No cards for this call stage in the chosen "
                                 "language. Pick another stage, or set Cards in: EN + FIL.")
            case "relaxed":
                return fill(translate("MainWindow", "Nothing for %1 here: showing the closest "
                                      "cards without that filter."), *a)
            case "hold_on":
                return translate("MainWindow", "Hold started (Ctrl+H ends it)")
            case "hold_off":
                return translate("MainWindow", "Hold ended")
            case "warning_limit":
                return translate("MainWindow", "All warnings given: you may end the call "
                                 "(Ctrl+Shift+E).")
            case "undo_too_late":
                return translate("MainWindow", "Nothing to undo: no call was ended in the "
                                 "last minute.")
            case "call_restored":
                return translate("MainWindow", "Call restored: details and notes are back.")
            case "no_card":
                return translate("MainWindow", "Nothing to copy: choose a card first.")
            case "no_lang":
                return fill(translate("MainWindow", "Not copied: this card has no %1 version."),
                            *a)
            case "no_phrase":
                count = int(args[1]) if len(args) > 1 and isinstance(args[1], int) else 0
                return fill(self.plural("no_phrase", count), a[0], a[2] if len(a) > 2 else "")
            case "blank_not_copied":
                return fill(translate("MainWindow", "Nothing copied: %1 was left blank."), *a)
        raise ValueError(f"unknown message kind {kind!r}")

    def show_status(self, kind: str, *args: object, timeout_ms: int = 0) -> None:
        """Show a status-bar message (cleared after timeout_ms, or kept until the next one)
        and remember it as (kind, args) so it follows a language switch."""
        self._status = (kind, args)
        self._status_deadline = time.monotonic() + timeout_ms / 1000 if timeout_ms else 0.0
        self._render_status(timeout_ms)

    def status_message(self) -> Message | None:
        """The status-bar message now on screen as (kind, args); None once it cleared."""
        return self._status

    def _render_status(self, timeout_ms: int) -> None:
        if self._status is None:
            return
        self._status_shown = self.message_text(*self._status)
        self.statusBar().showMessage(self._status_shown, timeout_ms)

    def _on_status_message_changed(self, text: str) -> None:
        if text != self._status_shown:  # timed out, or a message that is not ours
            self._status = None
            self._status_shown = ""

    def _show_card_message(self, kind: str, *args: object) -> None:
        self._card_message = (kind, args)
        self.card_view.show_message(self.message_text(kind, args))

    def _retranslate_messages(self) -> None:
        if self._status is not None:
            remaining = 0
            if self._status_deadline:
                remaining = int((self._status_deadline - time.monotonic()) * 1000)
            if not self._status_deadline or remaining > 0:
                self._render_status(remaining)
        if self._card_message is not None and self.card_view.message_shown():
            self.card_view.show_message(self.message_text(*self._card_message))


def fill(template: str, *values: str) -> str:
    """Qt-style %1…%9 arguments, in one pass (a value containing "%2" stays as it is)."""

    def value(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return values[number - 1] if number <= len(values) else match.group(0)

    return _ARG_RE.sub(value, template)


def short_text(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
