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
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.analysis import DelimitedAttributeFilter, SpaceSeparatedTokenizer
from whoosh.fields import ID, KEYWORD, TEXT, Schema

from desktop.core import analysis, cachedir, docstore, kbfs, resources, whoosh_seam
from desktop.core.cachedir import UnsafeCacheError
from desktop.core.cards import (
    Card,
    KbFileError,
    Passage,
    decode_kb_bytes,
    has_front_matter,
    parse_card,
    split_document,
)
from desktop.core.kb import (
    Cancelled,
    FileProblem,
    IsCancelled,
    Progress,
    check_kb_dir,
    is_card_path,
)
from desktop.core.kbfs import ScannedFile
from desktop.core.taxonomy import Taxonomy, default_taxonomy, load_glossary, load_taxonomy
from desktop.core.whoosh_seam import field_lengths as field_lengths  # re-exported
from desktop.core.whoosh_seam import read_postings as read_postings  # re-exported

SCHEMA_VERSION = 5  # 5: manifest entries carry ctime and the time written
INDEX_FORMAT = f"schema-{SCHEMA_VERSION}/analyzer-{analysis.ANALYZER_VERSION}"
LOCK_TIMEOUT_S = 60.0
WRITER_LIMIT_MB = 256
# More changed files than this share of the KB: rebuilding is faster than deleting.
REBUILD_SHARE = 0.5
# A cold start re-parses files changed since the parsed store was written; past this many
# (or a tenth of the KB) it writes the store again.
STORE_SLACK = 50
# A file whose timestamps are this close to the manifest's is checked by content.
RACY_NS = 3_000_000_000
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
    ctime_ns: int = 0

    def same_stat(self, file: ScannedFile) -> bool:
        return (self.mtime_ns, self.size, self.ctime_ns) == (file.mtime_ns, file.size,
                                                              file.ctime_ns)

    def documents(self) -> list[tuple[str, Document]]:
        """(index key, card or passage) pairs."""
        if self.cards:
            return [(self.relative, card) for card in self.cards]
        return [(f"{self.relative}#{p.index}", p) for p in self.passages]


def parse_file(file: ScannedFile) -> ParsedFile:
    """Read and parse one file; never raises for bad content."""
    digest = ""
    try:
        raw = kbfs.read_bytes(file.path)
        digest = hashlib.sha1(raw).hexdigest()
        text = decode_kb_bytes(file.path, raw)
        if is_card_path(file.relative) or has_front_matter(text):
            return _parsed(file, digest, cards=(parse_card(file.path, text),))
        return _parsed(file, digest, passages=tuple(split_document(file.path, text)))
    except KbFileError as exc:
        return _parsed(file, digest, problem=FileProblem(exc.path, exc.line, "error",
                                                         exc.message))


def _parsed(file: ScannedFile, digest: str, cards: tuple[Card, ...] = (),
            passages: tuple[Passage, ...] = (), problem: FileProblem | None = None
            ) -> ParsedFile:
    return ParsedFile(file.relative, file.mtime_ns, file.size, digest, cards, passages,
                      problem, file.ctime_ns)


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
    fields, weights = analysed_fields(key, relative, doc, taxonomy)
    return {**fields, "text": analysis.field_value(weights)}


def analysed_fields(key: str, relative: str, doc: Document, taxonomy: Taxonomy
                    ) -> tuple[dict[str, str], dict[str, int]]:
    """The small Whoosh fields of one card or passage, and its text as token → weight."""
    if isinstance(doc, Card):
        kind, tags, stage, channel = "card", " ".join(doc.tags), doc.stage, doc.channel
    else:
        kind, tags, stage, channel = "document", "", "", "any"
    return ({"key": key, "file": relative, "kind": kind, "lang": doc.lang, "stage": stage,
             "channel": channel, "tags": tags}, document_tokens(doc, taxonomy))


def _tag_names(card: Card, taxonomy: Taxonomy) -> str:
    # Trainers chose the tags: "customer is wrong" should find cards tagged customer-wrong.
    names: list[str] = []
    for tag_id in card.tags:
        tag = taxonomy.tag(tag_id)
        names.extend((tag_id.replace("-", " "), tag.en, tag.fil) if tag else (tag_id,))
    return "\n".join(names)


