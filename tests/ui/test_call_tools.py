"""The call tools panel, offscreen with a fake clock and a tiny KB."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt starts, if no conftest did

from pathlib import Path
from typing import TypeVar

import pytest
from kbfiles import write_card
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.search import Engine
from desktop.core.settings import Settings
from desktop.ui.call_tools import CallToolsPanel, PhraseView

CARDS = {
    "hold-check-in": ("hold", "long-wait",
                      "{customer}, thanks for waiting; about {minutes} more minutes.",
                      "{customer}, salamat po sa paghihintay; mga {minutes} minutes pa po."),
    "abusive-first-warning": ("empathize", "abusive", "First warning for {customer}.",
                              "Unang babala po, {customer}."),
    "abusive-second-warning": ("empathize", "abusive", "Second warning about {issue}.",
                               "Pangalawang babala po."),
    "close-abusive-end-call": ("closing", "abusive", "I'm ending this call now, {customer}.",
                               "Tatapusin ko na po ang tawag."),
    "after-call-reset": ("after-call", "stay-calm", "Slow breath in, slow breath out.",
                         "Hinga nang malalim."),
}

W = TypeVar("W", bound=QWidget)


class FakeClock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def write_kb(root: Path, skip: tuple[str, ...] = ()) -> Path:
    for lang in ("en", "fil"):
        for card_id, (stage, tags, en, fil) in CARDS.items():
            if card_id not in skip:
                write_card(root, card_id, lang, stage, tags=tags,
                           say=[en if lang == "en" else fil], why=f"Why text in {lang}.")
    return root


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("KALMA_CACHE_DIR", str(tmp_path / "cache"))
    kb = write_kb(tmp_path / "kb")
    return Engine(kb, cache_dir=tmp_path / "cache")


def make_panel(qtbot: QtBot, engine: Engine | None, clock: FakeClock,
               settings: Settings | None = None) -> CallToolsPanel:
    settings = settings or Settings(kb_view="en", agent_name="Rosa")
    panel = CallToolsPanel(lambda: engine, settings, clock=clock)
    qtbot.addWidget(panel)
    panel.resize(300, 800)
    panel.show()
    return panel


@pytest.fixture
def panel(qtbot: QtBot, engine: Engine, clock: FakeClock) -> CallToolsPanel:
    return make_panel(qtbot, engine, clock)


def child(panel: QWidget, kind: type[W], name: str) -> W:
    found = panel.findChild(kind, name)
    assert found is not None, name
    return found


def click(qtbot: QtBot, panel: QWidget, name: str) -> None:
    qtbot.mouseClick(child(panel, QPushButton, name), Qt.MouseButton.LeftButton)


def shown_phrases(panel: QWidget, view_name: str) -> list[str]:
    view = child(panel, PhraseView, view_name)
    return [view.filled(row) for row in range(len(view.phrases()))]


def fill_call(qtbot: QtBot, panel: CallToolsPanel, customer: str = "Ana",
              issue: str = "billing") -> None:
    qtbot.keyClicks(child(panel, QLineEdit, "customerEdit"), customer)
    qtbot.keyClicks(child(panel, QLineEdit, "issueEdit"), issue)


# --- call panel and notes ----------------------------------------------------------------


def test_placeholders_and_agent_name(qtbot: QtBot, panel: CallToolsPanel) -> None:
    assert child(panel, QLineEdit, "agentEdit").text() == "Rosa"
    received: list[dict[str, str]] = []
    panel.placeholdersChanged.connect(received.append)
    qtbot.keyClicks(child(panel, QLineEdit, "customerEdit"), "Ana")
    assert received[-1] == {"customer": "Ana", "issue": "", "agent": "Rosa", "minutes": "2"}
    names: list[str] = []
    panel.agentNameChanged.connect(names.append)
    qtbot.keyClicks(child(panel, QLineEdit, "agentEdit"), "rio")
    assert names[-1] == "Rosario"
    assert panel.placeholders()["agent"] == "Rosario"


def test_notes_are_emitted_once_typing_pauses(qtbot: QtBot, panel: CallToolsPanel) -> None:
    received: list[str] = []
    panel.notesChanged.connect(received.append)
    with qtbot.waitSignal(panel.notesChanged, timeout=2000):
        qtbot.keyClicks(child(panel, QPlainTextEdit, "notesEdit"), "double charge")
    assert received == ["double charge"]  # debounced: one signal for the whole burst
    assert panel.notes() == "double charge"


# --- hold timer --------------------------------------------------------------------------


def test_hold_reminder_appears_with_check_in_phrase(qtbot: QtBot, panel: CallToolsPanel,
                                                    clock: FakeClock) -> None:
    fill_call(qtbot, panel)
    reminder = child(panel, QWidget, "holdReminder")
    click(qtbot, panel, "holdButton")  # 2 minutes promised (the default)
    assert child(panel, QPushButton, "holdButton").text() == "End hold"
    clock.advance(119)
    qtbot.waitUntil(lambda: child(panel, QLabel, "holdElapsed").text() == "01:59")
    assert not reminder.isVisible()
    clock.advance(1)
    qtbot.waitUntil(reminder.isVisible)
    assert "Check back with the customer now" in child(panel, QLabel, "holdReminderLabel").text()
    assert shown_phrases(panel, "holdPhrase") == ["Ana, thanks for waiting; about 2 more minutes."]
    click(qtbot, panel, "holdButton")
    assert not reminder.isVisible()
    assert child(panel, QPushButton, "holdButton").text() == "Start hold"


def test_hold_interval_comes_from_settings(qtbot: QtBot, engine: Engine,
                                           clock: FakeClock) -> None:
    panel = make_panel(qtbot, engine, clock, Settings(kb_view="en", hold_interval_s=20))
    child(panel, QWidget, "minutesSpin").setProperty("value", 0)  # no time promised
    alerts: list[str] = []
    panel.alertRaised.connect(lambda kind, text: alerts.append(kind))
    click(qtbot, panel, "holdButton")
    clock.advance(20)
    qtbot.waitUntil(child(panel, QWidget, "holdReminder").isVisible)
    assert alerts == ["hold"]


def test_first_hold_reminder_comes_at_the_promised_minutes(qtbot: QtBot, engine: Engine,
                                                           clock: FakeClock) -> None:
    panel = make_panel(qtbot, engine, clock, Settings(kb_view="en", hold_interval_s=30))
    child(panel, QWidget, "minutesSpin").setProperty("value", 3)
    alerts: list[str] = []
    panel.alertRaised.connect(lambda kind, text: alerts.append(text))
    click(qtbot, panel, "holdButton")
    clock.advance(179)
    qtbot.waitUntil(lambda: child(panel, QLabel, "holdElapsed").text() == "02:59")
    assert alerts == []
    clock.advance(1)
    qtbot.waitUntil(lambda: len(alerts) == 1)
    assert alerts[0].startswith("Check back with the customer now")
    clock.advance(29)
    qtbot.waitUntil(lambda: child(panel, QLabel, "holdElapsed").text() == "03:29")
    assert len(alerts) == 1
    clock.advance(1)  # then every configured interval
    qtbot.waitUntil(lambda: len(alerts) == 2)


def test_copy_emits_the_filled_phrase(qtbot: QtBot, panel: CallToolsPanel,
                                      clock: FakeClock) -> None:
    fill_call(qtbot, panel)
    child(panel, QWidget, "minutesSpin").setProperty("value", 5)
    click(qtbot, panel, "holdButton")
    clock.advance(300)  # the five minutes promised
    qtbot.waitUntil(child(panel, QWidget, "holdReminder").isVisible)
    with qtbot.waitSignal(panel.phraseCopyRequested) as blocker:
        click(qtbot, panel, "holdPhraseCopy0")
    assert blocker.args == ["Ana, thanks for waiting; about 5 more minutes."]


def test_both_kb_languages_show_english_then_filipino(qtbot: QtBot, panel: CallToolsPanel,
                                                       clock: FakeClock) -> None:
    panel.set_kb_language("both")
    click(qtbot, panel, "warningButton")
    assert shown_phrases(panel, "abusePhrase") == ["First warning for {customer}.",
                                                    "Unang babala po, {customer}."]
    assert child(panel, QPushButton, "abusePhraseCopy1").accessibleName() == (
        "Copy phrase (Filipino)")
    panel.set_kb_language("fil")
    assert shown_phrases(panel, "abusePhrase") == ["Unang babala po, {customer}."]
    with pytest.raises(ValueError, match="KB language"):
        panel.set_kb_language("es")


# --- abusive-caller policy ---------------------------------------------------------------


def abuse_sequence(qtbot: QtBot, panel: CallToolsPanel, presses: int) -> list[tuple[str, str]]:
    seen = []
    for _ in range(presses):
        click(qtbot, panel, "warningButton")
        seen.append((child(panel, QLabel, "warningCount").text(),
                     shown_phrases(panel, "abusePhrase")[0]))
    return seen


def test_abuse_warnings_then_closing_at_limit_three(qtbot: QtBot, panel: CallToolsPanel) -> None:
    fill_call(qtbot, panel)
    policy_label = child(panel, QLabel, "abusePolicyLabel")
    assert child(panel, QLabel, "warningCount").text() == "Warnings: 0 / 3"
    assert abuse_sequence(qtbot, panel, 2) == [
        ("Warnings: 1 / 3", "First warning for Ana."),
        ("Warnings: 2 / 3", "Second warning about billing."),
    ]
    assert not policy_label.isVisible()
    closing = ("Warnings: 3 / 3", "I'm ending this call now, Ana.")
    assert abuse_sequence(qtbot, panel, 1) == [closing]
    assert policy_label.isVisible()
    assert policy_label.text() == "Policy: you may end the call"
    assert not child(panel, QPushButton, "warningButton").isEnabled()
    with qtbot.waitSignal(panel.phraseCopyRequested) as blocker:
        click(qtbot, panel, "abusePhraseCopy0")
    assert blocker.args == ["I'm ending this call now, Ana."]
    click(qtbot, panel, "abuseResetButton")
    assert child(panel, QLabel, "warningCount").text() == "Warnings: 0 / 3"
    assert not policy_label.isVisible()
    assert shown_phrases(panel, "abusePhrase") == []
    assert child(panel, QPushButton, "warningButton").isEnabled()


def test_abuse_configured_limit_two(qtbot: QtBot, engine: Engine, clock: FakeClock) -> None:
    panel = make_panel(qtbot, engine, clock, Settings(kb_view="en", abuse_warning_limit=2))
    assert abuse_sequence(qtbot, panel, 2) == [
        ("Warnings: 1 / 2", "First warning for {customer}."),
        ("Warnings: 2 / 2", "I'm ending this call now, {customer}."),
    ]
    assert child(panel, QLabel, "abusePolicyLabel").isVisible()


def test_the_kb_policy_sets_the_warning_limit(qtbot: QtBot, engine: Engine,
                                             clock: FakeClock) -> None:
    # kb/policy.md wins over the seat setting; 0 warnings: the first step is the closing line.
    (engine.kb_dir / "policy.md").write_text("---\nwarnings_before_end: 0\n---\n",
                                             encoding="utf-8")
    panel = make_panel(qtbot, engine, clock, Settings(kb_view="en", abuse_warning_limit=5))
    assert child(panel, QLabel, "warningCount").text() == "Warnings: 0 / 1"
    assert abuse_sequence(qtbot, panel, 1) == [
        ("Warnings: 1 / 1", "I'm ending this call now, {customer}."),
    ]
    (engine.kb_dir / "policy.md").write_text("---\nwarnings_before_end: 1\n---\n",
                                             encoding="utf-8")
    click(qtbot, panel, "abuseResetButton")  # a trainer's change applies from the next call
    assert child(panel, QLabel, "warningCount").text() == "Warnings: 0 / 2"


def test_missing_cards_and_no_engine_fall_back_to_built_in_phrases(
        qtbot: QtBot, tmp_path: Path, clock: FakeClock) -> None:
    kb = write_kb(tmp_path / "partial", skip=("abusive-first-warning", "abusive-second-warning",
                                             "hold-check-in"))
    engine = Engine(kb, cache_dir=tmp_path / "cache")
    panel = make_panel(qtbot, engine, clock)
    click(qtbot, panel, "warningButton")
    assert "please stop using that language" in shown_phrases(panel, "abusePhrase")[0]
    no_kb = make_panel(qtbot, None, clock)
    click(qtbot, no_kb, "holdButton")
    clock.advance(120)  # the default two minutes promised
    qtbot.waitUntil(child(no_kb, QWidget, "holdReminder").isVisible)
    assert "Thank you for waiting" in shown_phrases(no_kb, "holdPhrase")[0]


# --- after the call ----------------------------------------------------------------------


def test_end_call_clears_the_call_and_shows_recovery(qtbot: QtBot, panel: CallToolsPanel,
                                                     clock: FakeClock) -> None:
    fill_call(qtbot, panel)
    child(panel, QPlainTextEdit, "notesEdit").setPlainText("wrong bill")
    click(qtbot, panel, "warningButton")
    click(qtbot, panel, "holdButton")
    notes: list[str] = []
    panel.notesChanged.connect(notes.append)
    with qtbot.waitSignals([panel.placeholdersChanged, panel.callEnded]):
        click(qtbot, panel, "endCallButton")
    assert panel.placeholders() == {"customer": "", "issue": "", "agent": "Rosa", "minutes": "2"}
    assert panel.notes() == "" and notes == [""]
    assert child(panel, QPushButton, "holdButton").text() == "Start hold"
    assert child(panel, QLabel, "warningCount").text() == "Warnings: 0 / 3"
    card = child(panel, QWidget, "recoveryCard")
    assert card.isVisible()
    assert child(panel, QLabel, "recoveryCountdown").text() == "01:00"
    assert "Slow breath in" in child(panel, QLabel, "recoveryText").text()
    assert "Why text in en." in child(panel, QLabel, "recoveryText").text()
    clock.advance(45)
    qtbot.waitUntil(lambda: child(panel, QLabel, "recoveryCountdown").text() == "00:15")
    clock.advance(15)
    qtbot.waitUntil(lambda: not card.isVisible())


def test_recovery_skip_and_switch_off(qtbot: QtBot, engine: Engine, clock: FakeClock) -> None:
    panel = make_panel(qtbot, engine, clock)
    panel.end_call()
    click(qtbot, panel, "recoverySkipButton")
    assert not child(panel, QWidget, "recoveryCard").isVisible()
    quiet = make_panel(qtbot, engine, clock, Settings(recovery_card_enabled=False))
    with qtbot.waitSignal(quiet.callEnded):
        quiet.end_call()
    assert not child(quiet, QWidget, "recoveryCard").isVisible()


# --- language and accessibility ----------------------------------------------------------


def test_language_change_event_retranslates(qtbot: QtBot, panel: CallToolsPanel) -> None:
    button = child(panel, QPushButton, "warningButton")
    notes = child(panel, QPlainTextEdit, "notesEdit")
    button.setText("stale")
    notes.setAccessibleName("stale")
    QCoreApplication.sendEvent(panel, QEvent(QEvent.Type.LanguageChange))
    assert button.text() == "Warning given"
    assert notes.accessibleName() == "Main points — what the customer said"


def test_every_control_is_named_and_keyboard_reachable(panel: CallToolsPanel) -> None:
    controls = [w for w in panel.findChildren(QWidget)
                if isinstance(w, QPushButton | QLineEdit | QPlainTextEdit)
                or w.objectName() == "minutesSpin"]
    controls = [w for w in controls if not w.objectName().startswith("qt_")]  # Qt's internals
    assert len(controls) >= 10
    for widget in controls:
        assert widget.accessibleName(), widget.objectName()
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, widget.objectName()
    assert child(panel, QPlainTextEdit, "notesEdit").tabChangesFocus()
