"""The window's own preferences that are not seat settings: theme, alert sound, hotkey.

Kept in the same QSettings file as the user's settings, under "window/", so they never
mix with what IT configures; tests and --self-test keep them in memory.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from desktop.ui.settings_store import APPLICATION, ORGANIZATION, SettingsStore

DEFAULTS: dict[str, str] = {
    "theme": "system",  # system | light | dark | contrast
    "alert_sound": "false",
    "hotkey": "Ctrl+Alt+K",  # "" switches the global hotkey off
    "hotkey_target": "main",  # main | mini: what the hotkey brings to the front
}


class UiPrefs:
    def __init__(self, store: SettingsStore | None, persist: bool) -> None:
        self._memory: dict[str, str] = {}
        self._qs: QSettings | None = None
        if store is not None and persist:
            location = store.location
            if location.endswith((".ini", ".conf")):
                self._qs = QSettings(location, QSettings.Format.IniFormat)
            else:  # the Windows registry
                self._qs = QSettings(ORGANIZATION, APPLICATION)

    def get(self, key: str) -> str:
        if self._qs is not None:
            value = self._qs.value(f"window/{key}")
            if value is not None:
                return str(value)
        return self._memory.get(key, DEFAULTS[key])

    def get_bool(self, key: str) -> bool:
        return self.get(key).lower() in ("true", "1", "yes")

    def set(self, key: str, value: str | bool) -> None:
        text = ("true" if value else "false") if isinstance(value, bool) else value
        self._memory[key] = text
        if self._qs is not None:
            self._qs.setValue(f"window/{key}", text)
            self._qs.sync()
