"""tools/wine_shims.py writes a valid x86-64 DLL whose exports forward to Wine functions
(`make check-windows` puts it next to the Windows python.exe; nh3 imports ProcessPrng)."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]


def load_shims() -> ModuleType:
    spec = importlib.util.spec_from_file_location("wine_shims", REPO / "tools" / "wine_shims.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_exports(dll: bytes) -> tuple[str, dict[str, str]]:
    """(DLL name, {export: forwarder}) read the way the Windows loader does."""
    pe = struct.unpack_from("<I", dll, 0x3C)[0]
    assert dll[:2] == b"MZ" and dll[pe:pe + 4] == b"PE\0\0"
    machine, sections, _, _, _, optional_size, flags = struct.unpack_from("<HHIIIHH", dll, pe + 4)
    assert machine == 0x8664 and flags & 0x2000  # x86-64, DLL
    optional = pe + 24
    assert struct.unpack_from("<H", dll, optional)[0] == 0x20B  # PE32+
    export_rva, export_size = struct.unpack_from("<II", dll, optional + 112)
    table = optional + optional_size
    spans = [struct.unpack_from("<IIII", dll, table + 40 * n + 8) for n in range(sections)]

    def at(rva: int) -> int:
        for size, start, _raw_size, raw_at in spans:
            if start <= rva < start + size:
                return raw_at + rva - start
        raise AssertionError(f"RVA {rva:#x} is in no section")

    def text(rva: int) -> str:
        start = at(rva)
        return dll[start:dll.index(b"\0", start)].decode("ascii")

    (_, _, _, _, name_rva, _base, functions, names, functions_at, names_at,
     ordinals_at) = struct.unpack_from("<IIHHIIIIIII", dll, at(export_rva))
    assert functions == names
    exports = {}
    for n in range(names):
        ordinal = struct.unpack_from("<H", dll, at(ordinals_at) + 2 * n)[0]
        target = struct.unpack_from("<I", dll, at(functions_at) + 4 * ordinal)[0]
        assert export_rva <= target < export_rva + export_size  # inside = a forwarder
        exports[text(struct.unpack_from("<I", dll, at(names_at) + 4 * n)[0])] = text(target)
    return text(name_rva), exports


def test_bcryptprimitives_forwards_processprng(tmp_path: Path) -> None:
    shims = load_shims()
    written = shims.write_shims(tmp_path)
    assert [p.name for p in written] == ["bcryptprimitives.dll"]
    name, exports = read_exports(written[0].read_bytes())
    assert name == "bcryptprimitives.dll"
    assert exports == {"ProcessPrng": "advapi32.SystemFunction036"}


def test_names_are_sorted_for_the_loaders_binary_search() -> None:
    shims = load_shims()
    forwards = {"Zeta": "a.Z", "Alpha": "a.A", "Mid": "a.M"}
    _, exports = read_exports(shims.forwarder_dll("x.dll", forwards))
    assert exports == forwards and list(exports) == sorted(forwards)
