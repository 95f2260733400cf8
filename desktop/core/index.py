"""The Whoosh index of a KB folder, kept in the per-user cache and updated incrementally.

Layout of one index folder (``resources.index_dir_for``), never inside the KB:

    lock              held (fcntl/msvcrt) by whoever updates the index
    current           name of the live generation folder, replaced atomically
    gen-<n>/          the Whoosh files, manifest.json (desktop.core.manifest) and the
                      parsed files (desktop.core.docstore)

A run compares the KB against the manifest and re-indexes only new, changed and removed
files. A version or taxonomy change, or an index that fails its checks (missing, truncated
or garbled files, wrong document count), is rebuilt into a fresh generation folder that
becomes live with one atomic rename, so readers never see a half-written index.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from desktop.core import analysis, cachedir, docstore, kbfs, resources, whoosh_seam
from desktop.core.cachedir import UnsafeCacheError
from desktop.core.documents import Document as Document  # re-exported: the old names
from desktop.core.documents import ParsedFile as ParsedFile
from desktop.core.documents import analysed_fields as analysed_fields
from desktop.core.documents import document_tokens as document_tokens
from desktop.core.documents import index_fields as index_fields
from desktop.core.documents import make_schema as make_schema
from desktop.core.documents import parse_file as parse_file
from desktop.core.documents import taxonomy_hash as taxonomy_hash
from desktop.core.filelock import LOCK_TIMEOUT_S as LOCK_TIMEOUT_S
from desktop.core.filelock import file_lock as file_lock
from desktop.core.kb import (
    Cancelled,
    FileProblem,
    IsCancelled,
    Progress,
    check_kb_dir,
)
from desktop.core.kbfs import ScannedFile as ScannedFile
from desktop.core.manifest import (
    DELTA_NAME,
    MANIFEST_NAME,
    MAX_DELTA_FILES,
    ManifestOnDisk,
    Plan,
    build_manifest,
    file_key,
    index_files_ok,
    keys_of,
    manifest_digest,
    plan_update,
    read_manifest,
    read_manifest_on_disk,
    stored_files,
    unsettled_positions,
    whoosh_ok,
    write_delta,
    write_manifest,
)
from desktop.core.taxonomy import Taxonomy, load_kb_meta
from desktop.core.updates import Continuation, parse_all, parse_moved, plan_moved
from desktop.core.updates import UpdateResult as UpdateResult  # re-exported
from desktop.core.whoosh_seam import field_lengths as field_lengths  # re-exported
from desktop.core.whoosh_seam import read_postings as read_postings  # re-exported

SCHEMA_VERSION = 5  # 5: manifest entries carry ctime and the time written
INDEX_FORMAT = f"schema-{SCHEMA_VERSION}/analyzer-{analysis.ANALYZER_VERSION}"
WRITER_LIMIT_MB = 256
# More changed files than this share of the KB: rebuilding is faster than deleting.
REBUILD_SHARE = 0.5
# A cold start re-parses files changed since the parsed store was written; past this many
# (or a tenth of the KB) it writes the store again.
STORE_SLACK = 50
# Merge segments once incremental commits have left this many.
MAX_SEGMENTS = 8


class IndexBusyError(Exception):
    """Another process held the index lock for too long and no usable index exists."""


def fast_scan(root: Path, problems: list[FileProblem]) -> list[ScannedFile]:
    """The KB's files as the bounded walk lists them (desktop.core.kbfs.scan)."""
    return kbfs.scan(root, problems)


