"""One key from anywhere: a global hotkey (default Ctrl+Alt+K) that brings Kalma forward.

X11: a passive key grab on the root window through libX11 (ctypes, our own display
connection, read with a QSocketNotifier: no thread, no polling). Windows: RegisterHotKey
and the WM_HOTKEY message. Wayland lets no program grab keys; `status()` says so, and a
desktop shortcut that starts Kalma again works instead (a second launch raises the first).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import sys
from typing import Any

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QObject, QSocketNotifier, Signal
from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)
DEFAULT_HOTKEY = "Ctrl+Alt+K"

# X11 modifier masks (X.h) and the lock keys a grab must ignore (Num Lock, Caps Lock).
_X11_MODS = {"shift": 1, "ctrl": 4, "control": 4, "alt": 8, "meta": 64, "super": 64}
_X11_LOCKS = (0, 2, 16, 2 | 16)  # none, LockMask, Mod2Mask (Num Lock), both
_X_KEY_PRESS = 2
_X_GRAB_MODE_ASYNC = 1
# Windows (winuser.h)
_WIN_MODS = {"alt": 0x1, "ctrl": 0x2, "control": 0x2, "shift": 0x4, "meta": 0x8, "win": 0x8}
_WIN_NOREPEAT = 0x4000
_WM_HOTKEY = 0x0312
_HOTKEY_ID = 0x4B41  # "KA"


def parse_hotkey(text: str) -> tuple[list[str], str]:
    """"Ctrl+Alt+K" -> (["ctrl", "alt"], "k"); ValueError when it is not a usable chord."""
    parts = [p.strip().lower() for p in text.replace(" ", "").split("+") if p.strip()]
    if len(parts) < 2:
        raise ValueError(f"a global hotkey needs a modifier and a key, not {text!r}")
    *mods, key = parts
    unknown = [m for m in mods if m not in _X11_MODS and m not in _WIN_MODS]
    if unknown:
        raise ValueError(f"unknown modifier {unknown[0]!r} in {text!r}")
    return mods, key


def platform_kind() -> str:
    """"x11", "windows", "wayland" or "other"."""
    if sys.platform == "win32":
        return "windows"
    if os.environ.get("WAYLAND_DISPLAY") and os.environ.get("XDG_SESSION_TYPE") == "wayland":
        return "wayland"
    if os.environ.get("DISPLAY"):
        return "x11"
    return "other"


class GlobalHotkey(QObject):
    """Register one chord; `activated` fires whenever it is pressed, in any program."""

    activated = Signal()

    def __init__(self, parent: QObject | None = None, display_name: str | None = None) -> None:
        super().__init__(parent)
        self._display_name = display_name
        self._backend: _X11Grab | _WindowsHotkey | None = None
        self._status = ""
        self.sequence = ""

    def register(self, sequence: str) -> bool:
        """Grab `sequence` ("" switches it off); False, with status() saying why, if not."""
        self.unregister()
        self.sequence = sequence
        if not sequence:
            self._status = "off"
            return False
        kind = "x11" if self._display_name else platform_kind()
        try:
            mods, key = parse_hotkey(sequence)
            if kind == "x11":
                self._backend = _X11Grab(self._display_name, mods, key, self.activated.emit)
            elif kind == "windows":
                self._backend = _WindowsHotkey(mods, key, self.activated.emit)
            else:
                self._status = kind  # "wayland" or "other": no way to grab keys
                return False
        except (OSError, ValueError) as exc:
            log.warning("global hotkey %s not registered: %s", sequence, exc)
            self._status = f"error: {exc}"
            return False
        self._status = "active"
        return True

    def unregister(self) -> None:
        if self._backend is not None:
            self._backend.close()
            self._backend = None
        self._status = "off"

    def status(self) -> str:
        """"active", "off", "wayland", "other" or "error: …"."""
        return self._status


# --- X11 -----------------------------------------------------------------------------------


class _XKeyEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong),
                ("send_event", ctypes.c_int), ("display", ctypes.c_void_p),
                ("window", ctypes.c_ulong), ("root", ctypes.c_ulong),
                ("subwindow", ctypes.c_ulong), ("time", ctypes.c_ulong),
                ("x", ctypes.c_int), ("y", ctypes.c_int), ("x_root", ctypes.c_int),
                ("y_root", ctypes.c_int), ("state", ctypes.c_uint), ("keycode", ctypes.c_uint),
                ("same_screen", ctypes.c_int)]


class _XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("xkey", _XKeyEvent), ("pad", ctypes.c_long * 24)]


def _load_xlib() -> Any:
    path = ctypes.util.find_library("X11")
    if not path:
        raise OSError("libX11 is not installed")
    xlib = ctypes.cdll.LoadLibrary(path)
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XDefaultRootWindow.restype = ctypes.c_ulong
    xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    xlib.XStringToKeysym.restype = ctypes.c_ulong
    xlib.XStringToKeysym.argtypes = [ctypes.c_char_p]
    xlib.XKeysymToKeycode.restype = ctypes.c_ubyte
    xlib.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    xlib.XGrabKey.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_ulong,
                              ctypes.c_int, ctypes.c_int, ctypes.c_int]
    xlib.XUngrabKey.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_ulong]
    xlib.XConnectionNumber.argtypes = [ctypes.c_void_p]
    xlib.XPending.argtypes = [ctypes.c_void_p]
    xlib.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(_XEvent)]
    xlib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    xlib.XFlush.argtypes = [ctypes.c_void_p]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    return xlib


class _X11Grab:
    """A passive grab on our own X connection; its socket wakes the Qt event loop."""

    def __init__(self, display_name: str | None, mods: list[str], key: str,
                 on_press: Any) -> None:
        self._x = _load_xlib()
        name = display_name.encode() if display_name else None
        self._display = self._x.XOpenDisplay(name)
        if not self._display:
            raise OSError(f"cannot open X display {display_name or os.environ.get('DISPLAY')}")
        keysym = self._x.XStringToKeysym(key.encode())
        if not keysym:
            raise ValueError(f"unknown key {key!r}")
        self._keycode = int(self._x.XKeysymToKeycode(self._display, keysym))
        self._mask = 0
        for mod in mods:
            self._mask |= _X11_MODS[mod]
        self._root = self._x.XDefaultRootWindow(self._display)
        for lock in _X11_LOCKS:
            self._x.XGrabKey(self._display, self._keycode, self._mask | lock, self._root, 0,
                             _X_GRAB_MODE_ASYNC, _X_GRAB_MODE_ASYNC)
        self._x.XSync(self._display, 0)
        self._on_press = on_press
        fd = self._x.XConnectionNumber(self._display)
        self._notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._on_readable)

    def _on_readable(self) -> None:
        event = _XEvent()
        while self._display and self._x.XPending(self._display):
            self._x.XNextEvent(self._display, ctypes.byref(event))
            if event.type == _X_KEY_PRESS and event.xkey.keycode == self._keycode:
                self._on_press()

    def close(self) -> None:
        if not self._display:
            return
        self._notifier.setEnabled(False)
        for lock in _X11_LOCKS:
            self._x.XUngrabKey(self._display, self._keycode, self._mask | lock, self._root)
        self._x.XCloseDisplay(self._display)
        self._display = None


# --- Windows ---------------------------------------------------------------------------------


class _HotkeyFilter(QAbstractNativeEventFilter):
    def __init__(self, on_press: Any) -> None:
        super().__init__()
        self._on_press = on_press

    def nativeEventFilter(self, event_type: QByteArray | bytes | bytearray | memoryview,
                          message: int) -> object:
        kind = event_type.data() if isinstance(event_type, QByteArray) else bytes(event_type)
        if kind == b"windows_generic_MSG":
            msg = ctypes.cast(int(message), ctypes.POINTER(_WinMsg)).contents
            if msg.message == _WM_HOTKEY and msg.wParam == _HOTKEY_ID:
                self._on_press()
                return True, 0
        return False, 0


class _WinMsg(ctypes.Structure):
    _fields_ = [("hwnd", ctypes.c_void_p), ("message", ctypes.c_uint),
                ("wParam", ctypes.c_size_t), ("lParam", ctypes.c_ssize_t),
                ("time", ctypes.c_ulong), ("pt_x", ctypes.c_long), ("pt_y", ctypes.c_long)]


class _WindowsHotkey:
    def __init__(self, mods: list[str], key: str, on_press: Any) -> None:
        user32 = ctypes.WinDLL("user32")  # type: ignore[attr-defined,unused-ignore]
        vk = ord(key.upper()) if len(key) == 1 else {"space": 0x20, "f1": 0x70}.get(key, 0)
        if not vk:
            raise ValueError(f"unsupported key {key!r}")
        flags = _WIN_NOREPEAT
        for mod in mods:
            flags |= _WIN_MODS.get(mod, 0)
        if not user32.RegisterHotKey(None, _HOTKEY_ID, flags, vk):
            raise OSError("the hotkey is taken by another program")
        self._user32 = user32
        self._filter = _HotkeyFilter(on_press)
        app = QGuiApplication.instance()
        if app is not None:
            app.installNativeEventFilter(self._filter)

    def close(self) -> None:
        self._user32.UnregisterHotKey(None, _HOTKEY_ID)
        app = QGuiApplication.instance()
        if app is not None:
            app.removeNativeEventFilter(self._filter)
