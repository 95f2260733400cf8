"""What the main window's mixins see of the window when type-checked (a QMainWindow)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon

if TYPE_CHECKING:
    from desktop.core.kb import KbSnapshot
    from desktop.core.kb_location import KbLocation
    from desktop.core.search import Engine
    from desktop.core.session import SearchRequest
    from desktop.core.taxonomy import Taxonomy
    from desktop.ui.hotkey import GlobalHotkey
    from desktop.ui.kb_watcher import KbWatcher
    from desktop.ui.mini_window import MiniWindow
    from desktop.ui.settings_store import WindowState
    from desktop.ui.tasks import Task

Message = tuple[str, tuple[object, ...]]


class WindowBase(QMainWindow):
    """For mypy only: the mixins are parts of MainWindow and use each other's members.
    The state that may be missing is declared here; everything else is looked up."""

    engine: Engine | None
    kb_location: KbLocation | None
    mini_window: MiniWindow | None
    tray: QSystemTrayIcon | None
    _index_task: Task | None
    _saved_index_only: bool
    _check_pending: bool
    _watcher: KbWatcher | None
    _taxonomy: Taxonomy | None
    _shown_request: SearchRequest | None
    _status: Message | None
    _card_message: Message | None
    _close_asked_at: float | None
    hotkey: GlobalHotkey | None
    _detector_task: Task | None
    _detector_for: KbSnapshot | None
    _after_blanks: Callable[[dict[str, str]], None] | None
    window_state: WindowState

    def __getattr__(self, name: str) -> Any: ...
