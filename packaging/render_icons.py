"""Render Kalma's icon for the installers: PNGs for Linux menus, a multi-size .ico for Windows.

    python packaging/render_icons.py OUT_DIR

Source: desktop/ui/icons/kalma.svg (the app's own icon), else packaging/linux/kalma.svg.
Writes OUT_DIR/kalma.svg, OUT_DIR/kalma-<size>.png and OUT_DIR/kalma.ico.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "desktop" / "ui" / "icons" / "kalma.svg", ROOT / "packaging" / "linux" /
           "kalma.svg")
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)


def source_svg() -> Path:
    return next(path for path in SOURCES if path.is_file())


def render_pngs(svg: Path, sizes: tuple[int, ...]) -> dict[int, bytes]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # build machines have no display
    # A build tool, not desktop/core: Qt is the renderer the app itself uses for this SVG.
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice  # noqa: TID251
    from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: TID251
    from PySide6.QtSvg import QSvgRenderer  # noqa: TID251

    app = QGuiApplication.instance() or QGuiApplication([])  # QPainter needs one
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    pngs: dict[int, bytes] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        pngs[size] = bytes(data.data())
    assert app is not None
    return pngs


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico holding PNG images (Windows Vista and later read these)."""
    sizes = sorted(pngs)
    offset = 6 + 16 * len(sizes)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    entries, blobs = b"", b""
    for size in sizes:
        blob = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    return header + entries + blobs


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    svg = source_svg()
    shutil.copyfile(svg, out / "kalma.svg")
    pngs = render_pngs(svg, PNG_SIZES)
    for size, blob in pngs.items():
        (out / f"kalma-{size}.png").write_bytes(blob)
    (out / "kalma.ico").write_bytes(ico_bytes({s: pngs[s] for s in (16, 24, 32, 48, 256)}))
    print(f"icons from {svg.relative_to(ROOT)} -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
