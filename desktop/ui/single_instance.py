"""One Kalma per user: a second launch asks the running one to come to the front.

Local IPC only, never an IPv4/IPv6 socket, and no QtNetwork (the bundle leaves
libQt6Network out to meet its size target): on POSIX an AF_UNIX socket in a private
per-user folder, watched by a QSocketNotifier on the GUI thread; on Windows a named pipe
(multiprocessing.connection) whose accept loop runs on a daemon thread. The name includes
the user, so two agents on one PC each get their own.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import hashlib
import os
import socket
import stat
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

from PySide6.QtCore import QObject, QSocketNotifier, Qt, Signal

RAISE = b"raise\n"
CONNECT_TIMEOUT_S = 1.0  # a hung first instance must not freeze the second launch
MAX_MESSAGE = 64
SUN_PATH_MAX = 107  # sockaddr_un.sun_path is 108 bytes on Linux (104 on macOS/BSD)


def server_name(app_id: str = "kalma") -> str:
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name (a service account): one shared name
        user = "user"
    return f"{app_id}-{hashlib.sha1(user.encode()).hexdigest()[:12]}"


class Endpoint(Protocol):
    def forward(self) -> bool: ...
    def listen(self, on_raise: Callable[[], None]) -> bool: ...
    def close(self) -> None: ...


class SingleInstance(QObject):
    """`forward()` in a second instance; `listen()` in the first one."""

    raiseRequested = Signal()
    _raisedElsewhere = Signal()  # from the pipe thread; queued to the GUI thread

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self._raisedElsewhere.connect(self.raiseRequested, Qt.ConnectionType.QueuedConnection)
        self._endpoint = endpoint_for(self.name, self)

    def forward(self) -> bool:
        """True when another instance runs and was asked to come forward (then quit)."""
        return self._endpoint.forward()

    def listen(self) -> bool:
        """Become the instance others forward to (a stale endpoint of a crash is removed)."""
        return self._endpoint.listen(self._raisedElsewhere.emit)

    def close(self) -> None:
        self._endpoint.close()


def endpoint_for(name: str, owner: QObject, platform: str = sys.platform) -> Endpoint:
    if platform == "win32":
        return PipeEndpoint(name)
    return UnixEndpoint(name, owner)


# --- POSIX: a Unix domain socket in a private folder -------------------------------------

def private_folder_problem(folder: Path, uid: int) -> str | None:
    """Why `folder` is unsafe for our socket (None when it is ours and private).

    Like the index cache rules: another user's folder, or one others can write, could
    hand us their socket (or swap ours), so it is refused rather than trusted.
    """
    try:
        info = folder.lstat()
    except OSError as exc:
        return f"{folder}: {exc.strerror or exc}"
    if not stat.S_ISDIR(info.st_mode):
        return f"{folder} is not a folder"
    if info.st_uid != uid:
        return f"{folder} belongs to another user (uid {info.st_uid})"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"{folder} is writable by other users"
    return None


def runtime_folder() -> Path:
    """XDG_RUNTIME_DIR when it is set and private, else a 0700 kalma-<uid> temp folder."""
    uid = os.getuid()
    xdg = os.environ.get("XDG_RUNTIME_DIR", "")
    if xdg and Path(xdg).is_absolute() and private_folder_problem(Path(xdg), uid) is None:
        return Path(xdg)
    folder = Path(tempfile.gettempdir()) / f"kalma-{uid}"
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    problem = private_folder_problem(folder, uid)
    if problem:
        raise PermissionError(f"single instance: {problem}")
    return folder


def socket_path(name: str, folder: Path) -> Path:
    """A short, fixed-length file name: sun_path holds only ~107 bytes."""
    digest = hashlib.sha256(name.encode()).hexdigest()[:20]
    path = folder / f"kalma-{digest}.sock"
    if len(os.fsencode(path)) > SUN_PATH_MAX:
        raise OSError(errno.ENAMETOOLONG, f"single instance: socket path too long: {path}")
    return path


class _Peer:
    """One incoming connection, read without blocking as its bytes arrive."""

    def __init__(self, conn: socket.socket, owner: QObject,
                 on_done: Callable[[_Peer, bytes], None]) -> None:
        conn.setblocking(False)
        self.conn = conn
        self.data = b""
        self._on_done = on_done
        self.notifier = QSocketNotifier(conn.fileno(), QSocketNotifier.Type.Read, owner)
        self.notifier.activated.connect(self._on_readable)

    def _on_readable(self, *_: object) -> None:
        try:
            chunk = self.conn.recv(MAX_MESSAGE)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        self.data += chunk
        if not chunk or b"\n" in self.data or len(self.data) >= MAX_MESSAGE:
            self._on_done(self, self.data)

    def close(self) -> None:
        self.notifier.setEnabled(False)
        self.notifier.deleteLater()
        self.conn.close()


class UnixEndpoint:
    def __init__(self, name: str, owner: QObject) -> None:
        self.name = name
        self._owner = owner
        self._server: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._peers: list[_Peer] = []
        self._on_raise: Callable[[], None] = lambda: None
        self._bound: tuple[Path, int] | None = None  # (path, inode) to remove only ours

    def path(self) -> Path:
        return socket_path(self.name, runtime_folder())

    def forward(self) -> bool:
        try:
            path = self.path()
        except OSError:
            return False
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(CONNECT_TIMEOUT_S)
            try:
                client.connect(os.fspath(path))
                client.sendall(RAISE)
            except OSError:  # no file, stale file (ECONNREFUSED), or a hung instance
                return False
        return True

    def listen(self, on_raise: Callable[[], None]) -> bool:
        try:
            path = self.path()
            server = self._bind(path)
        except OSError:
            return False
        server.setblocking(False)
        server.listen(8)
        self._server = server
        self._bound = (path, path.stat().st_ino)
        self._on_raise = on_raise
        self._notifier = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read,
                                         self._owner)
        self._notifier.activated.connect(self._on_connection)
        return True

    def _bind(self, path: Path) -> socket.socket:
        """Bind `path`; a socket file nobody answers on (a crash left it) is replaced."""
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            try:
                server.bind(os.fspath(path))
            except OSError as exc:
                if exc.errno != errno.EADDRINUSE or is_alive(path):
                    raise
                path.unlink(missing_ok=True)
                server.bind(os.fspath(path))
        except OSError:
            server.close()
            raise
        return server

    def close(self) -> None:
        for peer in self._peers:
            peer.close()
        self._peers.clear()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._bound is not None:
            path, inode = self._bound
            self._bound = None
            with contextlib.suppress(OSError):
                if path.stat().st_ino == inode:  # not a newer instance's socket
                    path.unlink()

    def _on_connection(self, *_: object) -> None:
        while self._server is not None:
            try:
                conn, _address = self._server.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            self._peers.append(_Peer(conn, self._owner, self._on_message))

    def _on_message(self, peer: _Peer, data: bytes) -> None:
        self._peers.remove(peer)
        peer.close()
        if data.startswith(RAISE.strip()):
            self._on_raise()


def is_alive(path: Path) -> bool:
    """Does an instance answer on `path`? (ECONNREFUSED: a stale file left by a crash.)"""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(CONNECT_TIMEOUT_S)
        try:
            probe.connect(os.fspath(path))
        except (ConnectionRefusedError, FileNotFoundError):
            return False
        except OSError:
            return True  # busy or hung: do not steal its name
    return True


# --- Windows: a named pipe ----------------------------------------------------------------

class PipeEndpoint:
    """\\\\.\\pipe\\<name>. A pipe vanishes with its process, so a crash leaves nothing stale.

    `connection` is multiprocessing.connection (a fake in tests: this cannot run on Linux).
    """

    def __init__(self, name: str, connection: ModuleType | Any = None) -> None:
        self.address = rf"\\.\pipe\{name}"
        self._connection = connection
        self._listener: Any = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    def _module(self) -> Any:
        if self._connection is None:
            import multiprocessing.connection as connection

            self._connection = connection
        return self._connection

    def forward(self) -> bool:
        try:
            with self._module().Client(self.address, family="AF_PIPE") as client:
                client.send_bytes(RAISE)
        except OSError:  # no pipe: nobody runs
            return False
        return True

    def listen(self, on_raise: Callable[[], None]) -> bool:
        try:  # the first pipe instance is exclusive: a running Kalma makes this fail
            self._listener = self._module().Listener(self.address, family="AF_PIPE")
        except OSError:
            return False
        self._stopping.clear()
        self._thread = threading.Thread(target=self._accept_loop, args=(on_raise,),
                                        name="kalma-single-instance", daemon=True)
        self._thread.start()
        return True

    def _accept_loop(self, on_raise: Callable[[], None]) -> None:
        listener = self._listener
        while not self._stopping.is_set():
            try:
                with listener.accept() as conn:
                    message = conn.recv_bytes(MAX_MESSAGE)
            except (OSError, EOFError):
                if self._stopping.is_set():
                    return
                continue
            if message.startswith(RAISE.strip()) and not self._stopping.is_set():
                on_raise()  # a Qt signal: queued to the GUI thread

    def close(self) -> None:
        if self._listener is None:
            return
        self._stopping.set()
        self.forward()  # wake the blocking accept() so the thread can see it must stop
        if self._thread is not None:
            self._thread.join(CONNECT_TIMEOUT_S)
            self._thread = None
        self._listener.close()
        self._listener = None
