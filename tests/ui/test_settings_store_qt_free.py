"""The CLI reads the app's user store without Qt: same values as QSettings, no fallbacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.core import user_store
from desktop.core.registry import HKCU, QT_USER_KEY, FakeRegistry
from desktop.core.settings import Settings, resolve
from desktop.ui.settings_store import SettingsStore

TRICKY = [
    "plain", "", " leading and trailing ", "a,b,c", 'say "hello"', "semi;colon",
    "equals=sign", "back\\slash", "\\\\server\\share\\KB #2", "@at the start",
    "Señora Dalisay — ñ, é, 中文", "tab\there", "new\nline", "#hash", "[bracket]",
    "100%", "ends with \\",
]


@pytest.mark.parametrize("value", TRICKY)
def test_strings_written_by_qsettings_read_back_the_same(tmp_path: Path, value: str) -> None:
    path = tmp_path / "Kalma.conf"
    qs = QSettings(str(path), QSettings.Format.IniFormat)
    qs.setValue("agent_name", value)
    qs.sync()
    assert user_store.read_qt_ini(path.read_bytes())["agent_name"] == value


def test_every_setting_round_trips_through_the_app_store(temp_qsettings: Path) -> None:
    chosen = Settings(ui_language="fil", hold_interval_s=90, trainer_enabled=False,
                      kb_view="en", agent_name="Maria, Team 3", favorites=["a-b", "c"],
                      recent=[], zoom=-2, mini_mode=True, last_query='"refund" 5%')
    SettingsStore().save(chosen, frozenset())
    assert user_store.store_location().startswith(str(temp_qsettings))
    qt_values = SettingsStore().load_user_values()
    qt_free = user_store.load_user_values()
    assert resolve(qt_free, {}).settings == resolve(qt_values, {}).settings == chosen


def test_qt_fallback_stores_are_not_a_hidden_layer(temp_qsettings: Path,
                                                   tmp_path: Path) -> None:
    # What /etc/xdg/Kalma/Kalma.conf and ~/.config/Kalma.conf would hold.
    system = tmp_path / "xdg"
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.SystemScope, str(system))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(system))
    fallbacks = [(QSettings.Scope.SystemScope, "Kalma"), (QSettings.Scope.SystemScope, ""),
                 (QSettings.Scope.UserScope, "")]  # the user's own file is Kalma/Kalma
    for scope, app in fallbacks:
        planted = QSettings(QSettings.Format.NativeFormat, scope, "Kalma", app)
        planted.setValue("trainer_enabled", "false")
        planted.setValue("hold_interval_s", 300)
        planted.sync()
        assert Path(planted.fileName()).is_file()
    store = SettingsStore()
    store.save_values({"zoom": 2}, frozenset())
    assert store.load_user_values() == {"zoom": 2}
    assert user_store.load_user_values() == {"zoom": "2"}


def test_windows_reads_the_qt_registry_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.platform", "win32")
    fake = FakeRegistry({(HKCU, QT_USER_KEY): {"hold_interval_s": 90, "mini_mode": "true"}})
    assert user_store.user_settings_file() is None
    assert user_store.store_location() == f"{HKCU}\\{QT_USER_KEY}"
    values = user_store.load_user_values(registry=fake)
    assert resolve(values, {}).settings.hold_interval_s == 90
    assert resolve(values, {}).settings.mini_mode is True


def test_a_missing_or_garbled_store_is_empty(tmp_path: Path) -> None:
    assert user_store.load_user_values({"XDG_CONFIG_HOME": str(tmp_path)}) == {}
    assert user_store.read_qt_ini(b"\xff\xfe garbage\nno section=1\n[General]\nzoom\n") == {}


def test_window_state_lives_in_the_ui_store_not_in_core_settings(temp_qsettings: Path) -> None:
    from dataclasses import fields

    from desktop.ui.settings_store import WindowState

    assert not {"window_geometry", "splitter_state"} & {f.name for f in fields(Settings)}
    store = SettingsStore()
    store.save_window_state(WindowState("AdnQywADAAA=", "AAAA/w==;hidden=2"))
    store.save(Settings(zoom=1), frozenset())
    assert SettingsStore().load_window_state() == WindowState("AdnQywADAAA=",
                                                              "AAAA/w==;hidden=2")
    assert "window_geometry" not in resolve(user_store.load_user_values(), {}).sources
