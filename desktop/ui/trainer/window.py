"""The trainer workspace: card list, EN/FIL editors side by side, lint, review dates, gaps.

The markdown files stay the source of truth: the window re-reads the KB whenever files
change (watcher + polling), edits go through desktop.core.editing (atomic, conflict-aware),
and every dialog question goes through an `ask_*` method so tests can answer it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QWidget,
)

from desktop.core import atomicfile
from desktop.core.approval import ApprovalError, approve_text, kb_trainer_settings, trainer_name
from desktop.core.cards import LANGS, KbFileError
from desktop.core.editing import (
    EditDocument,
    Found,
    NewCard,
    SaveConflict,
    all_twin_statuses,
    card_files,
    create_card,
    create_translation,
    delete_card,
    duplicate_card,
    find_in_text,
    mark_twins_in_sync,
    other_lang,
    rename_card,
    replace_in_text,
    twin_paths,
    twin_status,
)
from desktop.core.export import (
    ExportRefused,
    export_handbook,
    lint_errors,
    print_html,
    printable_snapshot,
)
from desktop.core.gaplog import GapLog, default_gap_log_path, floor_usage, usage_of
from desktop.core.history import History, open_history, summarize
from desktop.core.importer import IMPORT_SUFFIXES, ImportFailed, import_files
from desktop.core.kb import KbSnapshot, load_kb
from desktop.core.kbfs import remove_stale_save_temps
from desktop.core.lint import lint_snapshot
from desktop.core.merge import merge3
from desktop.core.policy import cached_policy
from desktop.core.spelling import SpellChecker, glossary_words, load_spellchecker
from desktop.core.taxonomy import load_glossary, load_taxonomy
from desktop.ui.kb_watcher import POLL_MS, KbWatcher
from desktop.ui.tasks import BackgroundRunner, Task
from desktop.ui.trainer.dialogs import CANCEL, KEEP_MINE, TAKE_THEIRS, ConflictDialog, NewCardDialog
from desktop.ui.trainer.editor import CardEditor, replace_editor_text
from desktop.ui.trainer.find_replace import FindReplaceDialog
from desktop.ui.trainer.history_panel import HistoryEntry, HistoryPanel
from desktop.ui.trainer.overview import Overview, build_overview
from desktop.ui.trainer.panels import CardListPanel, GapsPanel, LintPanel, ReviewPanel
from desktop.ui.trainer.pdf import write_pdf
from desktop.ui.trainer.policy_form import PolicyDialog
from desktop.ui.trainer.settings_dialog import (
    TrainerSettings,
    TrainerSettingsDialog,
    load_trainer_settings,
    save_trainer_settings,
)

SAVE, DISCARD = "save", "discard"
GAPS_SHOWN = 50
PREFERRED_SIZE = QSize(1400, 900)
HISTORY_SHOWN = 50  # versions per language in the history panel


def fitted_size(preferred: QSize, available: QSize) -> QSize:
    """The preferred window size, capped to the screen (1366×768 laptops are common)."""
    return QSize(min(preferred.width(), available.width()),
                 min(preferred.height(), available.height()))


def spellchecker_for(kb_dir: Path) -> tuple[SpellChecker | None, str]:
    """Dictionaries plus the KB's glossary and taxonomy words (runs on a worker)."""
    try:
        groups = load_glossary(kb_dir)
    except KbFileError:
        groups = []
    try:
        taxonomy = load_taxonomy(kb_dir)
        labels = [f"{t.id} {t.en} {t.fil}" for t in (*taxonomy.stages, *taxonomy.tags)]
    except KbFileError:
        labels = []
    return load_spellchecker(glossary_words(groups, labels))


def load_overview(kb_dir: Path) -> tuple[KbSnapshot, Overview]:
    """The slow part of a refresh (runs on a worker thread; Qt-free)."""
    remove_stale_save_temps(kb_dir)  # left by a save that was killed halfway
    snapshot = load_kb(kb_dir)
    problems = lint_snapshot(snapshot)  # the rules of `kalma lint`, on the same snapshot
    return snapshot, build_overview(snapshot, all_twin_statuses(kb_dir), problems)


