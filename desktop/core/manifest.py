"""An index generation's manifest: what it holds, what changed since, and whether it is whole.

manifest.json says which KB files are in the index (path → [mtime, size, sha1, documents,
kind, ctime]), the schema/analyzer version, the taxonomy hash, when it was written and the
size and hash of every index file. An incremental update writes only manifest-delta.json:
the entries changed since manifest.json was written (null for a file gone) and the new
counts, times and index files, tagged with the base's ``written_ns``. Rewriting a 10,000-file
manifest takes longer than indexing a one-card edit; the delta is folded back into
manifest.json once it lists MAX_DELTA_FILES files. A delta tagged for another base was left
by a fold that a crash cut short and is ignored; a garbled one fails the checks (a rebuild).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core import cachedir, docstore, kbfs, whoosh_seam
from desktop.core.cards import KbFileError
from desktop.core.documents import ParsedFile, taxonomy_hash
from desktop.core.kbfs import ScannedFile
from desktop.core.taxonomy import Taxonomy

# A file whose timestamps are this close to the manifest's is checked by content.
RACY_NS = 3_000_000_000
MANIFEST_NAME = "manifest.json"
DELTA_NAME = "manifest-delta.json"
MAX_DELTA_FILES = 256
_ENTRY_TYPES = (int, int, str, int, str, int)
_KINDS = ("card", "document")


@dataclass
class Plan:
    to_index: set[str] = field(default_factory=set)  # new or changed files
    removed: set[str] = field(default_factory=set)
    restat: bool = False  # same content, new mtime: only the manifest changes
    restated: set[str] = field(default_factory=set)  # those files


def plan_update(files: list[ScannedFile], known: dict[str, ParsedFile],
                manifest: dict[str, Any]) -> Plan:
    """What an update must do: files to (re)index, files gone, or only new timestamps."""
    plan = Plan()
    plan_files(plan, files, known, manifest)
    plan.removed = set(manifest.get("files", {})) - {f.relative for f in files}
    return plan


def plan_files(plan: Plan, files: Iterable[ScannedFile], known: dict[str, ParsedFile],
               manifest: dict[str, Any]) -> None:
    """Add ``files`` that are new or changed (or only touched) to ``plan``."""
    recorded: dict[str, Any] = manifest.get("files", {})
    racy_after = racy_after_ns(manifest)
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
            else sha1_of(file.location)
        if digest and digest == entry[2]:
            if not same_stat or racy:
                plan.restat = True
                plan.restated.add(file.relative)
        else:
            plan.to_index.add(file.relative)


def racy_after_ns(manifest: dict[str, Any]) -> int:
    """Files changed shortly before the manifest was written may have changed again within
    the same timestamp tick (1-2 s on FAT, SMB): their contents decide, not their stat."""
    return int(manifest.get("written_ns", 0)) - RACY_NS


def unsettled_positions(files: list[ScannedFile], manifest: dict[str, Any],
                        among: Iterable[int] | None = None) -> list[int]:
    """Positions in ``files`` (all, or those ``among``) of the files that are not
    ``settled``: one inlined pass, run over 10,000 files after a full plan."""
    recorded, racy_after = manifest["files"], racy_after_ns(manifest)
    get = recorded.get
    return [i for i in (range(len(files)) if among is None else among)
            if (entry := get((f := files[i])[0])) is None or entry[0] != f[2]
            or entry[1] != f[3] or entry[5] != f[4] or f[2] >= racy_after
            or f[4] >= racy_after]


def stored_files(generation: Path, manifest: dict[str, Any], files: list[ScannedFile]
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


def sha1_of(path: Path | str) -> str:
    try:
        return hashlib.sha1(kbfs.read_bytes(Path(path))).hexdigest()
    except KbFileError:
        return ""


def keys_of(relative: str, entry: list[Any] | None) -> list[str]:
    """Index keys a manifest entry stands for."""
    if not entry:
        return []
    if entry[4] == "card":
        return [relative]
    return [f"{relative}#{n}" for n in range(int(entry[3]))]


def build_manifest(parsed: dict[str, ParsedFile], taxonomy: Taxonomy, generation: Path,
                   index_format: str, previous: dict[str, Any] | None = None,
                   changed: Iterable[str] | None = None) -> dict[str, Any]:
    """The manifest of ``parsed``; with ``changed``, ``previous`` with only those entries
    redone (a path no longer in ``parsed`` is dropped)."""
    if previous is not None and changed is not None:
        files = dict(previous["files"])
        docs = int(previous["docs"])
        for relative in changed:
            old = files.pop(relative, None)
            docs -= int(old[3]) if old else 0
            if relative in parsed:
                files[relative] = _entry(parsed[relative])
                docs += files[relative][3]
    else:
        files = {relative: _entry(entry) for relative, entry in parsed.items()}
        docs = sum(entry[3] for entry in files.values())
    return {"format": index_format, "taxonomy": taxonomy_hash(taxonomy), "docs": docs,
            "files": files, "written_ns": time.time_ns(),
            "index_files": index_files(generation, (previous or {}).get("index_files", {}))}


def _entry(parsed: ParsedFile) -> list[Any]:
    # A list, not a dict: a full manifest holds one for every file of the KB.
    return [parsed.mtime_ns, parsed.size, parsed.sha1,
            len(parsed.cards) or len(parsed.passages),
            "card" if parsed.cards else "document", parsed.ctime_ns]


def index_files(generation: Path, known: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Size and sha1 of the files the live Whoosh TOC uses.

    Whoosh never rewrites a file, so hashes already in ``known`` are kept, not recomputed.
    """
    ix = whoosh_seam.open_generation(generation)
    try:
        names = whoosh_seam.live_index_file_names(ix)
    finally:
        ix.close()
    recorded: dict[str, list[Any]] = {}
    for name in sorted(names):
        path = generation / name
        size = path.stat().st_size
        earlier = known.get(name)
        recorded[name] = earlier if earlier and earlier[0] == size else [size, sha1_of(path)]
    return recorded