def _card_body(card: Card, taxonomy: Taxonomy) -> str:
    # Tag meanings let "customer swearing" find cards tagged abusive.
    meanings = [tag.meaning for tag in map(taxonomy.tag, card.tags) if tag]
    return "\n".join((*card.avoid, card.why, card.other_text, *meanings))


def taxonomy_hash(taxonomy: Taxonomy) -> str:
    rows = [(t.id, t.en, t.fil, t.meaning) for t in taxonomy.tags]
    return hashlib.sha1(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()


def fast_scan(root: Path, problems: list[FileProblem]) -> list[ScannedFile]:
    """The KB's files as the bounded walk lists them (desktop.core.kbfs.scan)."""
    return kbfs.scan(root, problems)


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
    fd = cachedir.open_lock_file(path)
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
        self.cache_root = cache_dir or resources.user_cache_dir()
        self.folder = resources.index_dir_for(self.kb_dir, cache_dir)
        self.notice = ""  # set when the index had to move out of an unwritable cache
        self._fallen_back = False
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
        existing index is used as it is. A write error in the cache (a full disk, a
        read-only profile) moves the index to a private temporary folder and tries again.
        """
        root = check_kb_dir(self.kb_dir)
        self._ensure_private_folder()
        problems: list[FileProblem] = []
        taxonomy, glossary = _load_meta(root, problems)
        files = fast_scan(root, problems)
        try:
            return self._update_in_folder(root, files, known, taxonomy, glossary, problems,
                                          progress, is_cancelled, rebuild, lock_timeout)
        except OSError as exc:
            if self._fallen_back or isinstance(exc, UnsafeCacheError):
                raise
            self._fall_back(f"index cache {self.folder} is not writable "
                            f"({exc.strerror or exc})")
            return self._update_in_folder(root, files, known, taxonomy, glossary, problems,
                                          progress, is_cancelled, rebuild, lock_timeout)

    def _update_in_folder(self, root: Path, files: list[ScannedFile],
                          known: dict[str, ParsedFile] | None, taxonomy: Taxonomy,
                          glossary: list[tuple[str, ...]], problems: list[FileProblem],
                          progress: Progress | None, is_cancelled: IsCancelled | None,
                          rebuild: bool, lock_timeout: float) -> UpdateResult:
        with file_lock(self.folder / "lock", lock_timeout) as locked:
            if not locked:
                return self._use_existing(root, files, known, taxonomy, glossary, problems)
            return self._update_locked(root, files, known or {}, taxonomy, glossary, problems,
                                       progress, is_cancelled, rebuild)

    def _ensure_private_folder(self) -> None:
        """Use the per-user cache if it is ours alone and writable; else a private folder.

        The index is a pickle-bearing cache: a folder another account owns or can write
        could hand us code to run, so it is refused. An unwritable cache (full disk,
        locked-down profile) costs a rebuild, never the app.
        """
        if self._fallen_back:
            return
        try:
            cachedir.make_private_dirs(self.folder, Path(self.cache_root))
            cachedir.probe_write(self.folder)
        except UnsafeCacheError as exc:
            self._fall_back(str(exc))
        except OSError as exc:
            self._fall_back(f"index cache {self.folder} is not writable "
                            f"({exc.strerror or exc})")

    def _fall_back(self, why: str) -> None:
        fallback = cachedir.private_fallback(self.folder.name)
        self.notice = f"{why}; using a private temporary index in {fallback}"
        self.folder = fallback
        self._fallen_back = True
        self._verified = None
        self._memo = None

    def live_generation(self) -> Path | None:
        raw = cachedir.read_file(self.folder / "current", max_bytes=256)
        try:
            name = raw.decode("utf-8").strip() if raw is not None else ""
        except UnicodeDecodeError:
            return None
        if not name.startswith("gen-") or "/" in name or "\\" in name or name == "gen-":
            return None
        path = self.folder / name
        return path if os.path.isdir(path) and not os.path.islink(path) else None

    # -- update under the lock --

    def _update_locked(self, root: Path, files: list[ScannedFile], known: dict[str, ParsedFile],
                       taxonomy: Taxonomy, glossary: list[tuple[str, ...]],
                       problems: list[FileProblem], progress: Progress | None,
                       is_cancelled: IsCancelled | None, rebuild: bool) -> UpdateResult:
        generation = self.live_generation()
        self._remove_leftovers(generation)
        seen_before = self._verified
        manifest = self._check(generation, taxonomy) if generation and not rebuild else None
        if generation is None or manifest is None:
            return self._rebuild(root, files, known, taxonomy, glossary, problems, progress,
                                 is_cancelled)
        assert generation is not None
        cold = not known
        if cold:  # a cold start: the parsed files kept beside the index
            known = _stored_files(generation, manifest, files)
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
        if cold and len(files) - len(known) > max(STORE_SLACK, len(files) // 10):
            docstore.save(generation, parsed)  # edits since the rebuild pile up: refresh it
        # Always called: it also remembers this generation as checked.
        moved_on = self._verified_changed(generation, manifest)
        result.changed = result.changed or moved_on
        _collect_problems(result)
        return result

    def _apply(self, generation: Path, manifest: dict[str, Any], plan: _Plan,
               parsed: dict[str, ParsedFile], taxonomy: Taxonomy, result: UpdateResult,
               is_cancelled: IsCancelled | None) -> dict[str, Any]:
        """Re-index the planned files in place; returns the new manifest."""
        ix = whoosh_index.open_dir(str(generation))
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
            writer.commit(merge=whoosh_seam.segment_count(ix) >= MAX_SEGMENTS)
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
            writer = ix.writer(procs=1, limitmb=WRITER_LIMIT_MB,
                               codec=whoosh_seam.rebuild_codec())
            try:
                fast = whoosh_seam.AnalysedTextWriter(writer, "text")
                for relative in sorted(parsed):
                    if is_cancelled and is_cancelled():
                        raise Cancelled()
                    for key, doc in parsed[relative].documents():
                        fast.add(*analysed_fields(key, relative, doc, taxonomy))
                writer.commit()
            except BaseException:
                writer.cancel()
                raise
            finally:
                ix.close()
            docstore.save(generation, parsed)
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

    def _remove_old_generations(self, keep: Path | None) -> None:
        # Another process may still read an old one; on Windows that makes removal fail,
        # which is fine: the next rebuild tries again.
        for entry in self.folder.iterdir():
            if entry.name.startswith("gen-") and entry != keep:
                if entry.is_symlink() or not entry.is_dir():
                    entry.unlink(missing_ok=True)
                else:
                    shutil.rmtree(entry, ignore_errors=True)

    def _remove_leftovers(self, live: Path | None) -> None:
        """Generations and temp files that killed runs left behind (we hold the lock, so
        nobody is writing them now)."""
        self._remove_old_generations(live)
        cachedir.remove_stale_temp_files(self.folder)

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

    def verify(self, generation: Path) -> bool:
        """A full check of one generation: every index file's hash, then Whoosh reads it."""
        manifest = _read_manifest(generation)
        if manifest is None:
            return False
        return _index_files_ok(generation, manifest["index_files"], deep=True) and \
            _whoosh_ok(generation, int(manifest["docs"]))

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
            if previous and previous.same_stat(file) and file.relative not in plan.to_index:
                parsed[file.relative] = previous
            else:
                parsed[file.relative] = parse_file(file)
            if progress and (done == total or done % 50 == 0):
                progress(done, total)
        return parsed

    def _write_manifest(self, generation: Path, manifest: dict[str, Any]) -> None:
        path = generation / "manifest.json"
        # Not fsync'ed: a manifest torn by a power cut fails its checks and means a rebuild.
        cachedir.write_file(path, json.dumps(manifest, ensure_ascii=False).encode(),
                            durable=False)
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
    # Files changed shortly before the manifest was written may have changed again within
    # the same timestamp tick (1-2 s on FAT, SMB): their contents decide, not their stat.
    racy_after = int(manifest.get("written_ns", 0)) - RACY_NS
    for file in files:
        entry = recorded.get(file.relative)
        if entry is None:
            plan.to_index.add(file.relative)
            continue
        same_stat = (entry[0], entry[1], entry[5]) == (file.mtime_ns, file.size, file.ctime_ns)
        racy = max(file.mtime_ns, file.ctime_ns) >= racy_after
        if same_stat and not racy:
            continue
        # Touched but maybe not edited (a git checkout, a copy): compare contents.
        previous = known.get(file.relative)
        digest = previous.sha1 if previous and previous.same_stat(file) and not racy \
            else _sha1_of(file.location)
        if digest and digest == entry[2]:
            plan.restat = plan.restat or not same_stat or racy
        else:
            plan.to_index.add(file.relative)
    plan.removed = set(recorded) - {f.relative for f in files}
    return plan


def _stored_files(generation: Path, manifest: dict[str, Any], files: list[ScannedFile]
                  ) -> dict[str, ParsedFile]:
    """Files as parsed when the index was built, for those whose recorded content is still
    the one in the store (the plan then checks each against the disk as usual)."""
    stored = docstore.load(generation)
    recorded: dict[str, Any] = manifest["files"]
    known: dict[str, ParsedFile] = {}
    for file in files:
        entry, kept = recorded.get(file.relative), stored.get(file.relative)
        if entry is not None and kept is not None and kept.sha1 == entry[2]:
            known[file.relative] = ParsedFile(file.relative, entry[0], entry[1], entry[2],
                                              kept.cards, kept.passages, kept.problem,
                                              entry[5])
    return known


def _sha1_of(path: Path | str) -> str:
    try:
        return hashlib.sha1(kbfs.read_bytes(Path(path))).hexdigest()
    except KbFileError:
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
                           "card" if entry.cards else "document", entry.ctime_ns]
    return {"format": INDEX_FORMAT, "taxonomy": taxonomy_hash(taxonomy), "docs": docs,
            "files": files, "written_ns": time.time_ns(),
            "index_files": _index_files(generation, (previous or {}).get("index_files", {}))}