class TrainerWindow(QMainWindow):
    refreshed = Signal()  # the lists show the KB as it is on disk now
    saved = Signal(object)  # path of a file just written

    settingsChanged = Signal(object)  # TrainerSettings, after the trainer changed them
    spellcheckReady = Signal()

    def __init__(self, kb_dir: Path, gap_log: GapLog | None = None,
                 parent: QWidget | None = None, poll_ms: int = POLL_MS,
                 share_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.kb_dir = kb_dir.resolve()  # lint reports resolved paths; compare like with like
        self.gap_log = gap_log or GapLog(default_gap_log_path(), enabled=False)
        self.history: History = open_history(self.kb_dir)
        self.share_dir = share_dir  # where every seat's gaps and copy counts are collected
        self.find_dialog: FindReplaceDialog | None = None
        self.policy_dialog: PolicyDialog | None = None
        self._policy_seen: object = None  # the account policy the previews last showed
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
        self.resize(self._initial_size())
        self.spell_note = ""
        self.refresh()
        self.refresh_gaps()
        self._load_spellchecker()

    def _initial_size(self) -> QSize:
        screen = self.screen()
        if screen is None:
            return PREFERRED_SIZE
        available = screen.availableGeometry().size()
        # Leave room for the title bar and frame the window manager adds.
        return fitted_size(PREFERRED_SIZE, QSize(available.width() - 16,
                                                 available.height() - 48))

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
        self.history_panel = HistoryPanel(self)
        self.docks = [self._dock(panel) for panel in (self.lint_panel, self.review_panel,
                                                      self.gaps_panel, self.history_panel)]
        for first, second in zip(self.docks, self.docks[1:], strict=False):
            self.tabifyDockWidget(first, second)
        self.docks[0].raise_()
        self.resizeDocks(self.docks, [150] * len(self.docks), Qt.Orientation.Vertical)
        self.card_list.cardActivated.connect(self._on_card_activated)
        self.lint_panel.problemActivated.connect(self._on_problem_activated)
        self.review_panel.cardActivated.connect(self._on_review_activated)
        self.gaps_panel.clearRequested.connect(self._on_clear_gaps_requested)
        self.gaps_panel.refreshRequested.connect(self.refresh_gaps)
        self.gaps_panel.createCardRequested.connect(self._on_create_card_from_gap)
        self.history_panel.restoreRequested.connect(self._on_restore_requested)

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
        self.settings_action = action(self._on_settings_triggered)
        self.policy_action = action(self._on_policy_triggered)
        self.undo_action = action(self._on_undo_triggered)
        self.redo_action = action(self._on_redo_triggered)
        self.find_action = action(self._on_find_triggered, QKeySequence.StandardKey.Replace)
        self.translate_action = action(self._on_translate_triggered)
        self.sync_action = action(self._on_mark_in_sync_triggered)
        self.approve_action = action(self._on_approve_triggered)
        self.rename_action = action(self._on_rename_triggered)
        self.duplicate_action = action(self._on_duplicate_triggered)
        self.delete_action = action(self._on_delete_triggered)
        self.refresh_action = action(self.refresh, QKeySequence.StandardKey.Refresh)
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.new_action, self.save_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.import_action, self.export_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.policy_action, self.settings_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.close_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)
        self.card_menu = bar.addMenu("")
        self.card_menu.addActions([self.approve_action, self.translate_action,
                                   self.sync_action])
        self.card_menu.addSeparator()
        self.card_menu.addActions([self.rename_action, self.duplicate_action,
                                   self.delete_action])
        self.card_menu.addSeparator()
        self.card_menu.addAction(self.refresh_action)
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
        self.settings_action.setText(self.tr("Trainer &settings…"))
        self.policy_action.setText(self.tr("Account &policy…"))
        self.undo_action.setText(self.tr("&Undo"))
        self.redo_action.setText(self.tr("&Redo"))
        self.find_action.setText(self.tr("&Find and replace in all cards…"))
        self.translate_action.setText(self.tr("Create &translation"))
        self.sync_action.setText(self.tr("&Mark translation up to date"))
        self.approve_action.setText(self.tr("A&pprove card"))
        self.rename_action.setText(self.tr("Re&name card (both languages)…"))
        self.duplicate_action.setText(self.tr("D&uplicate card (both languages)"))
        self.delete_action.setText(self.tr("&Delete card (both languages)…"))
        self.refresh_action.setText(self.tr("Re&load from disk"))
        for dock, title in zip(self.docks, (self.tr("Lint"), self.tr("Review dates"),
                                            self.tr("Search gaps"), self.tr("History")),
                               strict=True):
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

    def ask_conflict(self, editor: CardEditor, conflict: SaveConflict
                     ) -> str | dict[int, str]:
        """KEEP_MINE, TAKE_THEIRS, CANCEL, or a choice per conflicting part (merge)."""
        merge = None
        if editor.doc is not None and conflict.disk_text is not None:
            merge = merge3(editor.doc.text, editor.text(), conflict.disk_text)
        dialog = ConflictDialog(conflict.path.name, editor.text(), conflict.disk_text, self,
                                merge)
        dialog.exec()
        return dialog.choice

    def ask_new_card(self, title: str = "") -> NewCard | None:
        taxonomy = self.snapshot.taxonomy if self.snapshot else None
        if taxonomy is None:
            return None
        dialog = NewCardDialog(taxonomy, parent=self)
        dialog.title_edit.setText(title)
        return dialog.new_card() if dialog.exec() else None

    def ask_trainer_settings(self, current: TrainerSettings) -> TrainerSettings | None:
        dialog = TrainerSettingsDialog(current, self)
        return dialog.chosen() if dialog.exec() else None

    def ask_import_files(self) -> list[Path]:
        patterns = " ".join(f"*{suffix}" for suffix in IMPORT_SUFFIXES)
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import documents as draft cards"), str(Path.home()),
            self.tr("Documents ({0})").format(patterns))
        return [Path(name) for name in names]

    def ask_export_path(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export handbook"), str(Path.home() / "kalma-handbook.pdf"),
            self.tr("PDF for printing (*.pdf);;Web page (*.html)"))
        return Path(name) if name else None

    def ask_yes(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def ask_text(self, title: str, label: str, text: str) -> str | None:
        value, ok = QInputDialog.getText(self, title, label, text=text)
        return value if ok else None

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
        if self.current_name:
            self.card_list.select(self.current_name)  # a new card appears selected
        self.lint_panel.set_problems(self.overview.problems, self.kb_dir)
        self.review_panel.set_cards(self.overview.review_due, self.overview.today)
        self.refresh_gaps()  # card titles for the usage list
        self._follow_policy_on_disk()
        for editor in self.editors.values():
            editor.set_taxonomy(taxonomy)
            editor.check_disk()
        if self.current_name:
            self._reload_missing_sides()
        self._update_actions()
        self.refreshed.emit()

    def _load_spellchecker(self) -> None:
        """Read the dictionaries on the worker (about a second); underline when ready."""
        kb_dir = self.kb_dir
        task = self._runner.submit(lambda progress, is_cancelled: spellchecker_for(kb_dir),
                                   "trainer-spelling")
        task.succeeded.connect(self._on_spellchecker_loaded)

    @Slot(object)
    def _on_spellchecker_loaded(self, result: tuple[SpellChecker | None, str]) -> None:
        checker, self.spell_note = result
        for editor in self.editors.values():
            editor.set_spellchecker(checker)
        if self.spell_note:
            self.statusBar().showMessage(self.spell_note, 10000)
        self.spellcheckReady.emit()

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
        """This computer's gaps, or the floor's when a shared folder is set."""
        if self.share_dir is not None:
            usage = floor_usage(self.share_dir, GAPS_SHOWN)
            self.gaps_panel.set_gaps(usage.gaps, self.gap_log.enabled, max(usage.seats, 1))
        else:
            usage = usage_of([self.gap_log.path], GAPS_SHOWN)
            self.gaps_panel.set_gaps(usage.gaps, self.gap_log.enabled)
        titles = {card.id: card.title for card in (self.snapshot.cards if self.snapshot
                                                   else []) if card.lang == "en"}
        most = [(titles.get(card_id, card_id), count)
                for card_id, count in usage.most_copied(GAPS_SHOWN)]
        never = [titles[card_id] for card_id in usage.never_used(titles)] if usage.copies \
            else []  # with no copies recorded yet, "never used" would list every card
        self.gaps_panel.set_usage(most, never)

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
            self.refresh_history()
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
        before = editor.doc.raw if editor.doc is not None else None
        before_text = editor.doc.text if editor.doc is not None else ""
        try:
            editor.save(force=force)
        except SaveConflict as conflict:
            return self._resolve_conflict(editor, conflict)
        except OSError as exc:
            self.tell(self.tr("Not saved"), self.tr("Could not save {0}: {1}").format(
                editor.path, exc.strerror or exc))
            return False
        self.statusBar().showMessage(self.tr("Saved {0}").format(editor.path), 5000)
        self._record_save(editor, before, before_text)
        self.saved.emit(editor.path)
        return True

    def _record_save(self, editor: CardEditor, before: bytes | None, before_text: str) -> None:
        self._record_history(editor.doc, before, before_text)
        self.refresh_history()

    def _record_history(self, doc: EditDocument | None, before: bytes | None,
                        before_text: str) -> None:
        """Who saved what: every save of a card or of the account policy."""
        if doc is None or before == doc.raw:
            return
        try:
            self.history.record(doc.path, doc.raw, trainer_name(),
                                summarize(before_text, doc.text), previous=before)
        except Exception as exc:
            self.statusBar().showMessage(
                self.tr("Saved, but the history could not be written: {0}").format(exc), 10000)

    def refresh_history(self) -> None:
        entries: list[HistoryEntry] = []
        for lang, editor in self.editors.items():
            if editor.doc is None:
                continue
            entries.extend(self._history_of(lang, editor.doc.path))
        entries.sort(key=lambda e: e.revision.when, reverse=True)
        self.history_panel.set_entries(entries, self.history.problem)

    def _history_of(self, lang: str, path: Path) -> list[HistoryEntry]:
        try:
            revisions = self.history.revisions(path)[:HISTORY_SHOWN + 1]
            texts = [self.history.content(r).decode("utf-8", "replace").replace("\r\n", "\n")
                     for r in revisions]
        except (OSError, ValueError, KeyError):
            return []
        return [HistoryEntry(lang, revision, texts[n + 1] if n + 1 < len(texts) else "",
                             texts[n]) for n, revision in enumerate(revisions[:HISTORY_SHOWN])]

    def _resolve_conflict(self, editor: CardEditor, conflict: SaveConflict) -> bool:
        if editor.doc is not None and conflict.disk_text is not None:
            merged = merge3(editor.doc.text, editor.text(), conflict.disk_text)
            if merged.clean:  # edits to different lines: nothing to ask
                return self._save_merged(editor, merged.text())
        choice = self.ask_conflict(editor, conflict)
        if isinstance(choice, dict):
            assert editor.doc is not None and conflict.disk_text is not None
            return self._save_merged(
                editor, merge3(editor.doc.text, editor.text(), conflict.disk_text).text(choice))
        if choice == KEEP_MINE:
            return self.save_editor(editor, force=True)
        if choice == TAKE_THEIRS:
            editor.take_disk_version()  # undoable: Ctrl+Z brings the trainer's text back
            return True
        return False

    def _save_merged(self, editor: CardEditor, merged: str) -> bool:
        """Take the disk version as the new base, put the merge in the editor (undoable), save."""
        assert editor.doc is not None
        mine = editor.text()
        editor.doc.reload()
        replace_editor_text(editor.text_edit, merged)
        if editor.text() != mine:
            self.statusBar().showMessage(
                self.tr("Merged with the changes saved on disk meanwhile"), 8000)
        return self.save_editor(editor)

    def approve_current(self, trainer: str, today: date) -> bool:
        """Record the approval in both twins and save them; agents see the card once
        enough trainers approved (the KB's setting)."""
        required = kb_trainer_settings(self.kb_dir).approvals
        loaded = [editor for editor in self.editors.values() if editor.doc is not None]
        try:
            approved = [approve_text(editor.text(), trainer, today, required)
                        for editor in loaded]
        except (ApprovalError, ValueError) as exc:
            self.tell(self.tr("Not approved"), str(exc))
            return False
        for editor, text in zip(loaded, approved, strict=True):
            replace_editor_text(editor.text_edit, text)
        if not self.save_all():
            return False
        self.refresh()
        return True

    @Slot()
    def _on_approve_triggered(self) -> None:
        if self.current_name:
            self.approve_current(trainer_name(), date.today())

    @Slot()
    def _on_find_triggered(self) -> None:
        if self.find_dialog is None:
            self.find_dialog = FindReplaceDialog(self)
            self.find_dialog.findRequested.connect(self._on_find_requested)
            self.find_dialog.replaceAllRequested.connect(self._on_replace_all_requested)
            self.find_dialog.matchActivated.connect(self._on_problem_activated)
        self.find_dialog.show()
        self.find_dialog.raise_()

    def _card_text(self, path: Path) -> str | None:
        """The text as the trainer sees it: the editor's (maybe unsaved) or the file's."""
        for editor in self.editors.values():
            if editor.doc is not None and editor.doc.path == path:
                return editor.text()
        try:
            return EditDocument(path).text
        except KbFileError:
            return None

    def find_everywhere(self, needle: str, case_sensitive: bool = False) -> list[Found]:
        found: list[Found] = []
        for path in card_files(self.kb_dir):
            text = self._card_text(path)
            if text is not None:
                found.extend(find_in_text(path, text, needle, case_sensitive))
        return found

    def replace_everywhere(self, needle: str, replacement: str,
                           case_sensitive: bool = False) -> tuple[int, int]:
        """Replace in every card; open ones change in the editor (undoable, unsaved),
        the rest are saved (and recorded in the history). Returns (replacements, files)."""
        total = files = 0
        open_docs = {e.doc.path: e for e in self.editors.values() if e.doc is not None}
        for path in card_files(self.kb_dir):
            editor = open_docs.get(path)
            text = editor.text() if editor is not None else self._card_text(path)
            if text is None:
                continue
            new, count = replace_in_text(text, needle, replacement, case_sensitive)
            if not count:
                continue
            total, files = total + count, files + 1
            if editor is not None:
                replace_editor_text(editor.text_edit, new)
                continue
            doc = EditDocument(path)
            before = doc.raw
            try:
                doc.save(new)
                self.history.record(path, doc.raw, trainer_name(),
                                    f"replaced {needle!r} with {replacement!r}", before)
            except (OSError, SaveConflict) as exc:
                self.statusBar().showMessage(str(exc), 10000)
        self.refresh()
        return total, files

    @Slot(str, bool)
    def _on_find_requested(self, needle: str, case_sensitive: bool) -> None:
        if self.find_dialog is not None:
            self.find_dialog.set_matches(self.find_everywhere(needle, case_sensitive),
                                         self.kb_dir)

    @Slot(str, str, bool)
    def _on_replace_all_requested(self, needle: str, replacement: str,
                                  case_sensitive: bool) -> None:
        count, files = self.replace_everywhere(needle, replacement, case_sensitive)
        if self.find_dialog is not None:
            self.find_dialog.set_replaced(count, files)

    @Slot()
    def _on_delete_triggered(self) -> None:
        name = self.current_name
        if not name or not self.ask_yes(self.tr("Delete card"), self.tr(
                "Delete {0} in English and Filipino? Agents stop seeing it at once. (The "
                "History panel keeps its saved versions.)").format(name)):
            return
        self._record_before_change(name)
        try:
            delete_card(self.kb_dir, name)
        except OSError as exc:
            self.tell(self.tr("Not deleted"), str(exc))
            return
        self.current_name = ""
        for lang in LANGS:
            self.editors[lang].show_missing(None)
        self.refresh()

    @Slot()
    def _on_rename_triggered(self) -> None:
        name = self.current_name
        if not name or not self.confirm_leave():
            return
        new_id = self.ask_text(self.tr("Rename card"), self.tr(
            "New id and file name for both languages:"), Path(name).stem)
        if not new_id:
            return
        self._record_before_change(name)
        try:
            new_name = rename_card(self.kb_dir, name, new_id)
        except (OSError, ValueError) as exc:
            self.tell(self.tr("Not renamed"), str(exc))
            return
        self._reopen(new_name)

    @Slot()
    def _on_duplicate_triggered(self) -> None:
        name = self.current_name
        if not name or not self.confirm_leave():
            return
        try:
            new_name = duplicate_card(self.kb_dir, name)
        except (OSError, ValueError) as exc:
            self.tell(self.tr("Not duplicated"), str(exc))
            return
        self._reopen(new_name)

    def _reopen(self, name: str) -> None:
        self.current_name = ""  # the old files are gone: nothing to ask about
        self.open_card(name)
        self.refresh()

    def _record_before_change(self, name: str) -> None:
        """Deleted or renamed files keep their last version in the history."""
        for path in twin_paths(self.kb_dir, name):
            try:
                data = path.read_bytes()
                if not self.history.revisions(path):
                    self.history.record(path, data, trainer_name(),
                                        "version before delete or rename")
            except Exception:
                continue

    @Slot(str, str)
    def _on_restore_requested(self, lang: str, text: str) -> None:
        editor = self.editors.get(lang)
        if editor is not None and editor.doc is not None:
            replace_editor_text(editor.text_edit, text)  # undoable; saved like any edit
            self.statusBar().showMessage(
                self.tr("Old version restored in the editor; save to keep it"), 8000)

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
        self._create_card(self.ask_new_card())

    def _create_card(self, card: NewCard | None) -> None:
        """Write the card the trainer described (None: they cancelled) and open it."""
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
        if result.updated:
            lines.append(self.tr("%n draft(s) updated from the document.", "",
                                 len(result.updated)))
        if result.kept:
            lines.append(self.tr("%n approved card(s) left as they are.", "",
                                 len(result.kept)))
        lines += [self.tr("Skipped {0}: {1}").format(p.name, why) for p, why in result.skipped]
        self.tell(self.tr("Import"), "\n".join(lines))
        self.refresh()
        first = [*result.created, *result.updated]
        if first:
            self.open_card(first[0].name)
        return result.created

    @Slot()
    def _on_export_triggered(self) -> None:
        out = self.ask_export_path()
        if out is None:
            return
        self.export_to(out)

    def export_to(self, out: Path, paper: str = "a4") -> bool:
        """Write the handbook (PDF by Qt, or HTML); lint errors are shown first and the
        trainer decides whether to export without the broken cards."""
        allow = False
        snapshot = load_kb(self.kb_dir)
        errors = lint_errors(snapshot)
        if errors:
            listed = "\n".join(p.format() for p in errors[:8])
            if not self.ask_yes(self.tr("Lint errors"), self.tr(
                    "The KB has %n lint error(s); cards with errors will be left out of the "
                    "handbook.", "", len(errors)) + "\n\n" + listed + "\n\n"
                    + self.tr("Export anyway?")):
                return False
            allow = True
        try:
            if out.suffix.lower() == ".pdf":
                printable, _ = printable_snapshot(snapshot, allow)
                html, cards = print_html(printable)
                write_pdf(html, out, paper)
            else:
                cards = export_handbook(self.kb_dir, out, paper=paper, allow_errors=allow).cards
        except (OSError, ExportRefused) as exc:
            self.tell(self.tr("Export failed"), str(exc))
            return False
        self.statusBar().showMessage(
            self.tr("Handbook written to {0} ({1} cards)").format(out, cards), 10000)
        return True

    @Slot(str)
    def _on_create_card_from_gap(self, query: str) -> None:
        self._create_card(self.ask_new_card(query.replace("[…]", "").replace("#", "").strip()))

    @Slot()
    def _on_settings_triggered(self) -> None:
        chosen = self.ask_trainer_settings(load_trainer_settings(self.kb_dir))
        if chosen is not None:
            self.apply_settings(chosen)

    def apply_settings(self, chosen: TrainerSettings) -> None:
        try:
            save_trainer_settings(self.kb_dir, chosen)
        except OSError as exc:
            self.tell(self.tr("Settings not saved"), str(exc))
            return
        self.gap_log.enabled = chosen.gap_log_enabled
        self.share_dir = Path(chosen.gap_share_dir).expanduser() if chosen.gap_share_dir \
            else None
        self.settingsChanged.emit(chosen)
        self.refresh_gaps()
        self.refresh()  # lint counts approvals against the KB's setting

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
        for act in (self.rename_action, self.duplicate_action, self.delete_action):
            act.setEnabled(bool(self.current_name))
        self.approve_action.setEnabled(bool(row and row.draft) or any(
            editor.doc is not None and editor.meta().get("status", "").lower() == "draft"
            for editor in self.editors.values()))

    # --- the account policy (kb/policy.md) ---------------------------------------------

    @Slot()
    def _on_policy_triggered(self) -> None:
        self.open_policy()

    def open_policy(self) -> PolicyDialog:
        """Show the account policy form (one per window, non-modal)."""
        if self.policy_dialog is None:
            self.policy_dialog = PolicyDialog(self.kb_dir, self)
            self.policy_dialog.saveRequested.connect(self._on_policy_save_requested)
            self.policy_dialog.confirm_close = self.confirm_policy_leave
        self.policy_dialog.show()
        self.policy_dialog.raise_()
        return self.policy_dialog

    @Slot()
    def _on_policy_save_requested(self) -> None:
        self.save_policy()

    def save_policy(self, force: bool = False) -> bool:
        """Write the form's changes like a card save: atomic, conflict by content hash (merged
        when the edits touch different lines), recorded in the history."""
        dialog = self.policy_dialog
        if dialog is None or not dialog.is_modified() or dialog.read_only_reason:
            return dialog is not None and not dialog.read_only_reason
        mine = dialog.new_text()
        if dialog.doc is None:
            try:
                atomicfile.create(dialog.path, mine.encode("utf-8"))
            except FileExistsError:
                dialog.load()  # created meanwhile: show it; the trainer edits that one
                self.tell(self.tr("Not saved"), self.tr(
                    "policy.md was created by someone else meanwhile; it is shown now."))
                return False
            except OSError as exc:
                self.tell(self.tr("Not saved"), self.tr("Could not save {0}: {1}").format(
                    dialog.path, exc.strerror or exc))
                return False
            dialog.load()
            self._record_history(dialog.doc, None, "")
            return self._policy_saved()
        return self._save_policy_text(mine, force=force)

    def _policy_saved(self) -> bool:
        if self.policy_dialog is not None:
            self.statusBar().showMessage(self.tr("Saved {0}").format(self.policy_dialog.path),
                                         5000)
            self.saved.emit(self.policy_dialog.path)
        self._follow_policy_on_disk()
        self.refresh()  # lint checks the new values
        return True

    def _resolve_policy_conflict(self, conflict: SaveConflict, mine: str) -> bool:
        dialog = self.policy_dialog
        assert dialog is not None and dialog.doc is not None
        base = dialog.doc.text
        if conflict.disk_text is None:  # deleted meanwhile: writing it back loses nothing
            choice: str | dict[int, str] = self.ask_policy_conflict(base, mine, conflict)
            return choice == KEEP_MINE and self._save_policy_text(mine, force=True)
        merged = merge3(base, mine, conflict.disk_text)
        if merged.clean:
            return self._save_policy_text(merged.text(), force=False, reload=True)
        choice = self.ask_policy_conflict(base, mine, conflict)
        if isinstance(choice, dict):
            return self._save_policy_text(merged.text(choice), force=False, reload=True)
        if choice == KEEP_MINE:
            return self._save_policy_text(mine, force=True)
        if choice == TAKE_THEIRS:
            dialog.load()  # the form shows what is on disk; the trainer's edits are dropped
            return True
        return False

    def _save_policy_text(self, text: str, force: bool, reload: bool = False) -> bool:
        dialog = self.policy_dialog
        assert dialog is not None and dialog.doc is not None
        doc = dialog.doc
        if reload:
            doc.reload()  # the disk version is the new base of the merged text
        before, before_text = doc.raw, doc.text
        try:
            doc.save(text, force=force)
        except SaveConflict as conflict:  # changed yet again while merging
            return self._resolve_policy_conflict(conflict, text)
        except OSError as exc:
            self.tell(self.tr("Not saved"), self.tr("Could not save {0}: {1}").format(
                doc.path, exc.strerror or exc))
            return False
        self._record_history(doc, before, before_text)
        dialog.load()
        return self._policy_saved()

    def ask_policy_conflict(self, base: str, mine: str, conflict: SaveConflict
                            ) -> str | dict[int, str]:
        """KEEP_MINE, TAKE_THEIRS, CANCEL, or a choice per conflicting part (merge)."""
        merge = merge3(base, mine, conflict.disk_text) if conflict.disk_text is not None \
            else None
        dialog = ConflictDialog(conflict.path.name, mine, conflict.disk_text, self, merge)
        dialog.exec()
        return dialog.choice

    def confirm_policy_leave(self) -> bool:
        """Unsaved policy changes: save, discard or stay (like a card)."""
        dialog = self.policy_dialog
        if dialog is None or not dialog.is_modified() or dialog.read_only_reason:
            return True
        answer = self.ask_unsaved()
        if answer == SAVE:
            return self.save_policy()
        if answer == DISCARD:
            dialog.load()
            return True
        return False

    def _follow_policy_on_disk(self) -> None:
        """policy.md changed (here or elsewhere): the agent previews show the new rules, and
        an untouched form shows the new values."""
        dialog = self.policy_dialog
        if dialog is not None and not dialog.is_modified() and (
                (dialog.doc is None and dialog.path.exists())
                or (dialog.doc is not None and dialog.doc.disk_changed())):
            dialog.load()
        policy = cached_policy(self.kb_dir)
        if policy is not self._policy_seen:
            self._policy_seen = policy
            for editor in self.editors.values():
                editor.agent_preview.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_leave() or not self.confirm_policy_leave():
            event.ignore()
            return
        self.watcher.stop()
        self._runner.shutdown()
        event.accept()
