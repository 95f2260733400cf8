"""The call tools side panel: call details, notes, hold timer, abusive-caller policy, recovery.

All timing logic lives in desktop.core.calltools; this module only shows it. One QTimer
ticks while a hold or a recovery countdown runs (and stops when neither does), reading
the injected clock, so tests drive it with a fake clock and nothing ever sleeps.
"""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.blanks import detail_blanks
from desktop.core.calltools import (
    HOLD_CHECK_IN,
    RECOVERY,
    AbuseCounter,
    AbusePolicy,
    AbuseStep,
    CardRef,
    HoldTimer,
    RecoveryCountdown,
    fill_placeholders,
    find_card,
    first_phrases,
    format_elapsed,
    kb_langs,
    placeholder_values,
    recovery_lines,
)
from desktop.core.cards import PLACEHOLDER_RE, Card
from desktop.core.policy import POLICY_PLACEHOLDERS, Policy, cached_policy
from desktop.core.search import Engine
from desktop.core.settings import KB_VIEWS, Settings
from desktop.ui.blank_prompt import translated_label
from desktop.ui.retranslate import Retranslatable

log = logging.getLogger(__name__)

TICK_MS = 250  # fast enough that mm:ss never skips a second
NOTES_DEBOUNCE_MS = 200
DEFAULT_PLANNED_MINUTES = 2
MAX_PLANNED_MINUTES = 120
MAX_DETAIL_ROWS = 2  # rows shown before they scroll inside the box (End call in view at 768 px)
UNDO_END_S = 60  # End call can be undone this long (the notes survive until then)
Phrase = tuple[str, str]  # (card language or "" for a built-in phrase, raw text)

_HIGHLIGHT_STYLE = (
    "QFrame#holdReminder, QLabel#abusePolicyLabel, QFrame#recoveryCard "
    "{ border: 2px solid palette(highlight); border-radius: 4px; padding: 4px; }"
)


def _show_start(edit: QLineEdit) -> None:
    if not edit.hasFocus():
        edit.setCursorPosition(0)


def phrase_markup(text: str) -> str:
    """Escaped phrase text with unfilled placeholders made visible (bold, underlined)."""
    escaped = html.escape(text)
    return PLACEHOLDER_RE.sub(r"<b><u>{\1}</u></b>", escaped)


class PhraseView(Retranslatable, QWidget):
    """Up to two phrases (English then Filipino), each with its own Copy button."""

    copyRequested = Signal(str)
    MAX_ROWS = 2

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._phrases: list[Phrase] = []
        self._values: dict[str, str] = {}
        self._tags: list[QLabel] = []
        self._labels: list[QLabel] = []
        self._buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for row in range(self.MAX_ROWS):
            layout.addLayout(self._build_row(name, row))
        self.retranslate_ui()

    def _build_row(self, name: str, row: int) -> QVBoxLayout:
        # Text gets the full panel width; the Copy button sits on a line above it with the
        # language tag, so a 300 px panel does not squeeze phrases into a narrow column.
        tag = QLabel(self)
        tag.setObjectName(f"{name}Lang{row}")
        label = QLabel(self)
        label.setObjectName(f"{name}Text{row}")
        label.setTextFormat(Qt.TextFormat.RichText)  # text is escaped in phrase_markup
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        _never_squeeze(label)
        button = QPushButton(self)
        button.setObjectName(f"{name}Copy{row}")
        button.clicked.connect(lambda _=False, r=row: self._on_copy_clicked(r))
        self._tags.append(tag)
        self._labels.append(label)
        self._buttons.append(button)
        top = QHBoxLayout()
        top.addWidget(tag, 1)
        top.addWidget(button)
        rows = QVBoxLayout()
        rows.addLayout(top)
        rows.addWidget(label)
        return rows

    def set_phrases(self, phrases: list[Phrase]) -> None:
        self._phrases = phrases[: self.MAX_ROWS]
        self.retranslate_ui()  # renders, and names each Copy button for its language

    def set_values(self, values: Mapping[str, str]) -> None:
        self._values = dict(values)
        self._render()

    def phrases(self) -> list[Phrase]:
        return list(self._phrases)

    def filled(self, row: int) -> str:
        return fill_placeholders(self._phrases[row][1], self._values)

    def _render(self) -> None:
        for row, (tag, label, button) in enumerate(
                zip(self._tags, self._labels, self._buttons, strict=True)):
            shown = row < len(self._phrases)
            for widget in (tag, label, button):
                widget.setVisible(shown)
            tag.setText(self._lang_tag(self._phrases[row][0]) if shown else "")
            label.setText(phrase_markup(self.filled(row)) if shown else "")
            label.setAccessibleName(self.filled(row) if shown else "")

    def _on_copy_clicked(self, row: int) -> None:
        if row < len(self._phrases):
            self.copyRequested.emit(self.filled(row))

    def retranslate_ui(self) -> None:
        self._render()  # the language tags
        for row, button in enumerate(self._buttons):
            button.setText(self.tr("Copy"))
            lang = self._phrases[row][0] if row < len(self._phrases) else ""
            button.setAccessibleName(self._copy_name(lang))

    def _lang_tag(self, lang: str) -> str:
        return {"en": self.tr("EN"), "fil": self.tr("FIL")}.get(lang, "")

    def _copy_name(self, lang: str) -> str:
        if lang == "en":
            return self.tr("Copy phrase (English)")
        if lang == "fil":
            return self.tr("Copy phrase (Filipino)")
        return self.tr("Copy phrase")


