"""Interface language: loads i18n/kalma_<lang>.qm and swaps it at runtime.

Installing a translator sends QEvent.LanguageChange to every widget; each widget
re-labels itself in changeEvent() through its retranslate_ui(). The KB language (which
cards to show) is a separate setting and is not handled here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QTranslator

from desktop.core import resources
from desktop.core.settings import UI_LANGUAGES

_state: dict[str, object] = {"lang": "en", "translator": None}


def current_language() -> str:
    return str(_state["lang"])


def qm_path(lang: str) -> str:
    return str(resources.i18n_dir() / f"kalma_{lang}.qm")


def set_language(lang: str) -> bool:
    """Install the translator for `lang` ("en" | "fil"); False when its .qm is missing.

    English is the source language, so a missing kalma_en.qm still shows English.
    """
    app = QCoreApplication.instance()
    if lang not in UI_LANGUAGES or app is None:
        return False
    old = _state["translator"]
    translator = QTranslator(app)
    loaded = translator.load(qm_path(lang))
    if isinstance(old, QTranslator):
        QCoreApplication.removeTranslator(old)
        old.deleteLater()
    _state["lang"] = lang
    _state["translator"] = translator if loaded else None
    if loaded:
        QCoreApplication.installTranslator(translator)
    else:
        translator.deleteLater()
        # No translator change means no automatic LanguageChange; send one so
        # widgets still re-read language-dependent labels (taxonomy, stage names).
        _post_language_change()
    QLocale.setDefault(QLocale(QLocale.Language.Filipino if lang == "fil"
                               else QLocale.Language.English, QLocale.Country.Philippines))
    return loaded or lang == "en"


def reset() -> None:
    """Remove Kalma's translator: source strings again (tests use it to leave no trace)."""
    old = _state["translator"]
    if isinstance(old, QTranslator):
        QCoreApplication.removeTranslator(old)
        old.deleteLater()
    _state["lang"] = "en"
    _state["translator"] = None


def _post_language_change() -> None:
    app = QCoreApplication.instance()
    if app is not None:
        # QApplication forwards this to every top-level window, which passes it down.
        QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
