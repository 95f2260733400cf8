"""The handbook as PDF, written by Qt itself (QTextDocument + QPdfWriter): no browser.

Every page gets a bilingual running header and a page number ("Page 3 of 40 · Pahina 3
ng 40"); the content is core.export.print_html (EN | FIL side by side, several cards per
page).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from desktop.core import atomicfile
from desktop.core.export import check_export_target

PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
HEADER = "Kalma handbook · Gabay ng Kalma"
RESOLUTION = 300  # dots per inch of the PDF's coordinate system
MARGIN_MM = 12.0
BAND_PT = 16.0  # room for the header above and the page number below the text


def ensure_gui_app() -> QGuiApplication:
    """Qt's text layout needs an application object; the CLI runs without a window."""
    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["kalma"])
    assert isinstance(app, QGuiApplication)
    return app


def write_pdf(html: str, out: Path, paper: str = "a4") -> int:
    """Write `html` to `out` as a PDF (atomically); returns the number of pages."""
    check_export_target(out)  # never replace a link, a device or a FIFO
    ensure_gui_app()
    # A handbook is for sharing: the shared mode, whatever an old file had.
    with atomicfile.replacing(out, mode=atomicfile.SHARED_MODE) as temporary:
        return _render(html, temporary, paper)


def _render(html: str, target: Path, paper: str) -> int:
    writer = QPdfWriter(str(target))
    writer.setResolution(RESOLUTION)
    writer.setTitle("Kalma handbook")
    writer.setCreator("Kalma")
    writer.setPageLayout(QPageLayout(QPageSize(PAGE_SIZES.get(paper, PAGE_SIZES["a4"])),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                     QPageLayout.Unit.Millimeter))
    page = writer.pageLayout().paintRectPixels(RESOLUTION)
    band = BAND_PT * RESOLUTION / 72
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    font = QFont("Noto Sans")
    font.setPointSizeF(8.5)
    document.setDefaultFont(font)
    document.setHtml(html)
    body = QSizeF(page.width(), page.height() - 2 * band)
    document.setPageSize(body)
    count = max(1, document.pageCount())
    painter = QPainter(writer)
    try:
        for number in range(1, count + 1):
            if number > 1:
                writer.newPage()
            _paint_page(painter, document, number, count, page.width(), body.height(), band)
    finally:
        painter.end()
    return count


def page_label(number: int, count: int) -> str:
    return f"Page {number} of {count} · Pahina {number} ng {count}"


def _paint_page(painter: QPainter, document: QTextDocument, number: int, count: int,
                width: float, height: float, band: float) -> None:
    small = QFont("Noto Sans")
    small.setPointSizeF(7.5)
    painter.setFont(small)
    painter.setPen(QColor("#5b6570"))
    painter.drawText(QRectF(0, 0, width, band * 0.8),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, HEADER)
    painter.drawText(QRectF(0, band + height + band * 0.2, width, band * 0.8),
                     Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
                     page_label(number, count))
    painter.save()
    painter.translate(QPointF(0, band - (number - 1) * height))
    document.drawContents(painter, QRectF(0, (number - 1) * height, width, height))
    painter.restore()
