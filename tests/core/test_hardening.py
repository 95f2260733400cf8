"""Hostile input (issue 9): odd KB files, a cache others can touch, links, devices, full disks."""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core import cachedir, kbfs
from desktop.core import index as index_module
from desktop.core.index import IndexStore
from desktop.core.kb import KbMissingError, load_kb, scan_files
from desktop.core.lint import lint_kb
from desktop.core.render import card_to_html, plain_text_html, sanitize_html
from desktop.core.resources import index_dir_for
from desktop.core.search import Engine

MakeEngine = Callable[[Path], Engine]
STOPWORD_GUIDE = ("# Tips\n\nBreathe slowly before you answer.\n\n## And so on\n\n"
                  "It is what it is.\n")
needs_posix = pytest.mark.skipif(os.name != "posix", reason="POSIX owners, modes and FIFOs")


def ids(engine: Engine, text: str) -> list[str]:
    return [hit.id for hit in engine.search(text)]


# --- 1. every entry is optional to the engine ---------------------------------------------

@pytest.mark.parametrize("relative, text", [
    ("guides/tips.md", STOPWORD_GUIDE),
    ("guides/the.txt", "the\n"),
    ("en/the.md", "---\nid: the\ntitle: The\nlang: en\nstage: listen\n---\n\n## Say\n- The.\n"),
    ("guides/empty-heading.md", "# The\n\nIt is.\n"),
])
def test_an_entry_with_nothing_searchable_does_not_break_search(
        mini_kb: Path, make_engine: MakeEngine, relative: str, text: str) -> None:
    (mini_kb / relative).write_text(text, encoding="utf-8")
    engine = make_engine(mini_kb)
    engine.ensure_index()
    assert ids(engine, "hold")[0] == "hold-ask"
    assert ids(engine, "nagmumura")[0] == "swearing"
    assert any("found by search" in p.message for p in lint_kb(mini_kb)
               if p.path.name == Path(relative).name and p.severity == "warning")


def _only_lost_and_found(root: Path) -> Path:
    (root / "lost+found").mkdir(parents=True)
    (root / "lost+found").chmod(0o700)
    return root


@pytest.mark.parametrize("make_kb", [lambda root: (root.mkdir(), root)[1], _only_lost_and_found],
                         ids=["empty", "lost+found"])
def test_a_kb_without_cards_answers_no_cards_everywhere(
        tmp_path: Path, make_engine: MakeEngine, make_kb: Callable[[Path], Path]) -> None:
    kb = make_kb(tmp_path / "kb")
    engine = make_engine(kb)
    stats = engine.ensure_index()
    assert (stats.cards, stats.documents) == (0, 0)
    assert engine.search("hold") == [] and engine.search("") == []
    assert engine.search("h") == [] and engine.card("x", "en") is None
    assert [p for p in lint_kb(kb) if p.severity == "error"] == []
    engine.ensure_index(rebuild=True)
    assert engine.search("hold") == []


# --- 2. a cache only its user can touch -----------------------------------------------------

