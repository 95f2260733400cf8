"""The Whoosh index of a KB folder, kept in the per-user cache and updated incrementally.

Layout of one index folder (``resources.index_dir_for``), never inside the KB:

    lock              held (fcntl/msvcrt) by whoever updates the index
    current           name of the live generation folder, replaced atomically
    gen-<n>/          the Whoosh files plus manifest.json

manifest.json says which KB files are in the index (path → [mtime, size, sha1, documents,
kind]),
the schema/analyzer version, the taxonomy hash and the size and hash of every index file.
A run compares the KB against it and re-indexes only new, changed and removed files. A
version or taxonomy change, or an index that fails its checks (missing, truncated or
garbled files, wrong document count), is rebuilt into a fresh generation folder that
becomes live with one atomic rename, so readers never see a half-written index.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from whoosh import index as whoosh_index
from whoosh.analysis import DelimitedAttributeFilter, SpaceSeparatedTokenizer
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile

from desktop.core import analysis, resources
from desktop.core.cards import (
    KB_META_FILES,
    MAX_FILE_BYTES,
    Card,
    KbFileError,
    Passage,
    decode_kb_bytes,
    has_front_matter,
    parse_card,
    split_document,
)
from desktop.core.kb import (
    TEXT_SUFFIXES,
    Cancelled,
    FileProblem,
    IsCancelled,
    Progress,
    check_kb_dir,
    is_card_path,
)
from desktop.core.taxonomy import Taxonomy, default_taxonomy, load_glossary, load_taxonomy

SCHEMA_VERSION = 4
INDEX_FORMAT = f"schema-{SCHEMA_VERSION}/analyzer-{analysis.ANALYZER_VERSION}"
LOCK_TIMEOUT_S = 60.0
WRITER_LIMIT_MB = 256
# More changed files than this share of the KB: rebuilding is faster than deleting.
REBUILD_SHARE = 0.5
# Merge segments once incremental commits have left this many.
MAX_SEGMENTS = 8
TITLE_WEIGHT, SAY_WEIGHT, TAG_WEIGHT, BODY_WEIGHT = 3, 2, 2, 1

Document = Card | Passage


class IndexBusyError(Exception):
    """Another process held the index lock for too long and no usable index exists."""


def make_schema() -> Schema:
    # Only Whoosh's own classes go in the schema: Whoosh pickles it into the index.
    text_analyzer = SpaceSeparatedTokenizer() | DelimitedAttributeFilter(analysis.BOOST_SEP)
    return Schema(
        key=ID(stored=True, unique=True),  # relative path, plus "#n" for document passages
        file=ID(),  # relative path: deletes every document of one file
        kind=ID(),
        lang=ID(),
        stage=ID(),
        channel=ID(),
        tags=KEYWORD(),
        text=TEXT(analyzer=text_analyzer, phrase=False),
    )


# --- reading KB files ----------------------------------------------------------------------

@dataclass(frozen=True)
class ParsedFile:
    """One KB file as read: its cards or passages, or the problem that stopped it."""

    relative: str
    mtime_ns: int
    size: int
    sha1: str
    cards: tuple[Card, ...] = ()
    passages: tuple[Passage, ...] = ()
    problem: FileProblem | None = None

    def documents(self) -> list[tuple[str, Document]]:
        """(index key, card or passage) pairs."""
        if self.cards:
            return [(self.relative, card) for card in self.cards]
        return [(f"{self.relative}#{p.index}", p) for p in self.passages]


class ScannedFile(NamedTuple):
    """A KB file as listed: like kb.KbFile, but no Path object for each of 10,000 files."""

    relative: str
    location: str  # absolute path
    mtime_ns: int
    size: int

    @property
    def path(self) -> Path:
        return Path(self.location)


def parse_file(file: ScannedFile) -> ParsedFile:
    """Read and parse one file; never raises for bad content."""
    digest = ""
    try:
        if file.size > MAX_FILE_BYTES:
            raise KbFileError(file.path, 1, f"file is {file.size // 1024} KB; split it into "
                              f"files under {MAX_FILE_BYTES // 1000} KB")
        try:
            raw = file.path.read_bytes()
        except OSError as exc:
            raise KbFileError(file.path, 1,
                              f"cannot read the file ({exc.strerror or exc})") from exc
        digest = hashlib.sha1(raw).hexdigest()
        text = decode_kb_bytes(file.path, raw)
        if is_card_path(file.relative) or has_front_matter(text):
            card = parse_card(file.path, text)
            return ParsedFile(file.relative, file.mtime_ns, file.size, digest, cards=(card,))
        passages = tuple(split_document(file.path, text))
        return ParsedFile(file.relative, file.mtime_ns, file.size, digest, passages=passages)
    except KbFileError as exc:
        problem = FileProblem(exc.path, exc.line, "error", exc.message)
        return ParsedFile(file.relative, file.mtime_ns, file.size, digest, problem=problem)


def document_tokens(doc: Document, taxonomy: Taxonomy) -> dict[str, int]:
    """Marked index tokens of a card or passage → weight (title 3, Say 2, the rest 1)."""
    if isinstance(doc, Card):
        parts = [(doc.title, TITLE_WEIGHT), (" ".join(doc.say), SAY_WEIGHT),
                 (_tag_names(doc, taxonomy), TAG_WEIGHT), (_card_body(doc, taxonomy), BODY_WEIGHT)]
    else:
        parts = [(doc.heading, TITLE_WEIGHT), (doc.text, BODY_WEIGHT)]
    return analysis.weighted_tokens(parts, filipino=doc.lang == "fil")


def index_fields(key: str, relative: str, doc: Document, taxonomy: Taxonomy) -> dict[str, str]:
    """The Whoosh fields of one card or passage."""
    if isinstance(doc, Card):
        kind, tags, stage, channel = "card", " ".join(doc.tags), doc.stage, doc.channel
    else:
        kind, tags, stage, channel = "document", "", "", "any"
    text = analysis.field_value(document_tokens(doc, taxonomy))
    return {"key": key, "file": relative, "kind": kind, "lang": doc.lang, "stage": stage,
            "channel": channel, "tags": tags, "text": text}


def _tag_names(card: Card, taxonomy: Taxonomy) -> str:
    # Trainers chose the tags: "customer is wrong" should find cards tagged customer-wrong.
    names: list[str] = []
    for tag_id in card.tags:
        tag = taxonomy.tag(tag_id)
        names.extend((tag_id.replace("-", " "), tag.en, tag.fil) if tag else (tag_id,))
    return "\n".join(names)


def _card_body(card: Card, taxonomy: Taxonomy) -> str:
    # Tag meanings let "customer swearing" find cards tagged abusive; stage labels in both
    # languages let "ulitin ang detalye" find the Repeat-back cards.
    meanings = [tag.meaning for tag in map(taxonomy.tag, card.tags) if tag]
    stage = taxonomy.stage(card.stage)
    labels = (stage.en, stage.fil, stage.meaning) if stage else ()
    return "\n".join((*card.avoid, card.why, card.other_text, *meanings, *labels))


def taxonomy_hash(taxonomy: Taxonomy) -> str:
    rows = [(t.id, t.en, t.fil, t.meaning) for t in [*taxonomy.tags, *taxonomy.stages]]
    return hashlib.sha1(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()


def fast_scan(root: Path, problems: list[FileProblem]) -> list[ScannedFile]:
    """kb.scan_files without pathlib in the loop: a 10,000-file KB is stat'ed in ~50 ms.

    Same rules: dot entries skipped, folder links followed once, root meta files skipped.
    """
    found: list[ScannedFile] = []
    _scan_folder(str(root), "", set(), problems, found)
    found.sort()  # by relative path: it comes first and is unique
    return found


def _scan_folder(folder: str, relative: str, seen: set[tuple[int, int]],
                 problems: list[FileProblem], found: list[ScannedFile]) -> None:
    try:
        stat = os.stat(folder)
        if (stat.st_dev, stat.st_ino) in seen:
            problems.append(FileProblem(Path(folder), 1, "warning",
                                        "folder link loops back; skipped it"))
            return
        seen.add((stat.st_dev, stat.st_ino))
        with os.scandir(folder) as scan:
            entries = list(scan)
    except OSError as exc:
        problems.append(FileProblem(Path(folder), 1, "error", f"cannot read the folder ({exc})"))
        return
    at_root = not relative
    for entry in entries:  # a tight loop: it runs for every file on every update
        name = entry.name
        if name.startswith("."):
            continue
        try:
            if name.lower().endswith(TEXT_SUFFIXES) and entry.is_file():
                if at_root and name.lower() in KB_META_FILES:
                    continue
                info = entry.stat()
                found.append(ScannedFile(relative + name, entry.path, info.st_mtime_ns,
                                         info.st_size))
            elif entry.is_dir():
                _scan_folder(entry.path, relative + name + "/", seen, problems, found)
            elif entry.is_symlink() and not entry.is_file():
                problems.append(FileProblem(Path(entry.path), 1, "error", "broken link; remove it"))
        except OSError as exc:
            problems.append(FileProblem(Path(entry.path), 1, "error", f"cannot read ({exc})"))


# --- the result of an update ---------------------------------------------------------------

@dataclass
class UpdateResult:
    root: Path
    generation: Path  # the live index folder
    files: dict[str, ParsedFile]
    taxonomy: Taxonomy
    glossary: list[tuple[str, ...]]
    problems: list[FileProblem]
    added: int = 0
    updated: int = 0
    removed: int = 0
    rebuilt: bool = False
    changed: bool = False  # the index on disk differs from the one the caller knew
    # The update started from the index this store last saw (no other process wrote in
    # between), so changed_keys and removed_keys are the whole difference.
    continued: bool = False
    changed_keys: set[str] = field(default_factory=set)
    removed_keys: set[str] = field(default_factory=set)


# --- locking ---------------------------------------------------------------------------------

@contextlib.contextmanager
def file_lock(path: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[bool]:
    """Hold an OS lock on ``path``; yields False if it could not be had within ``timeout``.

    OS locks die with their process, so a crashed indexer never leaves a stale lock.
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    locked = False
    try:
        deadline = time.monotonic() + timeout
        while True:
            locked = _try_lock(fd)
            if locked or time.monotonic() >= deadline:
                break
            time.sleep(0.05)
        yield locked
    finally:
        if locked:
            _unlock(fd)
        os.close(fd)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


