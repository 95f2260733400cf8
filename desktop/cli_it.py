"""IT and help-desk tools for the `kalma` command: `kalma doctor`.

`kalma doctor` prints what a help desk asks for first: version, where Kalma runs from,
which config files were read and the settings in force (with source and lock), the KB
folder (reachable? writable? offline copy?), the index and its freshness, a lint summary
and the Qt platform. It only reads: no sync, no index build, nothing sent anywhere.
Exit code 0 when all is well, 1 when it lists problems.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.cli import EXIT_OK, EXIT_PROBLEMS, EXTRA_COMMANDS, app_settings
from desktop.core import cachedir, kb_location, kbfs, logsetup, resources
from desktop.core.lint import lint_kb
from desktop.core.settings import DEPLOYMENT_KEYS, ResolvedSettings, system_config_paths

KB_TIMEOUT_S = 3.0  # generous: doctor may wait longer than the app's start-up probe
COUNT_TIMEOUT_S = 20.0  # walking a big KB on a slow share takes a while
QT_PROBE_TIMEOUT_S = 30.0
DOCTOR_TIMEOUT_S = 40.0  # the whole report, whatever hangs; each step gets what is left
LOG_TAIL_BYTES = 64 * 1024
LOG_ERRORS_SHOWN = 5
Report = dict[str, Any]


@dataclass
class Doctor:
    """Collects the report section by section; `problems` is what the summary lists."""

    kb_override: Path | None = None
    check_qt: bool = True
    problems: list[str] = field(default_factory=list)
    deadline: float = 0.0

    def run(self) -> Report:
        self.deadline = time.monotonic() + DOCTOR_TIMEOUT_S
        resolved, user_store = app_settings()
        kb = self.kb_section(resolved)
        report: Report = {
            "kalma": kalma_section(),
            "config": self.config_section(resolved, user_store),
            "settings": settings_section(resolved),
            "kb": kb,
        }
        in_use = Path(kb["in_use"]) if kb["in_use"] else None
        report["index"] = self._timed("index check", lambda: index_section(in_use),
                                      {"path": "", "state": "not checked (took too long)"})
        if report["index"].get("unsafe"):
            self.problems.append(f"index cache: {report['index']['unsafe']}")
        report["lint"] = self._timed("lint", lambda: self.lint_section(in_use),
                                     {"available": False, "reason": "took too long"})
        report["qt"] = self.qt_section() if self.check_qt else {"skipped": "--no-qt"}
        report["log"] = log_section()
        report["folders"] = folders_section()
        report["problems"] = self.problems
        return report

    def remaining(self) -> float:
        return max(0.1, self.deadline - time.monotonic())

    def _timed(self, what: str, work: Callable[[], Report], fallback: Report) -> Report:
        """Run one step on a daemon thread within doctor's overall time limit."""
        result = _in_thread(work, self.remaining())
        if result is None:
            self.problems.append(f"{what} did not finish within doctor's "
                                 f"{DOCTOR_TIMEOUT_S:g} s limit")
            return fallback
        return result

    def config_section(self, resolved: ResolvedSettings, user_store: str) -> Report:
        override = os.environ.get("KALMA_CONFIG")
        if override and not Path(override).is_file():
            self.problems.append(f"KALMA_CONFIG names {override}, which is not a file")
        if resolved.config_failure:
            self.problems.append(f"IT settings could not be read: {resolved.config_failure}")
        self.problems.extend(f"settings: {p}" for p in resolved.problems
                             if p not in resolved.config_failure)
        return {
            "looked_at": [{"path": str(p), "exists": p.exists()} for p in system_config_paths()],
            "read": [str(p) for p in resolved.files_read],
            "kalma_config": override or "",
            "user_settings": user_store,
            "failure": resolved.config_failure,
            "problems": list(resolved.problems),
        }

    def kb_section(self, resolved: ResolvedSettings) -> Report:
        configured, origin = self._configured_kb(resolved)
        check = check_folder(configured, KB_TIMEOUT_S)
        mirror = kb_location.mirror_dir_for(configured)
        bundled = resources.bundled_kb_dir()
        has_mirror = configured != bundled and kb_location.has_mirror(mirror)
        in_use: Path | None = configured
        if not check.reachable:
            # The same fallback as the app (kb_location.resolve_kb_location); --kb has none.
            in_use = mirror if has_mirror else None if self.kb_override else bundled
            fallback = ("; Kalma starts from its offline copy" if has_mirror else
                        "" if self.kb_override else
                        "; Kalma starts from the KB shipped with it (with a banner)")
            self.problems.append(f"KB folder {configured}: {check.error}{fallback}")
        stamp = kb_location.read_stamp(mirror) if has_mirror else None
        skipped = stamp.get("skipped", []) if stamp else []
        return {
            "configured": str(configured), "origin": origin,
            "reachable": check.reachable, "error": check.error,
            "writable": check.writable, "files": check.files,
            "mirror": str(mirror) if has_mirror else "",
            "mirror_synced": _local_time(kb_location.mirror_synced_at(mirror))
            if has_mirror else "",
            "mirror_skipped": skipped if isinstance(skipped, list) else [],
            "in_use": str(in_use) if in_use else "",
        }

    def _configured_kb(self, resolved: ResolvedSettings) -> tuple[Path, str]:
        if self.kb_override is not None:
            return self.kb_override, "--kb"
        if resolved.settings.kb_dir:
            return (Path(resolved.settings.kb_dir).expanduser(),
                    f"kb_dir from {resolved.sources['kb_dir']}")
        return resources.bundled_kb_dir(), "bundled"

    def lint_section(self, kb_dir: Path | None) -> Report:
        if kb_dir is None:
            return {"available": False, "reason": "no KB to check"}
        summary = lint_summary(kb_dir)
        if summary.get("errors"):
            self.problems.append(f"the KB has {summary['errors']} lint error(s); "
                                 "run: kalma lint")
        return summary

    def qt_section(self) -> Report:
        headless = no_display()
        if headless:
            return {"skipped": headless}
        info = probe_qt_in_subprocess(min(QT_PROBE_TIMEOUT_S, self.remaining()))
        if info.get("error"):
            self.problems.append(f"Qt cannot start: {info['error']}")
        return info