def test_cache_folders_are_private_and_keyed_by_user(mini_kb: Path, cache_dir: Path,
                                                     make_engine: MakeEngine,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    engine = make_engine(mini_kb)
    engine.ensure_index()
    assert engine.notice == ""
    if os.name == "posix":  # Windows keeps the folder private by its ACL, not mode bits
        for folder in (engine.index_dir, engine.index_dir.parent):
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    monkeypatch.setattr(cachedir, "user_key", lambda: "someone-else")
    assert index_dir_for(mini_kb, cache_dir) != engine.index_dir


@needs_posix
@pytest.mark.parametrize("problem", ["group-writable", "other-writable", "foreign-owner",
                                     "symlink", "parent-foreign"])
def test_a_cache_others_can_touch_is_refused(mini_kb: Path, cache_dir: Path,
                                            make_engine: MakeEngine, problem: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    folder = index_dir_for(mini_kb, cache_dir)
    folder.parent.mkdir(parents=True, mode=0o700)
    if problem == "symlink":
        elsewhere = cache_dir / "planted"
        elsewhere.mkdir(mode=0o700)
        folder.symlink_to(elsewhere, target_is_directory=True)
    else:
        folder.mkdir(mode=0o700)
        planted = folder / "current"
        planted.write_text("gen-planted", encoding="utf-8")
        (folder / "gen-planted").mkdir()
    if problem == "group-writable":
        folder.chmod(0o770)
    elif problem == "other-writable":
        folder.chmod(0o707)
    elif problem in ("foreign-owner", "parent-foreign"):
        if os.geteuid() != 0:
            pytest.skip("changing owners needs root")
        os.chown(folder if problem == "foreign-owner" else folder.parent, 65534, 65534)
    engine = make_engine(mini_kb)
    engine.ensure_index()
    assert "refusing the index cache" in engine.notice
    assert not engine.index_dir.is_relative_to(cache_dir)
    assert engine.index_dir.parent.stat().st_mode & 0o077 == 0
    assert ids(engine, "refund")[0] == "refund-chat"
    from desktop.cli_it import index_section
    monkeypatch.setenv("KALMA_CACHE_DIR", str(cache_dir))
    assert index_section(mini_kb)["unsafe"]  # the doctor line


def test_the_private_fallback_is_reused_not_leaked(tmp_path: Path, mini_kb: Path,
                                                   make_engine: MakeEngine,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", None)
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("x", encoding="utf-8")
    folders = set()
    for _ in range(3):
        engine = Engine(mini_kb, blocker)
        engine.ensure_index()
        folders.add(engine.index_dir)
        assert ids(engine, "refund")[0] == "refund-chat"
        engine.close()
    assert len(folders) == 1
    assert len(list((tmp_path / "tmp").iterdir())) == 1


def test_a_full_disk_falls_back_to_a_private_index(mini_kb: Path, cache_dir: Path,
                                                   make_engine: MakeEngine,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = cachedir.write_file

    def disk_full_in_cache(path: Path, data: bytes, durable: bool = True) -> None:
        if path.is_relative_to(cache_dir):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(path, data, durable)

    monkeypatch.setattr(cachedir, "write_file", disk_full_in_cache)
    engine = make_engine(mini_kb)
    engine.ensure_index()
    assert "No space left" in engine.notice
    assert not engine.index_dir.is_relative_to(cache_dir)
    assert ids(engine, "refund")[0] == "refund-chat"


def test_the_write_probe_writes_real_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    written: list[int] = []
    real = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: written.append(len(data)) or real(fd, data))
    cachedir.probe_write(tmp_path)
    assert written and written[0] > 0 and list(tmp_path.iterdir()) == []


@needs_posix
def test_a_symlink_planted_as_a_temp_file_is_never_written_through(
        mini_kb: Path, cache_dir: Path, make_engine: MakeEngine, tmp_path: Path) -> None:
    engine = make_engine(mini_kb)
    engine.ensure_index()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    folder = engine.index_dir
    for pid in range(os.getpid() - 2, os.getpid() + 3):  # every name the old code used
        (folder / f".current.{pid}.tmp").symlink_to(victim)
    (mini_kb / "en" / "new.md").write_text((mini_kb / "en" / "vent.md").read_text("utf-8")
                                           .replace("id: vent", "id: new"), encoding="utf-8")
    engine.ensure_index(rebuild=True)
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not list(folder.glob(".*.tmp"))  # cleaned up under the lock


@needs_posix
@pytest.mark.parametrize("control", ["current", "lock", "manifest"])
def test_a_fifo_as_a_control_file_does_not_hang(mini_kb: Path, make_engine: MakeEngine,
                                                control: str) -> None:
    first = make_engine(mini_kb)
    first.ensure_index()
    generation = IndexStore(mini_kb, first.cache_dir).live_generation()
    assert generation is not None
    target = {"current": first.index_dir / "current", "lock": first.index_dir / "lock",
              "manifest": generation / "manifest.json"}[control]
    target.unlink()
    os.mkfifo(target)
    done = threading.Event()
    outcome: list[object] = []

    def run() -> None:
        engine = Engine(mini_kb, first.cache_dir)
        try:
            engine.ensure_index()
            outcome.append(ids(engine, "refund"))
        finally:
            engine.close()
            done.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert done.wait(60), "Kalma hung on a FIFO"
    assert outcome and outcome[0][0] == "refund-chat"  # type: ignore[index]


def test_control_files_of_insane_size_are_not_read(tmp_path: Path) -> None:
    big = tmp_path / "current"
    big.write_bytes(b"gen-x" + b" " * 1000)
    assert cachedir.read_file(big, max_bytes=256) is None
    assert cachedir.read_file(tmp_path) is None  # a folder
    assert cachedir.read_file(tmp_path / "missing") is None


@pytest.mark.parametrize("shape", [
    [], {"format": 1}, {"format": index_module.INDEX_FORMAT, "taxonomy": "x", "docs": 1,
                        "files": [], "index_files": {}},
    {"format": index_module.INDEX_FORMAT, "taxonomy": "x", "docs": 1,
     "files": {"en/a.md": [1, 2]}, "index_files": {}},
    {"format": index_module.INDEX_FORMAT, "taxonomy": "x", "docs": "1", "files": {},
     "index_files": {}},
    {"format": index_module.INDEX_FORMAT, "taxonomy": "x", "docs": 1, "files": {},
     "index_files": {"../../etc/passwd": [1, "x"]}},
], ids=["list", "wrong-types", "files-list", "short-entry", "docs-text", "escaping-name"])
def test_a_manifest_of_the_wrong_shape_is_rebuilt(mini_kb: Path, make_engine: MakeEngine,
                                                  shape: object) -> None:
    first = make_engine(mini_kb)
    first.ensure_index()
    generation = IndexStore(mini_kb, first.cache_dir).live_generation()
    assert generation is not None
    (generation / "manifest.json").write_text(json.dumps(shape), encoding="utf-8")
    stats = make_engine(mini_kb).ensure_index()
    assert stats.rebuilt and stats.cards == 12


def test_a_lock_that_is_a_folder_is_repaired(mini_kb: Path, cache_dir: Path,
                                             make_engine: MakeEngine) -> None:
    folder = index_dir_for(mini_kb, cache_dir)
    (folder / "lock" / "inside").mkdir(parents=True)
    folder.chmod(0o700)
    folder.parent.chmod(0o700)
    engine = make_engine(mini_kb)
    engine.ensure_index()
    assert (folder / "lock").is_file()
    assert ids(engine, "refund")[0] == "refund-chat"


def test_orphaned_generations_and_temp_files_are_cleaned(mini_kb: Path,
                                                         make_engine: MakeEngine) -> None:
    first = make_engine(mini_kb)
    first.ensure_index()
    folder = first.index_dir
    (folder / "gen-dead-1").mkdir()
    (folder / "gen-dead-1" / "_MAIN_1.toc").write_bytes(b"half")
    (folder / "gen-dead-2").write_text("not even a folder", encoding="utf-8")
    (folder / ".manifest.json.1234.tmp").write_text("{", encoding="utf-8")
    make_engine(mini_kb).ensure_index()
    names = {p.name for p in folder.iterdir()}
    assert {n for n in names if n.startswith("gen-")} == {
        IndexStore(mini_kb, first.cache_dir).live_generation().name}  # type: ignore[union-attr]
    assert not {n for n in names if n.endswith(".tmp")}


# --- 4. a bounded walk that stays home ------------------------------------------------------

def test_deeply_nested_folders_do_not_overflow(mini_kb: Path, make_engine: MakeEngine) -> None:
    deep = str(mini_kb / "guides")
    for _ in range(NEST_DEPTH):  # one by one: pathlib's mkdir(parents=True) itself recurses
        deep = os.path.join(deep, "d")
        os.mkdir(deep)
    Path(deep, "bottom.md").write_text("# Bottom\n\nA walrus at the bottom.\n", "utf-8")
    try:
        engine = make_engine(mini_kb)
        engine.ensure_index()
        assert ids(engine, "refund")[0] == "refund-chat"
        assert any("nested deeper" in p.message for p in lint_kb(mini_kb))
        assert any("nested deeper" in p.message for p in load_kb(mini_kb).problems)
    finally:
        remove_nest(deep)


NEST_DEPTH = 1100


def remove_nest(bottom: str) -> None:
    """Take the nest down from the bottom: shutil.rmtree (and so pytest's clean-up of its
    temp folder on the next run) recurses once per folder and would overflow."""
    Path(bottom, "bottom.md").unlink()
    for _ in range(NEST_DEPTH):
        os.rmdir(bottom)
        bottom = os.path.dirname(bottom)


@needs_posix
@pytest.mark.parametrize("target", ["/", "/etc", "/etc/passwd", "/proc/self/status",
                                    "outside-file", "outside-folder"])
def test_links_that_leave_the_kb_are_not_followed(mini_kb: Path, make_engine: MakeEngine,
                                                  tmp_path: Path, target: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# Secret\n\nroot nologin walrus\n", encoding="utf-8")
    real = {"outside-file": outside / "secret.md", "outside-folder": outside}.get(target,
                                                                                  Path(target))
    link = mini_kb / "guides" / ("root.md" if real.is_file() else "root")
    link.symlink_to(real)
    engine = make_engine(mini_kb)
    engine.ensure_index()
    assert engine.search("nologin") == [] and engine.search("walrus") == []
    assert all(not (p.path == link or p.path.is_relative_to(link))
               for p in engine.snapshot.passages)
    assert any(p.path == link and "outside the KB" in p.message for p in lint_kb(mini_kb))


@needs_posix  # creating a link needs a privilege on Windows
def test_links_inside_the_kb_still_work(mini_kb: Path, make_engine: MakeEngine) -> None:
    (mini_kb / "guides" / "again.md").symlink_to(mini_kb / "guides" / "irate-callers.md")
    engine = make_engine(mini_kb)
    engine.ensure_index()
    paths = {p.path.name for p in engine.snapshot.passages}
    assert "again.md" in paths


@needs_posix
def test_fifos_and_devices_in_the_kb_are_never_opened(mini_kb: Path, make_engine: MakeEngine
                                                      ) -> None:
    os.mkfifo(mini_kb / "guides" / "pipe.md")
    (mini_kb / "guides" / "null.md").symlink_to("/dev/null")  # a device, outside the KB
    engine = make_engine(mini_kb)
    engine.ensure_index()
    assert ids(engine, "refund")[0] == "refund-chat"
    messages = {p.path.name: p.message for p in lint_kb(mini_kb)}
    assert "not a regular file" in messages["pipe.md"]
    assert "outside the KB" in messages["null.md"]
    with pytest.raises(Exception, match="not a regular file"):
        kbfs.read_bytes(mini_kb / "guides" / "pipe.md")


def test_the_walk_stops_at_the_file_limit(mini_kb: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    monkeypatch.setattr(kbfs, "MAX_FILES", 5)
    problems: list[kbfs.FileProblem] = []
    assert len(scan_files(mini_kb, problems)) == 5
    assert any("more than 5 files" in p.message for p in problems)


@pytest.mark.skipif(sys.platform == "win32", reason="/proc, /sys and /dev are POSIX folders")
def test_a_kb_in_a_system_folder_is_refused() -> None:
    with pytest.raises(KbMissingError, match="system folder"):
        load_kb(Path("/proc/self"))


def test_a_kb_path_with_an_overlong_name_is_a_clear_error(tmp_path: Path,
                                                          make_engine: MakeEngine) -> None:
    long_path = tmp_path / ("k" * 300) / "kb"
    with pytest.raises(KbMissingError, match="longer than 255"):
        make_engine(long_path).ensure_index()
    with pytest.raises(KbMissingError, match="longer than 255"):
        lint_kb(long_path)


# --- 5. writes that cannot clobber ------------------------------------------------------------

def test_a_same_size_edit_with_the_old_mtime_is_seen(mini_kb: Path, make_engine: MakeEngine
                                                     ) -> None:
    """A 1-second-timestamp file system or `cp -p`: size and mtime stay, the words change."""
    engine = make_engine(mini_kb)
    engine.ensure_index()
    card = mini_kb / "en" / "vent.md"
    before = card.stat()
    card.write_text(card.read_text("utf-8").replace("whole picture", "whole walrusy"),
                    encoding="utf-8")
    os.utime(card, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert card.stat().st_size == before.st_size
    engine.ensure_index()
    assert ids(engine, "walrusy") == ["vent"]
    fresh = make_engine(mini_kb)  # a new process: only the manifest to go by
    fresh.ensure_index()
    assert ids(fresh, "walrusy") == ["vent"]


def test_stale_save_temp_files_are_removed_young_ones_kept(mini_kb: Path) -> None:
    stale = mini_kb / "en" / ".vent.md.abcd1234.tmp"
    young = mini_kb / "en" / ".vent.md.wxyz5678.tmp"
    other = mini_kb / "en" / ".keep-me"
    for path in (stale, young, other):
        path.write_text("half a card", encoding="utf-8")
    old = stale.stat().st_mtime - kbfs.STALE_TEMP_S - 60
    os.utime(stale, (old, old))
    assert kbfs.remove_stale_save_temps(mini_kb) == 1
    assert not stale.exists() and young.exists() and other.exists()


@needs_posix
@pytest.mark.parametrize("target", ["symlink", "fifo", "folder-link"])
def test_export_refuses_targets_that_are_not_regular_files(tmp_path: Path, bundled_kb: Path,
                                                           target: str) -> None:
    from desktop.core.export import ExportTargetError, export_handbook

    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    out = tmp_path / "handbook.html"
    if target == "symlink":
        out.symlink_to(victim)
    elif target == "fifo":
        os.mkfifo(out)
    else:
        out.symlink_to(tmp_path)
    with pytest.raises(ExportTargetError):
        export_handbook(bundled_kb, out)
    assert victim.read_text(encoding="utf-8") == "precious"
    assert out.is_symlink() or stat.S_ISFIFO(out.lstat().st_mode)


def test_export_replaces_a_regular_file_atomically(tmp_path: Path, bundled_kb: Path) -> None:
    from desktop.core.export import export_handbook

    out = tmp_path / "handbook.html"
    out.write_text("old", encoding="utf-8")
    export_handbook(bundled_kb, out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["handbook.html"]


# --- 3 and 6. nothing raw in rich text; Avoid looks like Avoid ------------------------------

@pytest.mark.parametrize("payload", ['Hello tipbomb <img src="/dev/zero"> please hold',
                                     "<b>bold</b> & <script>alert(1)</script>",
                                     "a < b > c"])
def test_kb_text_for_tooltips_is_escaped(payload: str) -> None:
    shown = plain_text_html(payload)
    assert "<img" not in shown and "<script" not in shown and "<b>" not in shown
    assert plain_text_html("no tags here") == "no tags here"


def test_avoid_items_keep_their_class(bundled_kb: Path) -> None:
    card = next(c for c in load_kb(bundled_kb).cards if c.avoid)
    rendered = card_to_html(card)
    assert '<ul class="avoid">' in rendered and '<li class="avoid">' in rendered
    assert '<ol class="say">' in rendered
    assert sanitize_html('<li class="avoid evil">x</li>') == '<li class="avoid">x</li>'
    assert sanitize_html('<li class="evil">x</li>') == "<li>x</li>"


def test_bad_corpus_copy_is_complete(bad_kb: Path) -> None:
    """The stop-word guide, the 'the' file and the card titled 'The' are in the corpus."""
    for relative in ("guides/tips.md", "guides/the.txt", "en/the.md", "lost+found"):
        assert (bad_kb / relative).exists(), relative


@needs_posix
def test_trainer_and_import_never_open_a_fifo(tmp_path: Path) -> None:
    from desktop.core.cards import KbFileError
    from desktop.core.editing import EditDocument
    from desktop.core.importer import read_document

    fifo = tmp_path / "card.md"
    os.mkfifo(fifo)
    with pytest.raises(KbFileError, match="not a regular file"):
        EditDocument(fifo)
    with pytest.raises(ValueError, match="not a regular file"):
        read_document(fifo)
