"""The trainer workspace: card list, EN/FIL editors side by side, lint, review dates, gaps.

The markdown files stay the source of truth: the window re-reads the KB whenever files
change (watcher + polling), edits go through desktop.core.editing (atomic, conflict-aware),
and every dialog question goes through an `ask_*` method so tests can answer it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QWidget,
)

from desktop.core.cards import LANGS, KbFileError
from desktop.core.editing import (
    NewCard,
    SaveConflict,
    all_twin_statuses,
    create_card,
    create_translation,
    mark_twins_in_sync,
    other_lang,
    twin_status,
)
from desktop.core.export import export_handbook
from desktop.core.gaplog import GapLog, default_gap_log_path
from desktop.core.importer import IMPORT_SUFFIXES, ImportFailed, import_files
from desktop.core.kb import KbSnapshot, load_kb
from desktop.core.kbfs import remove_stale_save_temps
from desktop.core.lint import lint_snapshot
from desktop.ui.kb_watcher import POLL_MS, KbWatcher
from desktop.ui.tasks import BackgroundRunner, Task
from desktop.ui.trainer.dialogs import CANCEL, KEEP_MINE, TAKE_THEIRS, ConflictDialog, NewCardDialog
from desktop.ui.trainer.editor import CardEditor
from desktop.ui.trainer.overview import Overview, build_overview
from desktop.ui.trainer.panels import CardListPanel, GapsPanel, LintPanel, ReviewPanel

SAVE, DISCARD = "save", "discard"
GAPS_SHOWN = 50


def load_overview(kb_dir: Path) -> tuple[KbSnapshot, Overview]:
    """The slow part of a refresh (runs on a worker thread; Qt-free)."""
    remove_stale_save_temps(kb_dir)  # left by a save that was killed halfway
    snapshot = load_kb(kb_dir)
    problems = lint_snapshot(snapshot)  # the rules of `kalma lint`, on the same snapshot
    return snapshot, build_overview(snapshot, all_twin_statuses(kb_dir), problems)


class TrainerWindow(QMainWindow):
    refreshed = Signal()  # the lists show the KB as it is on disk now
    saved = Signal(object)  # path of a file just written

    def __init__(self, kb_dir: Path, gap_log: GapLog | None = None,
                 parent: QWidget | None = None, poll_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.kb_dir = kb_dir.resolve()  # lint reports resolved paths; compare like with like
        self.gap_log = gap_log or GapLog(default_gap_log_path(), enabled=False)
        self.snapshot: KbSnapshot | None = None
        self.overview: Overview | None = None
        self.current_name = ""
        self._runner = BackgroundRunner(1, self)
        self._refresh_task: Task | None = None
        self._refresh_again = False
        self._last_editor: CardEditor | None = None
        self._build()
        self._build_actions()
        self.retranslate_ui()
        self.watcher = KbWatcher(self.kb_dir, poll_ms=poll_ms, parent=self)
        self.watcher.changed.connect(self._on_kb_changed)
        self.watcher.start()
        self.resize(1400, 900)
        self.refresh()
        self.refresh_gaps()

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.card_list = CardListPanel(self)
        self.editors = {lang: CardEditor(lang, self) for lang in LANGS}
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.card_list)
        for editor in self.editors.values():
            splitter.addWidget(editor)
            editor.modifiedChanged.connect(self._on_modified_changed)
            editor.createTranslationRequested.connect(self._on_create_translation_requested)
            editor.sharedFieldEdited.connect(partial(self._on_shared_field_edited, editor.lang))
            editor.focused.connect(partial(self._on_editor_focused, editor.lang))
        splitter.setSizes([360, 520, 520])
        self.setCentralWidget(splitter)
        self.lint_panel = LintPanel(self)
        self.review_panel = ReviewPanel(self)
        self.gaps_panel = GapsPanel(self)
        self.docks = [self._dock(panel) for panel in (self.lint_panel, self.review_panel,
                                                      self.gaps_panel)]
        self.tabifyDockWidget(self.docks[0], self.docks[1])
        self.tabifyDockWidget(self.docks[1], self.docks[2])
        self.docks[0].raise_()
        self.resizeDocks(self.docks, [200] * len(self.docks), Qt.Orientation.Vertical)
        self.card_list.cardActivated.connect(self._on_card_activated)
        self.lint_panel.problemActivated.connect(self._on_problem_activated)
        self.review_panel.cardActivated.connect(self._on_review_activated)
        self.gaps_panel.clearRequested.connect(self._on_clear_gaps_requested)
        self.gaps_panel.refreshRequested.connect(self.refresh_gaps)

    def _dock(self, panel: QWidget) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(type(panel).__name__)
        dock.setWidget(panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        return dock

    def _build_actions(self) -> None:
        def action(slot: object, shortcut: QKeySequence.StandardKey | None = None) -> QAction:
            act = QAction(self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            return act

        self.new_action = action(self._on_new_card_triggered, QKeySequence.StandardKey.New)
        self.save_action = action(self._on_save_triggered, QKeySequence.StandardKey.Save)
        self.import_action = action(self._on_import_triggered)
        self.export_action = action(self._on_export_triggered)
        self.close_action = action(self.close, QKeySequence.StandardKey.Close)
        self.undo_action = action(self._on_undo_triggered)
        self.redo_action = action(self._on_redo_triggered)
        self.translate_action = action(self._on_translate_triggered)
        self.sync_action = action(self._on_mark_in_sync_triggered)
        self.refresh_action = action(self.refresh, QKeySequence.StandardKey.Refresh)
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.new_action, self.save_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.import_action, self.export_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.close_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.card_menu = bar.addMenu("")
        self.card_menu.addActions([self.translate_action, self.sync_action,
                                   self.refresh_action])
        self.view_menu = bar.addMenu("")
        self.view_menu.addActions([dock.toggleViewAction() for dock in self.docks])
        self._update_actions()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Kalma trainer — {0}[*]").format(self.kb_dir))
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.card_menu.setTitle(self.tr("&Card"))
        self.view_menu.setTitle(self.tr("&View"))
        self.new_action.setText(self.tr("&New card…"))
        self.save_action.setText(self.tr("&Save"))
        self.import_action.setText(self.tr("&Import documents…"))
        self.export_action.setText(self.tr("&Export handbook…"))
        self.close_action.setText(self.tr("&Close trainer"))
        self.undo_action.setText(self.tr("&Undo"))
        self.redo_action.setText(self.tr("&Redo"))
        self.translate_action.setText(self.tr("Create &translation"))
        self.sync_action.setText(self.tr("&Mark translation up to date"))
        self.refresh_action.setText(self.tr("Re&load from disk"))
        for dock, title in zip(self.docks, (self.tr("Lint"), self.tr("Review dates"),
                                            self.tr("Search gaps")), strict=True):
            dock.setWindowTitle(title)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- questions (tests replace these) -----------------------------------------------

    def ask_unsaved(self) -> str:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved changes"),
                          self.tr("This card has changes that are not saved."),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: SAVE,
                QMessageBox.StandardButton.Discard: DISCARD}.get(
                    QMessageBox.StandardButton(answer), CANCEL)

    def ask_conflict(self, editor: CardEditor, conflict: SaveConflict) -> str:
        dialog = ConflictDialog(conflict.path.name, editor.text(), conflict.disk_text, self)
        dialog.exec()
        return dialog.choice

    def ask_new_card(self) -> NewCard | None:
        taxonomy = self.snapshot.taxonomy if self.snapshot else None
        if taxonomy is None:
            return None
        dialog = NewCardDialog(taxonomy, parent=self)
        return dialog.new_card() if dialog.exec() else None

    def ask_import_files(self) -> list[Path]:
        patterns = " ".join(f"*{suffix}" for suffix in IMPORT_SUFFIXES)
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import documents as draft cards"), str(Path.home()),
            self.tr("Documents ({0})").format(patterns))
        return [Path(name) for name in names]

    def ask_export_path(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export handbook"), str(Path.home() / "kalma-handbook.html"),
            self.tr("Web page (*.html)"))
        return Path(name) if name else None

    def ask_yes(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def tell(self, title: str, text: str) -> None:
        QMessageBox.information(self, title, text)

    # --- refreshing from disk ----------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Re-read the KB on a worker; `refreshed` fires when the lists show it."""
        if self._refresh_task is not None:
            self._refresh_again = True  # one more pass after the running one
            return
        kb_dir = self.kb_dir
        task = self._runner.submit(lambda progress, is_cancelled: load_overview(kb_dir),
                                   "trainer-refresh")
        task.succeeded.connect(self._on_refresh_succeeded)
        task.failed.connect(self._on_refresh_failed)
        task.finished.connect(self._on_refresh_finished)
        self._refresh_task = task

    @Slot(object)
    def _on_refresh_succeeded(self, result: tuple[KbSnapshot, Overview]) -> None:
        self.snapshot, self.overview = result
        taxonomy = self.snapshot.taxonomy
        self.card_list.set_rows(self.overview.rows, taxonomy)
        self.lint_panel.set_problems(self.overview.problems, self.kb_dir)
        self.review_panel.set_cards(self.overview.review_due)
        for editor in self.editors.values():
            editor.set_taxonomy(taxonomy)
            editor.check_disk()
        if self.current_name:
            self._reload_missing_sides()
        self._update_actions()
        self.refreshed.emit()

    @Slot(object)
    def _on_refresh_failed(self, error: object) -> None:
        self.statusBar().showMessage(self.tr("Could not read the KB: {0}").format(error))

    @Slot()
    def _on_refresh_finished(self) -> None:
        self._refresh_task = None
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()

    @Slot()
    def _on_kb_changed(self) -> None:
        self.refresh()

    @Slot()
    def refresh_gaps(self) -> None:
        self.gaps_panel.set_gaps(self.gap_log.top_gaps(GAPS_SHOWN), self.gap_log.enabled)

    def _reload_missing_sides(self) -> None:
        """A twin created elsewhere (or deleted) shows up without reopening the card."""
        for lang, editor in self.editors.items():
            path = self.kb_dir / lang / self.current_name
            appeared = editor.doc is None and path.is_file()
            vanished = editor.doc is not None and not path.exists() and not editor.is_modified()
            if appeared or vanished:
                self._load_side(lang)

    # --- opening cards -----------------------------------------------------------------

    def open_card(self, name: str, lang: str | None = None, line: int | None = None) -> bool:
        """Show the twins of `name`; False when the trainer kept unsaved changes instead."""
        if name != self.current_name:
            if not self.confirm_leave():
                self.card_list.select(self.current_name)
                return False
            self.current_name = name
            for side in LANGS:
                self._load_side(side)
            self.card_list.select(name)
            self._update_actions()
        if lang in self.editors and line is not None:
            self.editors[lang].go_to_line(line)
        return True

    def _load_side(self, lang: str) -> None:
        editor = self.editors[lang]
        path = self.kb_dir / lang / self.current_name
        if not path.is_file():
            twin_exists = (self.kb_dir / other_lang(lang) / self.current_name).is_file()
            editor.show_missing(path, can_create=twin_exists)
            return
        try:
            editor.load(path)
        except KbFileError as exc:
            editor.show_missing(path, reason=self.tr("This file cannot be edited here: "
                                                     "{0}").format(exc.message))

    def confirm_leave(self) -> bool:
        """Ask about unsaved changes; True when it is fine to move on."""
        if not self.is_modified():
            return True
        answer = self.ask_unsaved()
        if answer == SAVE:
            return self.save_all()
        if answer == DISCARD:
            for lang in LANGS:  # show what is on disk again (matters when the window stays)
                self._load_side(lang)
            return True
        return False

    def is_modified(self) -> bool:
        return any(editor.is_modified() for editor in self.editors.values())

    # --- saving ------------------------------------------------------------------------

    def save_all(self) -> bool:
        """Save every changed side; False when one was not saved (cancelled or failed)."""
        return all(self.save_editor(editor) for editor in self.editors.values()
                   if editor.is_modified())

    def save_editor(self, editor: CardEditor, force: bool = False) -> bool:
        try:
            editor.save(force=force)
        except SaveConflict as conflict:
            return self._resolve_conflict(editor, conflict)
        except OSError as exc:
            self.tell(self.tr("Not saved"), self.tr("Could not save {0}: {1}").format(
                editor.path, exc.strerror or exc))
            return False
        self.statusBar().showMessage(self.tr("Saved {0}").format(editor.path), 5000)
        self.saved.emit(editor.path)
        return True

    def _resolve_conflict(self, editor: CardEditor, conflict: SaveConflict) -> bool:
        choice = self.ask_conflict(editor, conflict)
        if choice == KEEP_MINE:
            return self.save_editor(editor, force=True)
        if choice == TAKE_THEIRS:
            editor.take_disk_version()  # undoable: Ctrl+Z brings the trainer's text back
            return True
        return False

    # --- slots -------------------------------------------------------------------------

    @Slot(str)
    def _on_card_activated(self, name: str) -> None:
        self.open_card(name)

    @Slot(object, int)
    def _on_problem_activated(self, path: Path, line: int) -> None:
        path = Path(path)
        lang = path.parent.name
        if path.parent.parent == self.kb_dir and lang in LANGS and path.suffix == ".md":
            self.open_card(path.name, lang, line)
        else:
            self.statusBar().showMessage(
                self.tr("{0} is not a card; open it in a text editor (line {1}).").format(
                    path, line), 10000)

    @Slot(str, str)
    def _on_review_activated(self, name: str, lang: str) -> None:
        card = self.snapshot.card(Path(name).stem, lang) if self.snapshot else None
        line = card.meta_lines.get("review_by") if card else None
        self.open_card(name, lang, line)

    @Slot(bool)
    def _on_modified_changed(self, modified: bool) -> None:
        self.setWindowModified(self.is_modified())
        self._update_actions()

    def _on_shared_field_edited(self, lang: str, key: str, old: str, new: str) -> None:
        # Twins share stage, tags, channel, review date and owner: follow along when the
        # other side had the same value (lint warns when they drift apart).
        other = self.editors[other_lang(lang)]
        if other.doc is not None and other.meta().get(key, "") == old:
            other.apply_field(key, new)

    def _on_editor_focused(self, lang: str) -> None:
        self._last_editor = self.editors[lang]

    @Slot(str)
    def _on_create_translation_requested(self, lang: str) -> None:
        source = self.editors[other_lang(lang)]
        if source.doc is None:
            return
        if source.is_modified() and not self.save_editor(source):
            return
        try:
            create_translation(source.doc.path)
        except (OSError, ValueError) as exc:
            self.tell(self.tr("Translation not created"), str(exc))
            return
        self._load_side(lang)
        self.refresh()

    @Slot()
    def _on_translate_triggered(self) -> None:
        missing = [lang for lang, editor in self.editors.items() if editor.doc is None]
        if len(missing) == 1:
            self._on_create_translation_requested(missing[0])

    @Slot()
    def _on_mark_in_sync_triggered(self) -> None:
        # Saved first: marking compares the files on disk.
        if not self.current_name or (self.is_modified() and not self.save_all()):
            return
        mark_twins_in_sync(twin_status(self.kb_dir, self.current_name))
        self.refresh()

    @Slot()
    def _on_save_triggered(self) -> None:
        self.save_all()

    @Slot()
    def _on_undo_triggered(self) -> None:
        if self._last_editor is not None:
            self._last_editor.text_edit.undo()

    @Slot()
    def _on_redo_triggered(self) -> None:
        if self._last_editor is not None:
            self._last_editor.text_edit.redo()

    @Slot()
    def _on_new_card_triggered(self) -> None:
        card = self.ask_new_card()
        if card is None:
            return
        try:
            path = create_card(self.kb_dir, card)
        except (OSError, ValueError) as exc:
            self.tell(self.tr("Card not created"), str(exc))
            return
        self.open_card(path.name, card.lang, 1)
        self.refresh()

    @Slot()
    def _on_import_triggered(self) -> None:
        paths = self.ask_import_files()
        if paths:
            self.import_documents(paths)

    def import_documents(self, paths: Sequence[Path]) -> list[Path]:
        try:
            result = import_files(list(paths), self.kb_dir)
        except (ImportFailed, OSError) as exc:
            self.tell(self.tr("Import failed"), str(exc))
            return []
        lines = [self.tr("%n draft card(s) created.", "", len(result.created))]
        lines += [self.tr("Skipped {0}: {1}").format(p.name, why) for p, why in result.skipped]
        self.tell(self.tr("Import"), "\n".join(lines))
        self.refresh()
        if result.created:
            self.open_card(result.created[0].name)
        return result.created

    @Slot()
    def _on_export_triggered(self) -> None:
        out = self.ask_export_path()
        if out is None:
            return
        try:
            stats = export_handbook(self.kb_dir, out)
        except OSError as exc:
            self.tell(self.tr("Export failed"), str(exc))
            return
        self.statusBar().showMessage(
            self.tr("Handbook written to {0} ({1} cards)").format(out, stats.cards), 10000)

    @Slot()
    def _on_clear_gaps_requested(self) -> None:
        if self.ask_yes(self.tr("Clear search gaps"),
                        self.tr("Delete the search-gap log on this computer?")):
            self.gap_log.clear()
            self.refresh_gaps()

    def _update_actions(self) -> None:
        self.save_action.setEnabled(self.is_modified())
        sides = [editor.doc is not None for editor in self.editors.values()]
        self.translate_action.setEnabled(sides.count(True) == 1)
        row = next((r for r in (self.overview.rows if self.overview else [])
                    if r.name == self.current_name), None)
        self.sync_action.setEnabled(bool(row and row.outdated))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_leave():
            event.ignore()
            return
        self.watcher.stop()
        self._runner.shutdown()
        event.accept()
