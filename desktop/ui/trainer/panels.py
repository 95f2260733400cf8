"""The trainer's lists: cards, lint problems, review dates, search gaps.

Each panel shows what it is given and reports clicks through signals; none of them reads
files or opens dialogs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.cards import Card
from desktop.core.lint import Problem
from desktop.core.render import plain_text_html
from desktop.core.taxonomy import Taxonomy
from desktop.ui.trainer.overview import CardRow

DATA = Qt.ItemDataRole.UserRole
SEARCH_TEXT = Qt.ItemDataRole.UserRole + 1


class _Panel(QWidget):
    """A tree with a caption above; subclasses fill it and re-label on LanguageChange."""

    def __init__(self, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(columns)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemActivated.connect(self._on_item_activated)
        self.tree.itemClicked.connect(self._on_item_activated)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(4, 4, 4, 4)
        self.layout_.addWidget(self.caption)
        self.layout_.addWidget(self.tree, 1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    @Slot(QTreeWidgetItem, int)
    def _on_item_activated(self, item: QTreeWidgetItem, column: int = 0) -> None:
        self.activate(item)

    def activate(self, item: QTreeWidgetItem) -> None:
        """A row was clicked or chosen with the keyboard."""


class CardListPanel(_Panel):
    """Every card pair with its flags: twin missing/outdated, draft, review due, problems."""

    cardActivated = Signal(str)  # file name shared by the twins

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(3, parent)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.layout_.insertWidget(1, self.filter_edit)
        self.tree.setSortingEnabled(False)
        self.tree.setColumnWidth(0, 200)
        self.tree.setColumnWidth(1, 90)
        self._rows: list[CardRow] = []
        self._taxonomy = Taxonomy()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.caption.setText(self.tr("Cards"))
        self.filter_edit.setPlaceholderText(self.tr("Filter: title or text, English or "
                                                    "Filipino"))
        self.tree.setHeaderLabels([self.tr("Card"), self.tr("Stage"), self.tr("Flags")])
        self.set_rows(self._rows, self._taxonomy)

    def set_rows(self, rows: Sequence[CardRow], taxonomy: Taxonomy) -> None:
        current = self.current_name()
        self._rows, self._taxonomy = list(rows), taxonomy
        order = {stage: i for i, stage in enumerate(taxonomy.stage_ids)}
        self.tree.clear()
        for row in sorted(rows, key=lambda r: (order.get(r.stage, len(order)),
                                               r.title.casefold())):
            item = QTreeWidgetItem([row.title, taxonomy.stage_label(row.stage, "en"),
                                    self.flags_text(row)])
            item.setData(0, DATA, row.name)
            item.setData(0, SEARCH_TEXT, row.search_text)
            item.setToolTip(0, plain_text_html(row.name))
            item.setToolTip(2, plain_text_html(item.text(2)))  # a narrow column; flags matter
            if row.errors:
                item.setForeground(2, Qt.GlobalColor.darkRed)
            self.tree.addTopLevelItem(item)
        self._apply_filter()
        if current:
            self.select(current)

    def flags_text(self, row: CardRow) -> str:
        flags = []
        if row.missing == "fil":
            flags.append(self.tr("FIL missing"))
        elif row.missing == "en":
            flags.append(self.tr("EN missing"))
        if row.outdated == "fil":
            flags.append(self.tr("FIL outdated"))
        elif row.outdated == "en":
            flags.append(self.tr("EN outdated"))
        if row.draft:
            flags.append(self.tr("draft"))
        if row.review_due:
            flags.append(self.tr("review due"))
        if row.errors:
            flags.append(self.tr("%n error(s)", "", row.errors))
        if row.warnings:
            flags.append(self.tr("%n warning(s)", "", row.warnings))
        return ", ".join(flags)

    def current_name(self) -> str:
        item = self.tree.currentItem()
        return str(item.data(0, DATA)) if item is not None else ""

    def items(self) -> list[QTreeWidgetItem]:
        found = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in found if item is not None]

    def select(self, name: str) -> None:
        for item in self.items():
            if item.data(0, DATA) == name:
                blocked = self.tree.blockSignals(True)
                self.tree.setCurrentItem(item)
                self.tree.blockSignals(blocked)
                self.tree.scrollToItem(item)
                return

    def activate(self, item: QTreeWidgetItem) -> None:
        self.cardActivated.emit(str(item.data(0, DATA)))

    @Slot(str)
    def _on_filter_changed(self, text: str) -> None:
        self._apply_filter()

    def _apply_filter(self) -> None:
        needle = self.filter_edit.text().strip().casefold()
        for item in self.items():
            haystack = (f"{item.text(0)} {item.data(0, DATA)} {item.text(2)} "
                        f"{item.data(0, SEARCH_TEXT) or ''}").casefold()
            item.setHidden(bool(needle) and needle not in haystack)


class LintPanel(_Panel):
    """Every lint problem of the KB (the rules of `kalma lint`); a click opens the line."""

    problemActivated = Signal(object, int)  # path, line

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(4, parent)
        self._problems: list[Problem] = []
        self._root = Path()
        self.tree.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.tree.setHeaderLabels([self.tr("Severity"), self.tr("File"), self.tr("Line"),
                                   self.tr("Problem")])
        self.set_problems(self._problems, self._root)

    def set_problems(self, problems: Sequence[Problem], root: Path) -> None:
        self._problems, self._root = list(problems), root
        self.tree.clear()
        errors = sum(1 for p in problems if p.severity == "error")
        for problem in problems:
            severity = (self.tr("error") if problem.severity == "error"
                        else self.tr("warning"))
            item = QTreeWidgetItem([severity, _relative(problem.path, root), str(problem.line),
                                    problem.message])
            item.setData(0, DATA, (problem.path, problem.line))
            item.setToolTip(3, plain_text_html(problem.message))
            if problem.severity == "error":
                item.setForeground(0, Qt.GlobalColor.darkRed)
            self.tree.addTopLevelItem(item)
        self.caption.setText(self.tr("Lint: %n error(s)", "", errors) + ", "
                             + self.tr("%n warning(s)", "", len(problems) - errors))

    def activate(self, item: QTreeWidgetItem) -> None:
        path, line = item.data(0, DATA)
        self.problemActivated.emit(path, int(line))


class ReviewPanel(_Panel):
    """Cards past their review date or due within 30 days, oldest first, with the owner."""

    cardActivated = Signal(str, str)  # file name, language

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(5, parent)
        self._cards: list[Card] = []
        self._today = date.today()
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.tree.setHeaderLabels([self.tr("Review by"), self.tr("Card"), self.tr("Language"),
                                   self.tr("Owner"), self.tr("Due")])
        self.set_cards(self._cards, self._today)

    def set_cards(self, cards: Sequence[Card], today: date | None = None) -> None:
        """`cards` already sorted, oldest review_by first."""
        self._cards = list(cards)
        self._today = today or date.today()
        self.tree.clear()
        overdue = 0
        for card in cards:
            when = card.review_by.isoformat() if card.review_by else ""
            days = (card.review_by - self._today).days if card.review_by else 0
            if days < 0:
                overdue += 1
                due = self.tr("overdue by %n day(s)", "", -days)
            elif days == 0:
                due = self.tr("today")
            else:
                due = self.tr("in %n day(s)", "", days)
            item = QTreeWidgetItem([when, card.title, card.lang.upper(), card.owner, due])
            item.setData(0, DATA, (card.path.name, card.lang))
            if days < 0:
                item.setForeground(4, Qt.GlobalColor.darkRed)
            self.tree.addTopLevelItem(item)
        self.caption.setText(self.tr("%n card(s) past their review date", "", overdue) + "; "
                             + self.tr("%n due in the next 30 days", "", len(cards) - overdue))

    def activate(self, item: QTreeWidgetItem) -> None:
        name, lang = item.data(0, DATA)
        self.cardActivated.emit(str(name), str(lang))


class GapsPanel(_Panel):
    """The most frequent agent searches that found nothing useful (this computer's, or the
    whole floor's from the shared folder), and which cards are copied most or never."""

    clearRequested = Signal()
    refreshRequested = Signal()
    createCardRequested = Signal(str)  # the gap's query, as the new card's title

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(2, parent)
        self._gaps: list[tuple[str, int]] = []
        self._logging = False
        self._seats = 0
        self._usage: tuple[list[tuple[str, int]], list[str]] = ([], [])
        self.usage_tree = QTreeWidget(self)
        self.usage_tree.setColumnCount(2)
        self.usage_tree.setRootIsDecorated(False)
        self.usage_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.layout_.removeWidget(self.tree)
        lists = QHBoxLayout()
        lists.addWidget(self.tree, 3)
        lists.addWidget(self.usage_tree, 2)
        self.layout_.addLayout(lists, 1)
        self.create_button = QPushButton(self)
        self.clear_button = QPushButton(self)
        self.refresh_button = QPushButton(self)
        row = QHBoxLayout()
        row.addWidget(self.create_button)
        row.addWidget(self.refresh_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.create_button.setEnabled(False)
        self.tree.currentItemChanged.connect(self._on_current_gap_changed)
        self.create_button.clicked.connect(self._on_create_clicked)
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self.refresh_button.clicked.connect(self._on_refresh_clicked)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.tree.setHeaderLabels([self.tr("Search"), self.tr("Times")])
        self.usage_tree.setHeaderLabels([self.tr("Card"), self.tr("Copied")])
        self.create_button.setText(self.tr("Create card from this gap"))
        self.clear_button.setText(self.tr("Clear log"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.set_gaps(self._gaps, self._logging, self._seats)
        self.set_usage(*self._usage)

    def set_gaps(self, gaps: Sequence[tuple[str, int]], logging: bool, seats: int = 0) -> None:
        """`seats` > 0: the gaps are the floor's, added up from that many computers."""
        self._gaps, self._logging, self._seats = list(gaps), logging, seats
        self.tree.clear()
        for query, count in gaps:
            item = QTreeWidgetItem([query, str(count)])
            item.setData(0, DATA, query)
            self.tree.addTopLevelItem(item)
        self.clear_button.setEnabled(bool(gaps) and not seats)
        self.create_button.setEnabled(False)
        state = (self.tr("Search-gap logging is on for this computer.") if logging else
                 self.tr("Search-gap logging is off; turn it on in Trainer settings "
                         "(File menu) or ask IT."))
        where = (self.tr("From %n computer(s) in the shared folder.", "", seats) if seats
                 else self.tr("From this computer."))
        self.caption.setText(
            self.tr("Searches that found nothing, or where no phrase was copied. Words that "
                    "neither the KB nor a common-word list knows, numbers and e-mail "
                    "addresses are masked before anything is written.") + " " + where + " "
            + state)

    def set_usage(self, most_copied: Sequence[tuple[str, int]], never_used: Sequence[str]
                  ) -> None:
        """Card titles with their copy counts (most first), then the cards never copied."""
        self._usage = (list(most_copied), list(never_used))
        self.usage_tree.clear()
        for title, count in most_copied:
            self.usage_tree.addTopLevelItem(QTreeWidgetItem([title, str(count)]))
        for title in never_used:
            item = QTreeWidgetItem([title, self.tr("never")])
            item.setForeground(1, Qt.GlobalColor.darkRed)
            self.usage_tree.addTopLevelItem(item)

    def select_gap(self, row: int) -> None:
        item = self.tree.topLevelItem(row)
        if item is not None:
            self.tree.setCurrentItem(item)

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_current_gap_changed(self, item: QTreeWidgetItem | None,
                                previous: QTreeWidgetItem | None) -> None:
        self.create_button.setEnabled(item is not None)

    @Slot()
    def _on_create_clicked(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.createCardRequested.emit(str(item.data(0, DATA)))

    @Slot()
    def _on_clear_clicked(self) -> None:
        self.clearRequested.emit()

    @Slot()
    def _on_refresh_clicked(self) -> None:
        self.refreshRequested.emit()


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
