"""Shared helpers for the UI tests: a small bilingual KB and waiting for search results."""

from __future__ import annotations

from pathlib import Path

from kbfiles import card_markdown
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]

CARDS = {
    "hold-ask": dict(
        stage="hold", tags="long-wait", channel="phone",
        en=("Ask before you put them on hold",
            ["May I put you on hold for {minutes} minutes, {customer}?",
             "Thank you for waiting, {customer}. I'm back.",
             "I'll check this with my team; please stay on the line."],
            ["Putting the caller on hold without asking."],
            "A caller who agreed to the hold waits more calmly."),
        fil=("Magpaalam bago mag-hold",
             ["Puwede ko po ba kayong i-hold nang {minutes} minuto, {customer}?",
              "Salamat po sa paghihintay, {customer}."],
             ["Mag-hold nang hindi nagpapaalam."],
             "Mas kalmado ang customer na pumayag sa hold.")),
    "let-them-vent": dict(
        stage="listen", tags="irate, stay-calm", channel="any",
        en=("Let the caller vent first",
            ["Go ahead, {customer}, I'm listening.",
             "Take your time. I want the whole picture."],
            ["Cutting in with \"Sir, sir, let me explain\"."],
            "Most callers calm down once they feel heard."),
        fil=("Hayaang maglabas ng sama ng loob",
             ["Sige po, {customer}, nakikinig ako.",
              "Dahan-dahan lang po. Gusto kong maintindihan ang buong nangyari."],
             ["Pagsingit ng \"Sir, sir, ipapaliwanag ko\"."],
             "Kumakalma ang karamihan kapag naramdamang pinakikinggan sila.")),
    "restate-points": dict(
        stage="restate", tags="irate", channel="any",
        en=("Repeat back the main points",
            ["Let me make sure I have this right, {customer}: {issue}.",
             "Did I miss anything?"],
            [], "Repeating back shows you listened."),
        fil=("Ulitin ang mga pangunahing punto",
             ["Kumpirmahin ko lang po, {customer}: {issue}.",
              "May nakaligtaan po ba ako?"],
             [], "Pinapakita nitong nakinig ka.")),
    "apologize-wait": dict(
        stage="apologize", tags="long-wait, irate", channel="phone",
        en=("Apologize for the long wait",
            ["I'm sorry you had to wait so long, {customer}.",
             "Thank you for your patience; I'm {agent} and I'll take care of this.",
             "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine phrase ninth"],
            [], ""),
        fil=("Humingi ng paumanhin sa matagal na paghihintay",
             ["Pasensya na po sa matagal na paghihintay, {customer}."], [], "")),
    "chat-welcome": dict(
        stage="opening", tags="chat", channel="chat",
        en=("Welcome a chat customer",
            ["Hi {customer}! Thanks for reaching out. How can I help today?"], [], ""),
        fil=("Batiin ang customer sa chat",
             ["Hi {customer}! Salamat sa pag-message. Paano kita matutulungan?"], [], "")),
}


def card_text(card_id: str, lang: str, spec: dict[str, object]) -> str:
    title, say, avoid, why = spec[lang]  # type: ignore[misc]
    return card_markdown(card_id, lang, str(spec["stage"]), title=title, tags=str(spec["tags"]),
                         channel=str(spec["channel"]), say=say, avoid=avoid, why=why,
                         review_by="2020-01-31")


def write_small_kb(root: Path) -> Path:
    (root / "en").mkdir(parents=True)
    (root / "fil").mkdir()
    (root / "taxonomy.md").write_text((REPO / "kb" / "taxonomy.md").read_text("utf-8"),
                                      encoding="utf-8")
    for card_id, spec in CARDS.items():
        for lang in ("en", "fil"):
            (root / lang / f"{card_id}.md").write_text(card_text(card_id, lang, spec),
                                                       encoding="utf-8")
    return root


def settle(qtbot: QtBot, window: MainWindow, timeout: int = 10_000) -> None:
    """Wait until no search is waiting or running and the newest results are shown."""
    qtbot.waitUntil(lambda: not window.search_busy() and window.last_search is not None,
                    timeout=timeout)


def type_query(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.search_edit.clear()
    qtbot.keyClicks(window.search_edit, text)
    settle(qtbot, window)
    assert window.last_search is not None
    assert window.last_search.request.text == text


def result_ids(window: MainWindow) -> list[str]:
    return [row.hit.id for row in window.results_model.rows()]


def press_action(window: MainWindow, key: str) -> None:
    """Trigger the window action bound to `key` (e.g. "Ctrl+Shift+E") as the key would."""
    for action in window.actions():
        if any(seq.toString() == key for seq in action.shortcuts()):
            action.trigger()
            return
    raise AssertionError(f"no action for {key}")
