"""Read-only access to the Windows registry, behind a small interface tests can fake.

Kalma reads two places: Group Policy (HKLM\\SOFTWARE\\Policies\\Kalma, IT's locks) and the
agent's own settings written by Qt (HKCU\\Software\\Kalma\\Kalma). On other systems, and
whenever a key is missing or unreadable, the answer is an empty mapping: the registry can
add settings, never break start-up.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Protocol

HKLM = "HKEY_LOCAL_MACHINE"
HKCU = "HKEY_CURRENT_USER"
POLICY_KEY = r"SOFTWARE\Policies\Kalma"
POLICY_RECOMMENDED_KEY = r"SOFTWARE\Policies\Kalma\Recommended"
QT_USER_KEY = r"Software\Kalma\Kalma"


class Registry(Protocol):
    def values(self, hive: str, key: str) -> dict[str, object]:
        """Every value directly under the key (name -> str | int | list[str]); {} if absent."""


class NoRegistry:
    """Linux and macOS: there is no registry."""

    def values(self, hive: str, key: str) -> dict[str, object]:
        return {}


class FakeRegistry:
    """For tests: {(hive, key): {name: value}}."""

    def __init__(self, data: Mapping[tuple[str, str], Mapping[str, object]] | None = None,
                 failing: frozenset[tuple[str, str]] = frozenset()) -> None:
        self.data = {k: dict(v) for k, v in (data or {}).items()}
        self.failing = failing  # keys that raise, like an ACL that denies reading

    def values(self, hive: str, key: str) -> dict[str, object]:
        if (hive, key) in self.failing:
            raise OSError(5, "Access is denied", f"{hive}\\{key}")
        return dict(self.data.get((hive, key.lower()), self.data.get((hive, key), {})))


class WindowsRegistry:  # pragma: no cover - runs on Windows only (the Windows CI job)
    def values(self, hive: str, key: str) -> dict[str, object]:
        if sys.platform != "win32":  # mypy checks the body below only for Windows
            return {}
        import winreg

        root = {HKLM: winreg.HKEY_LOCAL_MACHINE, HKCU: winreg.HKEY_CURRENT_USER}[hive]
        found: dict[str, object] = {}
        try:
            # KEY_WOW64_64KEY: policies live in the 64-bit view even for a 32-bit process.
            handle = winreg.OpenKey(root, key, 0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY)
        except FileNotFoundError:
            return found
        with handle:
            index = 0
            while True:
                try:
                    name, value, kind = winreg.EnumValue(handle, index)
                except OSError:
                    break
                index += 1
                if kind in (winreg.REG_SZ, winreg.REG_EXPAND_SZ, winreg.REG_DWORD,
                            winreg.REG_QWORD, winreg.REG_MULTI_SZ):
                    found[name] = value
        return found


def default_registry() -> Registry:
    return WindowsRegistry() if sys.platform.startswith("win") else NoRegistry()
