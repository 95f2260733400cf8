"""Typed settings and where their values come from.

Precedence, lowest first:
  built-in defaults
  < system config `[defaults]` (IT's suggestions; the user may change them)
  < KALMA_CONFIG file `[defaults]` (an extra layer; it never replaces the system file)
  < the user's own settings (written by the app, read Qt-free by core/user_store.py)
  < KALMA_* environment variables (handy for scripted deployments)
  < KALMA_CONFIG file `[locked]`
  < system config `[locked]` (IT's rules: nothing above the line beats them)
  < Windows Group Policy (HKLM\\SOFTWARE\\Policies\\Kalma; its `Recommended` subkey
    counts as system `[defaults]`)

System config files: /etc/kalma/kalma.ini on Linux, %ProgramData%\\Kalma\\kalma.ini on
Windows, /Library/Application Support/Kalma/kalma.ini on macOS. Only primitives (str, int,
bool, list of str) are stored anywhere.

The ini reader is tolerant line by line, so one typo never drops the other locks: UTF-8
(with or without BOM), UTF-16 with BOM, or any 8-bit encoding in comments; duplicate keys
(the last wins), repeated sections (merged), stray lines and unknown keys are reported
and skipped. `;` or `#` after a space starts a comment.

Failing closed: a bad value under [locked] still locks the key, at its safe value (see
SAFE_VALUES) or else its system/built-in value; a system file that exists but cannot be
read locks every key in SAFE_VALUES, and `config_failure` says so for the app and doctor.
Empty KALMA_* variables count as unset.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from desktop.core.registry import (
    HKLM,
    POLICY_KEY,
    POLICY_RECOMMENDED_KEY,
    Registry,
    default_registry,
)

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
    kb_poll_interval_s: int = 30  # shared KB without change notifications; plus jitter
    offline_copy_dir: str = ""  # empty: per user; e.g. /var/lib/kalma for non-persistent VDI
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
    # Window geometry and splitter state are Qt widget state: desktop/ui/settings_store.py

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


DEPLOYMENT_KEYS = (
    "kb_dir", "ui_language", "trainer_enabled", "hold_interval_s", "abuse_warning_limit",
    "gap_log_enabled", "recovery_card_enabled", "gap_share_dir", "kb_poll_interval_s",
    "offline_copy_dir",
)
_LIMITS = {"hold_interval_s": (10, 3600), "abuse_warning_limit": (1, 10), "zoom": (-6, 12),
           "kb_poll_interval_s": (5, 3600)}


# Values a locked key takes when IT's rule cannot be read: the cautious choice.
SAFE_VALUES: dict[str, object] = {"trainer_enabled": False, "gap_log_enabled": False}


@dataclass(frozen=True)
class ResolvedSettings:
    settings: Settings
    locked: frozenset[str]
    sources: dict[str, str]  # key -> where its value came from
    files_read: tuple[Path, ...]
    problems: tuple[str, ...]
    config_failure: str = ""  # set when IT's settings could not be read (locks failed closed)


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
        if text in ("0", "false", "no", "off"):
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


def system_config_path() -> Path:
    """IT's file for this machine (always read; KALMA_CONFIG cannot replace it)."""
    if sys.platform.startswith("win"):
        base = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return Path(base) / "Kalma" / "kalma.ini"
    if sys.platform == "darwin":
        return Path("/Library/Application Support/Kalma/kalma.ini")
    return Path("/etc/kalma/kalma.ini")


def system_config_paths(environ: Mapping[str, str] | None = None) -> list[Path]:
    """Every file looked at: the system file, then KALMA_CONFIG's extra layer if set."""
    extra = (os.environ if environ is None else environ).get("KALMA_CONFIG")
    return [system_config_path(), *([Path(extra)] if extra else [])]


SYSTEM_SECTIONS = ("defaults", "locked")


@dataclass
class ConfigFile:
    """One ini file's two sections, as read line by line."""

    path: Path
    defaults: dict[str, str] = field(default_factory=dict)
    locked: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    read: bool = False
    failure: str = ""  # the file exists but could not be read at all


