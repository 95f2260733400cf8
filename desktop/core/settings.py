"""Typed settings and where their values come from.

Precedence, lowest first:
  built-in defaults
  < system config `[defaults]` (IT's suggestions; the user may change them)
  < the user's own settings (QSettings in the app, through ui/settings_store.py)
  < system config `[locked]` (IT's rules; the user cannot change them)
  < KALMA_* environment variables (also locked; handy for scripted deployments)

System config files: /etc/kalma/kalma.ini on Linux, %ProgramData%\\Kalma\\kalma.ini on
Windows, /Library/Application Support/Kalma/kalma.ini on macOS; KALMA_CONFIG names
another file. Only primitives (str, int, bool, list of str) are stored anywhere.

The ini file may be UTF-8 (with or without BOM) or UTF-16 with BOM (PowerShell's
Out-File); section names are case-insensitive; `;` or `#` after a space starts a comment.
A bad value is reported and skipped; a bad value under [locked] still locks the key, at
its system/built-in value, so a typo never hands the setting back to the user.
Empty KALMA_* variables count as unset.
"""

from __future__ import annotations

import configparser
import dataclasses
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

UI_LANGUAGES = ("en", "fil")
KB_VIEWS = ("both", "en", "fil")


@dataclass
class Settings:
    # Deployment (IT may lock these)
    kb_dir: str = ""  # empty: the bundled KB
    ui_language: str = "en"
    trainer_enabled: bool = True
    hold_interval_s: int = 60
    abuse_warning_limit: int = 3
    gap_log_enabled: bool = False
    gap_share_dir: str = ""  # a shared folder each seat appends its scrubbed gaps to
    recovery_card_enabled: bool = True
    # Agent preferences
    kb_view: str = "both"  # both | en | fil
    agent_name: str = ""
    favorites: list[str] = field(default_factory=list)
    recent: list[str] = field(default_factory=list)
    last_query: str = ""
    last_stage: str = ""
    last_tags: list[str] = field(default_factory=list)
    last_channel: str = "any"
    last_lang: str = "any"
    zoom: int = 0
    mini_mode: bool = False
    window_geometry: str = ""  # base64 of QWidget.saveGeometry()
    splitter_state: str = ""

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


DEPLOYMENT_KEYS = (
    "kb_dir", "ui_language", "trainer_enabled", "hold_interval_s", "abuse_warning_limit",
    "gap_log_enabled", "recovery_card_enabled", "gap_share_dir",
)
_LIMITS = {"hold_interval_s": (10, 3600), "abuse_warning_limit": (1, 10), "zoom": (-6, 12)}


@dataclass(frozen=True)
class ResolvedSettings:
    settings: Settings
    locked: frozenset[str]
    sources: dict[str, str]  # key -> where its value came from
    files_read: tuple[Path, ...]
    problems: tuple[str, ...]


def field_types() -> dict[str, type]:
    hints = {"str": str, "int": int, "bool": bool, "list[str]": list}
    return {f.name: hints[str(f.type)] for f in fields(Settings)}


def coerce(key: str, value: object) -> object:
    """Turn a stored primitive (often a string from an ini file or QSettings) into the field type.

    Raises ValueError with a readable message when the value does not fit.
    """
    kind = field_types()[key]
    if kind is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off", ""):
            return False
        raise ValueError(f"{key} must be true or false, not {value!r}")
    if kind is int:
        try:
            number = int(str(value).strip())
        except ValueError as exc:
            raise ValueError(f"{key} must be a whole number, not {value!r}") from exc
        low, high = _LIMITS.get(key, (-(2**31), 2**31))
        return max(low, min(high, number))
    if kind is list:
        if isinstance(value, list | tuple):
            return [str(v) for v in value if str(v)]
        return [part.strip() for part in str(value or "").split(",") if part.strip()]
    text = str(value if value is not None else "")
    if key == "ui_language" and text not in UI_LANGUAGES:
        raise ValueError(f"ui_language must be one of {', '.join(UI_LANGUAGES)}, not {text!r}")
    if key == "kb_view" and text not in KB_VIEWS:
        raise ValueError(f"kb_view must be one of {', '.join(KB_VIEWS)}, not {text!r}")
    return text


def to_primitives(settings: Settings) -> dict[str, object]:
    return dataclasses.asdict(settings)


def system_config_paths(environ: Mapping[str, str] | None = None) -> list[Path]:
    override = (os.environ if environ is None else environ).get("KALMA_CONFIG")
    if override:
        return [Path(override)]
    if sys.platform.startswith("win"):
        base = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return [Path(base) / "Kalma" / "kalma.ini"]
    if sys.platform == "darwin":
        return [Path("/Library/Application Support/Kalma/kalma.ini")]
    return [Path("/etc/kalma/kalma.ini")]


