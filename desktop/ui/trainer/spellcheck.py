"""Red wavy underlines under words the Filipino/Taglish spell check does not know."""

from __future__ import annotations

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from desktop.core import frontmatter
from desktop.core.spelling import SpellChecker

BEFORE, FRONT_MATTER, BODY = 0, 1, 2


class SpellHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, checker: SpellChecker) -> None:
        super().__init__(document)
        self.checker = checker
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self._format.setUnderlineColor(QColor("#d32f2f"))

    def highlightBlock(self, text: str) -> None:
        state = self.previousBlockState()
        if state < 0:
            state = BEFORE
        if state == BEFORE:
            # The first line decides: '---' opens front matter, anything else is body.
            opens = frontmatter.is_opening(text)
            self.setCurrentBlockState(FRONT_MATTER if opens else BODY)
            if opens:
                return
            state = BODY
        elif state == FRONT_MATTER:
            if frontmatter.is_closing(text):
                self.setCurrentBlockState(BODY)
                return
            self.setCurrentBlockState(FRONT_MATTER)
        else:
            self.setCurrentBlockState(BODY)
        for miss in self.checker.line_misspellings(text, state == FRONT_MATTER):
            self.setFormat(miss.start, miss.end - miss.start, self._format)

    def unknown_words(self) -> list[str]:
        """Every underlined word of the document, in order (for tests and a status line)."""
        words: list[str] = []
        block = self.document().begin()
        while block.isValid():
            for fmt_range in block.layout().formats():
                if fmt_range.format.underlineStyle() == \
                        QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                    words.append(block.text()[fmt_range.start:fmt_range.start + fmt_range.length])
            block = block.next()
        return words
