"""The one atomic write: whole new file or the old one, never a half, never through a link."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from desktop.core import atomicfile, kbfs

needs_posix = pytest.mark.skipif(os.name != "posix", reason="POSIX modes and symlinks")


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def fixed_names(monkeypatch: pytest.MonkeyPatch, *tokens: str) -> None:
    """The temp names atomicfile will try, in order (the last one repeats)."""
    queue = list(tokens)
    monkeypatch.setattr(atomicfile.secrets, "token_hex",
                        lambda _n: queue.pop(0) if len(queue) > 1 else queue[0])


def test_write_replaces_the_file_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "card.md"
    path.write_bytes(b"old")
    atomicfile.write(path, b"new")
    assert path.read_bytes() == b"new"
    assert hidden(tmp_path) == []
    atomicfile.write(tmp_path / "fresh.md", b"first")
    assert (tmp_path / "fresh.md").read_bytes() == b"first"


def test_the_temp_file_is_hidden_beside_the_target_and_known_to_the_cleaners(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Path] = []
    real_replace = os.replace

    def spy(src: str | Path, dst: str | Path) -> None:
        seen.append(Path(src))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    atomicfile.write(tmp_path / "card.md", b"x")
    temp = seen[0]
    assert temp.parent == tmp_path and temp.name.startswith(".card.md.")
    assert atomicfile.is_temp_name(temp.name)  # the KB's stale-temp sweep recognizes it
    assert atomicfile.is_temp_name(".card.md.abcd1234.tmp")  # and older mkstemp names
    assert not atomicfile.is_temp_name("card.md") and not atomicfile.is_temp_name(".keep-me")


@needs_posix
def test_mode_is_kept_when_asked_shared_for_new_files_private_when_asked(tmp_path: Path
                                                                         ) -> None:
    kept = tmp_path / "kept.md"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    atomicfile.write(kept, b"new")
    assert kept.stat().st_mode & 0o777 == 0o640
    atomicfile.write(tmp_path / "new.md", b"x")
    assert (tmp_path / "new.md").stat().st_mode & 0o777 == atomicfile.SHARED_MODE
    private = tmp_path / "cache.json"
    private.write_bytes(b"{}")
    private.chmod(0o644)
    atomicfile.write(private, b"{}", mode=atomicfile.PRIVATE_MODE)
    assert private.stat().st_mode & 0o777 == 0o600


@needs_posix
def test_a_link_planted_at_the_temp_name_is_never_written_through(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    path = tmp_path / "card.md"
    path.write_bytes(b"old")
    planted = tmp_path / f".card.md.{'a' * 16}.tmp"
    planted.symlink_to(victim)
    fixed_names(monkeypatch, "a" * 16)  # the attacker guessed every name
    with pytest.raises(FileExistsError):
        atomicfile.write(path, b"new")
    assert victim.read_text(encoding="utf-8") == "precious"
    assert path.read_bytes() == b"old"
    fixed_names(monkeypatch, "a" * 16, "b" * 16)  # one guess right: the next name is used
    atomicfile.write(path, b"new")
    assert victim.read_text(encoding="utf-8") == "precious"
    assert path.read_bytes() == b"new" and not path.is_symlink()
    assert hidden(tmp_path) == [planted.name]  # not ours: left alone


def test_create_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "card.md"
    path.write_bytes(b"keep me")
    with pytest.raises(FileExistsError):
        atomicfile.create(path, b"new")
    assert path.read_bytes() == b"keep me"
    atomicfile.create(tmp_path / "new.md", b"fresh")
    assert (tmp_path / "new.md").read_bytes() == b"fresh"
    assert hidden(tmp_path) == []


@needs_posix
def test_create_refuses_a_dangling_link_and_writes_the_shared_mode(tmp_path: Path) -> None:
    link = tmp_path / "card.md"
    link.symlink_to(tmp_path / "elsewhere.md")
    with pytest.raises(FileExistsError):
        atomicfile.create(link, b"new")
    assert not (tmp_path / "elsewhere.md").exists()
    atomicfile.create(tmp_path / "new.md", b"x")
    assert (tmp_path / "new.md").stat().st_mode & 0o777 == atomicfile.SHARED_MODE


def test_create_without_hard_links_still_refuses_to_overwrite(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(*_args: object) -> None:
        raise OSError(1, "Operation not permitted")  # some shares cannot hard-link

    monkeypatch.setattr(os, "link", no_links)
    atomicfile.create(tmp_path / "new.md", b"fresh")
    assert (tmp_path / "new.md").read_bytes() == b"fresh"
    with pytest.raises(FileExistsError):
        atomicfile.create(tmp_path / "new.md", b"again")
    assert hidden(tmp_path) == []


@pytest.mark.parametrize("broken", ["replace", "fsync", "fchmod"])
def test_a_failing_write_leaves_the_old_file_and_no_temp(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: str) -> None:
    if not hasattr(os, broken):
        pytest.skip(f"no os.{broken} here")
    path = tmp_path / "card.md"
    path.write_bytes(b"old")

    def crash(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, broken, crash)
    with pytest.raises(OSError, match="No space"):
        atomicfile.write(path, b"new")
    monkeypatch.undo()
    assert path.read_bytes() == b"old"
    assert hidden(tmp_path) == []


def test_durable_false_skips_fsync_and_sync_folder_adds_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real(fd))
    atomicfile.write(tmp_path / "a", b"x", durable=False)
    assert synced == []
    atomicfile.write(tmp_path / "b", b"x", sync_folder=False)
    assert len(synced) == 1  # the file only
    atomicfile.write(tmp_path / "c", b"x")
    assert len(synced) == (3 if sys.platform != "win32" else 2)  # the file and its folder


def test_replacing_hands_out_a_path_for_writers_that_open_it_themselves(tmp_path: Path
                                                                        ) -> None:
    out = tmp_path / "handbook.pdf"
    out.write_bytes(b"old pdf")
    with atomicfile.replacing(out, mode=atomicfile.SHARED_MODE) as temporary:
        assert temporary.exists() and temporary.parent == tmp_path
        temporary.write_bytes(b"new pdf")
        assert out.read_bytes() == b"old pdf"  # nothing replaced before the block ends
    assert out.read_bytes() == b"new pdf"
    assert hidden(tmp_path) == []


def test_replacing_keeps_the_old_file_when_the_writer_fails(tmp_path: Path) -> None:
    out = tmp_path / "handbook.pdf"
    out.write_bytes(b"old pdf")
    with pytest.raises(RuntimeError), atomicfile.replacing(out) as temporary:
        temporary.write_bytes(b"half a pdf")
        raise RuntimeError("the renderer failed")
    assert out.read_bytes() == b"old pdf"
    assert hidden(tmp_path) == []


def test_a_killed_save_leaves_a_temp_the_kb_sweep_removes(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    kb = tmp_path
    (kb / "en").mkdir()
    path = kb / "en" / "card.md"

    def killed(*_args: object) -> None:
        raise KeyboardInterrupt  # stands in for a kill between write and rename

    monkeypatch.setattr(atomicfile, "_remove_quietly", lambda _p: None)
    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        atomicfile.write(path, b"half")
    monkeypatch.undo()
    [left] = hidden(kb / "en")
    assert atomicfile.is_temp_name(left)
    later = (kb / "en" / left).stat().st_mtime + kbfs.STALE_TEMP_S + 1
    assert kbfs.remove_stale_save_temps(kb, now=later) == 1
    assert hidden(kb / "en") == []