def read_config_file(path: Path) -> ConfigFile:
    config = ConfigFile(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return config
    except OSError as exc:
        config.failure = f"{path}: cannot read ({exc.strerror or _one_line(exc)})"
        return config
    config.read = True
    sections = {"defaults": config.defaults, "locked": config.locked}
    current: dict[str, str] | None = None
    where = str(path)
    for number, line in enumerate(_decode_lines(data), 1):
        text = line.replace("\ufeff", "").strip()
        if not text or text[0] in ";#":
            continue
        if text.startswith("["):
            name = text[1:text.find("]")].strip().lower() if "]" in text else ""
            current = sections.get(name)
            if current is None:
                config.problems.append(f"{where}:{number}: unknown section {text[:40]!r} "
                                       "(use [defaults] or [locked]); its lines are ignored")
            continue
        key, sep, value = text.partition("=")
        key = key.strip().lower()
        if not sep or not key:
            config.problems.append(f"{where}:{number}: not a 'key = value' line: "
                                   f"{text[:40]!r}")
            continue
        if current is None:
            if not config.problems or f"{where}:{number}:" not in config.problems[-1]:
                config.problems.append(f"{where}:{number}: {key} is outside [defaults] and "
                                       "[locked]; ignored")
            continue
        if key in current:
            config.problems.append(f"{where}:{number}: {key} is set twice; the last one counts")
        current[key] = _unquote(re.split(r"\s[;#]", value, maxsplit=1)[0])
    return config


def _decode_lines(data: bytes) -> list[str]:
    """Lines as text: UTF-16 with BOM as a whole, else each line UTF-8 or, failing that,
    Windows-1252 (a Notepad comment with an accent must not lose the file)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace").splitlines()
    lines = []
    for raw in data.split(b"\n"):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(raw.decode("cp1252", errors="replace"))
    return lines


def read_system_config(paths: list[Path]) -> tuple[dict[str, str], dict[str, str], list[Path],
                                                   list[str]]:
    """Return ([defaults], [locked], files read, problems), later files winning."""
    defaults: dict[str, str] = {}
    locked: dict[str, str] = {}
    read: list[Path] = []
    problems: list[str] = []
    for path in paths:
        config = read_config_file(path)
        problems.extend(config.problems + ([config.failure] if config.failure else []))
        if config.read:
            read.append(path)
        defaults.update(config.defaults)
        locked.update(config.locked)
    return defaults, locked, read, problems


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


def group_policy(registry: Registry) -> tuple[dict[str, object], dict[str, object], str]:
    """(recommended, locked, failure) from HKLM\\SOFTWARE\\Policies\\Kalma."""
    try:
        locked = registry.values(HKLM, POLICY_KEY)
        recommended = registry.values(HKLM, POLICY_RECOMMENDED_KEY)
    except OSError as exc:
        return {}, {}, f"Group Policy (HKLM\\{POLICY_KEY}): cannot read ({_one_line(exc)})"
    return ({k.lower(): v for k, v in recommended.items()},
            {k.lower(): v for k, v in locked.items()}, "")


@dataclass
class _Merge:
    """The running result while layers are applied, lowest first."""

    values: dict[str, object]
    sources: dict[str, str]
    problems: list[str]
    locked: set[str] = field(default_factory=set)
    baseline: dict[str, tuple[object, str]] = field(default_factory=dict)  # IT's defaults

    def remember_baseline(self) -> None:
        self.baseline = {k: (v, self.sources[k]) for k, v in self.values.items()}

    def apply(self, source: str, layer: Mapping[str, object], lock: bool = False) -> None:
        for key, raw in layer.items():
            if key not in self.values:
                if source != "user":
                    self.problems.append(f"unknown setting {key!r} in {source}")
                continue
            try:
                value = coerce(key, raw)
            except ValueError as exc:
                self.problems.append(f"{source}: {exc}")
                if lock:  # IT meant to lock it: it stays locked, at the cautious value
                    self.lock_safe(key, f"{source}, invalid value")
                continue
            if _clamped(raw, value):
                self.problems.append(f"{source}: {key} = {raw!r} is out of range; "
                                     f"using {value}")
            self.values[key], self.sources[key] = value, source
            if lock:
                self.locked.add(key)

    def lock_safe(self, key: str, why: str) -> None:
        if key in SAFE_VALUES:
            self.values[key], self.sources[key] = SAFE_VALUES[key], f"safe value ({why})"
        elif self.sources[key] in ("user", "environment") and key in self.baseline:
            value, source = self.baseline[key]
            self.values[key], self.sources[key] = value, f"{source} ({why})"
        self.locked.add(key)


def resolve(user: Mapping[str, object] | None = None,
            environ: Mapping[str, str] | None = None,
            config_paths: list[Path] | None = None,
            registry: Registry | None = None) -> ResolvedSettings:
    """Merge every layer into one Settings; bad values are reported, never silently used.

    `config_paths` are the system files (default: system_config_path()); KALMA_CONFIG in
    `environ` adds its own layer on top of them.
    """
    environ = os.environ if environ is None else environ
    systems = [read_config_file(p) for p in (config_paths if config_paths is not None
                                              else [system_config_path()])]
    extra_name = environ.get("KALMA_CONFIG")
    extra = read_config_file(Path(extra_name)) if extra_name else ConfigFile(Path())
    recommended, policy, policy_failure = group_policy(registry or default_registry())
    failures = [c.failure for c in systems if c.failure] + (
        [policy_failure] if policy_failure else [])
    merge = _Merge(to_primitives(Settings()), dict.fromkeys(to_primitives(Settings()),
                                                            "default"), [])
    for config in systems:
        merge.problems.extend(config.problems)
    merge.problems.extend(extra.problems + ([extra.failure] if extra.failure else []))
    merge.problems.extend(failures)
    for config in systems:
        merge.apply("system [defaults]", config.defaults)
    merge.apply("group policy (recommended)", recommended)
    merge.apply("KALMA_CONFIG [defaults]", extra.defaults)
    merge.remember_baseline()
    merge.apply("user", user or {})
    env = env_overrides(environ)
    merge.apply("environment", env, lock=True)
    merge.apply("KALMA_CONFIG [locked]", extra.locked, lock=True)
    for config in systems:
        merge.apply("system [locked]", config.locked, lock=True)
    merge.apply("group policy", policy, lock=True)
    if failures:  # fail closed: whatever IT locked, the cautious keys stay shut
        for key in SAFE_VALUES:
            merge.lock_safe(key, "IT settings unreadable")
    settings = Settings(**merge.values)  # type: ignore[arg-type]  # coerce() checked types
    failure = ("; ".join(failures) + "; locked settings use safe values") if failures else ""
    read = [c.path for c in systems if c.read] + ([extra.path] if extra.read else [])
    return ResolvedSettings(settings, frozenset(merge.locked), merge.sources, tuple(read),
                            tuple(merge.problems), failure)


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
