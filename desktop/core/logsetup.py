"""Logging for the GUI and the CLI: one rotating log file in the user's log folder."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

import platformdirs

from desktop.core.resources import APP_ID

LOG_NAME = "kalma.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
_HANDLER_NAME = "kalma-file"


def log_dir() -> Path:
    override = os.environ.get("KALMA_LOG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_log_dir(APP_ID, appauthor=False))


def log_path() -> Path:
    """The log file (`kalma doctor` reads its last errors from here)."""
    return log_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send the ``desktop`` loggers to a rotating file; returns its path (None when the
    folder cannot be written: logging must never stop the app). Safe to call again."""
    logger = logging.getLogger("desktop")
    logger.setLevel(level)
    path = log_path()
    for handler in logger.handlers:
        if handler.get_name() == _HANDLER_NAME:
            if Path(getattr(handler, "baseFilename", "")) == path.absolute():
                return path
            close_logging()  # the log folder moved (tests, a changed environment)
            break
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES,
                                                       backupCount=BACKUPS, encoding="utf-8")
    except OSError:
        return None
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    return path


def close_logging() -> None:
    """Detach and close the file handler (tests, and a clean exit)."""
    logger = logging.getLogger("desktop")
    for handler in list(logger.handlers):
        if handler.get_name() == _HANDLER_NAME:
            logger.removeHandler(handler)
            handler.close()
