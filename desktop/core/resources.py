"""Where Kalma's files are: bundled KB, translations, icons, and per-user folders.

One place that knows the difference between running from source and from a
PyInstaller bundle (where files live under sys._MEIPASS).
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Kalma"
APP_ID = "kalma"


def app_root() -> Path:
    """The folder holding kb/, i18n/ and desktop/ (the repo, or the unpacked bundle)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


def resource_path(*parts: str) -> Path:
    return app_root().joinpath(*parts)


def bundled_kb_dir() -> Path:
    return resource_path("kb")


def i18n_dir() -> Path:
    return resource_path("i18n")


def icons_dir() -> Path:
    return resource_path("desktop", "ui", "icons")


def user_cache_dir() -> Path:
    override = os.environ.get("KALMA_CACHE_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_cache_dir(APP_ID, appauthor=False))


def user_data_dir() -> Path:
    override = os.environ.get("KALMA_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def index_dir_for(kb_dir: Path, cache_dir: Path | None = None) -> Path:
    """The index folder of one KB: under the per-user cache, keyed by the user and the KB's
    real path (a cache folder shared by accounts never hands one user another's index)."""
    from desktop.core.cachedir import user_key

    key_source = f"{user_key()}\0{Path(kb_dir).resolve()}"
    key = hashlib.sha256(key_source.encode("utf-8")).hexdigest()[:16]
    name = "".join(ch if ch.isalnum() else "-" for ch in Path(kb_dir).resolve().name)[:24]
    return (cache_dir or user_cache_dir()) / "index" / f"{name or 'kb'}-{key}"
