""""Customer said": paste the customer's chat message, see the situations it is about.

Ctrl+Shift+V pastes the clipboard here. desktop.core.detect reads the message against
the KB; each situation found becomes a chip (safety ones first, marked ⚠). A chip shows
that situation's cards in the results (it sets the context bar's situation filter).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.detect import MAX_MESSAGE_CHARS, Situation, SituationDetector
from desktop.core.taxonomy import Taxonomy, default_taxonomy
from desktop.ui import i18n
from desktop.ui.context_bar import FOCUS_STYLE, toggle_button_style
from desktop.ui.retranslate import Retranslatable

DETECT_DELAY_MS = 150
MAX_CHIPS = 5
_CHIP_STYLE = toggle_button_style("2px 8px") + """
QToolButton[safety="true"] { border: 2px solid #c62828; font-weight: bold; }
""" + FOCUS_STYLE


class CustomerSaidPanel(Retranslatable, QFrame):
    situationChosen = Signal(str)  # a tag id: show its cards
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerSaid")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._detector: SituationDetector | None = None
        self._taxonomy: Taxonomy = default_taxonomy()
        self._situations: list[Situation] = []
        self._chips: list[QToolButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("customerSaidTitle")
        top.addWidget(self.title, 1)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("customerSaidClose")
        self.close_button.clicked.connect(self._on_close_clicked)
        top.addWidget(self.close_button)
        layout.addLayout(top)
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName("customerSaidEdit")
        self.edit.setTabChangesFocus(True)
        self.edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.edit.textChanged.connect(self._on_text_changed)
        layout.addWidget(self.edit)
        self._chip_row = QHBoxLayout()
        self._chip_row.setSpacing(4)
        self.status = QLabel(self)
        self.status.setObjectName("customerSaidStatus")
        self._chip_row.addWidget(self.status)
        self._chip_row.addStretch(1)
        layout.addLayout(self._chip_row)
        self.setStyleSheet(_CHIP_STYLE)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DETECT_DELAY_MS)
        self._timer.timeout.connect(self._on_detect_timeout)
        self.hide()
        self.retranslate_ui()

    # --- public API ----------------------------------------------------------------------

    def set_detector(self, detector: SituationDetector | None, taxonomy: Taxonomy) -> None:
        self._detector, self._taxonomy = detector, taxonomy
        self.detect_now()

    def paste(self, text: str) -> None:
        """Show the panel with `text` (the clipboard) and detect its situations at once."""
        self.show()
        self.edit.setPlainText(text[:MAX_MESSAGE_CHARS])
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.detect_now()

    def detect_now(self) -> None:
        self._timer.stop()
        self._on_detect_timeout()

    def situations(self) -> list[Situation]:
        return list(self._situations)

    def chips(self) -> list[QToolButton]:
        return [chip for chip in self._chips if not chip.isHidden()]

    # --- events --------------------------------------------------------------------------

    def _on_text_changed(self) -> None:
        text = self.edit.toPlainText()
        if len(text) > MAX_MESSAGE_CHARS:
            self.edit.setPlainText(text[:MAX_MESSAGE_CHARS])
            return
        self._timer.start()

    def _on_detect_timeout(self) -> None:
        text = self.edit.toPlainText().strip()
        found = self._detector.detect(text)[:MAX_CHIPS] if self._detector and text else []
        self._situations = found
        while len(self._chips) < len(found):
            number = len(self._chips)
            chip = QToolButton(self)
            chip.setObjectName(f"situationChip{number}")
            chip.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            chip.clicked.connect(partial(self._on_chip_clicked, number))
            self._chips.append(chip)
            self._chip_row.insertWidget(self._chip_row.count() - 1, chip)
        for n, chip in enumerate(self._chips):
            chip.setVisible(n < len(found))
        self.retranslate_ui()

    def _on_chip_clicked(self, number: int, _checked: bool = False) -> None:
        if number < len(self._situations):
            self.situationChosen.emit(self._situations[number].tag)

    def _on_close_clicked(self) -> None:
        self.edit.clear()
        self.hide()
        self.closed.emit()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Customer said (paste with Ctrl+Shift+V):"))
        self.edit.setPlaceholderText(self.tr("Paste or type the customer's message; the "
                                             "situations it is about appear below."))
        self.edit.setAccessibleName(self.tr("What the customer said"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close the customer message"))
        lang = i18n.current_language()
        for chip, situation in zip(self._chips, self._situations, strict=False):
            label = self._taxonomy.tag_label(situation.tag, lang)
            chip.setText(("⚠ " if situation.safety else "") + label)
            chip.setProperty("safety", situation.safety)
            chip.style().unpolish(chip)
            chip.style().polish(chip)
            words = ", ".join(situation.evidence)
            tip = self.tr("Show the cards for “%1” (found: %2)").replace(
                "%2", words).replace("%1", label)
            chip.setToolTip(tip)
            chip.setAccessibleName(tip)
        if not self.edit.toPlainText().strip():
            self.status.setText("")
        elif not self._situations:
            self.status.setText(self.tr("No situation recognised; search with your own words."))
        else:
            self.status.setText(self.tr("Situations:"))
