"""Trim the ICU data Qt ships (libicudata, ~31 MB) to what Kalma's languages need.

    python tools/trim_icu.py dist/kalma      (Linux; run by `make bundle`)

Qt links ICU for collation, legacy text codecs, time-zone names and dictionary-based
word breaking; Kalma uses none of those (it sorts, decodes and searches in Python). We
keep ICU's structure and everything that is not per-locale, plus the locales Kalma shows
(root, English, Filipino), and drop the other ~700 locales' names and rules, the legacy
code pages and the CJK/Thai/Lao/Khmer/Burmese word dictionaries. The trimmed package is
linked into a new libicudata.so.NN exporting the same `icudtNN_dat` symbol.

Needs icupkg (apt: icu-devtools) and a C compiler. Without them it leaves the bundle as
it is and says so (the build still works, just bigger).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LOCALES = {"root", "en", "en_US", "en_001", "en_PH", "fil", "fil_PH"}
LOCALE_ITEM = re.compile(r"^(?:[a-z]+/)?([a-z]{2,3}(?:_[A-Za-z0-9]*)*)\.res$")
NOT_LOCALES = {"res_index"}  # ICU's own index, whatever the regex thinks
DROPPED_SUFFIXES = (".cnv", ".dict", ".spp")
DROPPED_TREES = ("translit/",)


def keep(item: str) -> bool:
    if item.endswith(DROPPED_SUFFIXES) or item.startswith(DROPPED_TREES):
        return False
    match = LOCALE_ITEM.match(item)
    return match is None or match.group(1) in KEEP_LOCALES | NOT_LOCALES


def data_symbol(library: Path) -> tuple[str, int, int]:
    """(symbol, file offset, size) of the icudtNN_dat blob."""
    symbols = subprocess.run(["nm", "-D", "--defined-only", "-S", str(library)],
                             capture_output=True, text=True, check=True).stdout
    match = re.search(r"^([0-9a-f]+) ([0-9a-f]+) R (icudt\d+_dat)$", symbols, re.M)
    if not match:
        raise SystemExit(f"trim_icu: no icudt*_dat symbol in {library}")
    address, size, name = int(match.group(1), 16), int(match.group(2), 16), match.group(3)
    sections = subprocess.run(["readelf", "-S", "-W", str(library)], capture_output=True,
                              text=True, check=True).stdout
    rodata = re.search(r"\.rodata\s+PROGBITS\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if not rodata:
        raise SystemExit(f"trim_icu: no .rodata in {library}")
    offset = address - int(rodata.group(1), 16) + int(rodata.group(2), 16)
    return name, offset, size


def trim(library: Path, work: Path) -> Path:
    name, offset, size = data_symbol(library)
    suffix = name.removesuffix("_dat")  # icudt73
    blob = library.read_bytes()[offset:offset + size]
    original = work / f"{suffix}l.dat"
    original.write_bytes(blob)
    items = subprocess.run(["icupkg", "-l", str(original)], capture_output=True, text=True,
                           check=True).stdout.split()
    dropped = [item for item in items if not keep(item)]
    (work / "drop.txt").write_text("\n".join(dropped) + "\n", encoding="utf-8")
    (work / "out").mkdir()
    trimmed = work / "out" / original.name  # icupkg names the items after the file
    # --ignore-deps: root break rules name the dropped dictionaries, loaded only to break
    # Thai/Lao/Khmer/Burmese/CJK text, which Kalma never asks ICU to do.
    subprocess.run(["icupkg", "--ignore-deps", "-r", str(work / "drop.txt"), str(original),
                    str(trimmed)], check=True, capture_output=True)
    source = work / "icudata.S"
    source.write_text(
        f'\t.section .rodata\n\t.balign 16\n\t.globl {name}\n\t.type {name}, @object\n'
        f'{name}:\n\t.incbin "{trimmed}"\n\t.size {name}, . - {name}\n'
        '\t.section .note.GNU-stack,"",@progbits\n', encoding="utf-8")
    output = work / library.name
    subprocess.run(["cc", "-shared", "-nostdlib", "-s", "-o", str(output), str(source),
                    f"-Wl,-soname,{library.name}", "-Wl,-z,noexecstack"], check=True)
    print(f"trim_icu: kept {len(items) - len(dropped)} of {len(items)} ICU items; "
          f"{size / 1e6:.1f} MB -> {trimmed.stat().st_size / 1e6:.1f} MB")
    return output


def main(argv: list[str]) -> int:
    bundle = Path(argv[0] if argv else "dist/kalma")
    if not sys.platform.startswith("linux"):
        return 0
    missing = [tool for tool in ("icupkg", "cc", "nm", "readelf") if not shutil.which(tool)]
    if missing:
        print(f"trim_icu: {', '.join(missing)} missing (apt-get install icu-devtools "
              "build-essential): ICU data left untrimmed", file=sys.stderr)
        return 0
    libraries = [p for p in bundle.rglob("libicudata.so.*") if p.is_file()
                 and not p.is_symlink()]
    for library in libraries:
        with tempfile.TemporaryDirectory() as tmp:
            trimmed = trim(library, Path(tmp))
            shutil.copyfile(trimmed, library)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