# --- sections ------------------------------------------------------------------------------

def kalma_section() -> Report:
    frozen = bool(getattr(sys, "frozen", False))
    return {
        "version": __version__,
        "bundle": frozen,
        "app_root": str(resources.app_root()),
        "python": platform.python_version(),
        "executable": sys.executable,
        "system": platform.platform(),
    }


def settings_section(resolved: ResolvedSettings) -> Report:
    """Deployment keys always; other keys only when IT or the environment set them."""
    values = resolved.settings.__dict__
    shown = [k for k in values if k in DEPLOYMENT_KEYS or resolved.sources[k].startswith(
        ("system", "environment"))]
    return {key: {"value": values[key], "source": resolved.sources[key],
                  "locked": key in resolved.locked} for key in shown}


def index_section(kb_dir: Path | None) -> Report:
    if kb_dir is None:
        return {"path": "", "state": "no KB"}
    index = resources.index_dir_for(kb_dir)
    index_time = _newest_mtime(index)
    kb_time = _kb_newest_mtime(kb_dir)
    if index_time is None:
        state = "not built yet (built at first start or by: kalma index)"
    elif kb_time is not None and kb_time > index_time:
        state = "older than the KB (updated at next start or by: kalma index)"
    else:
        state = "up to date"
    return {"path": str(index), "state": state, "updated": _local_time(index_time),
            "kb_changed": _local_time(kb_time),
            "unsafe": cachedir.cache_warning(index, resources.user_cache_dir())}


def lint_summary(kb_dir: Path) -> Report:
    try:
        problems = lint_kb(kb_dir)
    except Exception as exc:  # doctor must finish; the lint failure itself is the finding
        return {"available": False, "reason": f"lint failed: {type(exc).__name__}: {exc}"}
    errors = [p for p in problems if p.severity == "error"]
    return {"available": True, "errors": len(errors), "warnings": len(problems) - len(errors),
            "first_errors": [p.format() for p in errors[:5]]}


def log_file() -> Path:
    """Where desktop/core/logsetup.py keeps the rotating log."""
    return logsetup.log_path()


