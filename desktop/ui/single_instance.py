"""One Kalma per user: a second launch asks the running one to come to the front.

Local IPC only (QLocalServer: a Unix domain socket or a Windows named pipe), never an
IPv4/IPv6 socket. The name includes the user, so two agents on one PC each get their own.
"""

from __future__ import annotations

import getpass
import hashlib

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

RAISE = b"raise\n"
CONNECT_MS = 1000


def server_name(app_id: str = "kalma") -> str:
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name (a service account): one shared name
        user = "user"
    return f"{app_id}-{hashlib.sha1(user.encode()).hexdigest()[:12]}"


class SingleInstance(QObject):
    """`forward()` in a second instance; `listen()` in the first one."""

    raiseRequested = Signal()

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self._server: QLocalServer | None = None

    def forward(self) -> bool:
        """True when another instance runs and was asked to come forward (then quit)."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_MS):
            return False
        socket.write(RAISE)
        socket.flush()
        socket.waitForBytesWritten(CONNECT_MS)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(CONNECT_MS)
        return True

    def listen(self) -> bool:
        """Become the instance others forward to (a stale socket of a crash is removed)."""
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                return False
        server.newConnection.connect(self._on_new_connection)
        self._server = server
        return True

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _on_new_connection(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(socket.deleteLater)
            self._read(socket)  # the message may have arrived with the connection

    def _on_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if socket.bytesAvailable() and bytes(socket.readAll().data()).startswith(RAISE.strip()):
            self.raiseRequested.emit()
