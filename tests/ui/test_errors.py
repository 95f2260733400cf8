"""The GUI excepthook: an unexpected error is logged and shown once, and the app goes on."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.errors import ErrorNotice


def test_unexpected_errors_are_logged_and_shown_once(qtbot: QtBot,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    notice = ErrorNotice(parent)
    before = sys.excepthook
    notice.install()
    try:
        assert sys.excepthook == notice.handle
        error = ValueError("boom in a slot")
        with caplog.at_level("ERROR", logger="desktop.ui"):
            sys.excepthook(ValueError, error, None)
            sys.excepthook(ValueError, error, None)  # again while the message is open
        assert caplog.text.count("unexpected error in the window") == 2
        assert "boom in a slot" in caplog.text
        box = notice.box()
        assert box is not None
        qtbot.waitUntil(box.isVisible, timeout=3000)
        assert "Something went wrong" in box.text() and "boom" not in box.text()
        assert "ValueError: boom in a slot" in box.detailedText()
        assert len(parent.findChildren(type(box))) == 1  # no stack of dialogs
        assert notice.count == 2
    finally:
        notice.uninstall()
    assert sys.excepthook == before
