"""Where the KB actually is at start-up: the configured folder, its offline copy, or the
KB shipped with Kalma.

A KB on a network share can be slow, hung, unmounted or gone. resolve_kb_location() never
waits more than PROBE_TIMEOUT_S for it. It uses the share when the share answers, lists
a KB (taxonomy.md or en/) and lets Kalma read taxonomy.md in time, and then refreshes
the offline copy in the background. Otherwise it starts from the offline copy ("offline
copy from <time>"), and with no copy yet from the bundled KB (BUNDLED_NOTICE). The GUI
and the CLI both go through here, so they always agree on the folder.

The offline copy lives under mirror_root_dir()/<name>-<hash>/ (per user, or one folder
per machine for non-persistent VDI: the `offline_copy_dir` setting) and holds only the
KB's text files. A refresh compares file contents (SHA-256), not size and time, which can
lie; skips and reports symbolic links and files over kbfs.MAX_FILE_BYTES; refuses a
source that lost the KB's shape or shrank sharply; keeps the previous version of a file
it cannot read (antivirus, a file open on Windows); gives up past SYNC_TIMEOUT_S; and
swaps the new copy in with two renames, so the seat always keeps a usable copy.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core import atomicfile, kbfs, resources
from desktop.core.kbfs import MAX_FILE_BYTES

PROBE_TIMEOUT_S = 1.5
SYNC_TIMEOUT_S = 300.0  # a whole refresh; a share slower than this keeps the old copy
MIRROR_DIRNAME = "kb-mirror"
MIRROR_SUFFIXES = (".md", ".txt")
STAMP_NAME = ".kalma-mirror.json"  # a dotfile: the KB loader skips it
LOCKS_DIRNAME = ".locks"
SHRINK_REFUSED_BELOW = 0.5  # a source with under half the files of the copy is suspect
SHRINK_MIN_FILES = 10  # ...once the copy is big enough for that to mean something
OFFLINE_NOTICE = "offline copy from {time}"
BUNDLED_NOTICE = ("shared KB not available and no offline copy yet: "
                  "showing the KB shipped with Kalma")
KB_SHAPE_HINT = "taxonomy.md or en/"


@dataclass(frozen=True)
class KbLocation:
    path: Path
    notice: str = ""
    read_only: bool = False
    source: str = "configured"  # configured | offline copy | bundled


@dataclass(frozen=True)
class Probe:
    reachable: bool  # answered in time, looks like a KB, taxonomy.md (if any) readable
    writable: bool
    reason: str = ""


def resolve_kb_location(configured: Path, *, bundled: Path | None = None,
                        mirror_root: Path | None = None,
                        timeout: float = PROBE_TIMEOUT_S,
                        background: bool = True, sync: bool = True) -> KbLocation:
    """The folder to load now, a status-bar notice, and whether it is read-only.

    `sync=False` (most CLI commands) uses the same folder without refreshing the copy.
    """
    configured = Path(configured).expanduser()
    bundled = resources.bundled_kb_dir() if bundled is None else bundled
    if _same_path(configured, bundled):
        # The bundled KB is local: no share to wait for, nothing to mirror.
        return KbLocation(configured, read_only=not _writable(configured))
    mirror = mirror_dir_for(configured, mirror_root)
    probe = probe_kb(configured, timeout)
    if probe.reachable:
        if sync and background:
            start_background_sync(configured, mirror)
        elif sync:
            sync_mirror_within(configured, mirror, SYNC_TIMEOUT_S)
        return KbLocation(configured, read_only=not probe.writable)
    if has_mirror(mirror):
        return KbLocation(mirror, notice=offline_notice(mirror), read_only=True,
                          source="offline copy")
    return KbLocation(bundled, notice=BUNDLED_NOTICE, read_only=True, source="bundled")


# --- probing -------------------------------------------------------------------------------

def probe_kb(folder: Path, timeout: float = PROBE_TIMEOUT_S) -> Probe:
    """Look at the folder from a daemon thread so a hung share cannot block the caller."""
    result = run_with_timeout(lambda: _probe_now(folder), timeout)
    return result if isinstance(result, Probe) else Probe(False, False, "did not answer in time")


def run_with_timeout(work: Callable[[], Any], timeout: float) -> Any:
    """work() on a daemon thread; None when it did not finish in time (it is abandoned:
    a read blocked on a dead server cannot be interrupted, only left behind)."""
    result: list[Any] = []
    worker = threading.Thread(target=lambda: result.append(work()), name="kalma-kb-read",
                              daemon=True)
    worker.start()
    worker.join(timeout)
    return result[0] if result else None


def _probe_now(folder: Path) -> Probe:
    try:
        with os.scandir(folder) as entries:
            names = {entry.name.lower() for entry in entries}
    except OSError as exc:
        return Probe(False, False, f"cannot be read ({exc.strerror or exc})")
    if not any(not name.startswith(".") for name in names):
        # An empty folder is usually an unmounted mount point, not a good KB.
        return Probe(False, False, "empty (share not mounted?)")
    if not looks_like_kb(folder):
        return Probe(False, False, f"does not look like a KB (no {KB_SHAPE_HINT})")
    taxonomy = folder / "taxonomy.md"
    if "taxonomy.md" in names:
        try:  # listing is not enough: a share can list files and hang on reads
            with taxonomy.open("rb") as handle:
                handle.read(4096)
        except OSError as exc:
            return Probe(False, False, f"taxonomy.md cannot be read ({exc.strerror or exc})")
    return Probe(True, _writable(folder))


def looks_like_kb(folder: Path) -> bool:
    """A KB has taxonomy.md or an en/ folder; NOT-MOUNTED.txt or lost+found/ alone is not."""
    return (folder / "taxonomy.md").is_file() or (folder / "en").is_dir()


NETWORK_FS_TYPES = frozenset({
    "cifs", "smb3", "smbfs", "nfs", "nfs4", "afs", "ceph", "glusterfs", "9p", "davfs",
    "fuse.sshfs", "fuse.rclone", "fuse.glusterfs", "lustre", "gpfs", "ncpfs", "coda"})


def is_network_path(folder: Path, mountinfo: str | None = None) -> bool:
    """True for a UNC path, a Windows network drive, or a Linux network mount: there,
    change notifications cannot be trusted (edits made on other machines send none)."""
    text = os.path.abspath(folder)
    if sys.platform.startswith("win"):
        if text.startswith(("\\\\", "//")):
            return True
        return _windows_drive_type(text[:3]) == 4  # DRIVE_REMOTE
    if mountinfo is None:
        try:
            mountinfo = Path("/proc/self/mountinfo").read_text(encoding="utf-8",
                                                               errors="replace")
        except OSError:
            return False
    return _mount_fs_type(text, mountinfo) in NETWORK_FS_TYPES


def _mount_fs_type(path: str, mountinfo: str) -> str:
    """The file-system type of the longest mount point holding `path` (Linux mountinfo)."""
    best, kind = "", ""
    for line in mountinfo.splitlines():
        fields, _, rest = line.partition(" - ")
        parts = fields.split()
        if len(parts) < 5 or not rest:
            continue
        point = parts[4].replace("\\040", " ")
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, rest.split()[0]
    return kind


def _windows_drive_type(root: str) -> int:  # pragma: no cover - Windows only
    if sys.platform != "win32":
        return 0
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def _same_path(a: Path, b: Path) -> bool:
    # abspath, not resolve(): resolving touches the file system, which may hang on a share.
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


# --- where copies live -----------------------------------------------------------------------

_machine_root: Path | None = None


def use_offline_copy_dir(folder: str) -> None:
    """The `offline_copy_dir` setting: one copy per machine (non-persistent VDI) when set."""
    global _machine_root
    _machine_root = Path(folder).expanduser() if folder else None


def mirror_root_dir() -> Path:
    if _machine_root is not None:
        return _machine_root
    return resources.user_data_dir() / MIRROR_DIRNAME


def mirror_dir_for(configured: Path, mirror_root: Path | None = None) -> Path:
    """A stable folder per configured KB path (readable name + hash of the full path)."""
    absolute = os.path.normcase(os.path.abspath(configured))
    key = hashlib.sha256(absolute.encode("utf-8")).hexdigest()[:16]
    name = "".join(ch if ch.isalnum() else "-" for ch in Path(absolute).name)[:24]
    return (mirror_root or mirror_root_dir()) / f"{name or 'kb'}-{key}"


def has_mirror(mirror: Path) -> bool:
    return mirror.is_dir() and (mirror / STAMP_NAME).is_file()


def offline_notice(mirror: Path) -> str:
    return OFFLINE_NOTICE.format(time=_format_local(mirror_synced_at(mirror)))


def mirror_synced_at(mirror: Path) -> float:
    """When the mirror last matched the share (epoch seconds); falls back to the folder time."""
    stamp = read_stamp(mirror)
    try:
        return float(stamp["synced_at"]) if stamp else mirror.stat().st_mtime
    except (OSError, ValueError, KeyError, TypeError):
        return 0.0


def read_stamp(mirror: Path) -> dict[str, Any] | None:
    try:
        stamp = json.loads((mirror / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def _format_local(epoch: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(epoch))


# --- background refresh ----------------------------------------------------------------------

_sync_threads: dict[Path, threading.Thread] = {}
_sync_guard = threading.Lock()


def start_background_sync(configured: Path, mirror: Path) -> threading.Thread:
    """Refresh the mirror on a daemon thread: a slow share must never delay start or exit.
    At most one thread per mirror: a reindex while one runs reuses it."""
    with _sync_guard:
        for key in [k for k, t in _sync_threads.items() if not t.is_alive()]:
            del _sync_threads[key]
        running = _sync_threads.get(mirror)
        if running is not None:
            return running
        worker = threading.Thread(target=_sync_quietly, args=(configured, mirror),
                                  name="kalma-kb-mirror", daemon=True)
        _sync_threads[mirror] = worker
        worker.start()
        return worker


def wait_for_background_sync(timeout: float | None = None) -> bool:
    """For tests and tools: True when every background sync has finished."""
    with _sync_guard:
        workers = list(_sync_threads.values())
    for worker in workers:
        worker.join(timeout)
    with _sync_guard:
        for key in [k for k, t in _sync_threads.items() if not t.is_alive()]:
            del _sync_threads[key]
        return not _sync_threads


def _sync_quietly(configured: Path, mirror: Path) -> None:
    # A background refresh that fails keeps the previous mirror; the next start retries.
    with contextlib.suppress(OSError):
        sync_mirror(configured, mirror)


def sync_mirror_within(source: Path, mirror: Path, timeout: float) -> SyncResult:
    """sync_mirror() for a caller that must not hang (CLI): abandoned after `timeout`."""
    def attempt() -> SyncResult:
        try:
            return sync_mirror(source, mirror)
        except OSError as exc:  # e.g. a machine-wide copy this user cannot write
            return SyncResult(False, reason=f"cannot refresh the copy ({exc.strerror or exc})")

    result = run_with_timeout(attempt, timeout)
    if isinstance(result, SyncResult):
        return result
    return SyncResult(False, reason=f"the share did not answer within {timeout:g} s")


# --- one refresh -------------------------------------------------------------------------------

@dataclass
class SyncResult:
    ok: bool  # the mirror now matches the source (skipped files aside)
    changed: bool = False
    files: int = 0
    skipped: list[str] = field(default_factory=list)  # "relative: why", reported, not fatal
    reason: str = ""  # why nothing was done

    def __bool__(self) -> bool:
        return self.ok


@dataclass(frozen=True)
class SourceFile:
    relative: str
    size: int
    mtime_ns: int


def sync_mirror(source: Path, mirror: Path, deadline: float | None = None) -> SyncResult:
    """Make `mirror` a copy of the KB text files in `source`.

    Copies into a temporary folder next to the mirror, then swaps it in with two renames;
    a swap interrupted half-way is repaired by the next call (see _recover).
    """
    deadline = time.monotonic() + SYNC_TIMEOUT_S if deadline is None else deadline
    mirror.parent.mkdir(parents=True, exist_ok=True)
    with _mirror_lock(mirror) as locked:
        if not locked:
            return SyncResult(False, reason="another Kalma is refreshing this copy")
        _recover(mirror)
        skipped: list[str] = []
        files = scan_source(source, skipped)
        refusal = _refusal(source, mirror, files)
        if refusal:
            return SyncResult(False, skipped=skipped, reason=refusal)
        return _refresh(source, mirror, files, skipped, deadline)


def _refusal(source: Path, mirror: Path, files: list[SourceFile]) -> str:
    """Why this source must not replace the copy ("" when it may)."""
    if not files:
        return "no KB files (share not mounted?)"
    if not looks_like_kb(source):
        return f"does not look like a KB (no {KB_SHAPE_HINT})"
    old = read_stamp(mirror) if mirror.is_dir() else None
    before = len(old.get("files", {})) if old else 0
    if before >= SHRINK_MIN_FILES and len(files) < before * SHRINK_REFUSED_BELOW:
        return (f"shrank from {before} to {len(files)} files; keeping the offline copy "
                "(a half-copied or wrong share?)")
    return ""


def _refresh(source: Path, mirror: Path, files: list[SourceFile], skipped: list[str],
             deadline: float) -> SyncResult:
    old = read_stamp(mirror) if mirror.is_dir() else None
    old_hashes: dict[str, str] = {}
    if old and isinstance(old.get("files"), dict):
        old_hashes = {k: str(v.get("sha256", "")) for k, v in old["files"].items()
                      if isinstance(v, dict)}
    staging = Path(tempfile.mkdtemp(prefix=f".{mirror.name}.tmp-", dir=mirror.parent))
    try:
        manifest: dict[str, dict[str, Any]] = {}
        for item in files:
            if time.monotonic() > deadline:
                return SyncResult(False, skipped=skipped,
                                  reason="the share is too slow; keeping the offline copy")
            entry = _copy_one(source, mirror, staging, item, old_hashes, skipped)
            if entry is not None:
                manifest[item.relative] = entry
        changed = {k: v["sha256"] for k, v in manifest.items()} != old_hashes
        stamp = {"source": str(source), "synced_at": time.time(), "files": manifest,
                 "skipped": skipped}
        if not changed and has_mirror(mirror):
            _write_stamp(mirror, stamp)
        else:
            _write_stamp(staging, stamp)
            _swap_in(staging, mirror)
        return SyncResult(True, changed=changed, files=len(manifest), skipped=skipped)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _copy_one(source: Path, mirror: Path, staging: Path, item: SourceFile,
              old_hashes: dict[str, str], skipped: list[str]) -> dict[str, Any] | None:
    """Copy one file into staging; on a read error keep the copy's previous version."""
    destination = staging / item.relative
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        data = _read_regular(source / item.relative)
    except kbfs.FileTooBig:
        skipped.append(f"{item.relative}: larger than {MAX_FILE_BYTES // 1000} KB")
        return None
    except OSError as exc:
        previous = mirror / item.relative
        if item.relative in old_hashes and previous.is_file():
            shutil.copy2(previous, destination)
            skipped.append(f"{item.relative}: cannot be read ({exc.strerror or exc}); "
                           "kept the previous copy")
            return {"size": previous.stat().st_size, "mtime_ns": previous.stat().st_mtime_ns,
                    "sha256": old_hashes[item.relative]}
        skipped.append(f"{item.relative}: cannot be read ({exc.strerror or exc})")
        return None
    destination.write_bytes(data)
    os.utime(destination, ns=(item.mtime_ns, item.mtime_ns))  # the indexer reads times
    return {"size": len(data), "mtime_ns": item.mtime_ns,
            "sha256": hashlib.sha256(data).hexdigest()}