SYSTEM_SECTIONS = ("defaults", "locked")


def read_system_config(paths: list[Path]) -> tuple[dict[str, str], dict[str, str], list[Path],
                                                   list[str]]:
    """Return ([defaults], [locked], files read, problems)."""
    defaults: dict[str, str] = {}
    locked: dict[str, str] = {}
    read: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if not path.is_file():
            continue
        try:
            sections = _parse_ini(path)
        except (configparser.Error, OSError, UnicodeError) as exc:
            problems.append(f"{path}: cannot read system config ({_one_line(exc)})")
            continue
        read.append(path)
        for name, items in sections.items():
            if name not in SYSTEM_SECTIONS:
                problems.append(f"{path}: unknown section [{name}] (use [defaults] or [locked])")
                continue
            (defaults if name == "defaults" else locked).update(items)
    return defaults, locked, read, problems


def _parse_ini(path: Path) -> dict[str, dict[str, str]]:
    # Read the text ourselves: ConfigParser.read() silently skips files it cannot open.
    # Inline comments count only after whitespace, so "\\srv\kb#2" keeps its "#".
    parser = configparser.ConfigParser(interpolation=None, default_section="\0",
                                       inline_comment_prefixes=(";", "#"))
    parser.read_string(_decode_ini(path.read_bytes()), source=str(path))
    sections: dict[str, dict[str, str]] = {}
    for name in parser.sections():  # [DEFAULT] is an ordinary (unknown) section here
        items = {key: _unquote(value) for key, value in parser.items(name)}
        sections.setdefault(name.strip().lower(), {}).update(items)
    return sections


def _decode_ini(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def _unquote(value: str) -> str:
    # IT often quotes paths with spaces; the quotes are not part of the value.
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def env_overrides(environ: Mapping[str, str]) -> dict[str, str]:
    names = {f.name for f in fields(Settings)}
    found = {}
    for name in names:
        value = environ.get(f"KALMA_{name.upper()}")
        if value:  # an empty variable (e.g. `export KALMA_KB_DIR=$UNSET`) counts as unset
            found[name] = value
    return found


def resolve(user: Mapping[str, object] | None = None,
            environ: Mapping[str, str] | None = None,
            config_paths: list[Path] | None = None) -> ResolvedSettings:
    """Merge every layer into one Settings; bad values are skipped and reported."""
    environ = os.environ if environ is None else environ
    paths = system_config_paths(environ) if config_paths is None else config_paths
    defaults, locked, read, problems = read_system_config(paths)
    values = to_primitives(Settings())
    sources = dict.fromkeys(values, "default")
    locked_keys: set[str] = set()
    _apply_layer(values, sources, "system [defaults]", defaults, problems)
    system_values, system_sources = dict(values), dict(sources)  # what a bad lock falls back to
    _apply_layer(values, sources, "user", user or {}, problems)
    for source, layer in (("system [locked]", locked), ("environment", env_overrides(environ))):
        for key in _apply_layer(values, sources, source, layer, problems, failed_ok=True):
            locked_keys.add(key)
            if sources[key] == "user":  # the lock's own value was bad: IT's rule still holds
                values[key], sources[key] = system_values[key], system_sources[key]
    settings = Settings(**values)  # type: ignore[arg-type]  # coerce() checked every type
    return ResolvedSettings(settings, frozenset(locked_keys), sources, tuple(read),
                            tuple(problems))


def _apply_layer(values: dict[str, object], sources: dict[str, str], source: str,
                 layer: Mapping[str, object], problems: list[str],
                 failed_ok: bool = False) -> list[str]:
    """Merge one layer in place; return the keys it set (and the bad ones if failed_ok)."""
    applied: list[str] = []
    for key, raw in layer.items():
        if key not in values:
            if source.startswith("system"):
                problems.append(f"unknown setting {key!r} in {source}")
            continue
        try:
            value = coerce(key, raw)
        except ValueError as exc:
            problems.append(f"{source}: {exc}")
            if failed_ok:
                applied.append(key)
            continue
        if _clamped(raw, value):
            problems.append(f"{source}: {key} = {raw!r} is out of range; using {value}")
        values[key], sources[key] = value, source
        applied.append(key)
    return applied


def _clamped(raw: object, value: object) -> bool:
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    try:
        return int(str(raw).strip()) != value
    except ValueError:
        return False


def user_changes(settings: Settings, locked: frozenset[str]) -> dict[str, object]:
    """What to store for the user: everything except locked keys (IT's values stay IT's)."""
    return {k: v for k, v in to_primitives(settings).items() if k not in locked}


def effective_kb_dir(settings: Settings, bundled: Path) -> Path:
    return Path(settings.kb_dir).expanduser() if settings.kb_dir else bundled
