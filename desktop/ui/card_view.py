"""The selected card: English and Filipino side by side, phrases ready to copy.

Say phrases are numbered in both columns, and the numbers are the keys: Ctrl+1…9 copy
from the English card, Alt+1…9 from the Filipino card, whatever is shown (Enter copies
phrase 1 of the left column); each column's heading says which. The window decides which
version comes first (MainWindow.preferred_lang: English unless the agent chose Filipino).
Avoid items sit in a tinted "Don’t say" box, each marked ✗ (not struck through: hard to
read); Why is small. Placeholders take the call panel's values; unfilled ones are
highlighted, and copying one asks for its value (desktop.ui.blank_prompt). Restate
("Repeat back") cards show the agent's notes to read back.
A new card is drawn in slices, one per event-loop turn (the left column's phrases first),
so the GUI thread never lays out and paints a whole card at once (issue 10: stall).
All KB text reaches the screen through desktop.core.render (sanitized) or html.escape.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QKeySequence,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.cards import Card
from desktop.core.render import is_allowed_link
from desktop.core.session import markdown_cached, phrase_html_cached, plain_phrase, values_key
from desktop.core.settings import KB_VIEWS
from desktop.core.taxonomy import Taxonomy, default_taxonomy
from desktop.ui import i18n
from desktop.ui.context_bar import FOCUS_STYLE, toggle_button_style
from desktop.ui.icons import themed_icon, themed_pixmap
from desktop.ui.results import blend
from desktop.ui.retranslate import Retranslatable
from desktop.ui.themes import readable

RESTATE_STAGE = "restate"
COPIED_MS = 1600
# EN | Both | FIL: the chosen view stands out like the context bar's buttons.
_VIEW_BUTTON_STYLE = toggle_button_style("1px 7px") + """
QToolButton:disabled { color: palette(mid); }
QToolButton:checked:disabled { background: palette(mid); color: palette(button); }
""" + FOCUS_STYLE
# One rule, whatever is shown: Ctrl+n copies phrase n of the English card, Alt+n of the
# Filipino card (Enter copies phrase 1 of the left column).
LANG_KEYS = {"en": "Ctrl", "fil": "Alt"}
MAX_KEYED = 9
_PHRASE_FOCUS_STYLE = ("QLabel { border: 2px solid transparent; border-radius: 3px; }"
                       " QLabel:focus { border-color: palette(highlight); }")
_PLACEHOLDER_SPAN = '<span class="placeholder">'
_TAG_RE = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class _Colors:
    placeholder_bg: QColor
    placeholder_fg: QColor
    avoid_bg: QColor
    avoid_border: QColor
    avoid_fg: QColor
    muted: QColor
    badge_bg: QColor
    accent: QColor
    icon: QColor

    @classmethod
    def of(cls, palette: QPalette) -> _Colors:
        role = QPalette.ColorRole
        base, text = palette.color(role.Base), palette.color(role.Text)
        red, amber = QColor(220, 50, 47), QColor(245, 180, 0)
        dark = base.lightness() < 128
        avoid_bg = blend(base, red, 0.16 if dark else 0.09)
        window = palette.color(role.Window)  # the card pane's labels sit on the window colour
        return cls(
            placeholder_bg=blend(base, amber, 0.55 if dark else 0.45),
            placeholder_fg=QColor(0, 0, 0) if not dark else QColor(255, 255, 255),
            avoid_bg=avoid_bg,
            avoid_border=blend(base, red, 0.75),
            avoid_fg=readable(blend(text, red, 0.25), avoid_bg),
            muted=readable(blend(text, base, 0.35), window),
            badge_bg=blend(base, amber, 0.35),
            accent=palette.color(role.Highlight),
            icon=palette.color(role.ButtonText),
        )


def marked_phrase_html(phrase: str, values: Mapping[str, str], colors: _Colors) -> str:
    """Sanitized phrase HTML with unfilled placeholders shown as highlighted chips."""
    rendered = phrase_html_cached(phrase, values_key(values))
    style = (f'<span style="background-color:{colors.placeholder_bg.name()};'
             f'color:{colors.placeholder_fg.name()};font-weight:600;">')
    return rendered.replace(_PLACEHOLDER_SPAN, style)


def _show(widget: QWidget, visible: bool) -> None:
    """setVisible only on a change: each call re-runs layouts, and a card has dozens."""
    if widget.isHidden() == visible:
        widget.setVisible(visible)


def shortcut_text(keys: str, number: int) -> str:
    """"Ctrl+2" as this platform writes it (⌘2 on a Mac)."""
    return _shortcut_text(keys, number, i18n.current_language())


@lru_cache(maxsize=64)
def _shortcut_text(keys: str, number: int, ui_language: str) -> str:
    return QKeySequence(f"{keys}+{number}").toString(QKeySequence.SequenceFormat.NativeText)


def _copy_button(parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    button.setAutoRaise(True)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    return button


class WrapLabel(QLabel):
    """A word-wrapped label that remembers its height for each width.

    Qt's layouts ask a wrapped label for heightForWidth hundreds of times per card (each
    a full rich-text layout); the answers only change with the text or the font.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[int, int] = {}
        self.setWordWrap(True)

    def setText(self, text: str) -> None:
        if text != self.text():
            self._heights.clear()
            super().setText(text)

    def clear(self) -> None:
        self._heights.clear()
        super().clear()

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._heights.clear()
        super().changeEvent(event)


