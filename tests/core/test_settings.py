"""IT configuration layering:
built-in < [defaults] < user < KALMA_* environment < [locked] < Group Policy."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.core.registry import HKLM, POLICY_KEY, POLICY_RECOMMENDED_KEY, FakeRegistry
from desktop.core.settings import (
    SAFE_VALUES,
    Settings,
    effective_kb_dir,
    env_overrides,
    resolve,
    system_config_path,
    system_config_paths,
    user_changes,
)

REAL_SYSTEM_CONFIG_PATH = system_config_path  # conftest swaps it per test


def write_ini(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


@pytest.fixture
def ini(tmp_path: Path) -> Path:
    return write_ini(tmp_path / "kalma.ini", """\
[defaults]
ui_language = fil
hold_interval_s = 90
kb_dir = /srv/suggested

[locked]
trainer_enabled = false
abuse_warning_limit = 2
""")


def test_built_in_defaults_when_nothing_is_configured(tmp_path: Path) -> None:
    resolved = resolve(environ={}, config_paths=[tmp_path / "absent.ini"])
    assert resolved.settings == Settings()
    assert set(resolved.sources.values()) == {"default"}
    assert not resolved.locked and not resolved.files_read and not resolved.problems


def test_each_layer_beats_the_one_below(ini: Path) -> None:
    user = {"ui_language": "en", "hold_interval_s": 30, "trainer_enabled": True,
            "abuse_warning_limit": 5, "gap_log_enabled": True}
    environ = {"KALMA_GAP_LOG_ENABLED": "no", "KALMA_HOLD_INTERVAL_S": "45"}
    resolved = resolve(user, environ, [ini])
    s, src = resolved.settings, resolved.sources
    assert (s.kb_dir, src["kb_dir"]) == ("/srv/suggested", "system [defaults]")
    assert (s.ui_language, src["ui_language"]) == ("en", "user")  # user beats [defaults]
    assert (s.hold_interval_s, src["hold_interval_s"]) == (45, "environment")  # env beats user
    assert (s.trainer_enabled, src["trainer_enabled"]) == (False, "system [locked]")
    assert (s.abuse_warning_limit, src["abuse_warning_limit"]) == (2, "system [locked]")
    assert (s.gap_log_enabled, src["gap_log_enabled"]) == (False, "environment")
    assert (s.recovery_card_enabled, src["recovery_card_enabled"]) == (True, "default")
    assert resolved.locked == {"trainer_enabled", "abuse_warning_limit", "gap_log_enabled",
                               "hold_interval_s"}
    assert resolved.files_read == (ini,)
    assert not resolved.problems and not resolved.config_failure


def test_environment_cannot_beat_a_lock(ini: Path) -> None:
    environ = {"KALMA_TRAINER_ENABLED": "true", "KALMA_ABUSE_WARNING_LIMIT": "9"}
    resolved = resolve({}, environ, [ini])
    assert resolved.settings.trainer_enabled is False
    assert resolved.settings.abuse_warning_limit == 2
    assert resolved.sources["trainer_enabled"] == "system [locked]"


def test_kalma_config_adds_a_layer_and_never_removes_the_system_one(
        ini: Path, tmp_path: Path) -> None:
    mine = write_ini(tmp_path / "my.ini", "[locked]\ntrainer_enabled = true\n"
                     "recovery_card_enabled = false\n[defaults]\nui_language = en\n"
                     "hold_interval_s = 120\n")
    resolved = resolve({}, {"KALMA_CONFIG": str(mine)}, [ini])
    s, src = resolved.settings, resolved.sources
    assert (s.trainer_enabled, src["trainer_enabled"]) == (False, "system [locked]")
    assert (s.recovery_card_enabled, src["recovery_card_enabled"]) == (
        False, "KALMA_CONFIG [locked]")
    assert (s.hold_interval_s, src["hold_interval_s"]) == (120, "KALMA_CONFIG [defaults]")
    assert resolved.files_read == (ini, mine)
    assert system_config_paths({"KALMA_CONFIG": str(mine)})[-1] == mine


def test_locked_keys_are_never_stored_for_the_user(ini: Path) -> None:
    resolved = resolve({"trainer_enabled": True}, {"KALMA_UI_LANGUAGE": "en"}, [ini])
    stored = user_changes(resolved.settings, resolved.locked)
    assert "trainer_enabled" not in stored and "abuse_warning_limit" not in stored
    assert "ui_language" not in stored
    assert stored["hold_interval_s"] == 90 and stored["kb_view"] == "both"


def test_bad_values_are_reported_not_fatal(tmp_path: Path) -> None:
    ini = write_ini(tmp_path / "kalma.ini", """\
