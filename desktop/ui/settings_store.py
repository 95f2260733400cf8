"""The user's own settings layer, kept in QSettings (organization "Kalma", app "Kalma").

A thin adapter: it stores primitives only (str, int, bool; lists as comma-joined text)
and leaves typing and precedence to desktop.core.settings.resolve(). Keys IT locked
are never written, and keys equal to the baseline (defaults + IT's suggestions) are
removed, so a later change of IT's suggested value still reaches the user.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings

from desktop.core import resources, user_store
from desktop.core.settings import Settings, field_types, user_changes

ORGANIZATION = resources.APP_NAME
APPLICATION = resources.APP_NAME


def default_qsettings() -> QSettings:
    """The one user store, the same one desktop.core.user_store reads without Qt.

    An explicit file (or, on Windows, the HKCU key with fallbacks off): Qt's fallback
    stores (/etc/xdg/Kalma/Kalma.conf, HKLM\\Software\\Kalma) would be a hidden layer."""
    path = user_store.user_settings_file()
    if path is not None:
        return QSettings(str(path), QSettings.Format.IniFormat)
    qsettings = QSettings(ORGANIZATION, APPLICATION)
    qsettings.setFallbacksEnabled(False)
    return qsettings


@dataclass
class WindowState:
    """Qt widget state, kept by the ui only (core settings are plain data): base64 of
    QWidget.saveGeometry() and encode_splitter() text."""

    geometry: str = ""
    splitter: str = ""


# The same keys as before the split, so existing settings files keep their layout.
WINDOW_KEYS = {"geometry": "window_geometry", "splitter": "splitter_state"}


class SettingsStore:
    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._qs = qsettings if qsettings is not None else default_qsettings()
        self._types = field_types()

    @property
    def location(self) -> str:
        return self._qs.fileName()

    def load_user_values(self) -> dict[str, object]:
        """Stored values as primitives, for settings.resolve(user=...)."""
        values: dict[str, object] = {}
        for key in self._qs.allKeys():
            if key in self._types:
                values[key] = self._read(key)
        return values

    def save(self, settings: Settings, locked: frozenset[str],
             baseline: Settings | None = None) -> None:
        """Store what the user chose; locked keys stay out, baseline values are dropped."""
        base = user_changes(baseline, locked) if baseline is not None else {}
        for key, value in user_changes(settings, locked).items():
            if key in base and base[key] == value:
                self._qs.remove(key)
            else:
                self._qs.setValue(key, _to_primitive(value))
        for key in locked:
            self._qs.remove(key)
        self._qs.sync()

    def save_values(self, values: Mapping[str, object], locked: frozenset[str]) -> None:
        """Store a few keys (tests and migrations); locked keys are skipped."""
        for key, value in values.items():
            if key in self._types and key not in locked:
                self._qs.setValue(key, _to_primitive(value))
        self._qs.sync()

    def load_window_state(self) -> WindowState:
        values = {field: self._qs.value(key) for field, key in WINDOW_KEYS.items()}
        return WindowState(**{k: v if isinstance(v, str) else "" for k, v in values.items()})

    def save_window_state(self, state: WindowState) -> None:
        for field, key in WINDOW_KEYS.items():
            self._qs.setValue(key, getattr(state, field))
        self._qs.sync()

    def clear(self) -> None:
        self._qs.clear()
        self._qs.sync()

    def _read(self, key: str) -> object:
        raw = self._qs.value(key)
        if self._types[key] is list and isinstance(raw, list):
            return [str(item) for item in raw]
        return "" if raw is None else raw


def _to_primitive(value: object) -> object:
    # Lists as one string: QSettings' list round-trip differs between ini and the registry.
    if isinstance(value, list | tuple):
        return ",".join(str(item) for item in value)
    return value


def encode_bytes(data: QByteArray | bytes) -> str:
    """QWidget.saveGeometry() / QSplitter.saveState() → text for a str setting."""
    return base64.b64encode(bytes(data.data() if isinstance(data, QByteArray) else data)).decode(
        "ascii")


def decode_bytes(text: str) -> QByteArray:
    try:
        return QByteArray(base64.b64decode(text.encode("ascii"), validate=True))
    except (ValueError, UnicodeEncodeError):
        return QByteArray()


def encode_splitter(state: QByteArray, hidden: list[int]) -> str:
    """QSplitter.saveState() plus which panes are hidden (Qt does not keep that):
    "<base64>" or "<base64>;hidden=2"."""
    text = encode_bytes(state)
    return f"{text};hidden={','.join(map(str, hidden))}" if hidden else text


def decode_splitter(text: str) -> tuple[QByteArray, list[int]]:
    state, _, extra = text.partition(";")
    hidden: list[int] = []
    if extra.startswith("hidden="):
        hidden = [int(part) for part in extra[len("hidden="):].split(",") if part.isdigit()]
    return decode_bytes(state), hidden

