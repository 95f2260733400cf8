"""Actions, menus, status bar, tray and the Help/File commands of the main window."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSystemTrayIcon,
    QToolButton,
)

from desktop.ui.icons import app_icon
from desktop.ui.shortcut_sheet import ShortcutSheet, shortcut_rows, shortcut_text
from desktop.ui.themes import THEMES
from desktop.ui.trainer.shortcut import keep_shortcut_everywhere

# Strings keep the "MainWindow" context they had before the window was split in parts.
translate = QCoreApplication.translate

if TYPE_CHECKING:
    from desktop.ui.window_base import WindowBase
else:
    WindowBase = object


class ActionsMixin(WindowBase):
    """Part of MainWindow (see desktop.ui.main_window)."""

    def _action(
        self,
        shortcut: str | QKeySequence.StandardKey | Sequence[str],
        slot: Callable[[], object],
        checkable: bool = False,
    ) -> QAction:
        action = QAction(self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcut(QKeySequence(shortcut))
        elif isinstance(shortcut, str):
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
        else:
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        action.setCheckable(checkable)
        # triggered(bool) would pass `checked` into the slot's first parameter.
        action.triggered.connect(lambda _checked=False, slot=slot: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_find = self._action(["Ctrl+K", "Ctrl+F"], self.focus_search)
        # "/" is a shortcut only where it types nothing: text boxes keep it as a character.
        slash = QShortcut(QKeySequence("/"), self)
        slash.activated.connect(self.focus_search)
        self.act_trainer = self._action("Ctrl+E", self._on_trainer_triggered)
        keep_shortcut_everywhere(self.act_trainer)  # also over the search box (X11)
        self.act_mini = self._action("Ctrl+M", self.toggle_mini_mode)
        self.act_quit = self._action(QKeySequence.StandardKey.Quit, self._on_quit_triggered)
        self.act_pin = self._action("Ctrl+P", self._on_pin_triggered)
        self.act_copy_first = self._action("", lambda: self.copy_phrase(1))
        self.act_copy = [
            self._action(f"Ctrl+{n}", partial(self.copy_phrase, n, "en")) for n in range(1, 10)
        ]
        # One rule whatever is shown: Ctrl+n copies English, Alt+n copies Filipino.
        self.act_copy_second = [
            self._action(f"Alt+{n}", partial(self.copy_phrase, n, "fil")) for n in range(1, 10)
        ]
        self.act_customer = self._action("Alt+C", partial(self.focus_call_field, "customer"))
        self.act_issue = self._action("Alt+I", partial(self.focus_call_field, "issue"))
        self.act_notes = self._action("Alt+N", partial(self.focus_call_field, "notes"))
        self.act_hold = self._action("Ctrl+H", self._on_hold_key)
        self.act_warning = self._action("Ctrl+Shift+W", self._on_warning_key)
        self.act_end_call = self._action("Ctrl+Shift+E", self._on_end_call_key)
        self.act_undo_end = self._action("Ctrl+Shift+Z", self._on_undo_end_call_key)
        self.act_paste_customer = self._action("Ctrl+Shift+V", self.paste_customer_message)
        self.act_alert_sound = self._action("", lambda: None, True)  # off by default
        self.act_hotkey = self._action("", self._on_hotkey_triggered)
        self.act_next_step = self._action("Alt+Right", lambda: self.context_bar.step(+1))
        self.act_prev_step = self._action("Alt+Left", lambda: self.context_bar.step(-1))
        self.act_zoom_in = self._action(["Ctrl+=", "Ctrl++"], lambda: self.zoom(+1))
        self.act_zoom_out = self._action("Ctrl+-", lambda: self.zoom(-1))
        self.act_zoom_reset = self._action("Ctrl+0", lambda: self.zoom(0))
        self.act_call_tools = self._action("Ctrl+T", self._on_call_tools_toggled, True)
        self.act_call_tools.setChecked(True)
        self.act_shortcuts = self._action("F1", self._on_shortcuts_triggered)
        self.act_about = self._action("", self._on_about_triggered)
        self.act_problems = self._action("", self.show_problems)
        self.lang_group = QActionGroup(self)
        self.act_lang: dict[str, QAction] = {}
        for lang in ("en", "fil"):
            action = self._action("", partial(self.set_ui_language, lang), True)
            self.lang_group.addAction(action)
            self.act_lang[lang] = action
        self.theme_group = QActionGroup(self)
        self.act_theme: dict[str, QAction] = {}
        for theme in THEMES:
            action = self._action("", partial(self.set_theme, theme), True)
            self.theme_group.addAction(action)
            self.act_theme[theme] = action
        self.act_alert_sound.toggled.connect(self._on_alert_sound_toggled)
        self.view_group = QActionGroup(self)
        self.act_view: dict[str, QAction] = {}
        for view in ("both", "en", "fil"):
            action = self._action("", partial(self.set_kb_view, view), True)
            self.view_group.addAction(action)
            self.act_view[view] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = QMenu(bar)
        self.menu_file.addActions([self.act_mini, self.act_trainer])
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_edit = QMenu(bar)
        self.menu_edit.addActions([self.act_find, self.act_copy_first])
        self.menu_copy = QMenu(self.menu_edit)
        self.menu_copy.addActions(self.act_copy)
        self.menu_edit.addMenu(self.menu_copy)
        self.menu_copy_second = QMenu(self.menu_edit)
        self.menu_copy_second.addActions(self.act_copy_second)
        self.menu_edit.addMenu(self.menu_copy_second)
        self.menu_edit.addActions([self.act_pin, self.act_next_step, self.act_prev_step])
        self.menu_view = QMenu(bar)
        self.menu_lang = QMenu(self.menu_view)
        self.menu_lang.addActions(list(self.act_lang.values()))
        self.menu_cards = QMenu(self.menu_view)
        self.menu_cards.addActions(list(self.act_view.values()))
        self.menu_theme = QMenu(self.menu_view)
        self.menu_theme.addActions(list(self.act_theme.values()))
        self.menu_view.addMenu(self.menu_lang)
        self.menu_view.addMenu(self.menu_cards)
        self.menu_view.addMenu(self.menu_theme)
        self.menu_view.addSeparator()
        self.menu_view.addActions(
            [self.act_call_tools, self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset]
        )
        self.menu_call = QMenu(bar)
        self.menu_call.addActions([self.act_customer, self.act_issue, self.act_notes,
                                   self.act_paste_customer])
        self.menu_call.addSeparator()
        self.menu_call.addActions([self.act_hold, self.act_warning, self.act_end_call,
                                   self.act_undo_end])
        self.menu_call.addSeparator()
        self.menu_call.addActions([self.act_alert_sound, self.act_hotkey])
        self.menu_help = QMenu(bar)
        self.menu_help.addActions([self.act_shortcuts, self.act_problems, self.act_about])
        for menu in (self.menu_file, self.menu_edit, self.menu_view, self.menu_call,
                     self.menu_help):
            bar.addMenu(menu)
        locked_lang = "ui_language" in self._locked
        for action in self.act_lang.values():
            action.setEnabled(not locked_lang)
        self.act_trainer.setEnabled(self.settings.trainer_enabled)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.kb_label = QLabel(status)
        self.kb_label.setObjectName("kbLabel")
        self.progress = QProgressBar(status)
        self.progress.setObjectName("indexProgress")
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.problem_badge = QToolButton(status)
        self.problem_badge.setObjectName("problemBadge")
        self.problem_badge.setAutoRaise(True)
        self.problem_badge.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.problem_badge.clicked.connect(self.show_problems)
        self.problem_badge.hide()
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.problem_badge)
        status.addPermanentWidget(self.kb_label)
        status.messageChanged.connect(self._on_status_message_changed)

    def _build_tray(self) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        self.tray = QSystemTrayIcon(app_icon(), self)
        self.tray_menu = QMenu(self)
        self.act_tray_show = QAction(self)
        self.act_tray_show.triggered.connect(self.toggle_visible)
        self.tray_menu.addActions([self.act_tray_show, self.act_mini, self.act_quit])
        self.tray.setContextMenu(self.tray_menu)
        self.tray.activated.connect(self._on_tray_activated)
        self.tray.show()

    # --- other actions -------------------------------------------------------------------

    def _on_trainer_triggered(self) -> None:
        from desktop.ui.trainer import open_trainer

        kb = self.kb_location.path if self.kb_location else self._configured_kb
        self.trainer_window = open_trainer(self, kb, self.settings.trainer_enabled)

    def _on_quit_triggered(self) -> None:
        self._quit_requested = True  # an explicit Quit closes even during a call
        self.close()
        QApplication.quit()

    def _on_shortcuts_triggered(self) -> None:
        sheet = ShortcutSheet(shortcut_rows(), self)
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.shortcut_sheet = sheet
        sheet.open()

    def _shortcuts_text(self) -> str:
        return shortcut_text(shortcut_rows())

    def _on_about_triggered(self) -> None:
        from desktop import __version__

        QMessageBox.about(
            self,
            translate("MainWindow", "About Kalma"),
            translate("MainWindow", "Kalma %1 — phrase cards for calm calls.\nKnowledge base: %2")
            .replace("%1", __version__)
            .replace("%2", str(self.kb_location.path if self.kb_location else self._configured_kb)),
        )

    def _retranslate_menus(self) -> None:
        self.menu_file.setTitle(translate("MainWindow", "&File"))
        self.menu_edit.setTitle(translate("MainWindow", "&Edit"))
        self.menu_copy.setTitle(translate("MainWindow", "Copy English phrase"))
        self.menu_copy_second.setTitle(translate("MainWindow", "Copy Filipino phrase"))
        self.menu_call.setTitle(translate("MainWindow", "Ca&ll"))
        self.menu_theme.setTitle(translate("MainWindow", "Theme"))
        self.menu_view.setTitle(translate("MainWindow", "&View"))
        self.menu_lang.setTitle(translate("MainWindow", "Language"))
        self.menu_cards.setTitle(translate("MainWindow", "Cards"))
        self.menu_help.setTitle(translate("MainWindow", "&Help"))

    def _retranslate_actions(self) -> None:
        texts = {
            self.act_find: translate("MainWindow", "Search"),
            self.act_customer: translate("MainWindow", "Customer name"),
            self.act_issue: translate("MainWindow", "Issue"),
            self.act_notes: translate("MainWindow", "Notes"),
            self.act_hold: translate("MainWindow", "Start or end the hold"),
            self.act_warning: translate("MainWindow", "Warning given (abusive caller)"),
            self.act_end_call: translate("MainWindow", "End call"),
            self.act_undo_end: translate("MainWindow", "Undo End call"),
            self.act_alert_sound: translate("MainWindow", "Sound with alerts"),
            self.act_hotkey: translate("MainWindow", "Global hotkey…"),
            self.act_paste_customer: translate("MainWindow", "Paste what the customer wrote"),
            self.act_theme["system"]: translate("MainWindow", "As the computer"),
            self.act_theme["light"]: translate("MainWindow", "Light"),
            self.act_theme["dark"]: translate("MainWindow", "Dark"),
            self.act_theme["contrast"]: translate("MainWindow", "High contrast"),
            self.act_trainer: translate("MainWindow", "Trainer mode…"),
            self.act_mini: translate("MainWindow", "Mini mode"),
            self.act_quit: translate("MainWindow", "Quit"),
            self.act_pin: translate("MainWindow", "Pin or unpin card"),
            self.act_copy_first: translate("MainWindow", "Copy first phrase\tEnter"),
            self.act_next_step: translate("MainWindow", "Next step"),
            self.act_prev_step: translate("MainWindow", "Previous step"),
            self.act_zoom_in: translate("MainWindow", "Bigger text"),
            self.act_zoom_out: translate("MainWindow", "Smaller text"),
            self.act_zoom_reset: translate("MainWindow", "Normal text size"),
            self.act_call_tools: translate("MainWindow", "Call tools"),
            self.act_shortcuts: translate("MainWindow", "Keyboard shortcuts"),
            self.act_about: translate("MainWindow", "About Kalma"),
            self.act_problems: translate("MainWindow", "Knowledge base problems…"),
            self.act_lang["en"]: "English",
            self.act_lang["fil"]: "Filipino",
            self.act_view["both"]: translate("MainWindow", "English and Filipino"),
            self.act_view["en"]: translate("MainWindow", "English only"),
            self.act_view["fil"]: translate("MainWindow", "Filipino only"),
        }
        for action, text in texts.items():
            action.setText(text)
        for n, action in enumerate(self.act_copy, start=1):
            action.setText(translate("MainWindow", "Phrase %1").replace("%1", str(n)))
        for n, action in enumerate(self.act_copy_second, start=1):
            action.setText(translate("MainWindow", "Phrase %1").replace("%1", str(n)))
        if self.tray is not None:
            self.act_tray_show.setText(translate("MainWindow", "Show or hide Kalma"))
            self.tray.setToolTip(translate("MainWindow", "Kalma"))
