"""Tiny Windows DLLs that fill gaps in Wine 8 for `make check-windows`.

Wine 8 (Debian 12) has no bcryptprimitives.dll, which every Rust extension built with a
recent toolchain imports (nh3 uses ProcessPrng for its hash seeds). Windows' ProcessPrng
fills a buffer with random bytes and always returns TRUE; Wine's RtlGenRandom
(advapi32.SystemFunction036) does the same with the same two arguments in the same
registers, and Rust ignores the return value. So the shim is a DLL with no code at all,
only an export table whose entries forward to the Wine function.

    python tools/wine_shims.py OUT_DIR     writes OUT_DIR/bcryptprimitives.dll

Runs on the Linux host (plain Python, no compiler): it writes the PE32+ file by hand.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

# DLL name -> {exported name: "targetdll.Function"}
SHIMS: dict[str, dict[str, str]] = {
    "bcryptprimitives.dll": {"ProcessPrng": "advapi32.SystemFunction036"},
}

FILE_ALIGN = 0x200
SECTION_RVA = 0x1000
SECTION_ALIGN = 0x1000


def _align(value: int, to: int) -> int:
    return (value + to - 1) // to * to


def export_section(dll_name: str, forwards: dict[str, str]) -> bytes:
    """The .edata contents (at SECTION_RVA): directory, tables, then every string."""
    names = sorted(forwards)  # the loader binary-searches the name table
    count = len(names)
    functions_at = SECTION_RVA + 40
    names_at = functions_at + 4 * count
    ordinals_at = names_at + 4 * count
    strings = bytearray()
    strings_at = ordinals_at + 2 * count

    def put(text: str) -> int:
        rva = strings_at + len(strings)
        strings.extend(text.encode("ascii") + b"\0")
        return rva

    dll_rva = put(dll_name)
    name_rvas = [put(name) for name in names]
    forward_rvas = [put(forwards[name]) for name in names]
    directory = struct.pack("<IIHHIIIIIII", 0, 0, 0, 0, dll_rva, 1, count, count,
                            functions_at, names_at, ordinals_at)
    return (directory + struct.pack(f"<{count}I", *forward_rvas)
            + struct.pack(f"<{count}I", *name_rvas)
            + struct.pack(f"<{count}H", *range(count)) + bytes(strings))


def forwarder_dll(dll_name: str, forwards: dict[str, str]) -> bytes:
    """A PE32+ (x86-64) DLL with one read-only section holding only the export table."""
    edata = export_section(dll_name, forwards)
    raw_size = _align(len(edata), FILE_ALIGN)
    image_size = SECTION_RVA + _align(len(edata), SECTION_ALIGN)
    dos = b"MZ" + bytes(0x3A) + struct.pack("<I", 0x40)
    coff = struct.pack("<HHIIIHH", 0x8664, 1, 0, 0, 0, 240, 0x2022)  # x64, EXE|LARGE|DLL
    directories = [(SECTION_RVA, len(edata))] + [(0, 0)] * 15
    optional = struct.pack(
        "<HBBIIIIIQIIHHHHHHIIIIHHQQQQII",
        0x20B, 14, 0, 0, raw_size, 0, 0, SECTION_RVA,  # PE32+, no code, no entry point
        0x180000000, SECTION_ALIGN, FILE_ALIGN,
        6, 0, 0, 0, 6, 0, 0,  # OS, image and subsystem versions
        image_size, FILE_ALIGN, 0, 3, 0x100,  # headers size, checksum, console, NX
        0x100000, 0x1000, 0x100000, 0x1000, 0, 16,
    ) + b"".join(struct.pack("<II", rva, size) for rva, size in directories)
    section = struct.pack("<8sIIIIIIHHI", b".edata", len(edata), SECTION_RVA, raw_size,
                          FILE_ALIGN, 0, 0, 0, 0, 0x40000040)  # initialized data, readable
    headers = dos + b"PE\0\0" + coff + optional + section
    return headers.ljust(FILE_ALIGN, b"\0") + edata.ljust(raw_size, b"\0")


def write_shims(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for dll_name, forwards in SHIMS.items():
        path = out_dir / dll_name
        path.write_bytes(forwarder_dll(dll_name, forwards))
        written.append(path)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tools/wine_shims.py OUT_DIR")
    for shim in write_shims(Path(sys.argv[1])):
        print(shim)
