"""The F1 sheet: every key of the main window in one aligned, sectioned table."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

# Strings share the "MainWindow" context, where most of them were translated already.
translate = QCoreApplication.translate
Row = tuple[str, str]  # keys, what they do ("" keys: a section heading)


def shortcut_rows() -> list[Row]:
    """Sections and keys, in the current UI language."""

    return [
        ("", translate("MainWindow", "Search")),
        ("Ctrl+K, Ctrl+F, /", translate("MainWindow", "Go to the search box")),
        ("Ctrl+Alt+K", translate("MainWindow", "Bring Kalma to the front from any program")),
        (translate("MainWindow", "Esc"),
         translate("MainWindow", "Clear the search; again to clear stage and situation")),
        (translate("MainWindow", "Up, Down"), translate("MainWindow", "Choose a result")),
        ("Alt+→, Alt+←", translate("MainWindow", "Next or previous de-escalation step")),
        ("Ctrl+Shift+V", translate("MainWindow", "Paste what the customer wrote")),
        ("", translate("MainWindow", "Copy")),
        (translate("MainWindow", "Enter"),
         translate("MainWindow", "Copy the first phrase of the left column")),
        ("Ctrl+1 … Ctrl+9", translate("MainWindow", "Copy English phrase 1 to 9")),
        ("Alt+1 … Alt+9", translate("MainWindow", "Copy Filipino phrase 1 to 9")),
        ("Tab", translate("MainWindow", "Move to the phrases and their Copy buttons")),
        ("Ctrl+P", translate("MainWindow", "Pin or unpin the card")),
        ("", translate("MainWindow", "Call tools")),
        ("Alt+C", translate("MainWindow", "Customer name")),
        ("Alt+I", translate("MainWindow", "Issue")),
        ("Alt+N", translate("MainWindow", "Notes")),
        ("Ctrl+H", translate("MainWindow", "Start or end the hold")),
        ("Ctrl+Shift+W", translate("MainWindow", "Warning given (abusive caller)")),
        ("Ctrl+Shift+E", translate("MainWindow", "End call")),
        ("Ctrl+Shift+Z", translate("MainWindow", "Undo End call")),
        ("", translate("MainWindow", "Window")),
        ("Ctrl+T", translate("MainWindow", "Show or hide the call tools")),
        ("Ctrl+M", translate("MainWindow", "Mini mode")),
        ("Ctrl+=, Ctrl+-, Ctrl+0", translate("MainWindow", "Bigger, smaller, normal text")),
        ("Ctrl+E", translate("MainWindow", "Trainer mode")),
        ("F1", translate("MainWindow", "Keyboard shortcuts")),
    ]


def shortcut_text(rows: list[Row]) -> str:
    """The sheet as plain text (keys, a tab, the action), e.g. for a screen reader."""
    return "\n".join(f"{keys}\t{what}" if keys else f"\n{what}" for keys, what in rows).strip()


class ShortcutSheet(QDialog):
    """Two aligned columns, keys left, with section headings; Esc or Enter closes it."""

    def __init__(self, rows: list[Row], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(translate("MainWindow", "Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setObjectName("shortcutTable")
        self.table.horizontalHeader().hide()
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAccessibleName(translate("MainWindow", "Keyboard shortcuts"))
        for n, (keys, what) in enumerate(rows):
            key_item, what_item = QTableWidgetItem(keys), QTableWidgetItem(what)
            if not keys:  # a section heading spans both columns
                font = what_item.font()
                font.setBold(True)
                what_item.setFont(font)
                self.table.setSpan(n, 0, 1, 2)
                self.table.setItem(n, 0, what_item)
                continue
            key_item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(n, 0, key_item)
            self.table.setItem(n, 1, what_item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, min(640, 40 + 26 * len(rows)))