@dataclass
class _Memo:
    """The manifest last read or written, with the (path, mtime, size) of its files then."""

    generation: Path
    key: tuple[tuple[str, int, int], tuple[str, int, int]]
    on_disk: ManifestOnDisk


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
        # The manifest last read or written: a 10,000-file manifest takes longer to parse
        # than a one-card update to index.
        self._memo: _Memo | None = None
        self._last: Continuation | None = None
        self._probed = False  # the cache folder took a real write once

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
        taxonomy, glossary = load_kb_meta(root, problems)
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

    def check_folder(self) -> None:
        """Make sure the index folder is ours alone before anything in it is read (the
        write probe waits for the first update: reading needs none)."""
        self._ensure_private_folder(probe=False)

    def _ensure_private_folder(self, probe: bool = True) -> None:
        """Use the per-user cache if it is ours alone and writable; else a private folder.

        The index is a pickle-bearing cache: a folder another account owns or can write
        could hand us code to run, so it is refused. An unwritable cache (full disk,
        locked-down profile) costs a rebuild, never the app.
        """
        if self._fallen_back:
            return
        try:
            cachedir.make_private_dirs(self.folder, Path(self.cache_root))
            if probe and not self._probed:  # once: a later write error falls back anyway
                cachedir.probe_write(self.folder)
                self._probed = True
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
        self._last = None

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
        last, self._last = self._last, None  # set again only when this update completes
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
            known = stored_files(generation, manifest, files)
        positions = last.moved(files) if self._continues(last, generation, known, manifest) \
            and last is not None else None
        if positions is not None:  # only the files whose stat moved since the last update
            moved = [files[i] for i in positions]
            plan = plan_moved(files, moved, known, manifest)
        else:
            plan = plan_update(files, known, manifest)
        if len(plan.to_index) + len(plan.removed) > max(50, REBUILD_SHARE * len(files)):
            return self._rebuild(root, files, known, taxonomy, glossary, problems, progress,
                                 is_cancelled)
        if positions is not None:
            parsed = parse_moved(files, moved, plan, known, progress, is_cancelled)
        else:
            parsed = parse_all(files, plan, known, progress, is_cancelled)
        result = UpdateResult(root, generation, parsed, taxonomy, glossary, problems)
        result.continued = seen_before == (generation.name, manifest_digest(manifest))
        if plan.to_index or plan.removed:
            manifest = self._apply(generation, manifest, plan, parsed, taxonomy, result,
                                   is_cancelled)
        elif plan.restat:
            manifest = build_manifest(parsed, taxonomy, generation, INDEX_FORMAT, manifest,
                                      plan.restated)
            self._write_manifest(generation, manifest, plan.restated)
        if cold and len(files) - len(known) > max(STORE_SLACK, len(files) // 10):
            docstore.save(generation, parsed)  # edits since the rebuild pile up: refresh it
        # Always called: it also remembers this generation as checked.
        moved_on = self._verified_changed(generation, manifest)
        result.changed = result.changed or moved_on
        _collect_problems(result)
        self._remember(generation, files, parsed, manifest, positions)
        return result

    def _continues(self, last: Continuation | None, generation: Path,
                   known: dict[str, ParsedFile], manifest: dict[str, Any]) -> bool:
        """The last update's settled files still hold: same generation, a manifest nobody
        else wrote since, and the caller passes back the files that update returned."""
        return last is not None and last.generation == generation and \
            known is last.files and self._memo is not None and \
            self._memo.key == last.key and len(known) == len(manifest["files"])

    def _remember(self, generation: Path, files: list[ScannedFile],
                  parsed: dict[str, ParsedFile], manifest: dict[str, Any],
                  moved: list[int] | None) -> None:
        """Keep what the next update needs to plan only the files that moved (``moved``:
        the positions this one planned; None: all of them)."""
        if self._memo is None or self._memo.generation != generation:
            return
        # Every other file was settled before and kept its stat: it still is.
        unsettled = unsettled_positions(files, manifest, moved)
        self._last = Continuation(generation, self._memo.key, parsed, files, unsettled)

    def _apply(self, generation: Path, manifest: dict[str, Any], plan: Plan,
               parsed: dict[str, ParsedFile], taxonomy: Taxonomy, result: UpdateResult,
               is_cancelled: IsCancelled | None) -> dict[str, Any]:
        """Re-index the planned files in place; returns the new manifest."""
        ix = whoosh_seam.open_generation(generation)
        writer = ix.writer(procs=1, limitmb=WRITER_LIMIT_MB)
        try:
            old_files: dict[str, list[Any]] = manifest["files"]
            # Also for "new" files: a crash after a commit but before the manifest write
            # leaves them indexed already.
            gone = sorted(plan.removed | plan.to_index)
            whoosh_seam.delete_documents_with(writer, "file", gone)
            for relative in gone:
                result.removed_keys.update(keys_of(relative, old_files.get(relative)))
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
        changed = plan.to_index | plan.removed | plan.restated
        new_manifest = build_manifest(parsed, taxonomy, generation, INDEX_FORMAT, manifest,
                                      changed)
        self._write_manifest(generation, new_manifest, changed)
        return new_manifest

    # -- full rebuild --

    def _rebuild(self, root: Path, files: list[ScannedFile], known: dict[str, ParsedFile],
                 taxonomy: Taxonomy, glossary: list[tuple[str, ...]],
                 problems: list[FileProblem], progress: Progress | None,
                 is_cancelled: IsCancelled | None) -> UpdateResult:
        generation = self.folder / f"gen-{time.time_ns():x}-{os.getpid()}"
        generation.mkdir()
        try:
            plan = Plan(to_index={f.relative for f in files})
            parsed = parse_all(files, plan, known, progress, is_cancelled)
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
            self._write_manifest(generation,
                                 build_manifest(parsed, taxonomy, generation, INDEX_FORMAT))
            cachedir.write_file(self.folder / "current", generation.name.encode("utf-8"))
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
        self._remove_old_generations(generation)
        result = UpdateResult(root, generation, parsed, taxonomy, glossary, problems,
                              added=len(parsed), rebuilt=True, changed=True)
        self._verified = None
        self._verified_changed(generation)
        _collect_problems(result)
        self._remember(generation, files, parsed, self._memo.on_disk.manifest
                       if self._memo is not None else {}, None)
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
        if generation is None or read_manifest(generation) is None:
            raise IndexBusyError(f"another Kalma is still building the index in {self.folder}")
        self._last = None
        parsed = parse_all(files, Plan(), known or {}, None, None)
        result = UpdateResult(root, generation, parsed, taxonomy, glossary, problems)
        result.changed = self._verified_changed(generation)
        _collect_problems(result)
        return result

    # -- checks --

    def verify(self, generation: Path) -> bool:
        """A full check of one generation: every index file's hash, then Whoosh reads it."""
        manifest = read_manifest(generation)
        if manifest is None:
            return False
        return index_files_ok(generation, manifest["index_files"], deep=True) and \
            whoosh_ok(generation, int(manifest["docs"]))

    def _check(self, generation: Path, taxonomy: Taxonomy) -> dict[str, Any] | None:
        """The manifest if the generation is complete, current and readable, else None."""
        manifest = self._read_manifest(generation)
        if manifest is None or manifest.get("format") != INDEX_FORMAT:
            return None
        if manifest.get("taxonomy") != taxonomy_hash(taxonomy):
            return None
        signature = (generation.name, manifest_digest(manifest))
        deep = self._verified != signature
        if not index_files_ok(generation, manifest.get("index_files", {}), deep):
            return None
        if deep and not whoosh_ok(generation, int(manifest.get("docs", -1))):
            return None
        return manifest

    def _verified_changed(self, generation: Path, manifest: dict[str, Any] | None = None
                          ) -> bool:
        """Remember the live generation as checked; True if it differs from the last one."""
        manifest = manifest if manifest is not None else self._read_manifest(generation)
        signature = (generation.name, manifest_digest(manifest or {}))
        changed = self._verified != signature
        self._verified = signature
        return changed

    # -- helpers --

    def _write_manifest(self, generation: Path, manifest: dict[str, Any],
                        changed: set[str] | None = None) -> None:
        """Write the manifest: as a delta of the ``changed`` paths when the one on disk is
        the one last read or written here, else whole."""
        memo = self._memo
        if changed is not None and memo is not None and memo.generation == generation:
            delta = memo.on_disk.delta | changed
            if len(delta) <= MAX_DELTA_FILES:
                write_delta(generation, manifest, memo.on_disk.base, delta)
                self._memo = _Memo(generation, _manifest_key(generation),
                                   ManifestOnDisk(manifest, memo.on_disk.base, delta))
                return
        write_manifest(generation, manifest)
        self._memo = _Memo(generation, _manifest_key(generation),
                           ManifestOnDisk(manifest, int(manifest["written_ns"]), set()))

    def _read_manifest(self, generation: Path) -> dict[str, Any] | None:
        key = _manifest_key(generation)
        if self._memo is not None and self._memo.key == key:
            return self._memo.on_disk.manifest
        found = read_manifest_on_disk(generation)
        self._memo = _Memo(generation, key, found) if found is not None else None
        return found.manifest if found is not None else None


def _manifest_key(generation: Path) -> tuple[tuple[str, int, int], tuple[str, int, int]]:
    return file_key(generation / MANIFEST_NAME), file_key(generation / DELTA_NAME)


def _collect_problems(result: UpdateResult) -> None:
    result.problems.extend(p.problem for p in result.files.values() if p.problem)