class ColumnLabel(WrapLabel):
    """A wrapped label inside a card column, with size hints that cost no text layout.

    QLabel works out its size hints by laying its text out three times (at no width, at
    a "pleasant" width and on one line), and every horizontal layout around it asks its
    height at its minimum width too: four rich-text layouts per label per card, none of
    them at the width the label is shown at. Inside the card's scroll area only the
    height at the real width matters (the columns share the width by stretch, and the
    scroll area grows with the content), so the hints are fixed and a height asked at
    the minimum width is one line.
    """

    MIN_WIDTH = 48
    HINT_WIDTH = 240

    def minimumSizeHint(self) -> QSize:
        return QSize(self.MIN_WIDTH, self.fontMetrics().lineSpacing())

    def sizeHint(self) -> QSize:
        return QSize(self.HINT_WIDTH, self.fontMetrics().lineSpacing())

    def heightForWidth(self, width: int) -> int:
        if width <= self.MIN_WIDTH:
            return self.fontMetrics().lineSpacing()
        return super().heightForWidth(width)


class PhraseRow(QWidget):
    """[n] phrase text [copy]"""

    copyClicked = Signal(int)

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self._phrase = ""
        self._copy_label = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(6)
        self.number = QLabel(self)
        self.number.setMinimumWidth(14)
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.text = ColumnLabel(self)
        self.text.setObjectName("phraseText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        # Reachable with Tab (a screen reader reads it; Ctrl+C copies a selection) and
        # showing where the focus is.
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.text.setStyleSheet(_PHRASE_FOCUS_STYLE)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.button = _copy_button(self)
        self.button.clicked.connect(self._on_button_clicked)
        layout.addWidget(self.number, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)

    def _on_button_clicked(self) -> None:
        self.copyClicked.emit(self.index)

    def set_phrase_name(self, number: int, phrase: str) -> None:
        """Screen readers say the phrase itself, not "Phrase 1"."""
        self._phrase = phrase
        self.text.setAccessibleName(f"{number}: {phrase}")
        if self._copy_label:
            self.button.setAccessibleName(f"{self._copy_label}: {phrase}")

    def set_copy_label(self, label: str) -> None:
        self._copy_label = label
        self.button.setToolTip(label)
        self.button.setAccessibleName(f"{label}: {self._phrase}" if self._phrase else label)


class CardColumn(Retranslatable, QWidget):
    """One language of the card."""

    copyRequested = Signal(str, int)  # lang, phrase index (0-based)
    rowsAdded = Signal()  # new phrase rows: the window puts them in the Tab order

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.card: Card | None = None
        self._keys = ""  # "Ctrl" / "Alt": the modifier that copies phrase n; "" none
        self._hint_color = QColor()
        self._rows: list[PhraseRow] = []
        self._shown_key: tuple[object, ...] | None = None
        self._colors: _Colors | None = None
        self._details_pending = False
        self._labelled_rows = 0
        self._icon_color: QColor | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.heading = ColumnLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)  # escaped by us
        self.heading.setWordWrap(True)
        self.say_title = QLabel(self)
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(0)
        self.avoid_box = QFrame(self)
        self.avoid_box.setObjectName("avoidBox")
        avoid_layout = QVBoxLayout(self.avoid_box)
        avoid_layout.setContentsMargins(8, 6, 8, 6)
        title_line = QHBoxLayout()
        self.avoid_icon = QLabel(self.avoid_box)
        self.avoid_title = QLabel(self.avoid_box)
        title_line.addWidget(self.avoid_icon)
        title_line.addWidget(self.avoid_title, 1)
        avoid_layout.addLayout(title_line)
        self.avoid_text = ColumnLabel(self.avoid_box)
        self.avoid_text.setWordWrap(True)
        self.avoid_text.setTextFormat(Qt.TextFormat.RichText)
        avoid_layout.addWidget(self.avoid_text)
        self.why = ColumnLabel(self)
        self.why.setWordWrap(True)
        self.why.setTextFormat(Qt.TextFormat.RichText)
        self.other = ColumnLabel(self)
        self.other.setWordWrap(True)
        self.other.setTextFormat(Qt.TextFormat.RichText)
        # Links open only after the same check the sanitizer applies (http, https, mailto).
        self.other.linkActivated.connect(self._on_link_activated)
        self.missing = ColumnLabel(self)
        self.missing.setTextFormat(Qt.TextFormat.PlainText)
        self.missing.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.say_title)
        layout.addLayout(self._rows_box)
        for part in (self.avoid_box, self.why, self.other, self.missing):
            layout.addWidget(part)
        layout.addStretch(1)

    def _on_link_activated(self, url: str) -> None:
        if is_allowed_link(url):
            QDesktopServices.openUrl(QUrl(url))

    def set_card(self, card: Card | None, values: Mapping[str, str], keys: str,
                 colors: _Colors, details: bool = True) -> None:
        """Show `card`; `keys` is the modifier whose 1…9 copy its phrases ("Ctrl", "Alt").
        With `details` False, the part below the phrases (Don't say, Why, the rest of the
        card) stays hidden until fill_details(): CardView draws a card in slices."""
        key = (card, tuple(sorted(values.items())), keys, colors, i18n.current_language())
        if key == self._shown_key:
            if details:
                self.fill_details()
            return  # the same card again (a refresh): nothing to redo
        self._shown_key = key
        self._colors = colors
        # Names, tooltips and the key hint depend on the numbering, not on the phrases.
        # Relabelling every row costs more than filling it: only on a new key or new rows;
        # a different number of phrases changes only the "Say · Ctrl+1…n" heading.
        relabel = keys != self._keys or self._labelled_rows < len(card.say if card else ())
        retitle = (self._keyed_count() != self._keyed_count(card)
                   or colors.muted != self._hint_color)
        self.card = card
        self._keys = keys
        self._hint_color = colors.muted
        _show(self.missing, card is None)
        for widget in (self.heading, self.say_title):
            _show(widget, card is not None)
        self._details_pending = card is not None
        if card is None:
            for row in self._rows:
                _show(row, False)
            self._hide_details()
            return
        self.heading.setText(html.escape(card.title))
        self._fill_rows(card, values, colors)
        if relabel:
            self.retranslate_ui()
        elif retitle:
            self._label_say_title()
        if details:
            self.fill_details()
        else:
            self._hide_details()  # never the previous card's Don't say under these phrases

    def details_pending(self) -> bool:
        return self._details_pending

    def fill_details(self) -> None:
        """The part below the phrases: Don't say, Why and the rest of the card."""
        card, colors = self.card, self._colors
        if not self._details_pending or card is None or colors is None:
            return
        self._details_pending = False
        self._fill_avoid(card, colors)
        _show(self.why, bool(card.why))
        why_label = html.escape(self.tr("Why:"))  # lupdate does not look inside f-strings
        self.why.setText(f'<small style="color:{colors.muted.name()}"><b>{why_label}</b> '
                         f'{phrase_html_cached(card.why, ())}</small>' if card.why else "")
        # Stays shown, empty when unused: showing a link-enabled label costs milliseconds.
        other = card.other_text
        self.other.setText(markdown_cached(other) if other else "")

    def _hide_details(self) -> None:
        _show(self.avoid_box, False)
        _show(self.why, False)
        self.other.clear()

    def blank(self) -> None:
        """Show nothing until the next set_card: a column waiting for its turn never shows
        the previous card."""
        self._shown_key = None
        self.card = None
        self._details_pending = False
        self.heading.setText("")
        for widget in (self.say_title, self.missing, *self._rows):
            _show(widget, False)
        self._hide_details()

    def _fill_rows(self, card: Card, values: Mapping[str, str], colors: _Colors) -> None:
        added = len(self._rows) < len(card.say)
        while len(self._rows) < len(card.say):
            row = PhraseRow(len(self._rows), self)
            row.copyClicked.connect(self._on_row_copy_clicked)
            self._rows.append(row)
            self._rows_box.addWidget(row)
        if added:
            self.rowsAdded.emit()
        recolor = colors.icon != self._icon_color
        self._icon_color = colors.icon
        icon = themed_icon("copy", colors.icon)
        for n, row in enumerate(self._rows):
            if n >= len(card.say):
                _show(row, False)
                continue
            row.text.setText(marked_phrase_html(card.say[n], values, colors))
            row.set_phrase_name(n + 1, plain_phrase(card.say[n], values))
            number = str(n + 1) if self._keys and n < MAX_KEYED else ""
            if row.number.text() != number:
                row.number.setText(number)
            if recolor or row.button.icon().isNull():
                row.button.setIcon(icon)
            _show(row, True)
        _show(self.say_title, bool(card.say))

    def _fill_avoid(self, card: Card, colors: _Colors) -> None:
        _show(self.avoid_box, bool(card.avoid))
        if not card.avoid:
            return
        # Not struck through (hard to read): the red box, the heading and ✗ say "don't".
        items = "".join(f"<li>✗ {phrase_html_cached(p, ())}</li>" for p in card.avoid)
        self.avoid_text.setText(
            f'<ul style="margin-left:0px; -qt-list-indent:0; list-style-type:none;'
            f' color:{colors.avoid_fg.name()}">{items}</ul>')
        style = (f"#avoidBox {{ background-color: {colors.avoid_bg.name()};"
                 f" border-left: 4px solid {colors.avoid_border.name()}; border-radius: 4px; }}")
        if style != self.avoid_box.styleSheet():  # re-polishing the box costs milliseconds
            self.avoid_icon.setPixmap(themed_pixmap("warning", colors.avoid_border, 16,
                                                    self.devicePixelRatioF()))
            self.avoid_box.setStyleSheet(style)

    def phrase_count(self) -> int:
        return len(self.card.say) if self.card else 0

    def keys(self) -> str:
        """The modifier whose 1…9 copy this column's phrases ("" when it has none)."""
        return self._keys

    def _keyed_count(self, card: Card | None = None) -> int:
        card = self.card if card is None else card
        return min(MAX_KEYED, len(card.say)) if card is not None else 0

    def row(self, index: int) -> PhraseRow | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def focus_chain(self) -> list[QWidget]:
        """Each phrase, then its Copy button, in order (hidden ones are skipped by Tab)."""
        return [widget for row in self._rows for widget in (row.text, row.button)]

    def _lang_name(self) -> str:
        return self.tr("English") if self.lang == "en" else self.tr("Filipino")

    def _label_say_title(self) -> None:
        """"Say · English · Ctrl+1…3": which keys copy from this column."""
        lang_name = self._lang_name()
        say = html.escape(self.tr("Say"))
        keyed = self._keyed_count()
        hint = hint_tip = ""
        if self._keys and keyed:  # which keys copy from this column, e.g. "Ctrl+1…3"
            keys = shortcut_text(self._keys, 1) + (f"…{keyed}" if keyed > 1 else "")
            color = self._hint_color.name() if self._hint_color.isValid() else "gray"
            hint = (f' <span style="font-weight:normal; color:{color}">'
                    f"· {html.escape(keys)}</span>")
            tip = self.tr("%1 copies the phrase with that number from this column")
            hint_tip = tip.replace("%1", keys)
        self.say_title.setText(f"<b>{say}</b> "
                               f'<span style="font-weight:normal">· {lang_name}</span>{hint}')
        self.say_title.setToolTip(hint_tip if hint else "")

    def retranslate_ui(self) -> None:
        lang_name = self._lang_name()
        self.setAccessibleName(self.tr("%1 version").replace("%1", lang_name))
        self._label_say_title()
        dont_say = html.escape(self.tr("Don’t say"))
        self.avoid_title.setText(f"<b>{dont_say}</b>")
        self.avoid_box.setAccessibleName(self.tr("Don’t say these"))
        self.missing.setText(self.tr("No %1 version of this card yet.").replace("%1", lang_name))
        self._labelled_rows = len(self._rows)
        for n, row in enumerate(self._rows):
            label = (self.tr("Copy phrase %1 (%2)").replace("%2", shortcut_text(self._keys, n + 1))
                     .replace("%1", str(n + 1))
                     if self._keys and n < MAX_KEYED else self.tr("Copy this phrase"))
            row.set_copy_label(label)

    def _on_row_copy_clicked(self, index: int) -> None:
        self.copyRequested.emit(self.lang, index)


