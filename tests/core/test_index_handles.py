"""Engine.close() releases every index file at once, not whenever garbage collection runs:
on Windows an open or memory-mapped segment file cannot be deleted, renamed or replaced
(the next index generation, the cache clean-up and uninstallers all do that)."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.core.search import Engine

MakeEngine = Callable[[Path], Engine]


@pytest.fixture
def no_garbage_collection() -> Iterator[None]:
    """Cycles are not collected during the test: only explicit closing can free a file."""
    gc.collect()
    gc.disable()
    yield
    gc.enable()


def open_paths_under(folder: Path) -> list[str]:
    """Files under folder this process holds open or mapped (Linux /proc; [] elsewhere)."""
    proc = Path("/proc/self")
    if not proc.is_dir():
        return []
    inside = str(folder.resolve()) + "/"
    opened = []
    for fd in (proc / "fd").iterdir():
        try:
            opened.append(str(fd.readlink()))
        except OSError:  # closed while we listed
            continue
    mapped = [line.split(maxsplit=5)[-1] for line in
              (proc / "maps").read_text(encoding="utf-8").splitlines()
              if len(line.split(maxsplit=5)) == 6]
    return sorted({path for path in opened + mapped if path.startswith(inside)})


@pytest.mark.usefixtures("no_garbage_collection")
def test_close_releases_every_index_file(mini_kb: Path, make_engine: MakeEngine) -> None:
    engine = make_engine(mini_kb)
    engine.ensure_index()
    assert engine.search("refund") and engine.search("nagmumura")
    folder = engine.index_dir
    assert open_paths_under(folder) == []  # read whole, nothing held even while searching
    engine.close()
    assert open_paths_under(folder) == []
    shutil.rmtree(folder)  # Windows: a sharing violation if any file is still open
    assert not folder.exists()


@pytest.mark.usefixtures("no_garbage_collection")
def test_a_rebuilt_index_releases_the_old_generation(mini_kb: Path,
                                                     make_engine: MakeEngine) -> None:
    engine = make_engine(mini_kb)
    engine.ensure_index()
    assert engine.search("refund")
    first = engine.index_dir
    old_generations = {p for p in first.iterdir() if p.name.startswith("gen-")}
    taxonomy = mini_kb / "taxonomy.md"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8").replace(  # new schema: rebuild
        "the customer swears or insults", "the customer swears, insults or curses"),
        encoding="utf-8")
    assert engine.ensure_index().rebuilt
    assert engine.search("refund")
    for generation in old_generations:
        assert open_paths_under(generation) == []
        if generation.exists():
            shutil.rmtree(generation)  # Windows: fails while the old reader holds it
    engine.close()