def index_files_ok(generation: Path, recorded: dict[str, list[Any]], deep: bool) -> bool:
    if not recorded:
        return False
    for name, (size, digest) in recorded.items():
        path = generation / name
        try:
            if path.stat().st_size != size:
                return False
        except OSError:
            return False
        if deep and sha1_of(path) != digest:
            return False
    return True


def whoosh_ok(generation: Path, expected_docs: int) -> bool:
    """Open the index and touch its postings and stored fields."""
    try:
        ix = whoosh_seam.open_generation(generation)
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


@dataclass
class ManifestOnDisk:
    """A generation's manifest as read: manifest.json with its delta applied."""

    manifest: dict[str, Any]
    base: int  # the ``written_ns`` of manifest.json, which a delta must name
    delta: set[str]  # paths the delta lists


def read_manifest(generation: Path) -> dict[str, Any] | None:
    found = read_manifest_on_disk(generation)
    return found.manifest if found is not None else None


def read_manifest_on_disk(generation: Path) -> ManifestOnDisk | None:
    """None when manifest.json (or its delta) is missing, garbled or of the wrong shape."""
    base = _read_json(generation / MANIFEST_NAME)
    if not manifest_shape_ok(base):
        return None
    base_id = int(base.get("written_ns", 0))
    if not os.path.lexists(generation / DELTA_NAME):
        return ManifestOnDisk(base, base_id, set())
    delta = _read_json(generation / DELTA_NAME)
    if not _delta_shape_ok(delta):
        return None
    if delta["base"] != base_id:  # left by a fold a crash cut short: the base has it all
        return ManifestOnDisk(base, base_id, set())
    files = dict(base["files"])
    for relative, entry in delta["files"].items():
        if entry is None:
            files.pop(relative, None)
        else:
            files[relative] = entry
    merged = {**base, **{k: delta[k] for k in _DELTA_KEYS}, "files": files}
    return ManifestOnDisk(merged, base_id, set(delta["files"]))


def write_manifest(generation: Path, manifest: dict[str, Any]) -> None:
    """Write the whole manifest (and drop the delta it now includes)."""
    # Not fsync'ed: a manifest torn by a power cut fails its checks and means a rebuild.
    cachedir.write_file(generation / MANIFEST_NAME,
                        json.dumps(manifest, ensure_ascii=False).encode(), durable=False)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(generation / DELTA_NAME)


def write_delta(generation: Path, manifest: dict[str, Any], base: int,
                relatives: Iterable[str]) -> None:
    """Write what differs between ``manifest`` and manifest.json (written at ``base``):
    the entries of ``relatives`` (null for a path gone) and everything but the files."""
    files = manifest["files"]
    data = {"base": base, **{k: manifest[k] for k in _DELTA_KEYS},
            "files": {relative: files.get(relative) for relative in sorted(relatives)}}
    cachedir.write_file(generation / DELTA_NAME,
                        json.dumps(data, ensure_ascii=False).encode(), durable=False)


_DELTA_KEYS = ("format", "taxonomy", "docs", "written_ns", "index_files")


def _read_json(path: Path) -> Any:
    raw = cachedir.read_file(path)
    try:
        return json.loads(raw.decode("utf-8")) if raw is not None else None
    except ValueError:  # UnicodeDecodeError is one
        return None


def manifest_shape_ok(data: Any) -> bool:
    """JSON of the right shape: what the code below indexes into is there and typed."""
    if not isinstance(data, dict):
        return False
    if not (isinstance(data.get("format"), str) and isinstance(data.get("taxonomy"), str)
            and type(data.get("docs")) is int and type(data.get("written_ns", 0)) is int):
        return False
    files = data.get("files")
    return isinstance(files, dict) and all(map(_entry_ok, files.values())) and \
        _index_files_shape_ok(data.get("index_files"))


def _delta_shape_ok(data: Any) -> bool:
    if not (isinstance(data, dict) and type(data.get("base")) is int
            and type(data.get("written_ns")) is int and manifest_shape_ok(
                {**data, "files": {}})):
        return False
    files = data.get("files")
    return isinstance(files, dict) and all(entry is None or _entry_ok(entry)
                                           for entry in files.values())


def _entry_ok(entry: Any) -> bool:
    return type(entry) is list and tuple(map(type, entry)) == _ENTRY_TYPES and \
        entry[4] in _KINDS


def _index_files_shape_ok(index_files: Any) -> bool:
    return isinstance(index_files, dict) and \
        all(isinstance(v, list) and len(v) == 2 and type(v[0]) is int
            and isinstance(v[1], str) and "/" not in k and "\\" not in k
            and not k.startswith(".")
            for k, v in index_files.items())


def file_key(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def manifest_digest(manifest: dict[str, Any]) -> str:
    return hashlib.sha1(json.dumps(manifest.get("index_files", {}),
                                   sort_keys=True).encode()).hexdigest()
