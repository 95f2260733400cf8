"""Every save recorded with who, when and what; versions restore (issue 12, item 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from dulwich.repo import Repo

from desktop.core.history import FolderHistory, GitHistory, open_history, summarize


@pytest.fixture
def card(tmp_path: Path) -> Path:
    path = tmp_path / "kb" / "en" / "hold.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"---\nid: hold\n---\n- one\n")
    return path


def _save(history: object, path: Path, text: bytes, who: str) -> None:
    previous = path.read_bytes()
    path.write_bytes(text)
    history.record(path, text, who,  # type: ignore[attr-defined]
                   summarize(previous.decode(), text.decode()), previous=previous)


def test_folder_history_keeps_who_what_and_every_version(card: Path) -> None:
    history = open_history(card.parents[1])
    assert isinstance(history, FolderHistory)
    _save(history, card, b"---\nid: hold\n---\n- one\n- two\n", "maria")
    _save(history, card, b"---\nid: hold\n---\n- two\n", "jun")
    revisions = history.revisions(card)
    assert [r.who for r in revisions] == ["jun", "maria", ""]
    assert revisions[1].summary == "+1 −0 lines: - two"
    assert history.content(revisions[2]) == b"---\nid: hold\n---\n- one\n"
    assert history.problem is None


def test_git_history_commits_only_the_saved_file(card: Path) -> None:
    kb = card.parents[1]
    Repo.init(str(kb)).close()
    (kb / "other.md").write_text("untracked, not committed\n", encoding="utf-8")
    history = open_history(kb)
    assert isinstance(history, GitHistory)
    _save(history, card, b"---\nid: hold\n---\n- one\n- two\n", "maria")
    _save(history, card, b"---\nid: hold\n---\n- three\n", "jun")
    revisions = history.revisions(card)
    assert [r.who for r in revisions] == ["jun", "maria", "trainer"]
    assert history.content(revisions[1]) == b"---\nid: hold\n---\n- one\n- two\n"
    with Repo(str(kb)) as repo:
        tree = repo[repo[repo.head()].tree]
        assert b"other.md" not in [entry.path for entry in tree.items()]


def test_read_only_kb_says_so(card: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root can write anywhere, so the probe's answer is faked here; probe_write itself is
    # tested in test_editing.
    monkeypatch.setattr("desktop.core.history.probe_write", lambda folder: False)
    problem = open_history(card.parents[1]).problem
    assert problem is not None and "read-only" in problem


def test_git_history_needs_no_network_module(card: Path) -> None:
    """The bundle leaves dulwich's transports, its C speed-ups and urllib3 out (build.spec):
    the Git history must work without them, in a fresh interpreter where importing them
    fails."""
    import subprocess
    import sys

    kb = card.parents[1]
    Repo.init(str(kb)).close()
    script = (
        "import sys\n"
        "for name in ('urllib3', 'dulwich.client', 'dulwich.porcelain', 'dulwich.lfs',\n"
        "             'dulwich.bundle_uri', 'dulwich.dumb', 'dulwich.server', 'dulwich.web',\n"
        "             'dulwich._objects', 'dulwich._pack', 'dulwich._diff_tree'):\n"
        "    sys.modules[name] = None\n"
        "from pathlib import Path\n"
        "from desktop.core.history import GitHistory, open_history\n"
        "card = Path(sys.argv[1])\n"
        "history = open_history(card.parents[1])\n"
        "assert isinstance(history, GitHistory)\n"
        "previous = card.read_bytes()\n"
        "card.write_bytes(b'---\\nid: hold\\n---\\n- two\\n')\n"
        "history.record(card, card.read_bytes(), 'maria', 'one line', previous=previous)\n"
        "revisions = history.revisions(card)\n"
        "assert [r.who for r in revisions] == ['maria', 'trainer'], revisions\n"
        "assert history.content(revisions[1]) == previous\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(card)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
