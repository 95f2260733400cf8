"""The main window's layout for each screen: wide, compact below 1,100 px, folded filters.

Wide: results | card | call tools side by side. Compact (narrow windows, half a laptop
screen): results | card, with the call tools on a tab beside the card, one language
column with a quick EN/FIL toggle, and the filters folded into one line. Short windows
(a 768-px screen) fold the filters too, so search, results, card and End call all fit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTabBar

COMPACT_WIDTH = 1100  # below this the call tools move to a tab
FOLD_HEIGHT = 900  # below this the filters fold into one line
PREFERRED_SIZE = QSize(1400, 940)  # capped to the screen (fit_to_screen)
# Explicit, so the wide layout's larger minimum never stops the window from being snapped
# to half a 1366-px screen: below COMPACT_WIDTH the compact layout takes over anyway.
MINIMUM_SIZE = QSize(620, 420)
translate = QCoreApplication.translate

if TYPE_CHECKING:
    from desktop.ui.window_base import WindowBase
else:
    WindowBase = object


class LayoutMixin(WindowBase):
    """Part of MainWindow (see desktop.ui.main_window)."""

    def _build_pane_tabs(self) -> QTabBar:
        """"Card | Call tools": shown only in the compact layout."""
        tabs = QTabBar(self.card_pane)
        tabs.setObjectName("paneTabs")
        tabs.addTab("")
        tabs.addTab("")
        tabs.setExpanding(False)
        tabs.currentChanged.connect(self._on_pane_tab_changed)
        tabs.hide()
        return tabs

    def is_compact(self) -> bool:
        return self._compact

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.apply_layout_mode()

    def apply_layout_mode(self) -> None:
        compact = self.width() < COMPACT_WIDTH
        self.context_bar.set_folded(compact or self.height() < FOLD_HEIGHT, narrow=compact)
        if compact != self._compact:
            self._set_compact(compact)

    def _set_compact(self, compact: bool) -> None:
        self._compact = compact
        area = self.call_tools_area
        if compact:
            self._wide_state = self.splitter.saveState()
            self._tools_hidden_wide = area.isHidden()
            self.card_pane.layout().addWidget(area, 1)  # out of the splitter, into the tab
            self.pane_tabs.show()
            self._on_pane_tab_changed(self.pane_tabs.currentIndex())
        else:
            self.pane_tabs.hide()
            self.card_view.show()
            self.splitter.insertWidget(2, area)
            area.setHidden(self._tools_hidden_wide)
            self.act_call_tools.setChecked(not area.isHidden())
            if self._wide_state is not None:
                self.splitter.restoreState(self._wide_state)
                area.setHidden(self._tools_hidden_wide)
        self.card_view.set_single_column(compact)
        area.setMinimumWidth(0 if compact else self.call_tools.minimumSizeHint().width() + 16)

    def _on_pane_tab_changed(self, index: int) -> None:
        if not self._compact:
            return
        tools = index == 1
        self.card_view.setVisible(not tools)
        self.call_tools_area.setVisible(tools)

    def show_call_tools_tab(self, show: bool) -> None:
        """In the compact layout: the Call tools tab (True) or the card (False)."""
        if self._compact:
            self.pane_tabs.setCurrentIndex(1 if show else 0)

    def retranslate_layout(self) -> None:
        self.pane_tabs.setTabText(0, translate("MainWindow", "Card"))
        self.pane_tabs.setTabText(1, translate("MainWindow", "Call tools (Ctrl+T)"))
        self.pane_tabs.setAccessibleName(translate("MainWindow", "Card or call tools"))

    def sizeHint(self) -> QSize:
        return PREFERRED_SIZE
