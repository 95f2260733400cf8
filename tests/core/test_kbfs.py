"""The KB file layer's one walker and one reader, with the options the offline copy uses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.core import kbfs
from desktop.core.kbfs import KbFileError

needs_posix = pytest.mark.skipif(os.name != "posix", reason="symlinks and FIFOs")


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    for relative, text in {"taxonomy.md": "# t", "README.md": "# r", "notes.txt": "n",
                           "en/a.md": "a", "en/.hidden.md": "h", "guides/big.md": "x" * 2500,
                           "guides/pic.png": "p"}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root.resolve()


def listed(files: list[kbfs.ScannedFile]) -> list[str]:
    return [f.relative for f in files]


def test_scan_leaves_out_the_roots_meta_files_unless_asked(kb: Path) -> None:
    problems: list[kbfs.FileProblem] = []
    assert listed(kbfs.scan(kb, problems)) == ["en/a.md", "guides/big.md", "notes.txt"]
    assert listed(kbfs.scan(kb, problems, meta_files=True)) == [
        "README.md", "en/a.md", "guides/big.md", "notes.txt", "taxonomy.md"]
    assert problems == []


def test_scan_reports_and_leaves_out_files_over_max_bytes(kb: Path) -> None:
    problems: list[kbfs.FileProblem] = []
    assert listed(kbfs.scan(kb, problems, max_bytes=2000)) == ["en/a.md", "notes.txt"]
    assert [(p.path.name, p.message) for p in problems] == [("big.md", "larger than 2 KB")]


@needs_posix
def test_links_are_followed_inside_the_kb_or_never(kb: Path, tmp_path: Path) -> None:
    (kb / "en" / "twin.md").symlink_to(kb / "en" / "a.md")
    (kb / "linked").symlink_to(kb / "guides", target_is_directory=True)
    (kb / "en" / "photo").symlink_to(kb / "guides" / "pic.png")  # not KB content: no note
    problems: list[kbfs.FileProblem] = []
    assert "en/twin.md" in listed(kbfs.scan(kb, problems))
    problems.clear()
    files = kbfs.scan(kb, problems, follow_links=False)
    assert listed(files) == ["en/a.md", "guides/big.md", "notes.txt"]
    assert sorted((p.path.name, p.message) for p in problems) == [
        ("linked", kbfs.LINK_NOT_FOLLOWED), ("twin.md", kbfs.LINK_NOT_FOLLOWED)]


def test_an_unreadable_root_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    problems: list[kbfs.FileProblem] = []
    assert kbfs.scan(tmp_path / "gone", problems) == []
    assert problems[0].message.startswith("cannot read the folder")


def test_read_regular_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * 3000)
    assert kbfs.read_regular(path, 3000) == b"x" * 3000
    with pytest.raises(kbfs.FileTooBig) as caught:
        kbfs.read_regular(path, 2999)
    assert (caught.value.size, caught.value.strerror) == (3000, "larger than 2 KB")
    with pytest.raises(KbFileError, match="file is 2 KB; split it into files under 2 KB"):
        kbfs.read_bytes(path, 2999)


@needs_posix
def test_read_regular_never_opens_a_fifo_nor_a_link_when_told(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(kbfs.NotRegularFile):
        kbfs.read_regular(fifo)  # returns at once: no writer needed
    with pytest.raises(KbFileError, match="not a regular file"):
        kbfs.read_bytes(fifo)
    target = tmp_path / "a.md"
    target.write_bytes(b"a")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert kbfs.read_regular(link) == b"a"
    with pytest.raises(OSError):
        kbfs.read_regular(link, follow_links=False)


def test_read_kb_text_decodes_with_the_kb_rules(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\nid: a\r\n")
    assert kbfs.read_kb_text(path) == "---\nid: a\n"
    path.write_bytes(b"  \n")
    with pytest.raises(KbFileError, match="file is empty"):
        kbfs.read_kb_text(path)


@needs_posix
def test_folder_times_lists_the_folders_scan_enters_without_links(kb: Path) -> None:
    (kb / ".git" / "objects").mkdir(parents=True)
    (kb / "linked").symlink_to(kb / "guides", target_is_directory=True)
    times = kbfs.folder_times(kb)
    assert isinstance(times, tuple)
    assert [Path(folder).name for folder, _mtime in times] == ["kb", "en", "guides"]
    (kb / "en" / "new.md").write_text("n", encoding="utf-8")
    os.utime(kb / "en", ns=(1, 1))
    assert kbfs.folder_times(kb) != times  # a folder's time moved
    assert isinstance(kbfs.folder_times(kb / "gone"), str)  # why the root cannot be read
