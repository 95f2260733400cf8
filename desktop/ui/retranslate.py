"""One place that turns Qt's LanguageChange event into a widget's retranslate_ui() call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget as _WidgetBase
else:
    _WidgetBase = object


class Retranslatable(_WidgetBase):
    """Mix in before the Qt widget class; the widget sets its texts in retranslate_ui().

    Installing a translator (desktop.ui.i18n.set_language) sends LanguageChange to every
    widget, so a runtime language switch re-labels the whole window.
    """

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