def log_section(path: Path | None = None) -> Report:
    """The last errors in the log, read from its tail only (a huge log must not stall)."""
    path = log_file() if path is None else path
    try:
        with path.open("rb") as handle:
            handle.seek(max(0, handle.seek(0, os.SEEK_END) - LOG_TAIL_BYTES))
            tail = handle.read().decode("utf-8", errors="replace")
    except OSError:
        return {"path": str(path), "exists": False, "last_errors": []}
    errors = [line.strip()[:300] for line in tail.splitlines()
              if any(level in line for level in (" ERROR ", " CRITICAL ", "ERROR:", "CRITICAL:"))]
    return {"path": str(path), "exists": True, "last_errors": errors[-LOG_ERRORS_SHOWN:]}


def folders_section() -> Report:
    return {"user_data": str(resources.user_data_dir()),
            "user_cache": str(resources.user_cache_dir()),
            "kb_mirrors": str(kb_location.mirror_root_dir())}


# --- checks --------------------------------------------------------------------------------

@dataclass(frozen=True)
class FolderCheck:
    reachable: bool
    writable: bool = False
    files: int = 0
    error: str = ""


def check_folder(folder: Path, timeout: float) -> FolderCheck:
    """Like the app's start-up probe, on a daemon thread, so a hung share cannot hang doctor."""
    check = _in_thread(lambda: _check_folder_now(folder), timeout)
    if check is None:
        return FolderCheck(False, error=f"did not answer within {timeout:g} s")
    if not check.reachable:
        return check
    files = _in_thread(lambda: len(kb_location.scan_source(folder)), COUNT_TIMEOUT_S)
    return FolderCheck(True, writable=check.writable, files=-1 if files is None else files)


def _in_thread(work: Callable[[], Any], timeout: float) -> Any:
    result: list[Any] = []
    worker = threading.Thread(target=lambda: result.append(work()), name="kalma-doctor",
                              daemon=True)
    worker.start()
    worker.join(timeout)
    return result[0] if result else None


def _check_folder_now(folder: Path) -> FolderCheck:
    if not folder.exists():
        return FolderCheck(False, error="not found")
    if not folder.is_dir():
        return FolderCheck(False, error="not a folder")
    try:
        with os.scandir(folder) as entries:
            listed = any(not entry.name.startswith(".") for entry in entries)
    except OSError as exc:
        return FolderCheck(False, error=f"cannot be read ({exc.strerror or exc})")
    if not listed:
        return FolderCheck(False, error="empty (share not mounted?)")
    if not kb_location.looks_like_kb(folder):
        return FolderCheck(False, error=f"does not look like a KB (no "
                                        f"{kb_location.KB_SHAPE_HINT})")
    return FolderCheck(True, writable=_can_write(folder))


def _can_write(folder: Path) -> bool:
    # A real test: os.access() ignores Windows ACLs and read-only SMB shares.
    try:
        with tempfile.TemporaryFile(prefix=".kalma-doctor-", dir=folder):
            return True
    except OSError:
        return False


def _kb_newest_mtime(kb_dir: Path) -> float | None:
    """When a KB file last changed, as the KB walker lists them (its meta files too)."""
    files = kbfs.scan(kb_dir.resolve(), [], meta_files=True)
    return max((f.mtime_ns for f in files), default=0) / 1e9 or None


def _newest_mtime(root: Path) -> float | None:
    newest: float | None = None
    if not root.is_dir():
        return None
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            try:
                mtime = os.stat(os.path.join(folder, name)).st_mtime
            except OSError:
                continue
            newest = mtime if newest is None else max(newest, mtime)
    return newest


def _local_time(epoch: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(epoch)) if epoch else ""


# --- settings as the app sees them -----------------------------------------------------------

# --- Qt ----------------------------------------------------------------------------------------

def no_display(environ: dict[str, str] | None = None) -> str:
    """Why Qt cannot show a window here (a server or SSH session), or "" when it may."""
    environ = dict(os.environ) if environ is None else environ
    if not sys.platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return ""
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return ""
    return "no display (DISPLAY and WAYLAND_DISPLAY are unset)"


