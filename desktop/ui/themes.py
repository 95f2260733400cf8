"""In-app themes (Light, Dark, High contrast, or the system's) and readable text colours.

Every text colour the app draws itself goes through `readable()`, so the stage labels,
muted hints and "Don't say" text keep a WCAG contrast of at least 4.5:1 on their
background under any theme, including a dark desktop theme the app did not pick.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("system", "light", "dark", "contrast")
MIN_CONTRAST = 4.5
_system: dict[str, object] = {}

_ROLES = QPalette.ColorRole
_PALETTES: dict[str, dict[QPalette.ColorRole, str]] = {
    "light": {_ROLES.Window: "#f3f3f3", _ROLES.WindowText: "#1a1a1a", _ROLES.Base: "#ffffff",
              _ROLES.AlternateBase: "#eef2f7", _ROLES.Text: "#1a1a1a",
              _ROLES.Button: "#e8e8e8", _ROLES.ButtonText: "#1a1a1a",
              _ROLES.Highlight: "#1f5fae", _ROLES.HighlightedText: "#ffffff",
              _ROLES.Link: "#174f96", _ROLES.Mid: "#9a9a9a",
              _ROLES.PlaceholderText: "#595959", _ROLES.ToolTipBase: "#ffffe1",
              _ROLES.ToolTipText: "#1a1a1a", _ROLES.BrightText: "#ffffff"},
    "dark": {_ROLES.Window: "#2b2d30", _ROLES.WindowText: "#e6e6e6", _ROLES.Base: "#1e1f22",
             _ROLES.AlternateBase: "#2f3440", _ROLES.Text: "#e6e6e6",
             _ROLES.Button: "#3c3f41", _ROLES.ButtonText: "#e6e6e6",
             _ROLES.Highlight: "#2f68b0", _ROLES.HighlightedText: "#ffffff",
             _ROLES.Link: "#8ab8f5", _ROLES.Mid: "#6a6d70",
             _ROLES.PlaceholderText: "#a8a8a8", _ROLES.ToolTipBase: "#3c3f41",
             _ROLES.ToolTipText: "#e6e6e6", _ROLES.BrightText: "#ffffff"},
    "contrast": {_ROLES.Window: "#000000", _ROLES.WindowText: "#ffffff",
                 _ROLES.Base: "#000000", _ROLES.AlternateBase: "#1a1a1a",
                 _ROLES.Text: "#ffffff", _ROLES.Button: "#000000",
                 _ROLES.ButtonText: "#ffffff", _ROLES.Highlight: "#ffd800",
                 _ROLES.HighlightedText: "#000000", _ROLES.Link: "#7fdcff",
                 _ROLES.Mid: "#ffffff", _ROLES.PlaceholderText: "#d0d0d0",
                 _ROLES.ToolTipBase: "#000000", _ROLES.ToolTipText: "#ffffff",
                 _ROLES.BrightText: "#ffffff"},
}


def luminance(color: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(color.red()) + 0.7152 * channel(color.green())
            + 0.0722 * channel(color.blue()))


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(color: QColor, background: QColor, minimum: float = MIN_CONTRAST) -> QColor:
    """`color`, moved towards black or white (whichever the background needs) until its
    contrast on `background` reaches `minimum`; the hue stays as far as it can."""
    if contrast(color, background) >= minimum:
        return QColor(color)
    target = QColor(0, 0, 0) if luminance(background) > 0.18 else QColor(255, 255, 255)
    for step in range(1, 21):
        amount = step / 20
        mixed = QColor(round(color.red() * (1 - amount) + target.red() * amount),
                       round(color.green() * (1 - amount) + target.green() * amount),
                       round(color.blue() * (1 - amount) + target.blue() * amount))
        if contrast(mixed, background) >= minimum:
            return mixed
    return target


def theme_palette(name: str) -> QPalette:
    palette = QPalette()
    for role, value in _PALETTES[name].items():
        palette.setColor(role, QColor(value))
        palette.setColor(QPalette.ColorGroup.Inactive, role, QColor(value))
    disabled = QColor(_PALETTES[name][_ROLES.Mid])
    for role in (_ROLES.WindowText, _ROLES.Text, _ROLES.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply_theme(name: str) -> None:
    """Switch the whole app to theme `name` ("system" gives the desktop's back)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if not _system:
        _system.update(style=app.style().name(), palette=QPalette(app.palette()))
    if name not in THEMES or name == "system":
        app.setStyle(QStyleFactory.create(str(_system["style"])))
        palette = _system["palette"]
        assert isinstance(palette, QPalette)
        app.setPalette(palette)
        return
    app.setStyle(QStyleFactory.create("Fusion"))  # honours the palette on every platform
    app.setPalette(theme_palette(name))
