"""The agent's own settings, read without Qt (the CLI must not load Qt to read them).

The app writes them with QSettings (desktop/ui/settings_store.py):
  Linux/macOS  an INI file in Qt's format: $XDG_CONFIG_HOME/Kalma/Kalma.conf
               (~/.config/Kalma/Kalma.conf; macOS ~/Library/Preferences/Kalma/Kalma.conf)
  Windows      the registry, HKCU\\Software\\Kalma\\Kalma
Only this one store is read: never Qt's fallbacks (/etc/xdg/Kalma/Kalma.conf,
HKLM\\Software\\Kalma, the organization-wide file), which would be a hidden settings layer.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

from desktop.core import registry as reg

ORGANIZATION = "Kalma"
APPLICATION = "Kalma"


def user_settings_file(environ: Mapping[str, str] | None = None) -> Path | None:
    """The INI file the app keeps the agent's settings in; None on Windows (registry)."""
    environ = os.environ if environ is None else environ
    if sys.platform.startswith("win"):
        return None
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Preferences"
    else:
        configured = environ.get("XDG_CONFIG_HOME", "")
        base = Path(configured) if os.path.isabs(configured) else Path.home() / ".config"
    return base / ORGANIZATION / f"{APPLICATION}.conf"


def store_location(environ: Mapping[str, str] | None = None) -> str:
    path = user_settings_file(environ)
    return str(path) if path is not None else f"{reg.HKCU}\\{reg.QT_USER_KEY}"


def load_user_values(environ: Mapping[str, str] | None = None,
                     registry: reg.Registry | None = None) -> dict[str, object]:
    """The stored keys as primitives (str, or list[str] for a QStringList); {} if none."""
    path = user_settings_file(environ)
    if path is None:
        try:
            return (registry or reg.default_registry()).values(reg.HKCU, reg.QT_USER_KEY)
        except OSError:
            return {}
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    return read_qt_ini(data)


# --- Qt's INI format (QSettingsPrivate::iniUnescapedStringList and friends) ----------------

_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
            '"': '"', "?": "?", "'": "'", "\\": "\\"}


def read_qt_ini(data: bytes) -> dict[str, object]:
    """Keys of the [General] section (top-level keys), values decoded as Qt decodes them."""
    values: dict[str, object] = {}
    section = ""
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line or line[0] in ";#":
            continue
        if line.startswith("[") and line.endswith("]"):
            section = _unescape_key(line[1:-1])
            continue
        key, sep, value = raw_line.partition("=")
        if not sep or section != "General":
            continue
        name = _unescape_key(key.strip())
        if "/" not in name:
            values[name] = _to_value(value.strip())
    return values


def _unescape_key(key: str) -> str:
    """'%General' -> 'General' is Qt's escape for a real group named General; %XX / %UXXXX."""
    if key == "%General":
        return "%General"
    key = key.replace("\\", "/")
    return re.sub(r"%U([0-9A-Fa-f]{4})|%([0-9A-Fa-f]{2})",
                  lambda m: chr(int(m.group(1) or m.group(2), 16)), key)


def _to_value(text: str) -> object:
    parts, is_list = _unescape_string_list(text)
    if is_list:
        return [_variant(part) for part in parts]
    return _variant(parts[0])


def _variant(text: str) -> str:
    # '@@x' is Qt's escape for a string that starts with '@'; other '@Type(...)' values
    # (byte arrays, rectangles) are not settings Kalma stores as text.
    if text.startswith("@@"):
        return text[1:]
    if text.startswith("@") and text.endswith(")"):
        return "" if text == "@Invalid()" else text
    return text


def _unescape_string_list(text: str) -> tuple[list[str], bool]:
    items: list[str] = []
    current: list[str] = []
    is_list = in_quotes = quoted = False
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            i, decoded = _escape_at(text, i + 1)
            current.append(decoded)
            continue
        if ch == '"':
            quoted = True
            in_quotes = not in_quotes
        elif ch == "," and not in_quotes:
            items.append(_finish(current, quoted))
            current, quoted, is_list = [], False, True
            i += 1
            while i < len(text) and text[i] in " \t":
                i += 1
            continue
        else:
            current.append(ch)
        i += 1
    items.append(_finish(current, quoted))
    return items, is_list


def _finish(chars: list[str], quoted: bool) -> str:
    text = "".join(chars)
    return text if quoted else text.rstrip(" \t")


def _escape_at(text: str, i: int) -> tuple[int, str]:
    """Decode the escape after a backslash at text[i]; return (next index, characters)."""
    ch = text[i]
    if ch in _ESCAPES:
        return i + 1, _ESCAPES[ch]
    if ch == "x":
        digits = re.match(r"[0-9A-Fa-f]{1,4}", text[i + 1:])
        if digits:
            return i + 1 + len(digits.group()), chr(int(digits.group(), 16))
        return i + 1, ""
    if ch in "01234567":
        digits = re.match(r"[0-7]{1,3}", text[i:])
        assert digits is not None
        return i + len(digits.group()), chr(int(digits.group(), 8))
    return i + 1, ""  # Qt skips an unknown escape
