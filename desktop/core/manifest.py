"""An index generation's manifest: what it holds, what changed since, and whether it is whole.

manifest.json says which KB files are in the index (path → [mtime, size, sha1, documents,
kind, ctime]), the schema/analyzer version, the taxonomy hash, when it was written and the
size and hash of every index file.
"""

from __future__ import annotations

import hashlib
import json
import time
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


@dataclass
class Plan:
    to_index: set[str] = field(default_factory=set)  # new or changed files
    removed: set[str] = field(default_factory=set)
    restat: bool = False  # same content, new mtime: only the manifest changes


def plan_update(files: list[ScannedFile], known: dict[str, ParsedFile],
                manifest: dict[str, Any]) -> Plan:
    """What an update must do: files to (re)index, files gone, or only new timestamps."""
    plan = Plan()
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
            else sha1_of(file.location)
        if digest and digest == entry[2]:
            plan.restat = plan.restat or not same_stat or racy
        else:
            plan.to_index.add(file.relative)
    plan.removed = set(recorded) - {f.relative for f in files}
    return plan


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
                   index_format: str, previous: dict[str, Any] | None = None
                   ) -> dict[str, Any]:
    files: dict[str, Any] = {}
    docs = 0
    for relative, entry in parsed.items():
        count = len(entry.cards) or len(entry.passages)
        docs += count
        # A list, not a dict: this is written after every edit, for every file of the KB.
        files[relative] = [entry.mtime_ns, entry.size, entry.sha1, count,
                           "card" if entry.cards else "document", entry.ctime_ns]
    return {"format": index_format, "taxonomy": taxonomy_hash(taxonomy), "docs": docs,
            "files": files, "written_ns": time.time_ns(),
            "index_files": index_files(generation, (previous or {}).get("index_files", {}))}


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


def read_manifest(generation: Path) -> dict[str, Any] | None:
    raw = cachedir.read_file(generation / "manifest.json")
    try:
        data = json.loads(raw.decode("utf-8")) if raw is not None else None
    except ValueError:  # UnicodeDecodeError is one
        return None
    return data if manifest_shape_ok(data) else None


def manifest_shape_ok(data: Any) -> bool:
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


def file_key(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def manifest_digest(manifest: dict[str, Any]) -> str:
    return hashlib.sha1(json.dumps(manifest.get("index_files", {}),
                                   sort_keys=True).encode()).hexdigest()
