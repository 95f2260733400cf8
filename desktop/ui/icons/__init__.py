"""Kalma's own SVG icons, tinted with a palette colour so they read in dark and light themes.

The SVGs draw with `currentColor`; `themed_icon()` substitutes the colour and renders
crisp pixmaps for 1x and 2x screens.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from desktop.core import resources

SIZES = (16, 20, 24, 32, 48)


@lru_cache(maxsize=32)
def _svg_text(name: str) -> str:
    try:
        return (resources.icons_dir() / f"{name}.svg").read_text(encoding="utf-8")
    except OSError:
        return ""


def app_icon() -> QIcon:
    path = resources.icons_dir() / "kalma.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


@lru_cache(maxsize=64)
def _themed(name: str, rgba: str) -> QIcon:
    svg = _svg_text(name)
    icon = QIcon()
    if not svg:
        return icon
    renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", rgba).encode("utf-8")))
    for size in SIZES:
        for ratio in (1.0, 2.0):
            pixmap = render_pixmap(renderer, size, ratio)
            icon.addPixmap(pixmap)
    return icon


def render_pixmap(renderer: QSvgRenderer, size: int, ratio: float) -> QPixmap:
    pixels = round(size * ratio)
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def themed_icon(name: str, color: QColor) -> QIcon:
    """Icon `name` (file stem under desktop/ui/icons) drawn in `color`."""
    return _themed(name, color.name(QColor.NameFormat.HexRgb))


def themed_pixmap(name: str, color: QColor, size: int, ratio: float = 1.0) -> QPixmap:
    return themed_icon(name, color).pixmap(QSize(size, size), ratio)