[defaults]
ui_language = klingon
hold_interval_s = soon
colour = blue
[locked]
kb_view = sideways
""")
    resolved = resolve({"zoom": "big"}, {"KALMA_TRAINER_ENABLED": "maybe"}, [ini])
    assert resolved.settings.ui_language == "en"
    assert resolved.settings.hold_interval_s == 60
    text = "\n".join(resolved.problems)
    for expected in ("ui_language must be one of", "hold_interval_s must be a whole number",
                     "unknown setting 'colour'", "kb_view must be one of",
                     "zoom must be a whole number", "trainer_enabled must be true or false"):
        assert expected in text


@pytest.mark.parametrize("typo", ["flase", "", "ture", "2", "disabled"])
def test_a_bad_locked_value_locks_the_key_at_its_safe_value(tmp_path: Path,
                                                            typo: str) -> None:
    ini = write_ini(tmp_path / "kalma.ini", f"[locked]\ntrainer_enabled = {typo}\n")
    resolved = resolve({"trainer_enabled": True}, {"KALMA_TRAINER_ENABLED": "1"}, [ini])
    assert "trainer_enabled" in resolved.locked
    assert resolved.settings.trainer_enabled is False  # never silently true
    assert resolved.sources["trainer_enabled"].startswith("safe value")
    assert any("trainer_enabled must be true or false" in p for p in resolved.problems)


def test_a_bad_locked_value_without_a_safe_value_takes_the_system_default(
        tmp_path: Path) -> None:
    ini = write_ini(tmp_path / "kalma.ini",
                    "[defaults]\nhold_interval_s = 90\n[locked]\nhold_interval_s = soon\n")
    resolved = resolve({"hold_interval_s": 20}, {}, [ini])
    assert resolved.settings.hold_interval_s == 90 and "hold_interval_s" in resolved.locked


def test_unreadable_system_config_fails_closed(tmp_path: Path) -> None:
    ini = write_ini(tmp_path / "kalma.ini", "[locked]\nkb_dir = /srv/kb\n")
    ini.chmod(0)
    try:
        if os.access(ini, os.R_OK):
            pytest.skip("running as root: chmod 0 does not stop reading")
        resolved = resolve({"trainer_enabled": True, "gap_log_enabled": True},
                           {"KALMA_TRAINER_ENABLED": "true"}, [ini])
    finally:
        ini.chmod(0o644)
    for key, safe in SAFE_VALUES.items():
        assert getattr(resolved.settings, key) == safe and key in resolved.locked
    assert "cannot read" in resolved.config_failure
    assert "safe values" in resolved.config_failure
    assert resolved.files_read == ()


def test_a_folder_in_place_of_the_system_config_fails_closed(tmp_path: Path) -> None:
    # The same path as an unreadable file, testable as root too.
    folder = tmp_path / "kalma.ini"
    folder.mkdir()
    resolved = resolve({"trainer_enabled": True}, {}, [folder])
    assert resolved.settings.trainer_enabled is False and resolved.config_failure


def test_out_of_range_numbers_are_clamped_and_reported(tmp_path: Path) -> None:
    ini = write_ini(tmp_path / "kalma.ini", "[locked]\nhold_interval_s = 5\n")
    resolved = resolve({}, {}, [ini])
    assert resolved.settings.hold_interval_s == 10
    assert any("out of range; using 10" in p for p in resolved.problems)


def test_one_bad_line_never_drops_the_other_locks(tmp_path: Path) -> None:
    ini = tmp_path / "kalma.ini"
    ini.write_bytes(
        b"\xef\xbb\xbf[defaults]\nhold_interval_s = 90\n"
        b"; Jos\xe9's comment in cp1252\n"
        b"this line has no equals sign\n"
        b"[locked]\ntrainer_enabled = false\nabuse_warning_limit = 3\n"
        b"abuse_warning_limit = 2\n"
        b"[defaults]\nui_language = fil\n"  # NSIS /UILANG= appends a second [defaults]
        b"[locked]\ngap_log_enabled = false\n"
        b"[weird]\nkb_dir = /nowhere\n")
    resolved = resolve({"trainer_enabled": True}, {}, [ini])
    s = resolved.settings
    assert (s.trainer_enabled, s.abuse_warning_limit, s.gap_log_enabled) == (False, 2, False)
    assert (s.hold_interval_s, s.ui_language, s.kb_dir) == (90, "fil", "")
    assert resolved.locked == {"trainer_enabled", "abuse_warning_limit", "gap_log_enabled"}
    text = "\n".join(resolved.problems)
    assert f"{ini}:4: not a 'key = value' line" in text
    assert f"{ini}:8: abuse_warning_limit is set twice" in text
    assert f"{ini}:13: unknown section" in text
    assert resolved.files_read == (ini,) and not resolved.config_failure


def test_keys_outside_a_section_are_reported(tmp_path: Path) -> None:
    ini = write_ini(tmp_path / "kalma.ini", "kb_dir = /srv/kb\n[locked]\nzoom = 2\n")
    resolved = resolve({}, {}, [ini])
    assert resolved.settings.kb_dir == "" and resolved.settings.zoom == 2
    assert any(":1: kb_dir is outside [defaults] and [locked]" in p for p in resolved.problems)


def test_windows_encodings_and_quirks_are_accepted(tmp_path: Path) -> None:
    bom = write_ini(tmp_path / "notepad.ini",
                    "[Defaults]\nui_language = fil ; Filipino first\n", "utf-8-sig")
    utf16 = write_ini(tmp_path / "outfile.ini",
                      '[LOCKED]\nkb_dir = "\\\\server\\share\\Kalma KB#2"\n', "utf-16")
    resolved = resolve({}, {}, [bom, utf16])
    assert resolved.settings.ui_language == "fil"
    assert resolved.settings.kb_dir == "\\\\server\\share\\Kalma KB#2"
    assert resolved.locked == {"kb_dir"}
    assert not resolved.problems


def test_default_section_is_not_a_lock(tmp_path: Path) -> None:
    ini = write_ini(tmp_path / "kalma.ini", "[DEFAULT]\nui_language = fil\n[locked]\n")
    resolved = resolve({}, {}, [ini])
    assert resolved.settings.ui_language == "en" and not resolved.locked
    assert any("unknown section '[DEFAULT]'" in p for p in resolved.problems)


def test_later_files_override_earlier_ones(tmp_path: Path) -> None:
    first = write_ini(tmp_path / "a.ini", "[locked]\nabuse_warning_limit = 2\n")
    second = write_ini(tmp_path / "b.ini", "[locked]\nabuse_warning_limit = 6\n")
    assert resolve({}, {}, [first, second]).settings.abuse_warning_limit == 6


def test_empty_environment_variables_count_as_unset() -> None:
    assert env_overrides({"KALMA_KB_DIR": "", "KALMA_UI_LANGUAGE": "fil"}) == {
        "ui_language": "fil"}
    assert env_overrides({"KALMA_CONFIG": "/x", "KALMA_DEBUG": "1", "OTHER": "1"}) == {}


def test_group_policy_locks_beat_every_file(ini: Path) -> None:
    registry = FakeRegistry({
        (HKLM, POLICY_KEY): {"TRAINER_ENABLED": 1, "abuse_warning_limit": 4},
        (HKLM, POLICY_RECOMMENDED_KEY): {"ui_language": "fil", "hold_interval_s": 30},
    })
    resolved = resolve({"hold_interval_s": 20}, {"KALMA_ABUSE_WARNING_LIMIT": "7"}, [ini],
                       registry=registry)
    s, src = resolved.settings, resolved.sources
    assert (s.trainer_enabled, src["trainer_enabled"]) == (True, "group policy")
    assert (s.abuse_warning_limit, src["abuse_warning_limit"]) == (4, "group policy")
    assert (s.ui_language, src["ui_language"]) == ("fil", "group policy (recommended)")
    assert (s.hold_interval_s, src["hold_interval_s"]) == (20, "user")
    assert {"trainer_enabled", "abuse_warning_limit"} <= resolved.locked


def test_group_policy_with_a_bad_value_or_unreadable_key_fails_closed(ini: Path) -> None:
    bad = resolve({}, {}, [], registry=FakeRegistry({(HKLM, POLICY_KEY):
                                                      {"gap_log_enabled": "yes please"}}))
    assert bad.settings.gap_log_enabled is False and "gap_log_enabled" in bad.locked
    denied = resolve({"trainer_enabled": True}, {}, [],
                     registry=FakeRegistry(failing=frozenset({(HKLM, POLICY_KEY)})))
    assert denied.settings.trainer_enabled is False
    assert "Group Policy" in denied.config_failure


def test_platform_default_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    assert REAL_SYSTEM_CONFIG_PATH() == Path("/etc/kalma/kalma.ini")
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("PROGRAMDATA", "D:\\PD")
    assert REAL_SYSTEM_CONFIG_PATH() == Path("D:\\PD") / "Kalma" / "kalma.ini"


def test_effective_kb_dir(tmp_path: Path) -> None:
    bundled = tmp_path / "bundled"
    assert effective_kb_dir(Settings(), bundled) == bundled
    assert effective_kb_dir(Settings(kb_dir=str(tmp_path / "kb")), bundled) == tmp_path / "kb"
