"""IT configuration layering: defaults < [defaults] < user < [locked] < KALMA_* environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.settings import (
    Settings,
    effective_kb_dir,
    env_overrides,
    resolve,
    system_config_paths,
    user_changes,
)


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
    environ = {"KALMA_GAP_LOG_ENABLED": "no", "KALMA_ABUSE_WARNING_LIMIT": "4"}
    resolved = resolve(user, environ, [ini])
    s, src = resolved.settings, resolved.sources
    assert (s.kb_dir, src["kb_dir"]) == ("/srv/suggested", "system [defaults]")
    assert (s.ui_language, src["ui_language"]) == ("en", "user")  # user beats [defaults]
    assert (s.hold_interval_s, src["hold_interval_s"]) == (30, "user")
    assert (s.trainer_enabled, src["trainer_enabled"]) == (False, "system [locked]")
    assert (s.abuse_warning_limit, src["abuse_warning_limit"]) == (4, "environment")
    assert (s.gap_log_enabled, src["gap_log_enabled"]) == (False, "environment")
    assert (s.recovery_card_enabled, src["recovery_card_enabled"]) == (True, "default")
    assert resolved.locked == {"trainer_enabled", "abuse_warning_limit", "gap_log_enabled"}
    assert resolved.files_read == (ini,)
    assert not resolved.problems


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


def test_a_bad_locked_value_still_locks_the_key(tmp_path: Path) -> None:
    ini = write_ini(tmp_path / "kalma.ini", "[locked]\ntrainer_enabled = nope\n")
    resolved = resolve({"trainer_enabled": False}, {}, [ini])
    assert "trainer_enabled" in resolved.locked
    assert resolved.settings.trainer_enabled is True  # the built-in value, not the user's
    assert resolved.sources["trainer_enabled"] == "default"
    assert any("trainer_enabled must be true or false" in p for p in resolved.problems)


def test_out_of_range_numbers_are_clamped_and_reported(tmp_path: Path) -> None:
    ini = write_ini(tmp_path / "kalma.ini", "[locked]\nhold_interval_s = 5\n")
    resolved = resolve({}, {}, [ini])
    assert resolved.settings.hold_interval_s == 10
    assert any("out of range; using 10" in p for p in resolved.problems)


def test_unreadable_or_broken_files_are_reported(tmp_path: Path) -> None:
    broken = write_ini(tmp_path / "broken.ini", "kb_dir = /srv/kb\n")  # no section header
    latin = tmp_path / "latin.ini"
    latin.write_bytes(b"[defaults]\nagent_name = Jos\xe9\n")
    resolved = resolve({}, {}, [broken, latin])
    assert resolved.files_read == ()
    assert len(resolved.problems) == 2
    assert all("cannot read system config" in p for p in resolved.problems)
    assert all("\n" not in p for p in resolved.problems)


def test_windows_encodings_and_quirks_are_accepted(tmp_path: Path) -> None:
    bom = write_ini(tmp_path / "notepad.ini",
                    "[Defaults]\nui_language = fil ; Filipino first\n", "utf-8-sig")
    utf16 = write_ini(tmp_path / "outfile.ini",
                      '[LOCKED]\nkb_dir = "\\\\server\\share\\Kalma KB"\n', "utf-16")
    resolved = resolve({}, {}, [bom, utf16])
    assert resolved.settings.ui_language == "fil"
    assert resolved.settings.kb_dir == "\\\\server\\share\\Kalma KB"
    assert resolved.locked == {"kb_dir"}
    assert not resolved.problems


def test_default_section_is_not_a_lock(tmp_path: Path) -> None:
    # configparser's special [DEFAULT] would otherwise leak into [locked].
    ini = write_ini(tmp_path / "kalma.ini", "[DEFAULT]\nui_language = fil\n[locked]\n")
    resolved = resolve({}, {}, [ini])
    assert resolved.settings.ui_language == "en" and not resolved.locked
    assert any("unknown section [default]" in p for p in resolved.problems)


def test_later_files_override_earlier_ones(tmp_path: Path) -> None:
    first = write_ini(tmp_path / "a.ini", "[locked]\nabuse_warning_limit = 2\n")
    second = write_ini(tmp_path / "b.ini", "[locked]\nabuse_warning_limit = 6\n")
    assert resolve({}, {}, [first, second]).settings.abuse_warning_limit == 6


def test_empty_environment_variables_count_as_unset() -> None:
    assert env_overrides({"KALMA_KB_DIR": "", "KALMA_UI_LANGUAGE": "fil"}) == {
        "ui_language": "fil"}
    assert env_overrides({"KALMA_CONFIG": "/x", "KALMA_DEBUG": "1", "OTHER": "1"}) == {}


def test_kalma_config_names_the_system_file(tmp_path: Path) -> None:
    ini = write_ini(tmp_path / "site.ini", "[locked]\nui_language = fil\n")
    environ = {"KALMA_CONFIG": str(ini)}
    assert system_config_paths(environ) == [ini]
    resolved = resolve({"ui_language": "en"}, environ)
    assert resolved.settings.ui_language == "fil" and resolved.files_read == (ini,)


def test_platform_default_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    assert system_config_paths({}) == [Path("/etc/kalma/kalma.ini")]
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("PROGRAMDATA", "D:\\PD")
    assert system_config_paths({}) == [Path("D:\\PD") / "Kalma" / "kalma.ini"]


def test_effective_kb_dir(tmp_path: Path) -> None:
    bundled = tmp_path / "bundled"
    assert effective_kb_dir(Settings(), bundled) == bundled
    assert effective_kb_dir(Settings(kb_dir=str(tmp_path / "kb")), bundled) == tmp_path / "kb"
