"""Every trainer save recorded with who, when and what; any version can be restored.

When the KB folder is itself a Git repository, each save is one commit made with dulwich
(pure Python: Windows seats need no git install), touching only the saved file. Otherwise
the history lives beside the cards in `<KB>/.kalma-history/`: an append-only `log.jsonl`
and the saved contents by SHA-256 (the KB walk skips dot folders, so nothing is indexed).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop.core import atomicfile
from desktop.core.editing import probe_write

HISTORY_DIR = ".kalma-history"
LOG_NAME = "log.jsonl"
MAX_REVISIONS = 500


@dataclass(frozen=True)
class Revision:
    key: str  # the backend's handle: a SHA-256 (folder) or a commit id (git)
    relative: str  # KB-relative path, '/' separated
    who: str
    when: datetime
    summary: str


def summarize(before: str, after: str) -> str:
    """What changed, in a few words: '+2 −1 lines: - new phrase'."""
    added, removed, first = 0, 0, ""
    for line in difflib.unified_diff(before.split("\n"), after.split("\n"), lineterm="", n=0):
        if line.startswith(("+++", "---", "@@")):
            continue
        if line.startswith("+"):
            added += 1
            first = first or line[1:].strip()
        elif line.startswith("-"):
            removed += 1
            first = first or line[1:].strip()
    return f"+{added} −{removed} lines" + (f": {first[:60]}" if first else "")


def unified_diff(before: str, after: str, name: str) -> str:
    return "\n".join(difflib.unified_diff(before.split("\n"), after.split("\n"),
                                          f"{name} (before)", f"{name} (after)", lineterm=""))


class History:
    """The common interface; `open_history` picks the backend."""

    kind = "none"

    def __init__(self, kb_dir: Path) -> None:
        self.kb_dir = kb_dir.resolve()

    @property
    def problem(self) -> str | None:
        """Why saves are not being recorded (e.g. a read-only KB); None when they are."""
        if not probe_write(self.kb_dir):
            return "the KB folder is read-only here, so no history is recorded"
        return None

    def relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.kb_dir).as_posix()

    def record(self, path: Path, data: bytes, who: str, summary: str,
               previous: bytes | None = None) -> None:
        raise NotImplementedError

    def revisions(self, path: Path) -> list[Revision]:
        raise NotImplementedError

    def content(self, revision: Revision) -> bytes:
        raise NotImplementedError


class FolderHistory(History):
    kind = "folder"

    @property
    def folder(self) -> Path:
        return self.kb_dir / HISTORY_DIR

    def record(self, path: Path, data: bytes, who: str, summary: str,
               previous: bytes | None = None) -> None:
        relative = self.relative(path)
        if previous is not None and not self.revisions(path):
            # The first save keeps the version it started from, so it can be restored.
            self._append(relative, previous, "", "version before the first recorded save",
                         time.time() - 0.001)
        self._append(relative, data, who, summary, time.time())

    def _append(self, relative: str, data: bytes, who: str, summary: str,
                when: float) -> None:
        digest = hashlib.sha256(data).hexdigest()
        blob = self.folder / "objects" / digest[:2] / digest
        if not blob.exists():
            blob.parent.mkdir(parents=True, exist_ok=True)
            atomicfile.write(blob, data)
        entry = {"file": relative, "who": who, "when": round(when, 3), "sha256": digest,
                 "summary": summary}
        line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
        fd = os.open(self.folder / LOG_NAME, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)  # one write per entry: concurrent savers never interleave
        finally:
            os.close(fd)

    def revisions(self, path: Path) -> list[Revision]:
        relative = self.relative(path)
        try:
            lines = (self.folder / LOG_NAME).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return []
        found: list[Revision] = []
        for line in lines:
            try:
                entry = json.loads(line)
                if entry["file"] == relative:
                    found.append(Revision(str(entry["sha256"]), relative, str(entry["who"]),
                                          datetime.fromtimestamp(float(entry["when"]), UTC),
                                          str(entry.get("summary", ""))))
            except (ValueError, KeyError, TypeError):
                continue  # a torn or hand-edited line: skip it, keep the rest
        return list(reversed(found))[:MAX_REVISIONS]

    def content(self, revision: Revision) -> bytes:
        digest = revision.key
        return (self.folder / "objects" / digest[:2] / digest).read_bytes()


class GitHistory(History):
    """One commit per save in the KB's own Git repository, made by dulwich."""

    kind = "git"

    def record(self, path: Path, data: bytes, who: str, summary: str,
               previous: bytes | None = None) -> None:
        if previous is not None and not self.revisions(path):
            self._commit(path, previous, "trainer", "version before the first recorded save")
        self._commit(path, data, who, summary)

    def _commit(self, path: Path, data: bytes, who: str, summary: str) -> None:
        from dulwich.object_store import commit_tree_changes
        from dulwich.objects import Blob
        from dulwich.repo import Repo

        relative = self.relative(path)
        with Repo(str(self.kb_dir)) as repo:
            blob = Blob.from_string(data)
            repo.object_store.add_object(blob)
            try:
                head_tree = repo[repo.head()].tree  # type: ignore[attr-defined]
            except KeyError:
                head_tree = _empty_tree(repo)
            mode = 0o100644
            tree = commit_tree_changes(repo.object_store, head_tree,
                                       [(relative.encode("utf-8"), mode, blob.id)])
            identity = f"{who} <{_email(who)}>".encode()
            message = f"{relative}: {summary}\n\nSaved in Kalma trainer mode by {who}.\n"
            repo.get_worktree().commit(message=message.encode("utf-8"), committer=identity,
                                       author=identity, tree=tree, no_verify=True)
            repo.get_worktree().stage([relative])  # the index agrees with what was committed

    def revisions(self, path: Path) -> list[Revision]:
        from dulwich.repo import Repo

        relative = self.relative(path)
        found: list[Revision] = []
        with Repo(str(self.kb_dir)) as repo:
            try:
                walker = repo.get_walker(paths=[relative.encode("utf-8")],
                                         max_entries=MAX_REVISIONS)
            except KeyError:
                return []  # no commit yet
            for entry in walker:
                commit = entry.commit
                author = commit.author.decode("utf-8", "replace").split(" <")[0]
                subject = commit.message.decode("utf-8", "replace").split("\n")[0]
                summary = subject.split(": ", 1)[1] if ": " in subject else subject
                found.append(Revision(commit.id.decode("ascii"), relative, author,
                                      datetime.fromtimestamp(commit.author_time, UTC), summary))
        return found

    def content(self, revision: Revision) -> bytes:
        from dulwich.object_store import tree_lookup_path
        from dulwich.repo import Repo

        with Repo(str(self.kb_dir)) as repo:
            commit = repo[revision.key.encode("ascii")]
            _, sha = tree_lookup_path(repo.__getitem__, commit.tree,  # type: ignore[attr-defined]
                                      revision.relative.encode("utf-8"))
            return repo[sha].as_raw_string()


def _empty_tree(repo: object) -> bytes:
    from dulwich.objects import Tree

    tree = Tree()
    repo.object_store.add_object(tree)  # type: ignore[attr-defined]
    return tree.id


def _email(who: str) -> str:
    local = "".join(ch for ch in who.lower() if ch.isalnum() or ch in "._-") or "trainer"
    return f"{local}@kalma.local"


def open_history(kb_dir: Path) -> History:
    """Git when the KB folder is a repository of its own, else the folder beside the cards."""
    if (kb_dir / ".git").exists():
        return GitHistory(kb_dir)
    return FolderHistory(kb_dir)