class CallToolsPanel(Retranslatable, QWidget):
    """Compact vertical panel (~300 px wide) for the tools an agent uses during a call."""

    notesChanged = Signal(str)
    placeholdersChanged = Signal(dict)
    phraseCopyRequested = Signal(str)
    callEnded = Signal()
    callRestored = Signal()  # End call was undone: the details and notes are back
    agentNameChanged = Signal(str)
    alertRaised = Signal(str, str)  # kind (hold | abuse | abuse_limit | recovery), text
    focusChainChanged = Signal()  # a detail field was added: the window redoes the Tab order

    def __init__(self, engine_provider: Callable[[], Engine | None], settings: Settings,
                 clock: Callable[[], float] = time.monotonic,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callToolsPanel")
        self._engine_provider = engine_provider
        self._settings = settings
        self._kb_language = settings.kb_view if settings.kb_view in KB_VIEWS else "both"
        self._hold = HoldTimer(clock, settings.hold_interval_s)
        self._abuse = AbuseCounter(self._abuse_policy())
        self._recovery = RecoveryCountdown(clock)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._on_tick)
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(NOTES_DEBOUNCE_MS)
        self._notes_timer.timeout.connect(self._on_notes_settled)
        self._extra_values: dict[str, str] = {}  # blanks beyond customer/issue/agent/minutes
        self._card_blanks: list[str] = []  # of those, the ones the shown card's phrases use
        self._detail_edits: dict[str, QLineEdit] = {}
        self._detail_labels: dict[str, QLabel] = {}
        self._clock = clock
        self._alerts_elsewhere = False
        self._ended: _CallSnapshot | None = None  # the call End call cleared, for undo
        self._build_ui()
        self._connect_signals()
        self.setStyleSheet(_HIGHLIGHT_STYLE)
        self.retranslate_ui()
        self._push_values()

    # --- public API ----------------------------------------------------------------------

    def placeholders(self) -> dict[str, str]:
        minutes = self.minutes_spin.value()
        return {**self._extra_values, **placeholder_values({
            "customer": self.customer_edit.text(),
            "issue": self.issue_edit.text(),
            "agent": self.agent_edit.text(),
            "minutes": str(minutes) if minutes > 0 else "",
        })}

    def _account_policy(self) -> Policy:
        engine = self._engine_provider()
        return cached_policy(engine.kb_dir) if engine is not None else Policy()

    def _abuse_policy(self) -> AbusePolicy:
        """The KB's policy.md sets the warnings; without one, the seat setting does."""
        policy = self._account_policy()
        if policy.path is None:
            return AbusePolicy.from_settings(self._settings)
        return AbusePolicy(limit=policy.abuse_step_limit)

    def notes(self) -> str:
        return self.notes_edit.toPlainText()

    def fill_values(self, values: Mapping[str, str]) -> None:
        """Values the agent typed into the blank prompt: into the matching field, or kept
        for this call when the panel has no field for that placeholder."""
        fields = {"customer": self.customer_edit, "issue": self.issue_edit,
                  "agent": self.agent_edit}
        for name, value in values.items():
            value = value.strip()
            if name in fields:
                fields[name].setText(value)
                _show_start(fields[name])
            elif name == "minutes" and value.isdigit():
                self.minutes_spin.setValue(min(int(value), MAX_PLANNED_MINUTES))
            else:
                self._extra_values[name] = value
        self._push_values()

    def set_card_phrases(self, phrases: Iterable[str]) -> None:
        """The phrases of the card on show (both languages): the details box offers a
        field for each blank in them that has no field of its own and no policy value."""
        skip = {*POLICY_PLACEHOLDERS, *self._account_policy().placeholders()}
        names = detail_blanks(phrases, skip)
        if names != self._card_blanks:
            self._card_blanks = names
            self._sync_details()

    def detail_names(self) -> list[str]:
        """The placeholders with a field in the details box now: the card's, then any
        other value given during this call."""
        given = (name for name, value in self._extra_values.items() if value.strip())
        return list(dict.fromkeys([*self._card_blanks, *given]))

    def detail_edit(self, name: str) -> QLineEdit | None:
        return self._detail_edits.get(name)

    def focus_chain(self) -> list[QWidget]:
        """The call fields in Tab order: customer, issue, the card's details, agent."""
        return [self.customer_edit, self.issue_edit, *self._detail_edits.values(),
                self.agent_edit]

    def set_kb_language(self, lang: str) -> None:
        if lang not in KB_VIEWS:
            raise ValueError(f"KB language must be one of {', '.join(KB_VIEWS)}, not {lang!r}")
        self._kb_language = lang
        self._refresh_phrases()

    def end_call(self) -> None:
        """Clear this call's details, stop its tools, then offer the recovery card. The
        details and notes are kept for UNDO_END_S seconds: undo_end_call() brings them back."""
        self._ended = _CallSnapshot(self._clock(), self.customer_edit.text(),
                                    self.issue_edit.text(), self.minutes_spin.value(),
                                    self.notes(), dict(self._extra_values))
        self._stop_hold()
        self._on_abuse_reset()
        self._clear_call_fields()
        self.callEnded.emit()
        if self._settings.recovery_card_enabled:
            self._start_recovery()

    def can_undo_end_call(self) -> bool:
        return (self._ended is not None
                and self._clock() - self._ended.at <= UNDO_END_S)

    def undo_end_call(self) -> bool:
        """Bring back the details and notes of the call just ended (False: too late)."""
        if not self.can_undo_end_call() or self._ended is None:
            self._ended = None
            return False
        ended, self._ended = self._ended, None
        self.customer_edit.setText(ended.customer)
        self.issue_edit.setText(ended.issue)
        self.minutes_spin.setValue(ended.minutes)
        self._extra_values = dict(ended.extra)
        self.notes_edit.setPlainText(ended.notes)
        self._notes_timer.stop()
        self.notesChanged.emit(self.notes())
        self._push_values()
        if self._recovery.active:
            self._end_recovery()  # the call goes on
        self.callRestored.emit()
        return True

    def set_alerts_elsewhere(self, elsewhere: bool) -> None:
        """The window shows the hold reminder and the abuse phrase in its alert banner:
        the panel then keeps only its controls, so End call stays in view."""
        self._alerts_elsewhere = elsewhere
        self.abuse_phrase.setVisible(not elsewhere)
        if elsewhere:
            self.hold_reminder.hide()

    def in_call(self) -> bool:
        """Something of a call is in the panel: details, notes, a hold or a warning."""
        return bool(self.customer_edit.text().strip() or self.issue_edit.text().strip()
                    or self.notes().strip() or any(self._extra_values.values())
                    or self._hold.running or self._abuse.count)

    # --- keyboard (the window's shortcuts) -----------------------------------------------

    def focus_field(self, name: str) -> None:
        """Alt+C / Alt+I / Alt+N: put the cursor in the customer, issue or notes field."""
        widget = {"customer": self.customer_edit, "issue": self.issue_edit,
                  "agent": self.agent_edit, "notes": self.notes_edit}[name]
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    def toggle_hold(self) -> None:
        self._on_hold_clicked()

    def give_warning(self) -> bool:
        """Ctrl+Shift+W: one more warning; False when the limit was already reached."""
        if not self.warning_button.isEnabled():
            return False
        self._on_warning_given()
        return True

    def on_hold(self) -> bool:
        return self._hold.running

    # --- building ------------------------------------------------------------------------

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._build_recovery())
        layout.addWidget(self._build_call_box())
        layout.addWidget(self._build_details_box())
        layout.addWidget(self._build_notes_box(), 1)
        layout.addWidget(self._build_hold_box())
        layout.addWidget(self._build_abuse_box())
        self.end_call_button = QPushButton(self)
        self.end_call_button.setObjectName("endCallButton")
        layout.addWidget(self.end_call_button)

    def _build_call_box(self) -> QGroupBox:
        self.call_box = QGroupBox(self)
        self.call_box.setObjectName("callBox")
        form = QFormLayout(self.call_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow side panel
        self.customer_edit = self._line_edit("customerEdit")
        self.issue_edit = self._line_edit("issueEdit")
        self.agent_edit = self._line_edit("agentEdit")
        self.agent_edit.setText(self._settings.agent_name)
        self.customer_label = QLabel(self.call_box)
        self.issue_label = QLabel(self.call_box)
        self.agent_label = QLabel(self.call_box)
        form.addRow(self.customer_label, self.customer_edit)  # addRow sets the label's buddy
        form.addRow(self.issue_label, self.issue_edit)
        form.addRow(self.agent_label, self.agent_edit)
        return self.call_box

    def _build_details_box(self) -> QGroupBox:
        # One row per blank of the card on show; hidden while there is none, so the
        # panel keeps its height (End call in view on a 768-px screen).
        # More than MAX_DETAIL_ROWS rows scroll inside the box, never the panel.
        self.details_box = QGroupBox(self)
        self.details_box.setObjectName("detailsBox")
        box = QVBoxLayout(self.details_box)
        box.setContentsMargins(8, 0, 8, 0)  # no height to spare at 768 px
        self.details_area = QScrollArea(self.details_box)
        self.details_area.setObjectName("detailsArea")
        self.details_area.setWidgetResizable(True)
        self.details_area.setFrameShape(QFrame.Shape.NoFrame)
        self.details_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields take focus
        self.details_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rows = QWidget(self.details_area)
        self._details_form = QFormLayout(rows)
        self._details_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self._details_form.setContentsMargins(0, 0, 0, 0)
        self._details_form.setVerticalSpacing(2)
        self.details_area.setWidget(rows)
        box.addWidget(self.details_area)
        self.details_box.hide()
        return self.details_box

    def _fit_details_area(self, rows: int) -> None:
        """As tall as its rows, up to MAX_DETAIL_ROWS of them."""
        label_height = self.fontMetrics().height()
        row_height = (max(self.customer_edit.sizeHint().height(), label_height)
                      + self._details_form.verticalSpacing())
        self.details_area.setFixedHeight(min(rows, MAX_DETAIL_ROWS) * row_height)

    def _detail_field(self, name: str) -> QLineEdit:
        edit = self._detail_edits.get(name)
        if edit is None:
            edit = self._line_edit(f"detailEdit_{name}")
            edit.textEdited.connect(lambda text, name=name: self._on_detail_edited(name, text))
            edit.installEventFilter(self)  # scrolled into view when Tab reaches it
            label = QLabel(self.details_area.widget())
            self._details_form.addRow(label, edit)  # addRow sets the label's buddy
            self._detail_edits[name] = edit
            self._detail_labels[name] = label
            self._retranslate_detail(name)
            self.focusChainChanged.emit()
        return edit

    def _sync_details(self) -> None:
        """Show a field for each detail in use, holding this call's value for it."""
        shown = self.detail_names()
        for name in shown:
            edit = self._detail_field(name)
            value = self._extra_values.get(name, "")
            if edit.text() != value:
                edit.setText(value)  # setText does not emit textEdited: no loop
                _show_start(edit)
        for row, (name, edit) in enumerate(self._detail_edits.items()):
            # A field the agent is emptying stays put until they leave it.
            self._details_form.setRowVisible(row, name in shown or edit.hasFocus())
        visible = sum(self._details_form.isRowVisible(row)
                      for row in range(len(self._detail_edits)))
        self._fit_details_area(visible)
        self.details_box.setVisible(visible > 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget)
                and watched in self._detail_edits.values()):
            # After the focus change settles: a row shown just now has no geometry yet.
            QTimer.singleShot(0, lambda w=watched: self._scroll_to_detail(w))
        return super().eventFilter(watched, event)

    def _scroll_to_detail(self, edit: QWidget) -> None:
        # ensureWidgetVisible() would show only a line edit's cursor: show the whole field.
        rows = self.details_area.widget()
        if rows is None:
            return
        middle = edit.mapTo(rows, edit.rect().center())
        self.details_area.ensureVisible(middle.x(), middle.y(), 0, edit.height() // 2 + 1)

    def _on_detail_edited(self, name: str, text: str) -> None:
        self._extra_values[name] = text.strip()
        self._push_values()

    def _line_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setClearButtonEnabled(True)
        # Left with the cursor at the end, a long issue shows only its tail in the narrow
        # panel ("e on the June bill"); once the agent moves on, show its beginning.
        edit.editingFinished.connect(lambda edit=edit: _show_start(edit))
        return edit

    def _build_notes_box(self) -> QGroupBox:
        self.notes_box = QGroupBox(self)
        self.notes_box.setObjectName("notesBox")
        box = QVBoxLayout(self.notes_box)
        self.notes_edit = _NotesEdit(self.notes_box)
        self.notes_edit.setObjectName("notesEdit")
        self.notes_edit.setTabChangesFocus(True)  # Tab must not trap a keyboard-only agent
        self.notes_edit.setMinimumHeight(60)
        box.addWidget(self.notes_edit)
        return self.notes_box

    def _build_hold_box(self) -> QGroupBox:
        self.hold_box = QGroupBox(self)
        self.hold_box.setObjectName("holdBox")
        box = QVBoxLayout(self.hold_box)
        self.hold_button = QPushButton(self.hold_box)
        self.hold_button.setObjectName("holdButton")
        self.hold_elapsed = QLabel(self.hold_box)
        self.hold_elapsed.setObjectName("holdElapsed")
        row = QHBoxLayout()
        row.addWidget(self.hold_button)
        row.addWidget(self.hold_elapsed, 1, Qt.AlignmentFlag.AlignRight)
        box.addLayout(row)
        box.addLayout(self._build_minutes_row())
        box.addWidget(self._build_hold_reminder())
        return self.hold_box

    def _build_minutes_row(self) -> QFormLayout:
        self.minutes_spin = QSpinBox(self.hold_box)
        self.minutes_spin.setObjectName("minutesSpin")
        self.minutes_spin.setRange(0, MAX_PLANNED_MINUTES)
        self.minutes_spin.setSpecialValueText("–")  # 0 = not set: {minutes} stays unfilled
        self.minutes_spin.setValue(DEFAULT_PLANNED_MINUTES)
        self.minutes_label = QLabel(self.hold_box)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.minutes_label, self.minutes_spin)
        return form

    def _build_hold_reminder(self) -> QFrame:
        self.hold_reminder = QFrame(self.hold_box)
        self.hold_reminder.setObjectName("holdReminder")
        box = QVBoxLayout(self.hold_reminder)
        box.setContentsMargins(4, 4, 4, 4)
        self.hold_reminder_label = QLabel(self.hold_reminder)
        self.hold_reminder_label.setObjectName("holdReminderLabel")
        self.hold_reminder_label.setWordWrap(True)
        _make_bold(self.hold_reminder_label)
        self.hold_phrase = PhraseView("holdPhrase", self.hold_reminder)
        box.addWidget(self.hold_reminder_label)
        box.addWidget(self.hold_phrase)
        self.hold_reminder.hide()
        return self.hold_reminder

    def _build_abuse_box(self) -> QGroupBox:
        self.abuse_box = QGroupBox(self)
        self.abuse_box.setObjectName("abuseBox")
        box = QVBoxLayout(self.abuse_box)
        self.warning_count = QLabel(self.abuse_box)
        self.warning_count.setObjectName("warningCount")
        self.warning_button = QPushButton(self.abuse_box)
        self.warning_button.setObjectName("warningButton")
        self.abuse_reset_button = QPushButton(self.abuse_box)
        self.abuse_reset_button.setObjectName("abuseResetButton")
        row = QHBoxLayout()
        row.addWidget(self.warning_button, 1)
        row.addWidget(self.abuse_reset_button)
        self.abuse_hint = QLabel(self.abuse_box)
        self.abuse_hint.setObjectName("abuseHint")
        self.abuse_hint.setWordWrap(True)
        self.abuse_policy_label = QLabel(self.abuse_box)
        self.abuse_policy_label.setObjectName("abusePolicyLabel")
        self.abuse_policy_label.setWordWrap(True)
        _make_bold(self.abuse_policy_label)
        self.abuse_policy_label.hide()
        self.abuse_phrase = PhraseView("abusePhrase", self.abuse_box)
        box.addWidget(self.warning_count)
        box.addLayout(row)
        for widget in (self.abuse_hint, self.abuse_policy_label, self.abuse_phrase):
            box.addWidget(widget)
        return self.abuse_box

    def _build_recovery(self) -> QFrame:
        self.recovery_card = QFrame(self)
        self.recovery_card.setObjectName("recoveryCard")
        box = QVBoxLayout(self.recovery_card)
        box.setContentsMargins(4, 4, 4, 4)
        self.recovery_title = QLabel(self.recovery_card)
        self.recovery_title.setObjectName("recoveryTitle")
        _make_bold(self.recovery_title)
        self.recovery_countdown = QLabel(self.recovery_card)
        self.recovery_countdown.setObjectName("recoveryCountdown")
        self.recovery_text = QLabel(self.recovery_card)
        self.recovery_text.setObjectName("recoveryText")
        self.recovery_text.setTextFormat(Qt.TextFormat.PlainText)  # KB text, shown as-is
        self.recovery_text.setWordWrap(True)
        _never_squeeze(self.recovery_text)
        self.recovery_skip = QPushButton(self.recovery_card)
        self.recovery_skip.setObjectName("recoverySkipButton")
        top = QHBoxLayout()
        top.addWidget(self.recovery_title, 1)
        top.addWidget(self.recovery_countdown)
        box.addLayout(top)
        box.addWidget(self.recovery_text)
        box.addWidget(self.recovery_skip, 0, Qt.AlignmentFlag.AlignRight)
        self.recovery_card.hide()
        return self.recovery_card

    def _connect_signals(self) -> None:
        for edit in (self.customer_edit, self.issue_edit):
            edit.textChanged.connect(self._on_placeholder_edited)
        self.agent_edit.textChanged.connect(self._on_agent_edited)
        self.minutes_spin.valueChanged.connect(self._on_placeholder_edited)
        self.notes_edit.textChanged.connect(self._on_notes_edited)
        self.hold_button.clicked.connect(self._on_hold_clicked)
        self.warning_button.clicked.connect(self._on_warning_given)
        self.abuse_reset_button.clicked.connect(self._on_abuse_reset)
        self.end_call_button.clicked.connect(self.end_call)
        self.recovery_skip.clicked.connect(self._on_recovery_skip)
        for view in (self.hold_phrase, self.abuse_phrase):
            view.copyRequested.connect(self.phraseCopyRequested)

    # --- translation ---------------------------------------------------------------------

    def refresh_palette(self) -> None:
        """The app palette changed (dark/light switched live): a widget with a style sheet
        keeps the colours it was polished with, so apply the sheet again (the window calls
        this, as it does for the context bar)."""
        self.setStyleSheet("")
        self.setStyleSheet(_HIGHLIGHT_STYLE)

    def retranslate_ui(self) -> None:
        self._retranslate_call()
        self._retranslate_hold()
        self._retranslate_abuse()
        self._retranslate_recovery()
        self.end_call_button.setText(self.tr("End call"))
        self.end_call_button.setAccessibleName(self.tr("End call"))
        self.end_call_button.setToolTip(
            self.tr("Clear notes and customer details, stop the hold timer, reset warnings"))
        self._refresh_phrases()  # built-in fallback phrases are translated too

    def _retranslate_call(self) -> None:
        self.call_box.setTitle(self.tr("Call"))
        self.details_box.setTitle(self.tr("Details for this card"))
        for name in self._detail_edits:
            self._retranslate_detail(name)
        for label, edit, text in (
            (self.customer_label, self.customer_edit, self.tr("Customer name")),
            (self.issue_label, self.issue_edit, self.tr("Issue")),
            (self.agent_label, self.agent_edit, self.tr("Agent name")),
        ):
            label.setText(text)
            edit.setAccessibleName(text)
        self.customer_edit.setPlaceholderText(self.tr("Fills {customer}"))
        self.issue_edit.setPlaceholderText(self.tr("Fills {issue}"))
        self.agent_edit.setPlaceholderText(self.tr("Fills {agent}"))
        self.notes_box.setTitle(self.tr("Notes"))
        notes_name = self.tr("Main points — what the customer said")
        self.notes_edit.setPlaceholderText(notes_name)
        self.notes_edit.setAccessibleName(notes_name)

    def _retranslate_detail(self, name: str) -> None:
        text = translated_label(name)
        self._detail_labels[name].setText(text)
        self._detail_edits[name].setAccessibleName(text)
        self._detail_edits[name].setPlaceholderText(
            self.tr("Fills {placeholder}").format(placeholder=f"{{{name}}}"))

    def _retranslate_hold(self) -> None:
        self.hold_box.setTitle(self.tr("Hold"))
        minutes_text = self.tr("Minutes (for {minutes})")
        self.minutes_label.setText(minutes_text)
        self.minutes_spin.setAccessibleName(minutes_text)
        self.minutes_spin.setToolTip(self.tr("How many more minutes you told the customer"))
        self.hold_reminder_label.setText(self.tr("Check back with the customer now"))
        self._update_hold()

    def _retranslate_abuse(self) -> None:
        self.abuse_box.setTitle(self.tr("Abusive caller"))
        self.warning_button.setText(self.tr("Warning given"))
        self.warning_button.setAccessibleName(self.tr("Warning given"))
        self.abuse_reset_button.setText(self.tr("Reset"))
        self.abuse_reset_button.setAccessibleName(self.tr("Reset warnings"))
        self.abuse_hint.setText(
            self.tr("Each time the caller is abusive, press “Warning given” and read the "
                    "phrase shown."))
        self.abuse_policy_label.setText(self.tr("Policy: you may end the call"))
        self._update_abuse()

    def _retranslate_recovery(self) -> None:
        self.recovery_title.setText(self.tr("Take a moment"))
        self.recovery_skip.setText(self.tr("Skip"))
        self.recovery_skip.setAccessibleName(self.tr("Skip recovery break"))
        self._update_recovery()

    def _fallback(self, ref: CardRef) -> list[str]:
        """Built-in phrases for when the KB has no card for `ref` (or is unreachable)."""
        if ref == HOLD_CHECK_IN:
            return [self.tr("Thank you for waiting, {customer}. I'm still working on it. "
                            "May I keep you on hold a little longer?")]
        if ref == RECOVERY:
            return [self.tr("Breathe in slowly, and out slowly."),
                    self.tr("Stand up and stretch."), self.tr("Drink some water.")]
        if ref == self._abuse.policy.closing_ref():
            return [self.tr("I asked you to stop using that language, and it has continued. "
                            "As I explained, I'm ending this call now.")]
        return [self.tr("{customer}, I want to help you, but please stop using that "
                        "language. If it continues, I will have to end the call.")]

    # --- KB lookups ----------------------------------------------------------------------

    def _cards(self, ref: CardRef) -> list[Card | None]:
        engine = self._engine_provider()
        if engine is None:
            return []
        try:
            return [find_card(engine, ref, lang) for lang in kb_langs(self._kb_language)]
        except Exception:  # an unreachable or half-written KB must not break a live call
            log.warning("call tools: cannot read card %s", ref.id, exc_info=True)
            return []

    def _first_phrases(self, ref: CardRef) -> list[Phrase]:
        found = first_phrases(self._cards(ref))
        return found or [("", self._fallback(ref)[0])]

    def _refresh_phrases(self) -> None:
        if self.hold_reminder.isVisibleTo(self):
            self.hold_phrase.set_phrases(self._first_phrases(HOLD_CHECK_IN))
        step = self._abuse.step()
        self.abuse_phrase.set_phrases(self._first_phrases(step.card) if step.card else [])
        if self.recovery_card.isVisibleTo(self):
            self._show_recovery_text()

    # --- call details and notes ----------------------------------------------------------

    def _on_placeholder_edited(self) -> None:
        self._push_values()

    def _on_agent_edited(self, text: str) -> None:
        self._push_values()
        self.agentNameChanged.emit(text.strip())

    def _push_values(self) -> None:
        self._sync_details()  # a value from the blank prompt, End call, undo
        values = self.placeholders()
        for view in (self.hold_phrase, self.abuse_phrase):  # + {crisis_line} and the like
            view.set_values(self._account_policy().placeholders() | values)
        self.placeholdersChanged.emit(values)

    def _on_notes_edited(self) -> None:
        self._notes_timer.start()  # restarts: emit once typing pauses

    def _on_notes_settled(self) -> None:
        self.notesChanged.emit(self.notes())

    def _clear_call_fields(self) -> None:
        # Block per-field signals so listeners get one placeholdersChanged, not three.
        for widget in (self.customer_edit, self.issue_edit, self.minutes_spin, self.notes_edit):
            widget.blockSignals(True)
        self.customer_edit.clear()
        self.issue_edit.clear()
        self.minutes_spin.setValue(DEFAULT_PLANNED_MINUTES)
        self.notes_edit.clear()
        self._extra_values.clear()
        for widget in (self.customer_edit, self.issue_edit, self.minutes_spin, self.notes_edit):
            widget.blockSignals(False)
        self._notes_timer.stop()
        self._push_values()
        self.notesChanged.emit("")

    # --- hold timer ----------------------------------------------------------------------

    def _on_hold_clicked(self) -> None:
        if self._hold.running:
            self._stop_hold()
        else:
            self._start_hold()

    def _start_hold(self) -> None:
        self._hold.interval_s = self._settings.hold_interval_s
        minutes = self.minutes_spin.value()  # what the agent told the customer
        self._hold.first_s = minutes * 60 if minutes > 0 else None
        self._hold.start()
        self.hold_reminder.hide()
        self._update_hold()
        self._ticker.start()

    def _stop_hold(self) -> None:
        self._hold.stop()
        self.hold_reminder.hide()
        self._update_hold()
        self._stop_ticker_if_idle()

    def _update_hold(self) -> None:
        running = self._hold.running
        text = self.tr("End hold") if running else self.tr("Start hold")
        self.hold_button.setText(text)
        self.hold_button.setAccessibleName(text)
        elapsed = format_elapsed(self._hold.elapsed())
        self.hold_elapsed.setText(elapsed if running else "")
        self.hold_elapsed.setAccessibleName(self.tr("On hold for {time}").format(time=elapsed)
                                            if running else "")

    def _show_hold_reminder(self) -> None:
        self.hold_reminder.setVisible(not self._alerts_elsewhere)
        self.hold_phrase.set_phrases(self._first_phrases(HOLD_CHECK_IN))
        QApplication.alert(self.window())  # flashes the taskbar if the agent is in the CRM
        self.alertRaised.emit("hold", self._alert_text(self.hold_reminder_label.text(),
                                                       self.hold_phrase))

    # --- ticking -------------------------------------------------------------------------

    def _on_tick(self) -> None:
        if self._hold.running:
            self._update_hold()
            if self._hold.poll():
                self._show_hold_reminder()
        if self._recovery.active:
            self._tick_recovery()
        self._stop_ticker_if_idle()

    def _stop_ticker_if_idle(self) -> None:
        if not self._hold.running and not self._recovery.active:
            self._ticker.stop()  # no idle wake-ups during a long shift

    # --- abusive-caller policy -----------------------------------------------------------

    def refresh_policy(self) -> None:
        """The KB (and so its policy.md) was loaded or changed: a call with no warning
        given yet takes the account's limit at once; one in progress keeps its own."""
        if self._abuse.count == 0:
            self._abuse.reset(self._abuse_policy())
            self._show_abuse_step(self._abuse.step())

    def _on_warning_given(self) -> None:
        if self._abuse.count == 0:  # pick up a limit IT changed since the last call
            self._abuse.reset(self._abuse_policy())
        self._show_abuse_step(self._abuse.give_warning())

    def _on_abuse_reset(self) -> None:
        self._abuse.reset(self._abuse_policy())
        self._show_abuse_step(self._abuse.step())

    def _show_abuse_step(self, step: AbuseStep) -> None:
        self.abuse_phrase.set_phrases(self._first_phrases(step.card) if step.card else [])
        self._update_abuse()
        if step.count and step.at_limit:
            self.alertRaised.emit("abuse_limit", self._alert_text(
                self.abuse_policy_label.text(), self.abuse_phrase))
        elif step.count:
            self.alertRaised.emit("abuse", self._alert_text(self.warning_count.text(),
                                                            self.abuse_phrase))

    def _alert_text(self, title: str, view: PhraseView) -> str:
        """An alert's text: its title, then the phrase to read (first language shown)."""
        phrase = view.filled(0) if view.phrases() else ""
        return f"{title}\n{phrase}".strip()

    def _update_abuse(self) -> None:
        step = self._abuse.step()
        text = self.tr("Warnings: {count} / {limit}").format(count=step.count, limit=step.limit)
        self.warning_count.setText(text)
        self.warning_count.setAccessibleName(text)
        self.warning_button.setEnabled(not step.at_limit)
        self.abuse_hint.setVisible(step.count == 0)
        self.abuse_policy_label.setVisible(step.at_limit)

    # --- after the call ------------------------------------------------------------------

    def _start_recovery(self) -> None:
        self._recovery.start()
        self.recovery_card.show()
        self._show_recovery_text()
        self._update_recovery()
        self._ticker.start()
        first = self.recovery_text.text().split("\n")[0].lstrip("• ")
        self.alertRaised.emit("recovery", f"{self.recovery_title.text()}\n{first}".strip())

    def _show_recovery_text(self) -> None:
        blocks = [lines for card in self._cards(RECOVERY) if (lines := recovery_lines(card))]
        values = self.placeholders()
        text = "\n\n".join(  # a blank line between the English and the Filipino card
            "\n".join(f"• {fill_placeholders(line, values)}" for line in block)
            for block in blocks or [self._fallback(RECOVERY)])
        self.recovery_text.setText(text)

    def _tick_recovery(self) -> None:
        if self._recovery.finished:
            self._end_recovery()
        else:
            self._update_recovery()

    def _on_recovery_skip(self) -> None:
        self._end_recovery()

    def _end_recovery(self) -> None:
        self._recovery.stop()
        self.recovery_card.hide()
        self._stop_ticker_if_idle()

    def _update_recovery(self) -> None:
        left = format_elapsed(self._recovery.remaining())
        self.recovery_countdown.setText(left)
        self.recovery_countdown.setAccessibleName(
            self.tr("Recovery break: {time} left").format(time=left))


class _NotesEdit(QPlainTextEdit):
    """Asks for little height: the notes grow into spare room, and on a 768-px screen the
    panel down to End call still fits without scrolling."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), 4 * self.fontMetrics().lineSpacing() + 12)


@dataclass(frozen=True)
class _CallSnapshot:
    """What End call cleared, kept a while for undo."""

    at: float
    customer: str
    issue: str
    minutes: int
    notes: str
    extra: dict[str, str]


def _never_squeeze(label: QLabel) -> None:
    # Wrapped text must keep its full height; the notes box gives way instead.
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)


def _make_bold(label: QLabel) -> None:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
