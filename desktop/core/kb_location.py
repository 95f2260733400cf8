"""Where the KB actually is at start-up: the configured folder, or a local mirror of it.

A KB on a network share can be slow, hung or gone. resolve_kb_location() never waits
more than PROBE_TIMEOUT_S for it: when the share answers, Kalma uses it directly and
refreshes a local mirror in the background; when it does not, Kalma starts from the
mirror and the status bar says "offline copy from <time>".

The mirror lives under user_data_dir()/kb-mirror/<key>/ and holds only the KB's text
files (.md/.txt, which includes taxonomy.md and glossary.md). Its path never changes, so
the search index the engine keeps for it stays valid between offline starts, and copies
keep file times so later indexing only touches changed files.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.core import resources

PROBE_TIMEOUT_S = 1.5
MIRROR_DIRNAME = "kb-mirror"
MIRROR_SUFFIXES = (".md", ".txt")
STAMP_NAME = ".kalma-mirror.json"  # a dotfile: the KB loader skips it
LOCK_STALE_S = 600.0
OFFLINE_NOTICE = "offline copy from {time}"


@dataclass(frozen=True)
class KbLocation:
    path: Path
    notice: str = ""
    read_only: bool = False


@dataclass(frozen=True)
class Probe:
    reachable: bool  # answered in time and lists at least one KB entry
    writable: bool


def resolve_kb_location(configured: Path, *, bundled: Path | None = None,
                        mirror_root: Path | None = None,
                        timeout: float = PROBE_TIMEOUT_S,
                        background: bool = True) -> KbLocation:
    """The folder to load now, a status-bar notice, and whether it is read-only.

    The keyword arguments exist for tests and tools; the app passes only `configured`.
    """
    configured = Path(configured).expanduser()
    bundled = resources.bundled_kb_dir() if bundled is None else bundled
    if _same_path(configured, bundled):
        # The bundled KB is local: no share to wait for, nothing to mirror.
        return KbLocation(configured, read_only=not _writable(configured))
    mirror = mirror_dir_for(configured, mirror_root)
    probe = probe_kb(configured, timeout)
    if probe.reachable:
        if background:
            start_background_sync(configured, mirror)
        else:
            sync_mirror(configured, mirror)
        return KbLocation(configured, read_only=not probe.writable)
    if mirror.is_dir():
        return KbLocation(mirror, notice=offline_notice(mirror), read_only=True)
    return KbLocation(configured, read_only=True)


# --- probing -------------------------------------------------------------------------------

def probe_kb(folder: Path, timeout: float = PROBE_TIMEOUT_S) -> Probe:
    """Look at the folder from a daemon thread so a hung share cannot block the caller."""
    result: list[Probe] = []
    worker = threading.Thread(target=lambda: result.append(_probe_now(folder)),
                              name="kalma-kb-probe", daemon=True)
    worker.start()
    worker.join(timeout)
    return result[0] if result else Probe(reachable=False, writable=False)


def _probe_now(folder: Path) -> Probe:
    try:
        with os.scandir(folder) as entries:
            # An empty folder is usually an unmounted mount point, not a good KB.
            has_entry = any(not entry.name.startswith(".") for entry in entries)
    except OSError:
        return Probe(reachable=False, writable=False)
    return Probe(reachable=has_entry, writable=has_entry and _writable(folder))


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def _same_path(a: Path, b: Path) -> bool:
    # abspath, not resolve(): resolving touches the file system, which may hang on a share.
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


# --- the mirror ----------------------------------------------------------------------------

def mirror_root_dir() -> Path:
    return resources.user_data_dir() / MIRROR_DIRNAME


def mirror_dir_for(configured: Path, mirror_root: Path | None = None) -> Path:
    """A stable folder per configured KB path (readable name + hash of the full path)."""
    absolute = os.path.normcase(os.path.abspath(configured))
    key = hashlib.sha256(absolute.encode("utf-8")).hexdigest()[:16]
    name = "".join(ch if ch.isalnum() else "-" for ch in Path(absolute).name)[:24]
    return (mirror_root or mirror_root_dir()) / f"{name or 'kb'}-{key}"


def offline_notice(mirror: Path) -> str:
    return OFFLINE_NOTICE.format(time=_format_local(mirror_synced_at(mirror)))


def mirror_synced_at(mirror: Path) -> float:
    """When the mirror last matched the share (epoch seconds); falls back to the folder time."""
    try:
        stamp = json.loads((mirror / STAMP_NAME).read_text(encoding="utf-8"))
        return float(stamp["synced_at"])
    except (OSError, ValueError, KeyError, TypeError):
        try:
            return mirror.stat().st_mtime
        except OSError:
            return 0.0


def _format_local(epoch: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(epoch))


_sync_threads: list[threading.Thread] = []


def start_background_sync(configured: Path, mirror: Path) -> threading.Thread:
    """Refresh the mirror on a daemon thread: a slow share must never delay start or exit."""
    worker = threading.Thread(target=_sync_quietly, args=(configured, mirror),
                              name="kalma-kb-mirror", daemon=True)
    _sync_threads.append(worker)
    worker.start()
    return worker


def wait_for_background_sync(timeout: float | None = None) -> bool:
    """For tests and tools: True when every background sync has finished."""
    for worker in list(_sync_threads):
        worker.join(timeout)
    _sync_threads[:] = [w for w in _sync_threads if w.is_alive()]
    return not _sync_threads


def _sync_quietly(configured: Path, mirror: Path) -> None:
    # A background refresh that fails keeps the previous mirror; the next start retries.
    with contextlib.suppress(OSError):
        sync_mirror(configured, mirror)


Manifest = dict[str, tuple[int, int]]  # relative path -> (size, mtime_ns)


def sync_mirror(source: Path, mirror: Path) -> bool:
    """Make `mirror` a copy of the KB text files in `source`; True when the mirror is current.

    Copies into a temporary folder next to the mirror, then swaps it in with two renames;
    a swap interrupted half-way is repaired by the next call (see _recover).
    """
    mirror.parent.mkdir(parents=True, exist_ok=True)
    with _mirror_lock(mirror) as locked:
        if not locked:
            return False  # another Kalma is refreshing this mirror right now
        _recover(mirror)
        manifest = scan_manifest(source)
        if not manifest:
            return False  # never replace a good copy with an empty one
        if mirror.is_dir() and _read_stamp_manifest(mirror) == manifest:
            _write_stamp(mirror, source, manifest)
            return True
        staging = Path(tempfile.mkdtemp(prefix=f".{mirror.name}.tmp-", dir=mirror.parent))
        try:
            _copy_files(source, staging, manifest)
            _write_stamp(staging, source, manifest)
            _swap_in(staging, mirror)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return True


def scan_manifest(source: Path) -> Manifest:
    manifest: Manifest = {}
    for path in _text_files(source):
        stat = path.stat()
        manifest[path.relative_to(source).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return manifest


def _text_files(root: Path) -> Iterator[Path]:
    seen: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        stat = os.stat(folder)
        if (stat.st_dev, stat.st_ino) in seen:  # a folder link looping back
            dirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(MIRROR_SUFFIXES):
                yield Path(folder) / name


def _copy_files(source: Path, target: Path, manifest: Manifest) -> None:
    for relative in manifest:
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / relative, destination)  # copy2 keeps mtimes for the indexer


def _write_stamp(folder: Path, source: Path, manifest: Manifest) -> None:
    stamp = {"source": str(source), "synced_at": time.time(),
             "files": {k: list(v) for k, v in manifest.items()}}
    temporary = folder / f"{STAMP_NAME}.tmp"
    temporary.write_text(json.dumps(stamp), encoding="utf-8")
    os.replace(temporary, folder / STAMP_NAME)


def _read_stamp_manifest(folder: Path) -> Manifest | None:
    try:
        stamp = json.loads((folder / STAMP_NAME).read_text(encoding="utf-8"))
        return {k: (int(v[0]), int(v[1])) for k, v in stamp["files"].items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


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
    """A lock file, so two Kalma windows do not swap the same mirror at once."""
    lock = mirror.with_name(f".{mirror.name}.lock")
    with contextlib.suppress(OSError):
        if time.time() - lock.stat().st_mtime > LOCK_STALE_S:
            lock.unlink()  # left behind by a process that was killed mid-copy
    try:
        handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        yield False
        return
    os.close(handle)
    try:
        yield True
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
