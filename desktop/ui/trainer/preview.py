"""Live preview of a card as agents see it: rendered by desktop.core.render (sanitized)."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.core.cards import Card, KbFileError, parse_card
from desktop.core.frontmatter import span as front_matter_span
from desktop.core.render import card_to_html, is_allowed_link, render_markdown
from desktop.core.visibility import is_draft, is_todo_line

PREVIEW_CSS = """
h2 { font-size: 15pt; margin-bottom: 4px; }
h3 { font-size: 9pt; color: #5b6570; text-transform: uppercase; margin-top: 10px; }
ol.say li { margin: 3px 0; }
ul.avoid li { color: #8a2b2b; }
.placeholder { background-color: #e4eef3; }
.problem { background-color: #fff4d6; color: #6b4a00; padding: 4px; }
.draft { background-color: #fde2e1; color: #7a1c1c; font-weight: bold; padding: 4px; }
small { color: #5b6570; }
"""


class CardPreview(QTextBrowser):
    """Read-only and offline: no resource loading, links open outside only if http(s)/mailto."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)
        self.document().setDefaultStyleSheet(PREVIEW_CSS)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self._problem_title = ""
        self._last: tuple[str, Path] | None = None
        self.retranslate_ui()

    def show_card_text(self, text: str, path: Path) -> None:
        """Render the whole file text; a card that does not parse still shows its body."""
        self._last = (text, path)
        self.setHtml(self._html_for(text, path))

    def _html_for(self, text: str, path: Path) -> str:
        if not text.strip():
            return ""
        try:
            card = parse_card(path, text)
        except KbFileError as exc:
            span = front_matter_span(text)
            body = "\n".join(text.split("\n")[span[1] + 1:]) if span else text
            problem = html.escape(f"{self._problem_title} {exc.line}: {exc.message}")
            return f'<p class="problem">{problem}</p>{render_markdown(body)}'
        return self._draft_banner(card) + card_to_html(card)

    def _draft_banner(self, card: Card) -> str:
        """Trainers preview drafts; the banner says plainly that agents do not see them."""
        notes: list[str] = []
        if is_draft(card):
            notes.append(self.tr("DRAFT: agents do not see this card until it is approved."))
        hidden = [line for line in (*card.say, *card.avoid) if is_todo_line(line)]
        if hidden and not is_draft(card):
            notes.append(self.tr("%n TODO line(s) are hidden from agents.", "", len(hidden)))
        return "".join(f'<p class="draft">{html.escape(note)}</p>' for note in notes)

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        return None  # never fetch images or files: the preview stays offline and inert

    def retranslate_ui(self) -> None:
        self._problem_title = self.tr("Not a valid card yet, line")
        if self._last is not None:
            self.show_card_text(*self._last)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        if is_allowed_link(url.toString()):
            QDesktopServices.openUrl(url)