def probe_qt_in_subprocess(timeout: float = QT_PROBE_TIMEOUT_S) -> Report:
    """Start Qt in a child process: a missing display makes Qt abort, and that must not
    take doctor down with it."""
    env = dict(os.environ)
    if not getattr(sys, "frozen", False):
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(resources.app_root()),
                                                          env.get("PYTHONPATH")]))
    try:
        done = subprocess.run([*self_command(), "doctor", "--qt-probe"], capture_output=True,
                              text=True, timeout=timeout, env=env, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return _qt_failure(f"{type(exc).__name__}: {exc}")
    lines = done.stdout.strip().splitlines()
    if done.returncode == 0 and lines:
        try:
            info: Report = json.loads(lines[-1])
            return info
        except ValueError:
            pass
    return _qt_failure(_qt_error_text(done.stderr) or f"exit code {done.returncode}")


def _qt_error_text(stderr: str) -> str:
    """Qt's own diagnosis (the qt.qpa.* lines, e.g. a missing display or libxcb-cursor0)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    qpa = [line for line in lines if line.startswith("qt.qpa")]
    return " / ".join(qpa[:3] or lines[-2:])


def _qt_failure(error: str) -> Report:
    return {"error": error, "qpa_env": os.environ.get("QT_QPA_PLATFORM", ""),
            "display": os.environ.get("DISPLAY", ""),
            "wayland_display": os.environ.get("WAYLAND_DISPLAY", "")}


def self_command() -> list[str]:
    """How to run this same kalma: the bundle's executable, or python -m desktop."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "desktop"]


def qt_probe() -> int:
    """The child side: one JSON line with what Qt chose."""
    # Qt is imported here only: the rest of doctor must work when Qt is broken.
    import PySide6  # noqa: TID251
    from PySide6.QtCore import qVersion  # noqa: TID251
    from PySide6.QtGui import QGuiApplication  # noqa: TID251

    app = QGuiApplication.instance() or QGuiApplication(["kalma-doctor"])
    assert isinstance(app, QGuiApplication)
    screen = app.primaryScreen()
    size = screen.size() if screen is not None else None
    print(json.dumps({
        "pyside6": PySide6.__version__, "qt": qVersion(), "platform": app.platformName(),
        "qpa_env": os.environ.get("QT_QPA_PLATFORM", ""),
        "screen": f"{size.width()}x{size.height()}" if size is not None else "",
    }))
    return EXIT_OK


# --- output ------------------------------------------------------------------------------------

def format_report(report: Report) -> str:
    lines: list[str] = []
    for title, render in _SECTIONS:
        lines.append(title)
        lines.extend(f"  {line}" for line in render(report))
    problems = report["problems"]
    lines.append(f"{len(problems)} problem(s):" if problems else "No problems found.")
    lines.extend(f"  - {p}" for p in problems)
    return "\n".join(lines)


def _kalma_lines(r: Report) -> list[str]:
    k = r["kalma"]
    where = "PyInstaller bundle" if k["bundle"] else "source"
    return [f"version        {k['version']} ({where}: {k['app_root']})",
            f"python         {k['python']} ({k['executable']})",
            f"system         {k['system']}"]


def _config_lines(r: Report) -> list[str]:
    c = r["config"]
    lines = []
    for number, f in enumerate(c["looked_at"]):
        state = ("read" if f["path"] in c["read"] else
                 "UNREADABLE" if f["exists"] else "absent")
        label = "system file   " if number == 0 else "extra file    "
        lines.append(f"{label} {f['path']} ({state})")
    if c["kalma_config"]:
        lines.append("               (added by KALMA_CONFIG; the system file still applies)")
    if c["failure"]:
        lines.append(f"FAILED CLOSED  {c['failure']}")
    lines.append(f"user settings  {c['user_settings']}")
    return lines


def _settings_lines(r: Report) -> list[str]:
    lines = []
    for key, entry in r["settings"].items():
        value = entry["value"]
        shown = ("(bundled KB)" if key == "kb_dir" and not value else
                 ",".join(value) if isinstance(value, list) else str(value).lower()
                 if isinstance(value, bool) else str(value))
        lock = "  LOCKED" if entry["locked"] else ""
        lines.append(f"{key:<22} {shown:<28} {entry['source']}{lock}")
    return lines


def _kb_lines(r: Report) -> list[str]:
    kb = r["kb"]
    lines = [f"folder         {kb['configured']} ({kb['origin']})"]
    if kb["reachable"]:
        count = "counting took too long" if kb["files"] < 0 else f"{kb['files']} .md/.txt files"
        lines.append(f"reachable      yes, {count}")
        lines.append(f"writable       {'yes' if kb['writable'] else 'no (normal for a shared KB)'}")
    else:
        lines.append(f"reachable      NO: {kb['error']}")
    if kb["mirror"]:
        lines.append(f"offline copy   {kb['mirror']} (synced {kb['mirror_synced']})")
        lines.extend(f"not copied     {item}" for item in kb["mirror_skipped"][:10])
    if kb["in_use"] and kb["in_use"] != kb["configured"]:
        lines.append(f"in use         {kb['in_use']}")
    return lines


def _index_lines(r: Report) -> list[str]:
    index = r["index"]
    lines = [f"folder         {index['path'] or '-'}", f"state          {index['state']}"]
    if index.get("updated"):
        lines.append(f"updated        {index['updated']} (KB changed {index['kb_changed']})")
    return lines


def _lint_lines(r: Report) -> list[str]:
    lint = r["lint"]
    if not lint["available"]:
        return [f"not run: {lint['reason']}"]
    return [f"{lint['errors']} error(s), {lint['warnings']} warning(s)", *lint["first_errors"]]


def _qt_lines(r: Report) -> list[str]:
    qt = r["qt"]
    if qt.get("skipped"):
        return [f"not checked ({qt['skipped']})"]
    if qt.get("error"):
        env = ", ".join(f"{k}={qt[k]!r}" for k in ("qpa_env", "display", "wayland_display"))
        return [f"CANNOT START: {qt['error']}", f"environment    {env}",
                "hint           run it in the agent's desktop session; QT_QPA_PLATFORM="
                "offscreen checks everything but the display"]
    forced = " (forced by QT_QPA_PLATFORM)" if qt.get("qpa_env") else ""
    return [f"platform       {qt['platform']}{forced}, screen {qt.get('screen') or '-'}",
            f"versions       Qt {qt['qt']}, PySide6 {qt['pyside6']}"]


def _log_lines(r: Report) -> list[str]:
    log = r["log"]
    if not log["exists"]:
        return [f"file           {log['path']} (none yet)"]
    lines = [f"file           {log['path']}"]
    lines += [f"error          {e}" for e in log["last_errors"]] or ["no errors logged"]
    return lines


def _folder_lines(r: Report) -> list[str]:
    f = r["folders"]
    return [f"user data      {f['user_data']}", f"user cache     {f['user_cache']}",
            f"KB mirrors     {f['kb_mirrors']}"]


_SECTIONS: list[tuple[str, Callable[[Report], list[str]]]] = [
    ("Kalma", _kalma_lines), ("Config", _config_lines), ("Settings in force", _settings_lines),
    ("Knowledge base", _kb_lines), ("Search index", _index_lines), ("Lint", _lint_lines),
    ("Qt", _qt_lines), ("Log", _log_lines), ("Folders", _folder_lines),
]


# --- command -----------------------------------------------------------------------------------

def cmd_doctor(args: argparse.Namespace) -> int:
    if args.qt_probe:
        return qt_probe()
    kb = Path(args.kb).expanduser() if args.kb else None
    report = Doctor(kb_override=kb, check_qt=not args.no_qt).run()
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(format_report(report))
    return EXIT_PROBLEMS if report["problems"] else EXIT_OK


def register(subparsers: argparse._SubParsersAction,
             add_kb_option: Callable[..., None]) -> None:
    doctor = subparsers.add_parser(
        "doctor", help="print version, configuration, KB and Qt status for support")
    add_kb_option(doctor)
    doctor.add_argument("--json", action="store_true", help="the same report as JSON")
    doctor.add_argument("--no-qt", action="store_true", help="skip starting Qt")
    doctor.add_argument("--qt-probe", action="store_true", help=argparse.SUPPRESS)
    doctor.set_defaults(func=cmd_doctor)


EXTRA_COMMANDS.append(register)
