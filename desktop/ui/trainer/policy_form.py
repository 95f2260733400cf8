"""The account policy (kb/policy.md) as a form: one typed field per key.

The dialog only shows and validates; the trainer window saves (atomic write, conflict by
content hash, history) through the same path as card saves. Saving changes only the values
the trainer edited (desktop.core.policy.update_policy_text): comments, key order, the
explanation below the front matter and line endings stay as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.cards import KbFileError
from desktop.core.editing import EditDocument, kb_write_problem
from desktop.core.policy import (
    CHOICES,
    DATE_KEYS,
    MAX_WARNINGS,
    POLICY_KEYS,
    YES_NO_KEYS,
    Policy,
    PolicyProblem,
    new_policy_text,
    parse_policy_text,
    policy_file_values,
    policy_path,
    update_policy_text,
)

ERROR_STYLE = "QLabel { color: #a4262c; }"
WARNING_STYLE = "QLabel { color: #7a5a00; }"


class PolicyDialog(QDialog):
    """Non-modal: the trainer can keep it open beside the cards it affects."""

    saveRequested = Signal()  # the window saves new_text() and calls load() again

    def __init__(self, kb_dir: Path, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.kb_dir = kb_dir
        self.path = policy_path(kb_dir)
        self.today = today or date.today()
        self.doc: EditDocument | None = None  # None: no policy.md yet (saving creates it)
        self.read_only_reason = ""
        self._initial: dict[str, str | None] = {}  # None: the file's value was invalid
        self._invalid: dict[str, str] = {}  # key -> what was wrong with the file's value
        self._problems: list[PolicyProblem] = []
        self._loading = False
        # Whether closing with unsaved changes may go ahead; the trainer window asks.
        self.confirm_close: Callable[[], bool] = lambda: True
        self._build()
        self.retranslate_ui()
        self.load()

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.general_problems = QLabel(self)
        self.general_problems.setWordWrap(True)
        self.general_problems.setStyleSheet(WARNING_STYLE)
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.messages: dict[str, QLabel] = {}
        form = QFormLayout()
        for key in POLICY_KEYS:
            widget = self._field_for(key)
            self.fields[key] = widget
            self.labels[key] = QLabel(self)
            self.labels[key].setBuddy(widget)
            message = QLabel(self)
            message.setWordWrap(True)
            message.hide()
            self.messages[key] = message
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(message)
            form.addRow(self.labels[key], column)
        body = QWidget(self)
        body.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.close_button.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.general_problems)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(620, 640)

    def _field_for(self, key: str) -> QWidget:
        if key == "warnings_before_end":
            spin = QSpinBox(self)
            spin.setRange(0, MAX_WARNINGS)
            spin.valueChanged.connect(self._on_field_changed)
            return spin
        if key in YES_NO_KEYS:
            box = QCheckBox(self)
            box.toggled.connect(self._on_field_changed)
            return box
        if key in CHOICES:
            combo = QComboBox(self)
            for value in CHOICES[key]:
                combo.addItem(value, value)
            combo.currentIndexChanged.connect(self._on_field_changed)
            return combo
        if key in DATE_KEYS:
            edit = QDateEdit(self)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._on_field_changed)
            return edit
        line = QLineEdit(self)
        line.textChanged.connect(self._on_field_changed)
        return line

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Account policy"))
        self.save_button.setText(self.tr("&Save policy"))
        labels = {
            "warnings_before_end": self.tr("Warnings before ending an abusive call"),
            "callback": self.tr("Agents may promise a callback"),
            "refund_authority": self.tr("Refunds"),
            "fee_waiver": self.tr("Agents may waive a fee"),
            "supervisor_transfer": self.tr("Supervisor transfer"),
            "retention_team": self.tr("Retention team"),
            "regional_language": self.tr("Colleague for regional languages"),
            "crisis_line": self.tr("Crisis line (number)"),
            "crisis_line_name": self.tr("Crisis line (name)"),
            "crisis_line_review_by": self.tr("Check the crisis line by"),
            "recording_line": self.tr("Recording disclosure (English)"),
            "recording_line_fil": self.tr("Recording disclosure (Filipino)"),
            "agent_name_disclosure": self.tr("Agent's name a caller may get"),
        }
        for key, label in self.labels.items():
            label.setText(labels.get(key, key))
            label.setToolTip(key)  # the key as written in policy.md
        spin = self.fields["warnings_before_end"]
        if isinstance(spin, QSpinBox):
            spin.setSpecialValueText(self.tr("0 (end the call at once)"))
        for key in YES_NO_KEYS:
            box = self.fields[key]
            if isinstance(box, QCheckBox):
                box.setText(self.tr("Yes"))
        choice_labels = {
            "none": self.tr("none: agents cannot start a refund"),
            "request": self.tr("request: agents file a request another team decides"),
            "approve": self.tr("approve: agents may approve refunds"),
            "on-request": self.tr("on request: transfer when the customer asks"),
            "after-attempt": self.tr("after an attempt: offer to help once, then transfer"),
            "callback": self.tr("callback: a supervisor calls the customer back"),
            "first-name": self.tr("first name only"),
            "first-name-and-id": self.tr("first name and agent ID"),
            "full-name": self.tr("full name"),
        }
        for key in CHOICES:
            combo = self.fields[key]
            if isinstance(combo, QComboBox):
                for index in range(combo.count()):
                    value = str(combo.itemData(index))
                    combo.setItemText(index, choice_labels.get(value, value))
        self._show_notice()
        self._show_problems()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- loading and values ------------------------------------------------------------

    def load(self) -> None:
        """(Re)read policy.md; the form shows its values (defaults where a value is bad)."""
        self.doc = None
        text, unreadable = "", ""
        if self.path.exists():
            try:
                self.doc = EditDocument(self.path)
                text = self.doc.text
            except KbFileError as exc:
                unreadable = exc.message
        self.read_only_reason = self._read_only_reason(unreadable)
        policy, problems = (parse_policy_text(self.path, text, self.today) if text
                            else (Policy(), []))
        self._invalid = {key: p.message for p in problems if p.severity == "error"
                         for key in self._keys_at(policy, p.line)}
        values = policy_file_values(policy)
        self._initial = {key: None if key in self._invalid else values[key]
                         for key in POLICY_KEYS}
        self._loading = True
        try:
            for key in POLICY_KEYS:
                self._set_field(key, values[key])
        finally:
            self._loading = False
        for widget in self.fields.values():
            widget.setEnabled(not self.read_only_reason)
        self._validate()
        self._show_notice()

    def _read_only_reason(self, unreadable: str) -> str:
        if unreadable:
            return self.tr("policy.md cannot be read ({0}); fix it in a text editor.").format(
                unreadable)
        problem = kb_write_problem(self.kb_dir)
        if problem == "missing":
            return self.tr("The knowledge-base folder was not found.")
        if problem is not None:
            return self.tr("The knowledge-base folder is read-only for you, so the policy "
                           "can be read here but not changed.")
        return ""

    def _set_field(self, key: str, value: str) -> None:
        widget = self.fields[key]
        if isinstance(widget, QSpinBox):
            widget.setValue(int(value))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(value == "yes")
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(widget.findData(value), 0))
        elif isinstance(widget, QDateEdit):
            widget.setDate(QDate.fromString(value, "yyyy-MM-dd"))
        elif isinstance(widget, QLineEdit):
            widget.setText(value)

    def value(self, key: str) -> str:
        """The field's value as it would be written in policy.md."""
        widget = self.fields[key]
        if isinstance(widget, QSpinBox):
            return str(widget.value())
        if isinstance(widget, QCheckBox):
            return "yes" if widget.isChecked() else "no"
        if isinstance(widget, QComboBox):
            return str(widget.currentData())
        if isinstance(widget, QDateEdit):
            return widget.date().toString("yyyy-MM-dd")
        if isinstance(widget, QLineEdit):
            return " ".join(widget.text().split())
        raise TypeError(key)

    def set_value(self, key: str, value: str) -> None:
        """Set one field as the trainer would (tests and 'Create card from…' use it)."""
        self._set_field(key, value)

    def changes(self) -> dict[str, str]:
        """The keys the trainer changed, plus keys whose value in the file was invalid (the
        field shows the default; saving writes it, which fixes the file)."""
        return {key: self.value(key) for key in POLICY_KEYS
                if self.value(key) != self._initial.get(key)}

    def is_modified(self) -> bool:
        return bool(self.changes())

    def new_text(self) -> str:
        """The whole file as Save would write it."""
        if self.doc is None:
            return new_policy_text(self.changes())
        return update_policy_text(self.doc.text, self.changes())

    # --- validation --------------------------------------------------------------------

    def _validate(self) -> None:
        try:
            text = self.new_text()
        except ValueError as exc:
            self._problems = [PolicyProblem(self.path, 1, "error", str(exc))]
        else:
            self._problems = parse_policy_text(self.path, text, self.today)[1]
        self._show_problems()
        errors = any(p.severity == "error" for p in self._problems)
        self.save_button.setEnabled(self.is_modified() and not errors
                                    and not self.read_only_reason)

    def problems(self) -> list[PolicyProblem]:
        """The problems of the text Save would write (what lint would say about it)."""
        return list(self._problems)

    def _keys_at(self, policy: Policy, line: int) -> list[str]:
        return [key.replace("-", "_") for key, at in policy.lines.items() if at == line]

    def _show_problems(self) -> None:
        if not self._initial:
            return  # not loaded yet
        try:
            policy = parse_policy_text(self.path, self.new_text(), self.today)[0]
        except ValueError:
            policy = Policy()
        per_key: dict[str, list[PolicyProblem]] = {}
        general: list[str] = []
        for problem in self._problems:
            keys = [k for k in self._keys_at(policy, problem.line) if k in self.messages]
            if keys:
                per_key.setdefault(keys[0], []).append(problem)
            else:
                general.append(self.tr("policy.md line {0}: {1}").format(problem.line,
                                                                         problem.message))
        for key, label in self.messages.items():
            found = per_key.get(key, [])
            # The field is right above: "crisis_line: write the number…" needs no key.
            texts = [p.message.removeprefix(f"{key}: ") for p in found]
            invalid = key in self._invalid
            if invalid:
                texts.append(self.tr("{0} — saving writes the value shown here.").format(
                    self._invalid[key].removeprefix(f"{key}: ")))
            error = invalid or any(p.severity == "error" for p in found)
            label.setText("\n".join(texts))
            label.setStyleSheet(ERROR_STYLE if error else WARNING_STYLE)
            label.setVisible(bool(texts))
        self.general_problems.setText("\n".join(general))
        self.general_problems.setVisible(bool(general))

    def message(self, key: str) -> str:
        """The inline message under one field ('' when there is none)."""
        label = self.messages[key]
        return label.text() if not label.isHidden() else ""

    def _show_notice(self) -> None:
        if self.read_only_reason:
            text = self.read_only_reason
        elif self.doc is None:
            text = self.tr("There is no policy.md yet: these are the defaults. Saving "
                           "creates the file.")
        else:
            text = self.tr("What differs on this account. Agents' cards and the warning "
                           "counter follow these values; saving changes only the values "
                           "you edit in {0}.").format(self.path)
        self.notice.setText(text)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_modified() and not self.confirm_close():
            event.ignore()
            return
        super().closeEvent(event)

    # --- slots -------------------------------------------------------------------------

    @Slot()
    def _on_field_changed(self) -> None:
        if not self._loading:
            self._validate()

    @Slot()
    def _on_save_clicked(self) -> None:
        if self.save_button.isEnabled():
            self.saveRequested.emit()


def field_kind(widget: QWidget) -> str:
    """A short name for a field's widget type (for tests and screenshots)."""
    for kind, cls in (("number", QSpinBox), ("yes/no", QCheckBox), ("choice", QComboBox),
                      ("date", QDateEdit), ("text", QLineEdit)):
        if isinstance(widget, cls):
            return kind
    return type(widget).__name__