# --- the index folder ----------------------------------------------------------------------

class IndexStore:
    """One KB's index folder: find, check, update and rebuild the live generation."""

    def __init__(self, kb_dir: Path, cache_dir: Path | None = None) -> None:
        self.kb_dir = Path(kb_dir)
        self.folder = resources.index_dir_for(self.kb_dir, cache_dir)
        self.notice = ""  # set when the index had to move out of an unwritable cache
        self._verified: tuple[str, str] | None = None  # (generation, manifest sha1) known good
        # The manifest last read or written, with the file's (path, mtime, size) then: a
        # 10,000-file manifest takes longer to parse than a one-card update to index.
        self._memo: tuple[tuple[str, int, int], dict[str, Any]] | None = None

    # -- public --

    def update(self, known: dict[str, ParsedFile] | None = None,
               progress: Progress | None = None, is_cancelled: IsCancelled | None = None,
               rebuild: bool = False, lock_timeout: float = LOCK_TIMEOUT_S) -> UpdateResult:
        """Bring the index up to date with the KB folder.

        ``known`` holds files parsed by an earlier call (reused when unchanged). Waits for
        another process that is indexing; if it takes longer than ``lock_timeout``, the
        existing index is used as it is.
        """
        root = check_kb_dir(self.kb_dir)
        self._ensure_writable_folder()
        problems: list[FileProblem] = []
        taxonomy, glossary = _load_meta(root, problems)
        files = fast_scan(root, problems)
        with file_lock(self.folder / "lock", lock_timeout) as locked:
            if not locked:
                return self._use_existing(root, files, known, taxonomy, glossary, problems)
            return self._update_locked(root, files, known or {}, taxonomy, glossary, problems,
                                       progress, is_cancelled, rebuild)

    def _ensure_writable_folder(self) -> None:
        """Use the per-user cache; if it cannot be written, a private temporary folder.

        The index is only a cache, so an unwritable cache (full disk, locked-down profile)
        costs a rebuild, never the app. mkdtemp gives a fresh 0700 folder: a shared temp
        dir must not hand us an index (a pickle) that someone else planted.
        """
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            probe = self.folder / f".write-probe-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            fallback = Path(tempfile.mkdtemp(prefix="kalma-index-")) / self.folder.name
            fallback.mkdir()
            self.notice = (f"index cache {self.folder} is not writable ({exc.strerror or exc}); "
                           f"using a temporary index in {fallback}")
            self.folder = fallback

    def live_generation(self) -> Path | None:
        try:
            name = (self.folder / "current").read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        if not name.startswith("gen-") or "/" in name or "\\" in name:
            return None
        path = self.folder / name
        return path if path.is_dir() else None

    # -- update under the lock --

    def _update_locked(self, root: Path, files: list[ScannedFile], known: dict[str, ParsedFile],
                       taxonomy: Taxonomy, glossary: list[tuple[str, ...]],
                       problems: list[FileProblem], progress: Progress | None,
                       is_cancelled: IsCancelled | None, rebuild: bool) -> UpdateResult:
        generation = self.live_generation()
        seen_before = self._verified
        manifest = self._check(generation, taxonomy) if generation and not rebuild else None
        if generation is None or manifest is None:
            return self._rebuild(root, files, known, taxonomy, glossary, problems, progress,
                                 is_cancelled)
        assert generation is not None
        plan = _plan(files, known, manifest)
        if len(plan.to_index) + len(plan.removed) > max(50, REBUILD_SHARE * len(files)):
            return self._rebuild(root, files, known, taxonomy, glossary, problems, progress,
                                 is_cancelled)
        parsed = self._parse_all(files, plan, known, progress, is_cancelled)
        result = UpdateResult(root, generation, parsed, taxonomy, glossary, problems)
        result.continued = seen_before == (generation.name, _manifest_digest(manifest))
        if plan.to_index or plan.removed:
            manifest = self._apply(generation, manifest, plan, parsed, taxonomy, result,
                                   is_cancelled)
        elif plan.restat:
            manifest = _manifest(parsed, taxonomy, generation, manifest)
            self._write_manifest(generation, manifest)
        # Always called: it also remembers this generation as checked.
        moved_on = self._verified_changed(generation, manifest)
        result.changed = result.changed or moved_on
        _collect_problems(result)
        return result

    def _apply(self, generation: Path, manifest: dict[str, Any], plan: _Plan,
               parsed: dict[str, ParsedFile], taxonomy: Taxonomy, result: UpdateResult,
               is_cancelled: IsCancelled | None) -> dict[str, Any]:
        """Re-index the planned files in place; returns the new manifest."""
        ix = open_generation(generation)
        writer = ix.writer(procs=1, limitmb=WRITER_LIMIT_MB)
        try:
            old_files: dict[str, list[Any]] = manifest["files"]
            for relative in sorted(plan.removed | plan.to_index):
                # Also for "new" files: a crash after a commit but before the manifest
                # write leaves them indexed already.
                writer.delete_by_term("file", relative)
                result.removed_keys.update(_keys_of(relative, old_files.get(relative)))
            for relative in sorted(plan.to_index):
                if is_cancelled and is_cancelled():
                    raise Cancelled()
                for key, doc in parsed[relative].documents():
                    writer.add_document(**index_fields(key, relative, doc, taxonomy))
                    result.changed_keys.add(key)
            # Small commits append a segment; merge only once they pile up.
            writer.commit(merge=len(ix._segments()) >= MAX_SEGMENTS)
        except BaseException:
            writer.cancel()
            raise
        finally:
            ix.close()
        result.added = sum(1 for r in plan.to_index if r not in old_files)
        result.updated = len(plan.to_index) - result.added
        result.removed = len(plan.removed)
        result.changed = True
        new_manifest = _manifest(parsed, taxonomy, generation, manifest)
        self._write_manifest(generation, new_manifest)
        return new_manifest

    # -- full rebuild --

    def _rebuild(self, root: Path, files: list[ScannedFile], known: dict[str, ParsedFile],
                 taxonomy: Taxonomy, glossary: list[tuple[str, ...]],
                 problems: list[FileProblem], progress: Progress | None,
                 is_cancelled: IsCancelled | None) -> UpdateResult:
        generation = self.folder / f"gen-{time.time_ns():x}-{os.getpid()}"
        generation.mkdir()
        try:
            plan = _Plan(to_index={f.relative for f in files})
            parsed = self._parse_all(files, plan, known, progress, is_cancelled)
            ix = whoosh_index.create_in(str(generation), make_schema())
            writer = ix.writer(procs=1, limitmb=WRITER_LIMIT_MB)
            try:
                for relative in sorted(parsed):
                    if is_cancelled and is_cancelled():
                        raise Cancelled()
                    for key, doc in parsed[relative].documents():
                        writer.add_document(**index_fields(key, relative, doc, taxonomy))
                writer.commit()
            except BaseException:
                writer.cancel()
                raise
            finally:
                ix.close()
            self._write_manifest(generation, _manifest(parsed, taxonomy, generation))
            _atomic_write(self.folder / "current", generation.name)
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
        self._remove_old_generations(generation)
        result = UpdateResult(root, generation, parsed, taxonomy, glossary, problems,
                              added=len(parsed), rebuilt=True, changed=True)
        self._verified = None
        self._verified_changed(generation)
        _collect_problems(result)
        return result

    def _remove_old_generations(self, keep: Path) -> None:
        # Another process may still read an old one; on Windows that makes removal fail,
        # which is fine: the next rebuild tries again.
        for entry in self.folder.iterdir():
            if entry.name.startswith("gen-") and entry != keep:
                shutil.rmtree(entry, ignore_errors=True)

    # -- lock timeout: read what is there --

    def _use_existing(self, root: Path, files: list[ScannedFile],
                      known: dict[str, ParsedFile] | None, taxonomy: Taxonomy,
                      glossary: list[tuple[str, ...]], problems: list[FileProblem]
                      ) -> UpdateResult:
        generation = self.live_generation()
        if generation is None or _read_manifest(generation) is None:
            raise IndexBusyError(f"another Kalma is still building the index in {self.folder}")
        parsed = self._parse_all(files, _Plan(), known or {}, None, None)
        result = UpdateResult(root, generation, parsed, taxonomy, glossary, problems)
        result.changed = self._verified_changed(generation)
        _collect_problems(result)
        return result

    # -- checks --

    def _check(self, generation: Path, taxonomy: Taxonomy) -> dict[str, Any] | None:
        """The manifest if the generation is complete, current and readable, else None."""
        manifest = self._read_manifest(generation)
        if manifest is None or manifest.get("format") != INDEX_FORMAT:
            return None
        if manifest.get("taxonomy") != taxonomy_hash(taxonomy):
            return None
        signature = (generation.name, _manifest_digest(manifest))
        deep = self._verified != signature
        if not _index_files_ok(generation, manifest.get("index_files", {}), deep):
            return None
        if deep and not _whoosh_ok(generation, int(manifest.get("docs", -1))):
            return None
        return manifest

    def _verified_changed(self, generation: Path, manifest: dict[str, Any] | None = None
                          ) -> bool:
        """Remember the live generation as checked; True if it differs from the last one."""
        manifest = manifest if manifest is not None else self._read_manifest(generation)
        signature = (generation.name, _manifest_digest(manifest or {}))
        changed = self._verified != signature
        self._verified = signature
        return changed

    # -- helpers --

    def _parse_all(self, files: list[ScannedFile], plan: _Plan, known: dict[str, ParsedFile],
                   progress: Progress | None, is_cancelled: IsCancelled | None
                   ) -> dict[str, ParsedFile]:
        parsed: dict[str, ParsedFile] = {}
        total = len(files)
        for done, file in enumerate(files, start=1):
            if is_cancelled and is_cancelled():
                raise Cancelled()
            previous = known.get(file.relative)
            if previous and (previous.mtime_ns, previous.size) == (file.mtime_ns, file.size) \
                    and file.relative not in plan.to_index:
                parsed[file.relative] = previous
            else:
                parsed[file.relative] = parse_file(file)
            if progress and (done == total or done % 50 == 0):
                progress(done, total)
        return parsed

    def _write_manifest(self, generation: Path, manifest: dict[str, Any]) -> None:
        path = generation / "manifest.json"
        _atomic_write(path, json.dumps(manifest, ensure_ascii=False))
        self._memo = (_file_key(path), manifest)

    def _read_manifest(self, generation: Path) -> dict[str, Any] | None:
        path = generation / "manifest.json"
        key = _file_key(path)
        if self._memo is not None and self._memo[0] == key:
            return self._memo[1]
        manifest = _read_manifest(generation)
        self._memo = (key, manifest) if manifest is not None else None
        return manifest


