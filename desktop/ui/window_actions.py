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
        self.act_mini = self._action("Ctrl+M", self.toggle_mini_mode)
        self.act_quit = self._action(QKeySequence.StandardKey.Quit, self._on_quit_triggered)
        self.act_pin = self._action("Ctrl+P", self._on_pin_triggered)
        self.act_copy_first = self._action("", lambda: self.copy_phrase(1))
        self.act_copy = [
            self._action(f"Ctrl+{n}", partial(self.copy_phrase, n)) for n in range(1, 10)
        ]
        # Both languages shown: Alt+n copies phrase n of the second (right) column.
        self.act_copy_second = [
            self._action(f"Alt+{n}", partial(self.copy_phrase, n, 1)) for n in range(1, 10)
        ]
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
        self.menu_view.addMenu(self.menu_lang)
        self.menu_view.addMenu(self.menu_cards)
        self.menu_view.addSeparator()
        self.menu_view.addActions(
            [self.act_call_tools, self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset]
        )
        self.menu_help = QMenu(bar)
        self.menu_help.addActions([self.act_shortcuts, self.act_problems, self.act_about])
        for menu in (self.menu_file, self.menu_edit, self.menu_view, self.menu_help):
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
        self.close()
        QApplication.quit()

    def _on_shortcuts_triggered(self) -> None:
        QMessageBox.information(
            self, translate("MainWindow", "Keyboard shortcuts"), self._shortcuts_text()
        )

    def _shortcuts_text(self) -> str:
        rows = [
            ("Ctrl+K, Ctrl+F, /", translate("MainWindow", "Go to the search box")),
            (
                translate("MainWindow", "Esc"),
                translate("MainWindow", "Clear the search; again to clear stage and situation"),
            ),
            (translate("MainWindow", "Up, Down"), translate("MainWindow", "Choose a result")),
            (
                translate("MainWindow", "Enter"),
                translate("MainWindow", "Copy the first phrase of the card"),
            ),
            (
                "Ctrl+1 … Ctrl+9",
                translate("MainWindow", "Copy phrase 1 to 9 (left column of the card)"),
            ),
            (
                "Alt+1 … Alt+9",
                translate(
                    "MainWindow",
                    "Copy phrase 1 to 9 of the right column, when both languages are shown",
                ),
            ),
            ("Alt+→, Alt+←", translate("MainWindow", "Next or previous de-escalation step")),
            ("Ctrl+P", translate("MainWindow", "Pin or unpin the card")),
            ("Ctrl+M", translate("MainWindow", "Mini mode")),
            ("Ctrl+T", translate("MainWindow", "Show or hide the call tools")),
            ("Ctrl+=, Ctrl+-, Ctrl+0", translate("MainWindow", "Bigger, smaller, normal text")),
            ("Ctrl+E", translate("MainWindow", "Trainer mode")),
        ]
        return "\n".join(f"{keys}\t{what}" for keys, what in rows)

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
        self.menu_copy.setTitle(translate("MainWindow", "Copy phrase"))
        self.menu_copy_second.setTitle(translate("MainWindow", "Copy phrase from the right column"))
        self.menu_view.setTitle(translate("MainWindow", "&View"))
        self.menu_lang.setTitle(translate("MainWindow", "Language"))
        self.menu_cards.setTitle(translate("MainWindow", "Cards"))
        self.menu_help.setTitle(translate("MainWindow", "&Help"))

    def _retranslate_actions(self) -> None:
        texts = {
            self.act_find: translate("MainWindow", "Search"),
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