class CardView(Retranslatable, QWidget):
    copyRequested = Signal(str, str)  # text to copy (already filled), stage id
    pinToggled = Signal(str, bool)  # card id, pinned
    kbViewChanged = Signal(str)  # both | en | fil
    focusChainChanged = Signal()  # phrase rows added or columns swapped: redo the Tab order
    cardsChanged = Signal()  # another card (or a document, or a message) is on show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardView")
        self._taxonomy: Taxonomy = default_taxonomy()
        self._cards: dict[str, Card] = {}
        self._primary = "en"
        self._values: dict[str, str] = {}
        self._notes = ""
        self._kb_view = "both"
        self._pinned = False
        self._last_copy: tuple[int, str] | None = None
        self._single = False  # one column (compact layout)
        self._single_lang = ""  # its language, once the agent toggled it
        self._showing_hint = True  # the message pane shows our own hint, not the window's
        self._colors = _Colors.of(self.palette())
        self._copied_timer = QTimer(self)
        self._copied_timer.setSingleShot(True)
        self._copied_timer.timeout.connect(self._on_copied_timeout)
        # The languages whose slices are still to be drawn, one per turn (see _refresh).
        self._deferred: list[str] = []
        self._deferred_timer = QTimer(self)
        self._deferred_timer.setSingleShot(True)
        self._deferred_timer.setInterval(0)
        self._deferred_timer.timeout.connect(self._on_deferred_timeout)
        self._build()
        self._apply_fonts()
        self.retranslate_ui()
        self.show_message("")

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 4, 8, 4)
        outer.setSpacing(4)
        outer.addLayout(self._build_header())
        self.meta = WrapLabel(self)
        self.meta.setTextFormat(Qt.TextFormat.RichText)  # escaped by us
        self.meta.setWordWrap(True)
        outer.addWidget(self.meta)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget(self.scroll_area)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 4, 0, 4)
        body_layout.addWidget(self._build_notes_box(body))
        self._columns_layout = QHBoxLayout()
        self._columns_layout.setSpacing(16)
        self._columns = {lang: CardColumn(lang, body) for lang in ("en", "fil")}
        for column in self._columns.values():
            column.copyRequested.connect(self._on_column_copy_requested)
            column.rowsAdded.connect(self.focusChainChanged)
            self._columns_layout.addWidget(column, 1)
        body_layout.addLayout(self._columns_layout)
        self.document = WrapLabel(body)
        self.document.setWordWrap(True)
        self.document.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        body_layout.addWidget(self.document)
        self.message = WrapLabel(body)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body_layout.addWidget(self.message)
        body_layout.addStretch(1)
        self.scroll_area.setWidget(body)
        outer.addWidget(self.scroll_area, 1)

    def _build_header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        self.title = WrapLabel(self)
        self.title.setTextFormat(Qt.TextFormat.RichText)  # escaped by us
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header.addWidget(self.title, 1)
        # Floats over the header, outside every layout: showing "Copied" must not squeeze
        # the title into more lines and push the phrases down.
        self.copied = QLabel(self)
        self.copied.setObjectName("copiedToast")
        _show(self.copied, False)
        self.review_badge = QLabel(self)
        self.review_badge.setObjectName("reviewBadge")
        _show(self.review_badge, False)
        header.addWidget(self.review_badge, 0, Qt.AlignmentFlag.AlignTop)
        self.view_buttons: dict[str, QToolButton] = {}
        for view in ("en", "both", "fil"):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setProperty("view", view)
            button.clicked.connect(self._on_view_clicked)
            self.view_buttons[view] = button
            header.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.pin_button = QToolButton(self)
        self.pin_button.setCheckable(True)
        self.pin_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.pin_button.setAutoRaise(True)
        self.pin_button.clicked.connect(self._on_pin_clicked)
        header.addWidget(self.pin_button, 0, Qt.AlignmentFlag.AlignTop)
        return header

    def _build_notes_box(self, parent: QWidget) -> QFrame:
        self.notes_box = QFrame(parent)
        self.notes_box.setObjectName("notesBox")
        self.notes_box.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self.notes_box)
        text_column = QVBoxLayout()
        self.notes_title = QLabel(self.notes_box)
        self.notes_text = WrapLabel(self.notes_box)
        self.notes_text.setWordWrap(True)
        self.notes_text.setTextFormat(Qt.TextFormat.RichText)
        self.notes_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text_column.addWidget(self.notes_title)
        text_column.addWidget(self.notes_text)
        layout.addLayout(text_column, 1)
        self.notes_copy = _copy_button(self.notes_box)
        self.notes_copy.clicked.connect(self._on_notes_copy_clicked)
        layout.addWidget(self.notes_copy, 0, Qt.AlignmentFlag.AlignTop)
        _show(self.notes_box, False)
        return self.notes_box

    # --- public API ----------------------------------------------------------------------

    @property
    def columns(self) -> dict[str, CardColumn]:
        """The language columns, finished: a column still waiting to be drawn is drawn
        first, so whoever looks at one sees the card on show."""
        self.finish_rendering()
        return self._columns

    def rendering_pending(self) -> bool:
        """Part of the card on show is still to be drawn (on the next turns)."""
        return bool(self._deferred)

    def finish_rendering(self) -> None:
        """Draw the waiting slices now."""
        self._deferred_timer.stop()
        while self._deferred:
            self._on_deferred_timeout()
        self._deferred_timer.stop()

    def set_taxonomy(self, taxonomy: Taxonomy) -> None:
        self._taxonomy = taxonomy
        self._refresh_meta()

    def show_card(self, card: Card, twin: Card | None = None, pinned: bool = False) -> None:
        """Show `card` (its language is the first column, Ctrl+n) and its translation."""
        cards = {card.lang: card}
        if twin is not None:
            cards[twin.lang] = twin
        same = cards == self._cards and card.lang == self._primary
        self._cards, self._primary, self._pinned = cards, card.lang, pinned
        _show(self.document, False)
        _show(self.message, False)
        self.pin_button.setEnabled(True)
        self.pin_button.setChecked(pinned)
        self._set_view_buttons_enabled(True)
        if not same:
            self.scroll_area.verticalScrollBar().setValue(0)
        self._refresh()
        self.cardsChanged.emit()

    def show_document(self, title: str, text: str, source: str) -> None:
        self._cards = {}
        self._cancel_deferred()
        self.title.setText(html.escape(title))
        self.meta.setText(html.escape(source))
        _show(self.review_badge, False)
        _show(self.notes_box, False)
        for column in self._columns.values():
            _show(column, False)
        _show(self.message, False)
        self.document.setText(text)
        self.document.setTextFormat(Qt.TextFormat.PlainText)
        _show(self.document, True)
        self.pin_button.setEnabled(False)
        self._set_view_buttons_enabled(False)
        self.cardsChanged.emit()

    def show_message(self, text: str) -> None:
        """No card selected: show a hint (or why there are no cards)."""
        self._cards = {}
        self._cancel_deferred()
        self.title.setText("")
        self.meta.setText("")
        _show(self.review_badge, False)
        _show(self.notes_box, False)
        for column in self._columns.values():
            _show(column, False)
        _show(self.document, False)
        self._showing_hint = not text
        self.message.setText(text or self.tr("Type what the customer says, or pick a call "
                                              "stage above. Enter copies the first phrase."))
        _show(self.message, True)
        self.pin_button.setEnabled(False)
        self._set_view_buttons_enabled(False)
        self.cardsChanged.emit()

    def message_shown(self) -> bool:
        """A message given to show_message() is on show (not the default hint, not a card)."""
        return not self.message.isHidden() and not self._showing_hint

    def current_card(self) -> Card | None:
        return self._cards.get(self._primary)

    def cards(self) -> dict[str, Card]:
        return dict(self._cards)

    def primary_lang(self) -> str:
        return self._primary_shown()

    def column_langs(self) -> list[str]:
        """The languages of the shown columns, left first (Enter copies from the left one;
        Ctrl+n always copies English and Alt+n Filipino)."""
        if not self._cards:
            return []
        primary = self._primary_shown()
        if self._kb_view != "both" or self._single:
            return [primary]
        return [primary, *(lang for lang in ("en", "fil") if lang != primary)]

    def set_placeholders(self, values: Mapping[str, str]) -> None:
        cleaned = {k: str(v).strip() for k, v in values.items() if str(v).strip()}
        if cleaned != self._values:
            self._values = cleaned
            self._refresh()

    def placeholders(self) -> dict[str, str]:
        return dict(self._values)

    def set_notes(self, notes: str) -> None:
        if notes != self._notes:
            self._notes = notes
            self._refresh_notes()

    def set_kb_view(self, view: str) -> None:
        view = view if view in KB_VIEWS else "both"
        if view != self._kb_view:
            self._kb_view = view
            self._refresh()
        self._sync_view_buttons()

    def kb_view(self) -> str:
        return self._kb_view

    def focus_chain(self) -> list[QWidget]:
        """The card's Tab order: view buttons, pin, then each column's phrases and buttons
        (left column first), then the notes' Copy button."""
        columns = sorted(self._columns.values(), key=self._columns_layout.indexOf)
        return [*self.view_buttons.values(), self.pin_button,
                *(widget for column in columns for widget in column.focus_chain()),
                self.notes_copy]

    def set_single_column(self, single: bool) -> None:
        """Narrow windows: one language column at a time; EN | FIL switch it quickly
        (without changing the saved view), and "Both" is not offered."""
        if single == self._single:
            return
        self._single = single
        self.view_buttons["both"].setVisible(not single)
        self._sync_view_buttons()
        self._refresh()

    def _sync_view_buttons(self) -> None:
        shown = self._kb_view
        if self._single and shown == "both":
            shown = self._primary_shown() if self._cards else (self._single_lang or "en")
        for key, button in self.view_buttons.items():
            button.setChecked(key == shown)

    def set_pinned(self, pinned: bool) -> None:
        self._pinned = pinned
        self.pin_button.setChecked(pinned)
        self._label_pin()

    def phrase_count(self) -> int:
        column = self._columns[self._primary_shown()]
        return column.phrase_count() if self._cards else 0

    def filled_phrase(self, number: int, lang: str | None = None) -> str | None:
        """Phrase `number` (1-based) of `lang` (default: the first column), filled; None
        when there is none."""
        card = self._cards.get(lang or self._primary_shown())
        if card is None or not 1 <= number <= len(card.say):
            return None
        return plain_phrase(card.say[number - 1], self._values)

    def copy_phrase(self, number: int, lang: str | None = None) -> bool:
        """Ask for phrase `number` of the `lang` card to be copied (default: the left
        column, as Enter does); False when there is no such phrase (see copy_problem)."""
        lang = lang or self._primary_shown()
        text = self.filled_phrase(number, lang)
        card = self._cards.get(lang)
        if text is None or card is None:
            return False
        self._last_copy = (number, lang)
        self.copyRequested.emit(text, card.stage)
        return True

    def last_copy(self) -> tuple[int, str] | None:
        """(number, lang) of the phrase in the newest copyRequested; None for the notes."""
        return self._last_copy

    def confirm_copied(self, number: int, lang: str) -> None:
        """The phrase reached the clipboard: say which one, in which language."""
        lang_name = self.tr("English") if lang == "en" else self.tr("Filipino")
        self.show_copied(self.tr("Copied phrase %1 (%2)").replace("%2", lang_name)
                         .replace("%1", str(number)))

    def copy_problem(self, number: int, lang: str | None = None) -> tuple[str, int]:
        """Why phrase `number` of `lang` cannot be copied, as (kind, count): "no_card",
        "no_lang" or "no_phrase" (count = the phrases that card has); ("", 0) if it can."""
        if not self._cards:
            return ("no_card", 0)
        card = self._cards.get(lang or self._primary_shown())
        if card is None:
            return ("no_lang", 0)
        if not 1 <= number <= len(card.say):
            return ("no_phrase", len(card.say))
        return ("", 0)

    def show_copied(self, text: str) -> None:
        self.copied.setText(f"✓ {text}")
        self._place_copied()
        _show(self.copied, True)
        self.copied.raise_()
        self._copied_timer.start(COPIED_MS)

    def _place_copied(self) -> None:
        """Bottom right, over the card's empty lower part: never over the header buttons."""
        self.copied.adjustSize()
        self.copied.move(max(0, self.width() - self.copied.width() - 16),
                         max(0, self.height() - self.copied.height() - 12))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.copied.isHidden():
            self._place_copied()

    # --- rendering -----------------------------------------------------------------------

    def _primary_shown(self) -> str:
        if self._kb_view in ("en", "fil") and (self._kb_view in self._cards or not self._cards):
            return self._kb_view
        if self._single and self._single_lang in self._cards:
            return self._single_lang
        return self._primary if self._primary in self._cards else next(iter(self._cards), "en")

    def _refresh(self) -> None:
        card = self.current_card()
        if card is None:
            return
        primary = self._primary_shown()
        shown = self._cards[primary]
        self.title.setText(html.escape(shown.title))
        self._refresh_meta()
        self._refresh_review_badge(shown)
        order = [primary, *(lang for lang in ("en", "fil") if lang != primary)]
        visible = self.column_langs()
        for lang in ("en", "fil"):
            _show(self._columns[lang], lang in visible)
        # A slice per event-loop turn: laying out and painting a whole card at once kept
        # the GUI thread busy for longer than a frame on a loaded machine. The phrases of
        # the left column (the one Enter copies) come first, then the rest of it, then
        # the other column, each drawn from the card on show at its turn (a card replaced
        # meanwhile is skipped); a column waiting for its turn is blank, never the
        # previous card. Copying reads the cards, not the widgets: right at every moment.
        # (A refresh of the same card, e.g. a call-panel value typed, is drawn in place.)
        first = self._columns[visible[0]]
        same = first.card == self._cards.get(visible[0])
        first.set_card(self._cards.get(visible[0]), self._values, LANG_KEYS[visible[0]],
                       self._colors, details=same)
        for lang in visible[1:]:
            if self._columns[lang].card != self._cards.get(lang):
                self._columns[lang].blank()
        self._deferred = visible if not same else visible[1:]
        if self._deferred:
            self._deferred_timer.start()
        self._order_columns(order)
        self._refresh_notes()
        self._label_pin()

    def _on_deferred_timeout(self) -> None:
        """The next slice: the waiting details of a column, or a waiting column's phrases."""
        while self._deferred:
            lang = self._deferred[0]
            column, card = self._columns[lang], self._cards.get(lang)
            if lang not in self.column_langs():
                self._deferred.pop(0)
                continue
            if column.details_pending() and column.card == card:
                self._deferred.pop(0)
                column.fill_details()
                break
            column.set_card(card, self._values, LANG_KEYS[lang], self._colors, details=False)
            if column.details_pending():
                break  # its phrases now, its details on the next turn
            self._deferred.pop(0)  # nothing was waiting below the phrases
        if self._deferred:
            self._deferred_timer.start()

    def _cancel_deferred(self) -> None:
        self._deferred = []
        self._deferred_timer.stop()

    def _order_columns(self, order: list[str]) -> None:
        """The first language (the one Ctrl+n copies) on the left."""
        if self._columns_layout.indexOf(self._columns[order[0]]) == 0:
            return
        for lang in order:
            self._columns_layout.removeWidget(self._columns[lang])
        for lang in order:
            self._columns_layout.addWidget(self._columns[lang], 1)
        self.focusChainChanged.emit()

    def _refresh_meta(self) -> None:
        card = self.current_card()
        if card is None:
            return
        lang = i18n.current_language()
        parts = [self._taxonomy.stage_label(card.stage, lang)]
        parts.extend(self._taxonomy.tag_label(t, lang) for t in card.tags)
        channel = {"phone": self.tr("Phone"), "chat": self.tr("Chat")}.get(card.channel)
        if channel and channel not in parts:  # one "Chat": the chat tag and channel agree
            parts.append(channel)
        self.meta.setText(f'<span style="color:{self._colors.muted.name()}">'
                          f'{html.escape(" · ".join(parts))}</span>')

    def _refresh_review_badge(self, card: Card) -> None:
        due = card.review_by is not None and card.review_by < date.today()
        _show(self.review_badge, due)
        if due and card.review_by is not None:
            self.review_badge.setText(self.tr("Review due"))
            self.review_badge.setToolTip(
                self.tr("This card was due for review on %1. Tell your trainer if it looks "
                        "out of date.").replace("%1", card.review_by.isoformat()))
            self.review_badge.setAccessibleName(self.review_badge.toolTip())
            self.review_badge.setStyleSheet(
                f"#reviewBadge {{ background-color: {self._colors.badge_bg.name()};"
                f" color: {self._colors.placeholder_fg.name()}; border-radius: 4px;"
                " padding: 1px 6px; }")

    def _refresh_notes(self) -> None:
        card = self.current_card()
        show = card is not None and card.stage == RESTATE_STAGE
        _show(self.notes_box, show)
        if not show:
            return
        if self._notes.strip():
            self.notes_text.setText(html.escape(self._notes.strip()).replace("\n", "<br>"))
        else:
            self.notes_text.setText(
                f'<i style="color:{self._colors.muted.name()}">'
                + html.escape(self.tr("Type the customer's main points in Notes; they appear "
                                      "here to read back.")) + "</i>")
        self.notes_copy.setEnabled(bool(self._notes.strip()))

    def notes_summary(self) -> str:
        """What the restate card shows as the summary to read back ('' when hidden)."""
        return self._notes.strip() if self.notes_box.isVisibleTo(self) else ""

    def _label_pin(self) -> None:
        pinned = self.pin_button.isChecked()
        color = self._colors.icon
        self.pin_button.setIcon(themed_icon("pin-on" if pinned else "pin", color))
        text = self.tr("Unpin this card (Ctrl+P)") if pinned else self.tr("Pin this card (Ctrl+P)")
        self.pin_button.setToolTip(text)
        self.pin_button.setAccessibleName(text)

    def _set_view_buttons_enabled(self, enabled: bool) -> None:
        for button in self.view_buttons.values():
            button.setEnabled(enabled)

    # --- events --------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.PaletteChange:
            self._on_palette_changed()
        elif kind == QEvent.Type.FontChange:
            self._apply_fonts()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setAccessibleName(self.tr("Selected card"))
        labels = {"en": self.tr("EN"), "both": self.tr("Both"), "fil": self.tr("FIL")}
        tips = {"en": self.tr("Show the English card only"),
                "both": self.tr("Show English and Filipino side by side"),
                "fil": self.tr("Show the Filipino card only")}
        for view, button in self.view_buttons.items():
            button.setStyleSheet("")  # again: palette(...) is resolved when a sheet is set
            button.setStyleSheet(_VIEW_BUTTON_STYLE)
            button.setText(labels[view])
            button.setToolTip(tips[view])
            button.setAccessibleName(tips[view])
        self._sync_view_buttons()
        self.title.setAccessibleName(self.tr("Card title"))
        self.meta.setAccessibleName(self.tr("Stage and situation"))
        read_back = html.escape(self.tr("Read back the main points"))
        self.notes_title.setText(f"<b>{read_back}</b>")
        self.notes_copy.setToolTip(self.tr("Copy the notes"))
        self.notes_copy.setAccessibleName(self.tr("Copy the notes"))
        self.notes_copy.setIcon(themed_icon("copy", self._colors.icon))
        self.copied.setAccessibleName(self.tr("Copy confirmation"))
        self.message.setAccessibleName(self.tr("Hint"))
        self._label_pin()
        if self._cards:
            self._refresh()  # section labels, the review badge and notes hint change too
        elif self._showing_hint and not self.message.isHidden():
            self.show_message("")  # a message from the window is the window's to translate

    def refresh_palette(self) -> None:
        """Recolour from the current palette (the window calls this when it changes)."""
        self._on_palette_changed()

    def _on_palette_changed(self) -> None:
        self._colors = _Colors.of(self.palette())
        self.retranslate_ui()  # icons and every tinted label are drawn from the colours

    def _apply_fonts(self) -> None:
        base = self.font()
        title = QFont(base)
        title.setPointSizeF(base.pointSizeF() * 1.25)
        title.setBold(True)
        self.title.setFont(title)
        heading = QFont(base)
        heading.setBold(True)
        for column in self._columns.values():
            column.heading.setFont(heading)
        self.copied.setStyleSheet(
            "#copiedToast { background: palette(highlight); color: palette(highlighted-text);"
            " border-radius: 4px; padding: 2px 8px; font-weight: bold; }")

    def _on_view_clicked(self) -> None:
        sender = self.sender()
        view = str(sender.property("view")) if sender is not None else "both"
        if self._single and self._kb_view == "both" and view in ("en", "fil"):
            self._single_lang = view  # the quick toggle of the one-column layout
            self._sync_view_buttons()
            self._refresh()
            return
        self.set_kb_view(view)
        self.kbViewChanged.emit(view)

    def _on_pin_clicked(self, checked: bool) -> None:
        card = self.current_card()
        if card is not None:
            self._pinned = checked
            self._label_pin()
            self.pinToggled.emit(card.id, checked)

    def _on_column_copy_requested(self, lang: str, index: int) -> None:
        self.copy_phrase(index + 1, lang)

    def _on_notes_copy_clicked(self) -> None:
        if self._notes.strip():
            self._last_copy = None
            self.copyRequested.emit(" ".join(self._notes.split()), RESTATE_STAGE)
            self.show_copied(self.tr("Copied the notes"))

    def _on_copied_timeout(self) -> None:
        _show(self.copied, False)