# --- planning an incremental update ---------------------------------------------------------

@dataclass
class _Plan:
    to_index: set[str] = field(default_factory=set)  # new or changed files
    removed: set[str] = field(default_factory=set)
    restat: bool = False  # same content, new mtime: only the manifest changes


def _plan(files: list[ScannedFile], known: dict[str, ParsedFile], manifest: dict[str, Any]
          ) -> _Plan:
    plan = _Plan()
    recorded: dict[str, Any] = manifest.get("files", {})
    for file in files:
        entry = recorded.get(file.relative)
        if entry is None:
            plan.to_index.add(file.relative)
            continue
        if entry[0] == file.mtime_ns and entry[1] == file.size:
            continue
        # Touched but maybe not edited (a git checkout, a copy): compare contents.
        previous = known.get(file.relative)
        digest = previous.sha1 if previous and (previous.mtime_ns, previous.size) == (
            file.mtime_ns, file.size) else _sha1_of(file.location)
        if digest and digest == entry[2]:
            plan.restat = True
        else:
            plan.to_index.add(file.relative)
    plan.removed = set(recorded) - {f.relative for f in files}
    return plan


def _sha1_of(path: Path | str) -> str:
    try:
        return hashlib.sha1(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def _keys_of(relative: str, entry: list[Any] | None) -> list[str]:
    """Index keys a manifest entry stands for."""
    if not entry:
        return []
    if entry[4] == "card":
        return [relative]
    return [f"{relative}#{n}" for n in range(int(entry[3]))]


# --- manifest and index-file checks ----------------------------------------------------------

def _manifest(parsed: dict[str, ParsedFile], taxonomy: Taxonomy, generation: Path,
              previous: dict[str, Any] | None = None) -> dict[str, Any]:
    files: dict[str, Any] = {}
    docs = 0
    for relative, entry in parsed.items():
        count = len(entry.cards) or len(entry.passages)
        docs += count
        # A list, not a dict: this is written after every edit, for every file of the KB.
        files[relative] = [entry.mtime_ns, entry.size, entry.sha1, count,
                           "card" if entry.cards else "document"]
    return {"format": INDEX_FORMAT, "taxonomy": taxonomy_hash(taxonomy), "docs": docs,
            "files": files,
            "index_files": _index_files(generation, (previous or {}).get("index_files", {}))}


class _WholeFileStorage(FileStorage):
    """Reads each index file whole and closes it at once: no file stays open or mapped.

    Whoosh's default mmap cannot be unmapped while memoryviews of a segment are alive, so
    it is left to garbage collection, and on Windows an open or mapped .seg file cannot be
    deleted or replaced (next generation, cache clean-up, uninstall). The index is a few
    MB and searches read it from memory as fast as from the map.
    """

    def open_file(self, name: str, **kwargs: Any) -> Any:
        with open(self._fpath(name), "rb") as handle:
            return BufferFile(handle.read(), name=name, **kwargs)


def open_generation(generation: Path) -> Any:
    """One generation's Whoosh index, holding no file handles (see _WholeFileStorage)."""
    return _WholeFileStorage(str(generation), supports_mmap=False).open_index()


def _index_files(generation: Path, known: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Size and sha1 of the files the live Whoosh TOC uses.

    Whoosh never rewrites a file, so hashes already in ``known`` are kept, not recomputed.
    """
    ix = open_generation(generation)
    try:
        names = _live_index_file_names(ix)
    finally:
        ix.close()
    recorded: dict[str, list[Any]] = {}
    for name in sorted(names):
        path = generation / name
        size = path.stat().st_size
        earlier = known.get(name)
        recorded[name] = earlier if earlier and earlier[0] == size else [size, _sha1_of(path)]
    return recorded


def _live_index_file_names(ix: Any) -> set[str]:
    generation = ix.latest_generation()
    segment_ids = {segment.segment_id() for segment in ix._segments()}
    toc_re = whoosh_index.TOC._pattern(ix.indexname)
    segment_re = whoosh_index.TOC._segment_pattern(ix.indexname)
    names: set[str] = set()
    for name in os.listdir(ix.storage.folder):
        toc = toc_re.match(name)
        segment = segment_re.match(name)
        if (toc and int(toc.group(1)) == generation) or (segment and segment.group(1)
                                                          in segment_ids):
            names.add(name)
    return names


def _index_files_ok(generation: Path, recorded: dict[str, list[Any]], deep: bool) -> bool:
    if not recorded:
        return False
    for name, (size, digest) in recorded.items():
        path = generation / name
        try:
            if path.stat().st_size != size:
                return False
        except OSError:
            return False
        if deep and _sha1_of(path) != digest:
            return False
    return True


def _whoosh_ok(generation: Path, expected_docs: int) -> bool:
    """Open the index and touch its postings and stored fields."""
    try:
        ix = open_generation(generation)
        try:
            with ix.searcher() as searcher:
                reader = searcher.reader()
                if reader.doc_count() != expected_docs:
                    return False
                for kind in ("card", "document"):
                    if reader.doc_frequency("kind", kind):
                        list(reader.postings("kind", kind).all_ids())
                if reader.doc_count_all():
                    searcher.stored_fields(reader.doc_count_all() - 1)
        finally:
            ix.close()
    except Exception:  # any failure to read means: rebuild
        return False
    return True


def _read_manifest(generation: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((generation / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _file_key(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def _manifest_digest(manifest: dict[str, Any]) -> str:
    return hashlib.sha1(json.dumps(manifest.get("index_files", {}),
                                   sort_keys=True).encode()).hexdigest()


def _atomic_write(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _load_meta(root: Path, problems: list[FileProblem]
               ) -> tuple[Taxonomy, list[tuple[str, ...]]]:
    taxonomy = default_taxonomy()
    glossary: list[tuple[str, ...]] = []
    try:
        taxonomy = load_taxonomy(root)
    except KbFileError as exc:
        problems.append(FileProblem(exc.path, exc.line, "error", exc.message))
    try:
        glossary = load_glossary(root)
    except KbFileError as exc:
        problems.append(FileProblem(exc.path, exc.line, "error", exc.message))
    return taxonomy, glossary


def _collect_problems(result: UpdateResult) -> None:
    result.problems.extend(p.problem for p in result.files.values() if p.problem)


# --- reading postings fast -------------------------------------------------------------------

def read_postings(reader: Any, fieldname: str, token: str) -> tuple[list[int], list[float]]:
    """All (docnum, weight) postings of one term, deleted documents left out.

    Decodes whole blocks at a time (the per-posting matcher API costs ~0.5 µs a posting,
    too slow for the few common terms a short prefix expands to on a large KB).
    """
    ids: list[int] = []
    weights: list[float] = []
    raw = token.encode("utf-8")
    for leaf, offset in reader.leaf_readers():
        if (fieldname, raw) not in leaf:
            continue
        deleted = leaf.deleted_docs_set if leaf.has_deletions() else frozenset()
        matcher = leaf._terms.matcher(fieldname, raw, leaf.schema[fieldname].format)
        leaf_ids, leaf_weights = _drain(matcher)
        if deleted:
            pairs = [(d, w) for d, w in zip(leaf_ids, leaf_weights, strict=True)
                     if d not in deleted]
            leaf_ids, leaf_weights = [d for d, _ in pairs], [w for _, w in pairs]
        ids.extend(d + offset for d in leaf_ids) if offset else ids.extend(leaf_ids)
        weights.extend(leaf_weights)
    return ids, weights


def _drain(matcher: Any) -> tuple[list[int], list[float]]:
    ids: list[int] = []
    weights: list[float] = []
    if all(hasattr(matcher, a) for a in ("_read_ids", "_read_weights", "_next_block")):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            matcher._next_block()
        return ids, weights
    while matcher.is_active():  # any other matcher: the slow, public way
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def field_lengths(reader: Any, fieldname: str, known: dict[str, list[int]] | None = None
                  ) -> tuple[list[int], dict[str, list[int]]]:
    """Length of ``fieldname`` for every document number, and the same per segment.

    Segments never change once written, so ``known`` (the per-segment lengths of an earlier
    reader) saves re-reading all but the segment an incremental update just added.
    """
    lengths: list[int] = []
    by_segment: dict[str, list[int]] = {}
    for leaf, _offset in reader.leaf_readers():
        segment = getattr(leaf, "segment", None)
        segment_id = str(segment().segment_id()) if callable(segment) else ""
        leaf_lengths = (known or {}).get(segment_id) if segment_id else None
        if leaf_lengths is None or len(leaf_lengths) != leaf.doc_count_all():
            leaf_lengths = [leaf.doc_field_length(n, fieldname, 0)
                            for n in range(leaf.doc_count_all())]
        if segment_id:
            by_segment[segment_id] = leaf_lengths
        lengths.extend(leaf_lengths)
    return lengths, by_segment