def _read_regular(path: Path) -> bytes:
    """The file's bytes through the one KB reader, never through a symbolic link."""
    return kbfs.read_regular(path, MAX_FILE_BYTES, follow_links=False)


def scan_source(root: Path, skipped: list[str] | None = None) -> list[SourceFile]:
    """The KB text files under root, the root's own files included, through the one KB
    walker (kbfs.scan) without following links: each link, file over MAX_FILE_BYTES and
    unreadable folder is reported in ``skipped``."""
    skipped = [] if skipped is None else skipped
    problems: list[kbfs.FileProblem] = []
    found = kbfs.scan(root, problems, follow_links=False, meta_files=True,
                      max_bytes=MAX_FILE_BYTES)
    skipped.extend(_skip_note(root, problem) for problem in problems)
    return [SourceFile(file.relative, file.size, file.mtime_ns) for file in found]


def _skip_note(root: Path, problem: kbfs.FileProblem) -> str:
    """A walker's problem as the copy reports it: "relative: why"."""
    message = problem.message
    if message == kbfs.LINK_NOT_FOLLOWED:
        message = "a symbolic link; not copied"
    return f"{_relative(root, problem.path)}: {message}"


def _relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix() if path != root else "."


def _write_stamp(folder: Path, stamp: dict[str, Any]) -> None:
    # Shared mode: a machine-wide copy (offline_copy_dir) is read by every user.
    atomicfile.write(folder / STAMP_NAME, json.dumps(stamp).encode("utf-8"),
                     mode=atomicfile.SHARED_MODE)


def _old_name(mirror: Path) -> Path:
    return mirror.with_name(f".{mirror.name}.old")


def _swap_in(staging: Path, mirror: Path) -> None:
    old = _old_name(mirror)
    shutil.rmtree(old, ignore_errors=True)
    if mirror.exists():
        os.replace(mirror, old)
    os.replace(staging, mirror)
    shutil.rmtree(old, ignore_errors=True)


def _recover(mirror: Path) -> None:
    """Undo a swap that stopped between its two renames, and drop stale temp folders."""
    old = _old_name(mirror)
    if not mirror.exists() and old.is_dir():
        os.replace(old, mirror)
    for leftover in mirror.parent.glob(f".{mirror.name}.tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)


@contextlib.contextmanager
def _mirror_lock(mirror: Path) -> Iterator[bool]:
    """An OS lock (the index's), so two Kalma windows do not swap the same mirror at once.
    It dies with its process: a killed refresh never leaves a lock to break."""
    from desktop.core.index import file_lock  # the one OS lock implementation

    locks = mirror.parent / LOCKS_DIRNAME
    locks.mkdir(parents=True, exist_ok=True)
    with file_lock(locks / f"{mirror.name}.lock", timeout=0) as locked:
        yield locked
