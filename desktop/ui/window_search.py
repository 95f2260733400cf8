"""Searching, showing the chosen card, and the keyboard of the main window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import (
    QKeyEvent,
)

from desktop.core.search import MAX_QUERY_CHARS, Filters
from desktop.core.session import (
    SearchOutcome,
    SearchRequest,
    find_passage,
)
from desktop.ui import i18n
from desktop.ui.context_bar import ContextState

# Strings keep the "MainWindow" context they had before the window was split in parts.
translate = QCoreApplication.translate

if TYPE_CHECKING:
    from desktop.ui.window_base import WindowBase
else:
    WindowBase = object


class SearchMixin(WindowBase):
    """Part of MainWindow (see desktop.ui.main_window)."""

    # --- searching -----------------------------------------------------------------------

    def _build_request(self, generation: int) -> SearchRequest:
        context = self.context_bar.state()
        text = self.search_edit.text()[:MAX_QUERY_CHARS]
        filters = Filters(
            lang=context.lang, stage=context.stage, tags=context.tags, channel=context.channel
        )
        home = not text.strip() and context.stage is None and not context.tags
        return SearchRequest(
            generation,
            text,
            filters,
            home,
            tuple(self.settings.favorites),
            tuple(self.settings.recent),
            self.preferred_lang(),
            tuple(sorted(self.card_view.placeholders().items())),
        )

    def preferred_lang(self) -> str:
        """The card language shown first, that Enter and Ctrl+1…9 copy: the one language
        shown; with both shown, Filipino when the search is limited to Filipino cards
        ("Cards in: FIL"), else English. A stable rule, not whichever version happened to
        match the words best, so the agent knows which column the keys copy from."""
        view = self.card_view.kb_view()
        if view != "both":
            return view
        return "fil" if self.context_bar.state().lang == "fil" else "en"

    def search_for(self, text: str) -> None:
        """Put `text` in the search box and search at once (self-test, mini mode, tools)."""
        self.search_edit.setText(text)
        self._search.schedule(typing=False)

    @property
    def last_search(self) -> SearchOutcome | None:
        """The newest search whose results are in the list."""
        return self._search.last_outcome

    def search_busy(self) -> bool:
        """A search is waiting or running, or its card is not on screen yet."""
        return (self._search.busy() or self._card_timer.isActive()
                or self.card_view.rendering_pending())

    def _on_search_text_edited(self, text: str) -> None:
        self._copy_when_ready = 0  # typing again after Enter: the agent moved on
        self._gap_pending = False
        self._search.schedule(typing=True)
        self._gap_timer.start()

    def _on_search_text_changed(self, text: str) -> None:
        # The query is never stored: it may hold a customer's name or number (issue 12).
        if self.mini_window is not None:
            self.mini_window.set_query(text)

    def _on_context_changed(self, state: object) -> None:
        assert isinstance(state, ContextState)
        self.settings.last_stage = state.stage or ""
        self.settings.last_tags = list(state.tags)
        self.settings.last_channel = state.channel
        self.settings.last_lang = state.lang
        self._schedule_save()
        self._search.schedule(typing=False)

    def _on_results_ready(self, outcome: object) -> None:
        assert isinstance(outcome, SearchOutcome)
        previous = self._shown_request
        self._shown_request = outcome.request
        # A refresh of the same search keeps the agent's choice; a new search starts on top.
        refresh = previous is not None and (previous.text, previous.filters) == (
            outcome.request.text,
            outcome.request.filters,
        )
        keep = self._selected_key if refresh else ""
        self.results_model.set_rows(outcome.rows)
        self._label_count(len(outcome.rows), outcome.request)
        row = self.results_model.find(keep) if keep else -1
        self._select_row(row if row >= 0 else 0)
        if not outcome.rows:
            self._show_no_results(outcome.request)
        elif outcome.relaxed:
            self.show_status("relaxed", self._dropped_filters(outcome.request), timeout_ms=8000)
            self.count_label.setText(translate("MainWindow", "Closest cards (filters relaxed)"))
        self.resultsShown.emit(outcome.request.generation)
        self.memory.after_results()
        self._record_gap_if_settled()
        if self._copy_when_ready:
            number, self._copy_when_ready = self._copy_when_ready, 0
            self._flush_card()
            self.copy_phrase(number, self._copy_lang)

    def _on_search_failed(self, message: str) -> None:
        self._copy_when_ready = 0
        self.show_status("search_failed", message, timeout_ms=6000)
        self.searchFailed.emit(message)

    def _label_count(self, count: int, request: SearchRequest) -> None:
        if request.home:
            self.count_label.setText(translate("MainWindow", "Pinned, recent and all cards"))
        else:
            self.count_label.setText(self.plural("results", count))

    def _show_no_results(self, request: SearchRequest) -> None:
        """Say what to do with what was actually chosen (typed words, a stage, both)."""
        text = request.text.strip()
        if text and request.filters.stage:
            self._show_card_message("no_results_filtered", text)
        elif text:
            self._show_card_message("no_results", text)
        else:
            self._show_card_message("no_results_stage")

    def _dropped_filters(self, request: SearchRequest) -> str:
        """The situation and channel filters a relaxed search left out, as labels."""
        lang = i18n.current_language()
        taxonomy = self._taxonomy
        names = [taxonomy.tag_label(tag, lang) if taxonomy else tag
                 for tag in request.filters.tags]
        if request.filters.channel == "chat":
            names.append(translate("MainWindow", "Chat"))
        elif request.filters.channel == "phone":
            names.append(translate("MainWindow", "Phone"))
        return " + ".join(names)

    def _set_results_message(self, text: str) -> None:
        self.count_label.setText(text)

    def _select_row(self, row: int) -> None:
        if not 0 <= row < self.results_model.rowCount():
            self._selected_key = ""
            return
        index = self.results_model.index(row, 0)
        self.results_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.results_view.scrollTo(index)
        self._card_timer.start()

    def _on_current_result_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid():
            self._card_timer.start()

    def _on_card_timer_timeout(self) -> None:
        """Show the current result's card (CARD_DELAY_MS after the list)."""
        self._show_row(self.results_view.currentIndex().row())

    def _flush_card(self) -> None:
        if self._card_timer.isActive():
            self._card_timer.stop()
            self._on_card_timer_timeout()

    def _show_row(self, row_number: int) -> None:
        row = self.results_model.row_at(row_number)
        if row is None or self.engine is None:
            return
        self._selected_key = row.key
        hit = row.hit
        if hit.kind != "card":
            self._show_document(hit.title, hit.path, hit.id, hit.snippet)
            return
        card = self.engine.card(hit.id, hit.lang)
        if card is None:
            return
        twin = self.engine.twin(card)
        if twin is not None and twin.lang == self.preferred_lang() != card.lang:
            card, twin = twin, card  # the preferred language first (Ctrl+n), whatever matched
        if (
            self.card_view.current_card() != card
            or self.card_view.cards().get(twin.lang if twin else "") != twin
        ):
            self.card_view.show_card(card, twin, card.id in self.settings.favorites)
        else:
            self.card_view.set_pinned(card.id in self.settings.favorites)

    def _show_document(self, title: str, path: str, passage_id: str, snippet: str) -> None:
        passage = find_passage(self.engine, path, passage_id) if self.engine else None
        text = passage.text if passage else snippet
        heading = passage.heading if passage else title
        self.card_view.show_document(heading, text, passage.title if passage else title)

    # --- keyboard --------------------------------------------------------------------------

    def focus_search(self) -> None:
        if self.isHidden() and self.mini_window is not None and self.mini_window.isVisible():
            self.mini_window.activateWindow()
            return
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.search_edit:
                return self._on_search_key(event)
            if watched is self.results_view:
                return self._on_results_key(event)
        return super().eventFilter(watched, event)

    def _on_search_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.copy_phrase(1)
            return True
        if key == Qt.Key.Key_Escape:
            self.clear_search()
            return True
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            self._move_selection(key)
            return True
        return False

    def _on_results_key(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.copy_phrase(1)
            return True
        if event.key() == Qt.Key.Key_Escape:
            self.focus_search()
            return True
        text = event.text()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if plain and text and text.isprintable():
            # Typing while the list has focus goes on with the search, not a list jump.
            self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.search_edit.insert(text)
            self._on_search_text_edited(self.search_edit.text())
            return True
        return False

    def _move_selection(self, key: int) -> None:
        count = self.results_model.rowCount()
        if not count:
            return
        current = self.results_view.currentIndex().row()
        page = max(
            1, self.results_view.viewport().height() // max(1, self.results_view.sizeHintForRow(0))
        )
        step = {
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_PageDown: page,
            Qt.Key.Key_PageUp: -page,
        }[Qt.Key(key)]
        self._select_row(max(0, min(count - 1, current + step)))

    def clear_search(self) -> None:
        """Esc: clear the text; a second Esc (text already empty) clears the context too."""
        if self.search_edit.text():
            self.search_edit.clear()
            self._search.schedule(typing=False)
        elif not self.context_bar.state().is_empty:
            self.context_bar.clear()

    def _on_result_double_clicked(self, index: QModelIndex) -> None:
        self.copy_phrase(1)