def _index_files(generation: Path, known: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Size and sha1 of the files the live Whoosh TOC uses.

    Whoosh never rewrites a file, so hashes already in ``known`` are kept, not recomputed.
    """
    ix = whoosh_index.open_dir(str(generation))
    try:
        names = whoosh_seam.live_index_file_names(ix)
    finally:
        ix.close()
    recorded: dict[str, list[Any]] = {}
    for name in sorted(names):
        path = generation / name
        size = path.stat().st_size
        earlier = known.get(name)
        recorded[name] = earlier if earlier and earlier[0] == size else [size, _sha1_of(path)]
    return recorded


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
        ix = whoosh_index.open_dir(str(generation))
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
    raw = cachedir.read_file(generation / "manifest.json")
    try:
        data = json.loads(raw.decode("utf-8")) if raw is not None else None
    except ValueError:  # UnicodeDecodeError is one
        return None
    return data if _manifest_shape_ok(data) else None


def _manifest_shape_ok(data: Any) -> bool:
    """JSON of the right shape: what the code below indexes into is there and typed."""
    if not isinstance(data, dict):
        return False
    if not (isinstance(data.get("format"), str) and isinstance(data.get("taxonomy"), str)
            and type(data.get("docs")) is int and type(data.get("written_ns", 0)) is int):
        return False
    files, index_files = data.get("files"), data.get("index_files")
    if not isinstance(files, dict) or not isinstance(index_files, dict):
        return False
    entry_types = (int, int, str, int, str, int)
    for entry in files.values():
        if not (isinstance(entry, list) and len(entry) == len(entry_types)
                and all(type(v) is t for v, t in zip(entry, entry_types, strict=True))
                and entry[4] in ("card", "document")):
            return False
    return all(isinstance(v, list) and len(v) == 2 and type(v[0]) is int
               and isinstance(v[1], str) and "/" not in k and "\\" not in k
               and not k.startswith(".")
               for k, v in index_files.items())


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
    cachedir.write_file(path, text.encode("utf-8"))


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
