"""The call from the window's side: keys for the call tools, alerts, End call undo, safe close."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from desktop.core.detect import SituationDetector
from desktop.ui.call_tools import UNDO_END_S
from desktop.ui.context_bar import ContextState
from desktop.ui.tasks import IsCancelled, Progress

# Strings keep the "MainWindow" context of the window they belong to.
translate = QCoreApplication.translate
CLOSE_AGAIN_S = 10  # a second close within this time quits even during a call

if TYPE_CHECKING:
    from desktop.ui.window_base import WindowBase
else:
    WindowBase = object


class CallMixin(WindowBase):
    """Part of MainWindow (see desktop.ui.main_window)."""

    def _connect_call_tools(self) -> None:
        self.call_tools.set_alerts_elsewhere(True)  # the banner above the card shows them
        self.customer_said.situationChosen.connect(self._on_situation_chosen)
        self.card_view.focusChainChanged.connect(self.update_tab_order)
        self.card_view.cardsChanged.connect(self._on_cards_changed)
        tools = self.call_tools
        tools.alertRaised.connect(self._on_alert_raised)
        tools.focusChainChanged.connect(self.update_tab_order)
        tools.callRestored.connect(self._on_call_restored)
        self.alert_banner.actionTriggered.connect(self._on_alert_action)

    # --- keys ----------------------------------------------------------------------------

    def update_tab_order(self) -> None:
        """Tab goes search → results → the card (its phrases and Copy buttons) → the call
        tools down to End call → the context bar, then around again."""
        tools = self.call_tools
        chain = [self.search_edit, self.results_view, *self.card_view.focus_chain(),
                 self.pane_tabs, *tools.focus_chain(), tools.notes_edit, tools.hold_button,
                 tools.minutes_spin, tools.warning_button, tools.abuse_reset_button,
                 tools.end_call_button,
                 *self.context_bar.focus_chain()]
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)

    def _on_cards_changed(self) -> None:
        """The details box offers fields for the blanks of the card on show."""
        self.call_tools.set_card_phrases(
            line for card in self.card_view.cards().values() for line in card.say)

    def focus_call_field(self, name: str) -> None:
        """Alt+C, Alt+I, Alt+N: the call tools come into view with the cursor in the field."""
        self.show_call_tools()
        self.call_tools.focus_field(name)

    def show_call_tools(self) -> None:
        if self._compact:
            self.show_call_tools_tab(True)
        elif self.call_tools_area.isHidden():
            self.act_call_tools.setChecked(True)
            self._on_call_tools_toggled()
        self.call_tools_area.ensureWidgetVisible(self.call_tools.focusWidget()
                                                 or self.call_tools)

    def _on_hold_key(self) -> None:
        self.call_tools.toggle_hold()
        if not self.call_tools.on_hold():
            self.alert_banner.clear("hold")
        self.show_status("hold_on" if self.call_tools.on_hold() else "hold_off",
                         timeout_ms=2500)

    def _on_warning_key(self) -> None:
        if not self.call_tools.give_warning():
            self.show_status("warning_limit", timeout_ms=4000)

    def _on_end_call_key(self) -> None:
        self.call_tools.end_call()

    def _on_undo_end_call_key(self) -> None:
        if not self.call_tools.undo_end_call():
            self.show_status("undo_too_late", timeout_ms=4000)

    # --- "customer said" ----------------------------------------------------------------

    def paste_customer_message(self) -> None:
        """Ctrl+Shift+V: the clipboard into the "customer said" box, situations as chips."""
        self.customer_said.paste(QGuiApplication.clipboard().text())
        self._ensure_detector()

    def _ensure_detector(self) -> None:
        """Build the detector for the loaded KB once, on a worker (10k cards take a while)."""
        engine = self.engine
        if engine is None or self._detector_for is engine.snapshot or self._detector_task:
            return
        snapshot = engine.snapshot

        def work(progress: Progress, is_cancelled: IsCancelled) -> SituationDetector:
            return SituationDetector(snapshot.cards, snapshot.glossary, snapshot.taxonomy)

        self._detector_task = self._detect_runner.submit(
            work, "detector", succeeded=self._on_detector_built,
            finished=self._on_detector_finished)
        self._detector_for = snapshot

    def _on_detector_built(self, detector: object) -> None:
        if isinstance(detector, SituationDetector) and self._detector_for is not None:
            self.customer_said.set_detector(detector, self._detector_for.taxonomy)

    def _on_detector_finished(self) -> None:
        self._detector_task = None
        engine = self.engine
        if (engine is not None and engine.snapshot is not self._detector_for
                and self.customer_said.isVisible()):
            self._ensure_detector()  # the KB changed while it was being built

    def _on_situation_chosen(self, tag: str) -> None:
        state = self.context_bar.state()
        self.search_edit.clear()
        self.context_bar.set_state(ContextState(None, (tag,), state.channel, state.lang))

    # --- alerts --------------------------------------------------------------------------

    def _on_alert_raised(self, kind: str, text: str) -> None:
        """Above the card, and as a tray notification when the agent is in another window."""
        if kind == "abuse_limit":
            self.alert_banner.clear("abuse")
        phrase = text.partition("\n")[2]
        copy = translate("MainWindow", "Copy phrase") if phrase and kind != "recovery" else ""
        self.alert_banner.show_alert(kind, text, copy)
        self._notify_if_away(text)

    def _notify_if_away(self, text: str) -> None:
        active = self.isActiveWindow() or (self.mini_window is not None
                                           and self.mini_window.isActiveWindow())
        if active:
            return
        self.notifications.append(text)
        del self.notifications[:-20]  # the last twenty
        if self.tray is not None and self.tray.isVisible():
            title, _, body = text.partition("\n")
            self.tray.showMessage(title, body or title, QSystemTrayIcon.MessageIcon.Warning)
        if self.act_alert_sound.isChecked():
            QApplication.beep()

    def _on_call_ended(self) -> None:
        self.context_bar.set_next_stage("")
        self.card_view.set_notes("")
        for kind in ("hold", "abuse", "abuse_limit", "close"):
            self.alert_banner.clear(kind)
        self.alert_banner.show_alert(
            "ended", translate("MainWindow", "Call ended: details and notes cleared."),
            translate("MainWindow", "Undo (Ctrl+Shift+Z)"))
        self._undo_timer.start(UNDO_END_S * 1000)

    def _on_undo_timer_timeout(self) -> None:
        self.alert_banner.clear("ended")

    def _on_call_restored(self) -> None:
        self._undo_timer.stop()
        for kind in ("ended", "recovery"):
            self.alert_banner.clear(kind)
        self.card_view.set_notes(self.call_tools.notes())
        self.show_status("call_restored", timeout_ms=3000)

    def _on_alert_action(self, kind: str) -> None:
        if kind == "ended":
            self._on_undo_end_call_key()
        elif phrase := self.alert_banner.text(kind).partition("\n")[2]:
            self._copy_out(phrase, lambda: None)  # blanks are asked for, as anywhere

    # --- closing during a call -------------------------------------------------------------

    def _close_is_safe(self, event: QCloseEvent) -> bool:
        """Closing in the middle of a call would lose the notes: hide to the tray instead,
        or (no tray) say so and let a second close within CLOSE_AGAIN_S quit."""
        if self._closing or self._quit_requested or not self.call_tools.in_call():
            return True
        if self.tray is not None and self.tray.isVisible():
            event.ignore()
            self.hide()
            self.tray.showMessage(translate("MainWindow", "Kalma is still running"),
                                  translate("MainWindow", "A call is in progress; your notes "
                                            "are kept. Click the tray icon to come back."))
            return False
        now = self._clock()
        if self._close_asked_at is not None and now - self._close_asked_at <= CLOSE_AGAIN_S:
            return True
        self._close_asked_at = now
        event.ignore()
        self.alert_banner.show_alert("close", translate(
            "MainWindow", "A call is in progress\nEnd the call first (Ctrl+Shift+E), or "
            "close the window again to quit and lose the notes."))
        return False
