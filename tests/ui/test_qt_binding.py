"""Guards the PySide6 pin: 6.12.0 dropped a reference to True on every Signal.emit()
and aborted the interpreter after about a thousand emits (minutes of typing)."""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    ping = Signal()
    text = Signal(str)


def test_signal_emit_keeps_refcounts() -> None:
    emitter = _Emitter()
    emitter.ping.connect(lambda: None)
    emitter.text.connect(lambda _text: None)
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.ping.emit()
        emitter.text.emit("x")
    assert sys.getrefcount(True) >= before - 5
