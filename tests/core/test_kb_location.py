"""Shared-KB resilience: use the share when it answers, else the last good local copy."""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core import kb_location
from desktop.core.kb_location import (
    STAMP_NAME,
    KbLocation,
    Probe,
    mirror_dir_for,
    resolve_kb_location,
    sync_mirror,
    wait_for_background_sync,
)

NOTICE_RE = re.compile(r"^offline copy from \d{4}-\d\d-\d\d \d\d:\d\d$")


@pytest.fixture
def share(tmp_path: Path) -> Path:
    """A small KB on a 'share', with files the mirror must leave out."""
    root = tmp_path / "share" / "kb"
    for relative, text in {"taxonomy.md": "# t", "glossary.md": "# g", "en/a.md": "a",
                           "fil/a.md": "a", "guides/policy.txt": "p",
                           "en/.draft.md": "secret", ".obsidian/app.md": "x"}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "guides" / "diagram.png").write_bytes(b"\x89PNG")
    return root


@pytest.fixture
def mirror_root(tmp_path: Path) -> Path:
    return tmp_path / "mirrors"


@pytest.fixture(autouse=True)
def _join_background_threads() -> Iterator[None]:
    yield
    assert wait_for_background_sync(timeout=10)


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def resolve(configured: Path, mirror_root: Path, **kwargs: object) -> KbLocation:
    kwargs.setdefault("background", False)
    return resolve_kb_location(configured, bundled=Path("/nonexistent/bundled"),
                               mirror_root=mirror_root, **kwargs)  # type: ignore[arg-type]


def test_bundled_kb_is_used_directly_without_a_mirror(share: Path, mirror_root: Path) -> None:
    location = resolve_kb_location(share, bundled=share, mirror_root=mirror_root)
    assert location == KbLocation(share, "", read_only=False)
    assert not mirror_root.exists()


def test_default_signature_resolves_the_bundled_kb(bundled_kb: Path) -> None:
    assert resolve_kb_location(bundled_kb).path == bundled_kb


def test_reachable_share_is_used_and_mirrored(share: Path, mirror_root: Path) -> None:
    location = resolve(share, mirror_root)
    assert location == KbLocation(share, "", read_only=False)
    mirror = mirror_dir_for(share, mirror_root)
    assert files_under(mirror) == {"taxonomy.md", "glossary.md", "en/a.md", "fil/a.md",
                                   "guides/policy.txt", STAMP_NAME}
    original = (share / "en" / "a.md").stat().st_mtime_ns
    assert (mirror / "en" / "a.md").stat().st_mtime_ns == original  # the indexer relies on it


def test_unreachable_share_falls_back_to_the_mirror(share: Path, mirror_root: Path) -> None:
    resolve(share, mirror_root)
    shutil.rmtree(share)
    location = resolve(share, mirror_root)
    assert location.path == mirror_dir_for(share, mirror_root)
    assert NOTICE_RE.match(location.notice), location.notice
    assert location.read_only
    assert (location.path / "en" / "a.md").read_text(encoding="utf-8") == "a"


def test_hung_share_does_not_block_start(share: Path, mirror_root: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    resolve(share, mirror_root)
    release = threading.Event()

    def hang(folder: Path) -> Probe:
        release.wait(10)
        return Probe(reachable=True, writable=True)

    monkeypatch.setattr(kb_location, "_probe_now", hang)
    started = time.perf_counter()
    location = resolve(share, mirror_root, timeout=0.2)
    elapsed = time.perf_counter() - started
    release.set()
    assert elapsed < 1.0
    assert location.path == mirror_dir_for(share, mirror_root) and location.notice


def test_empty_mount_point_uses_the_mirror_and_keeps_it(share: Path, mirror_root: Path) -> None:
    resolve(share, mirror_root)
    mirror = mirror_dir_for(share, mirror_root)
    shutil.rmtree(share)
    share.mkdir()  # what an unmounted share looks like on Linux
    assert resolve(share, mirror_root).path == mirror
    assert not sync_mirror(share, mirror)  # an empty source never replaces a good copy
    assert "en/a.md" in files_under(mirror)


def test_nothing_anywhere_returns_the_configured_path(tmp_path: Path, mirror_root: Path) -> None:
    missing = tmp_path / "missing"
    assert resolve(missing, mirror_root) == KbLocation(missing, "", read_only=True)


def test_read_only_share(share: Path, mirror_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kb_location, "_writable", lambda folder: False)
    assert resolve(share, mirror_root).read_only


def test_sync_follows_changes_and_keeps_the_path(share: Path, mirror_root: Path) -> None:
    mirror = mirror_dir_for(share, mirror_root)
    assert sync_mirror(share, mirror)
    (share / "fil" / "a.md").unlink()
    (share / "en" / "a.md").write_text("changed", encoding="utf-8")
    (share / "en" / "b.md").write_text("new", encoding="utf-8")
    assert sync_mirror(share, mirror)
    assert (mirror / "en" / "a.md").read_text(encoding="utf-8") == "changed"
    assert "fil/a.md" not in files_under(mirror) and "en/b.md" in files_under(mirror)
    assert sorted(p.name for p in mirror_root.iterdir()) == [mirror.name]  # no leftovers


def test_unchanged_share_only_refreshes_the_time(share: Path, mirror_root: Path) -> None:
    mirror = mirror_dir_for(share, mirror_root)
    sync_mirror(share, mirror)
    inode = (mirror / "en" / "a.md").stat().st_ino
    stamp = mirror / STAMP_NAME
    os.utime(stamp, (0, 0))
    assert sync_mirror(share, mirror)
    assert (mirror / "en" / "a.md").stat().st_ino == inode  # not copied again
    assert stamp.stat().st_mtime > 0


def test_interrupted_swap_is_repaired(share: Path, mirror_root: Path) -> None:
    mirror = mirror_dir_for(share, mirror_root)
    sync_mirror(share, mirror)
    os.replace(mirror, mirror.with_name(f".{mirror.name}.old"))  # crash between the renames
    (mirror_root / f".{mirror.name}.tmp-dead").mkdir()
    shutil.rmtree(share)
    assert not sync_mirror(share, mirror)  # source gone: nothing to copy, but repaired
    assert (mirror / "en" / "a.md").is_file()
    assert sorted(p.name for p in mirror_root.iterdir()) == [mirror.name]


def test_a_second_syncer_backs_off(share: Path, mirror_root: Path) -> None:
    mirror = mirror_dir_for(share, mirror_root)
    mirror_root.mkdir()
    lock = mirror.with_name(f".{mirror.name}.lock")
    lock.touch()
    assert not sync_mirror(share, mirror)
    os.utime(lock, (0, 0))  # a lock left by a killed process goes stale
    assert sync_mirror(share, mirror)
    assert not lock.exists()


def test_background_sync(share: Path, mirror_root: Path) -> None:
    location = resolve(share, mirror_root, background=True)
    assert location.path == share
    assert wait_for_background_sync(timeout=10)
    assert (mirror_dir_for(share, mirror_root) / "en" / "a.md").is_file()


def test_mirror_names_are_stable_and_distinct(tmp_path: Path) -> None:
    a = mirror_dir_for(tmp_path / "x" / "kb", tmp_path)
    assert a == mirror_dir_for(tmp_path / "x" / "kb", tmp_path)
    assert a != mirror_dir_for(tmp_path / "y" / "kb", tmp_path)
    assert a.name.startswith("kb-")


def test_default_mirror_root_is_under_user_data(share: Path) -> None:
    data = Path(os.environ["KALMA_DATA_DIR"])
    assert mirror_dir_for(share).parent == data / "kb-mirror"
