"""Shared-KB resilience: use the share when it answers, else the last good local copy."""

from __future__ import annotations

import os
import re
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core import kb_location
from desktop.core.kb_location import (
    BUNDLED_NOTICE,
    LOCKS_DIRNAME,
    STAMP_NAME,
    KbLocation,
    Probe,
    mirror_dir_for,
    resolve_kb_location,
    sync_mirror,
    wait_for_background_sync,
)

LOCKS = LOCKS_DIRNAME
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


def test_nothing_anywhere_starts_from_the_bundled_kb(tmp_path: Path, mirror_root: Path) -> None:
    missing = tmp_path / "missing"
    assert resolve(missing, mirror_root) == KbLocation(
        Path("/nonexistent/bundled"), BUNDLED_NOTICE, read_only=True, source="bundled")


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
    assert sorted(p.name for p in mirror_root.iterdir()) == [LOCKS, mirror.name]  # no leftovers


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
    assert sorted(p.name for p in mirror_root.iterdir()) == [LOCKS, mirror.name]


def test_a_second_syncer_backs_off_while_the_first_holds_the_os_lock(
        share: Path, mirror_root: Path) -> None:
    mirror = mirror_dir_for(share, mirror_root)
    with kb_location._mirror_lock(mirror) as first:
        assert first
        result = sync_mirror(share, mirror)
        assert not result and "another Kalma" in result.reason
    assert sync_mirror(share, mirror)  # released with the holder: nothing stale to break


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


# --- a share that is not what it seems -------------------------------------------------------

def test_a_share_holding_only_a_marker_file_is_not_a_kb(share: Path, mirror_root: Path) -> None:
    resolve(share, mirror_root)
    mirror = mirror_dir_for(share, mirror_root)
    before = files_under(mirror)
    shutil.rmtree(share)
    share.mkdir()
    (share / "NOT-MOUNTED.txt").write_text("mount me", encoding="utf-8")
    location = resolve(share, mirror_root)
    assert location.path == mirror and location.source == "offline copy"
    result = sync_mirror(share, mirror)
    assert not result and "does not look like a KB" in result.reason
    assert files_under(mirror) == before


def test_lost_and_found_alone_is_not_used(tmp_path: Path, mirror_root: Path) -> None:
    share = tmp_path / "mnt"
    (share / "lost+found").mkdir(parents=True)
    assert resolve(share, mirror_root).source == "bundled"


def test_a_sharply_shrunk_share_does_not_replace_the_copy(share: Path,
                                                          mirror_root: Path) -> None:
    for n in range(20):
        (share / "en" / f"card{n}.md").write_text(f"card {n}", encoding="utf-8")
    mirror = mirror_dir_for(share, mirror_root)
    assert sync_mirror(share, mirror).files == 25
    for n in range(20):
        (share / "en" / f"card{n}.md").unlink()
    result = sync_mirror(share, mirror)
    assert not result and "shrank from 25 to 5 files" in result.reason
    assert (mirror / "en" / "card7.md").is_file()
    (share / "en" / "card0.md").unlink(missing_ok=True)
    for n in range(8):  # a normal clean-up (a few cards fewer) is still mirrored
        (share / "en" / f"new{n}.md").write_text("n", encoding="utf-8")
    assert sync_mirror(share, mirror)


@pytest.mark.skipif(sys.platform == "win32",
                    reason="creating symlinks needs a privilege on Windows")
