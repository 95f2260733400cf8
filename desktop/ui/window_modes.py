"""Pins, call-panel events, view settings, zoom, mini mode, tray and saving window state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QFont,
)
from PySide6.QtWidgets import (
    QApplication,
    QSystemTrayIcon,
    QWidget,
)

from desktop.core.gaplog import GapLog, default_gap_log_path, engine_words, share_dir
from desktop.core.policy import Policy, cached_policy
from desktop.ui import i18n
from desktop.ui.context_bar import ContextState
from desktop.ui.mini_window import MiniWindow
from desktop.ui.settings_store import (
    WindowState,
    decode_bytes,
    decode_splitter,
    encode_bytes,
    encode_splitter,
)
from desktop.ui.themes import THEMES, apply_theme

if TYPE_CHECKING:
    from desktop.ui.hotkey import GlobalHotkey
    from desktop.ui.hotkey_dialog import HotkeyDialog as HotkeyDialogType
    from desktop.ui.window_base import WindowBase
else:
    WindowBase = object


class ModesMixin(WindowBase):
    """Part of MainWindow (see desktop.ui.main_window)."""

    # --- favorites -----------------------------------------------------------------------

    def _on_pin_triggered(self) -> None:
        card = self.card_view.current_card()
        if card is not None:
            self.set_pinned(card.id, card.id not in self.settings.favorites)

    def _on_pin_toggled(self, card_id: str, pinned: bool) -> None:
        self.set_pinned(card_id, pinned)

    def set_pinned(self, card_id: str, pinned: bool) -> None:
        favorites = [c for c in self.settings.favorites if c != card_id]
        if pinned:
            favorites.insert(0, card_id)
        self.settings.favorites = favorites
        self.results_model.set_pinned(favorites)
        card = self.card_view.current_card()
        if card is not None and card.id == card_id:
            self.card_view.set_pinned(pinned)
        self.show_status("pinned" if pinned else "unpinned", timeout_ms=2000)
        self._schedule_save()

    # --- call tools ------------------------------------------------------------------------

    def _on_notes_changed(self, notes: str) -> None:
        self.card_view.set_notes(notes)

    def _on_placeholders_changed(self, values: object) -> None:
        if isinstance(values, dict):
            cleaned = self._with_policy({str(k): str(v) for k, v in values.items()})
            self.card_view.set_placeholders(cleaned)
            self.results_model.set_placeholders(cleaned)  # the snippets repaint filled in

    def _with_policy(self, values: dict[str, str]) -> dict[str, str]:
        """Call-panel values plus the account policy's ({crisis_line}, {recording_line}…)."""
        engine = self.engine
        policy = cached_policy(engine.kb_dir) if engine is not None else Policy()
        return policy.placeholders() | values

    def _on_agent_name_changed(self, name: str) -> None:
        if name != self.settings.agent_name:
            self.settings.agent_name = name
            self._schedule_save()

    def _gap_log(self) -> GapLog:
        values = self.call_tools.placeholders()
        names = tuple(n for n in (values.get("customer", ""), values.get("agent", "")) if n)
        return GapLog(default_gap_log_path(), self.settings.gap_log_enabled, scrub_names=names,
                      known=engine_words(self.engine), share_dir=share_dir(self.settings))

    def _on_gap_settled(self) -> None:
        """Typing paused: log the search once its results are on screen."""
        self._gap_pending = True
        self._record_gap_if_settled()

    def _record_gap_if_settled(self) -> None:
        outcome = self._search.last_outcome
        query = self.search_edit.text().strip()
        if not self._gap_pending or outcome is None or outcome.request.text.strip() != query:
            return
        self._gap_pending = False
        if query:
            self._gap_log().record_search(query, len(outcome.rows))

    # --- view settings -------------------------------------------------------------------

    def set_ui_language(self, lang: str) -> None:
        if "ui_language" in self._locked and lang != self.settings.ui_language:
            return
        i18n.set_language(lang)
        self.settings.ui_language = lang
        self.results_model.set_ui_language(lang)
        self.act_lang[lang].setChecked(True)
        self._schedule_save()

    def set_kb_view(self, view: str) -> None:
        self.card_view.set_kb_view(view)
        self._on_kb_view_changed(view)

    def _on_kb_view_changed(self, view: str) -> None:
        self.settings.kb_view = view
        self.act_view[view].setChecked(True)
        self.call_tools.set_kb_language(view)
        if self.card_view.current_card() is not None:
            self._show_row(self.results_view.currentIndex().row())  # which language is first
        self._schedule_save()

    def zoom(self, step: int) -> None:
        """Ctrl+= / Ctrl+- change the text size by one point; Ctrl+0 resets it."""
        zoom = 0 if step == 0 else max(-6, min(12, self.settings.zoom + step))
        self.settings.zoom = zoom
        self._apply_zoom()
        self._schedule_save()

    def set_theme(self, theme: str) -> None:
        """View › Theme: Light, Dark, High contrast, or as the computer (remembered)."""
        theme = theme if theme in THEMES else "system"
        apply_theme(theme)
        self._theme = theme
        self.act_theme[theme].setChecked(True)
        self.prefs.set("theme", theme)
        self._on_palette_changed()
        restyle(self)

    def _on_alert_sound_toggled(self, on: bool) -> None:
        self.prefs.set("alert_sound", on)

    def _apply_zoom(self) -> None:
        """The whole window scales: the application font changes, and widgets styled by a
        style sheet (which take their font when the sheet is applied) are re-styled."""
        font = QFont(self._app_font)
        font.setPointSizeF(max(6.0, self._base_point_size + self.settings.zoom))
        QApplication.setFont(font)
        self.setFont(font)
        big = QFont(font)
        big.setPointSizeF(font.pointSizeF() * 1.2)
        self.search_edit.setFont(big)
        restyle(self)
        if self.mini_window is not None:
            self.mini_window.setFont(font)
            restyle(self.mini_window)
        self.results_model.layoutChanged.emit()

    def _on_call_tools_toggled(self) -> None:
        if self._compact:  # Ctrl+T flips between the card and the call tools tab
            self.act_call_tools.setChecked(True)
            self.show_call_tools_tab(self.call_tools_area.isHidden())
            return
        self.call_tools_area.setVisible(self.act_call_tools.isChecked())
        self._on_layout_changed()

    # --- mini mode and tray ---------------------------------------------------------------

    def toggle_mini_mode(self) -> None:
        self.set_mini_mode(not (self.mini_window is not None and self.mini_window.isVisible()))

    def set_mini_mode(self, on: bool) -> None:
        if on:
            if self.mini_window is None:
                mini = MiniWindow(self.results_model)
                mini.queryEdited.connect(self._on_mini_query_edited)
                mini.copyRequested.connect(self._on_mini_copy_requested)
                mini.expandRequested.connect(self._on_mini_expand_requested)
                mini.closed.connect(self._on_mini_closed)
                mini.blank_prompt.filled.connect(self._on_blanks_filled)
                mini.blank_prompt.dismissed.connect(self._on_blanks_dismissed)
                self.phraseCopied.connect(mini.show_copied)
                mini.addAction(self.act_quit)
                mini.setFont(self.font())
                self.mini_window = mini
            self.mini_window.set_query(self.search_edit.text())
            self.mini_window.show_near(self)
            self.hide()
        else:
            if self.mini_window is not None:
                self.mini_window.hide()
            self.show()
            self.raise_()
            self.activateWindow()
            self.focus_search()
        if self.settings.mini_mode != on:
            self.settings.mini_mode = on
            self._schedule_save()

    def _on_mini_expand_requested(self) -> None:
        self.set_mini_mode(False)

    def _on_mini_closed(self) -> None:
        if not self._closing:  # closing the mini window brings the full window back
            self.set_mini_mode(False)

    def _on_mini_query_edited(self, text: str) -> None:
        self.search_edit.setText(text)
        self._on_search_text_edited(text)

    def _on_mini_copy_requested(self, row: int, number: int, lang: str) -> None:
        if self._search.busy():
            self._copy_when_ready, self._copy_lang = number, lang or None
            return
        self._select_row(row)
        self.copy_phrase(number, lang or None)

    # --- one key from anywhere ------------------------------------------------------------

    def enable_global_hotkey(self, display_name: str | None = None) -> GlobalHotkey:
        """Register the agent's global hotkey (app start-up; tests pass an X display)."""
        from desktop.ui.hotkey import GlobalHotkey  # not needed for the first paint

        if self.hotkey is None:
            self.hotkey = GlobalHotkey(self, display_name)
            self.hotkey.activated.connect(self.bring_to_front)
        self.hotkey.register(self.prefs.get("hotkey"))
        return self.hotkey

    def bring_to_front(self) -> None:
        """The hotkey or a second launch: search (main or mini, as chosen), text selected."""
        if self.prefs.get("hotkey_target") == "mini":
            self.set_mini_mode(True)
            return
        if self.mini_window is not None and self.mini_window.isVisible():
            self.mini_window.hide()
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _on_hotkey_triggered(self) -> None:
        from desktop.ui.hotkey_dialog import HotkeyDialog

        status = self.hotkey.status() if self.hotkey is not None else "off"
        dialog = HotkeyDialog(self.prefs.get("hotkey"), self.prefs.get("hotkey_target"),
                              status, self)
        self.hotkey_dialog = dialog
        dialog.accepted.connect(lambda: self._on_hotkey_dialog_accepted(dialog))
        dialog.open()

    def _on_hotkey_dialog_accepted(self, dialog: HotkeyDialogType) -> None:
        self.prefs.set("hotkey", dialog.sequence())
        self.prefs.set("hotkey_target", dialog.chosen_target())
        if self.hotkey is not None:
            self.hotkey.register(dialog.sequence())

    def toggle_visible(self) -> None:
        if self.isVisible() or (self.mini_window is not None and self.mini_window.isVisible()):
            self.hide()
            if self.mini_window is not None:
                self.mini_window.hide()
        else:
            self.set_mini_mode(self.settings.mini_mode)

    def _on_tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.toggle_visible()

    # --- settings ------------------------------------------------------------------------

    def _restore_state(self) -> None:
        settings = self.settings
        self.act_lang.get(settings.ui_language, self.act_lang["en"]).setChecked(True)
        # A one-language view is a choice made in view, not carried over silently from the
        # last shift: every start shows both languages (unless IT fixed the view).
        if "kb_view" not in self._locked:
            settings.kb_view = "both"
        self.card_view.set_kb_view(settings.kb_view)
        self.act_view.get(settings.kb_view, self.act_view["both"]).setChecked(True)
        settings.last_query = ""  # forget a query an older version stored
        self.context_bar.set_state(
            ContextState(
                settings.last_stage or None,
                tuple(settings.last_tags),
                settings.last_channel,
                settings.last_lang,
            ),
            notify=False,
        )
        window = self.window_state
        if window.splitter:  # before the geometry: a hidden pane narrows the minimum
            state, hidden = decode_splitter(window.splitter)
            self.splitter.restoreState(state)
            self.call_tools_area.setHidden(self.splitter.indexOf(self.call_tools_area) in hidden)
        if window.geometry:
            self.restoreGeometry(decode_bytes(window.geometry))
        self.act_call_tools.setChecked(not self.call_tools_area.isHidden())
        if settings.zoom:
            self._apply_zoom()
        self.act_alert_sound.setChecked(self.prefs.get_bool("alert_sound"))
        theme = self.prefs.get("theme")
        self.act_theme.get(theme, self.act_theme["system"]).setChecked(True)
        if theme != "system" and theme in THEMES:
            apply_theme(theme)
            self._theme = theme

    def _on_layout_changed(self) -> None:
        self._schedule_save()

    def _schedule_save(self) -> None:
        if self._persist:
            self._save_timer.start()

    def save_settings(self) -> None:
        if not self._persist or self._store is None:
            return
        splitter = self.window_state.splitter
        if not self._compact:  # the compact layout's two panes are not the saved three
            panes = [self.splitter.widget(n) for n in range(self.splitter.count())]
            hidden = [n for n, pane in enumerate(panes) if pane is not None and pane.isHidden()]
            splitter = encode_splitter(self.splitter.saveState(), hidden)
        self.window_state = WindowState(encode_bytes(self.saveGeometry()), splitter)
        self._store.save_window_state(self.window_state)
        self._store.save(self.settings, self._locked, self._baseline)


def restyle(root: QWidget) -> None:
    """Apply every style sheet under `root` again, so it picks up the current font."""
    for widget in (root, *root.findChildren(QWidget)):
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)