def test_symlinks_are_skipped_and_reported_not_copied(share: Path, mirror_root: Path,
                                                      tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("password", encoding="utf-8")
    (share / "en" / "passwd.md").symlink_to("/etc/passwd")
    (share / "en" / "secret.md").symlink_to(secret)
    (share / "en" / "broken.md").symlink_to(tmp_path / "gone.md")
    (share / "linked").symlink_to(tmp_path, target_is_directory=True)
    mirror = mirror_dir_for(share, mirror_root)
    result = sync_mirror(share, mirror)
    assert result and result.files == 5
    assert sorted(result.skipped) == [
        "en/broken.md: a symbolic link; not copied", "en/passwd.md: a symbolic link; not copied",
        "en/secret.md: a symbolic link; not copied", "linked: a symbolic link; not copied"]
    assert not (mirror / "en" / "secret.md").exists()
    assert kb_location.read_stamp(mirror)["skipped"] == result.skipped  # type: ignore[index]


def test_files_over_the_size_limit_are_skipped(share: Path, mirror_root: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kb_location, "MAX_FILE_BYTES", 100)
    (share / "en" / "huge.md").write_bytes(b"x" * 101)
    mirror = mirror_dir_for(share, mirror_root)
    result = sync_mirror(share, mirror)
    assert result and result.skipped == ["en/huge.md: larger than 0 KB"]
    assert not (mirror / "en" / "huge.md").exists()


def test_a_file_that_cannot_be_read_keeps_its_previous_copy(share: Path, mirror_root: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    mirror = mirror_dir_for(share, mirror_root)
    sync_mirror(share, mirror)
    (share / "en" / "a.md").write_text("new text", encoding="utf-8")
    (share / "en" / "b.md").write_text("brand new", encoding="utf-8")
    real = kb_location._read_regular

    def locked(path: Path) -> bytes:  # antivirus, or a file open in Word on Windows
        if path.name in ("a.md", "b.md") and path.parent.name == "en":
            raise PermissionError(13, "The process cannot access the file")
        return real(path)

    monkeypatch.setattr(kb_location, "_read_regular", locked)
    result = sync_mirror(share, mirror)
    assert result
    assert (mirror / "en" / "a.md").read_text(encoding="utf-8") == "a"  # previous version
    assert not (mirror / "en" / "b.md").exists()
    assert any("en/a.md: cannot be read" in s and "kept the previous" in s
               for s in result.skipped)


def test_same_size_same_time_edits_are_noticed_by_content(share: Path,
                                                           mirror_root: Path) -> None:
    card = share / "en" / "a.md"
    card.write_text("version one", encoding="utf-8")
    mirror = mirror_dir_for(share, mirror_root)
    sync_mirror(share, mirror)
    stamp = card.stat().st_mtime_ns
    card.write_text("version two", encoding="utf-8")  # same size
    os.utime(card, ns=(stamp, stamp))  # cp -p, or a 1-second-timestamp file system
    result = sync_mirror(share, mirror)
    assert result.changed
    assert (mirror / "en" / "a.md").read_text(encoding="utf-8") == "version two"


def test_a_too_slow_share_keeps_the_copy(share: Path, mirror_root: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    mirror = mirror_dir_for(share, mirror_root)
    sync_mirror(share, mirror)
    (share / "en" / "a.md").write_text("changed", encoding="utf-8")
    result = sync_mirror(share, mirror, deadline=time.monotonic() - 1)
    assert not result and "too slow" in result.reason
    assert (mirror / "en" / "a.md").read_text(encoding="utf-8") == "a"
    release = threading.Event()
    monkeypatch.setattr(kb_location, "sync_mirror",
                        lambda *a, **k: release.wait(30))  # a read that never returns
    try:
        late = kb_location.sync_mirror_within(share, mirror, 0.1)
    finally:
        release.set()
    assert not late and "did not answer within 0.1 s" in late.reason


def test_a_share_that_lists_but_hangs_on_reads_is_not_used(share: Path, mirror_root: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    resolve(share, mirror_root)
    release = threading.Event()
    real_open = Path.open

    def hanging_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == "taxonomy.md" and share in self.parents:
            release.wait(30)
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", hanging_open)
    try:
        location = resolve(share, mirror_root, timeout=0.2)
    finally:
        release.set()
    assert location.source == "offline copy"


def test_one_background_thread_per_mirror(share: Path, mirror_root: Path) -> None:
    mirror = mirror_dir_for(share, mirror_root)
    release = threading.Event()
    started = []

    def slow(source: Path, target: Path) -> None:
        started.append(target)
        release.wait(30)

    original = kb_location._sync_quietly
    kb_location._sync_quietly = slow  # type: ignore[assignment]
    try:
        first = kb_location.start_background_sync(share, mirror)
        again = [kb_location.start_background_sync(share, mirror) for _ in range(5)]
    finally:
        release.set()
        kb_location._sync_quietly = original  # type: ignore[assignment]
    assert all(t is first for t in again)
    assert wait_for_background_sync(timeout=10)
    assert not kb_location._sync_threads


def test_machine_wide_offline_copy(share: Path, tmp_path: Path) -> None:
    machine = tmp_path / "var-lib-kalma"
    kb_location.use_offline_copy_dir(str(machine))
    try:
        assert mirror_dir_for(share).parent == machine
        resolve_kb_location(share, bundled=Path("/nonexistent"), background=False)
        assert (mirror_dir_for(share) / "en" / "a.md").is_file()
    finally:
        kb_location.use_offline_copy_dir("")
    assert mirror_dir_for(share).parent != machine


def test_a_copy_folder_this_user_cannot_write_is_still_read(share: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    mirror = mirror_dir_for(share, tmp_path / "machine")
    sync_mirror(share, mirror)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(kb_location, "sync_mirror", denied)
    result = kb_location.sync_mirror_within(share, mirror, 10)
    assert not result and "Permission denied" in result.reason
    shutil.rmtree(share)
    location = resolve(share, tmp_path / "machine")
    assert location.path == mirror and location.source == "offline copy"
