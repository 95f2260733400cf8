"""After PyInstaller: make the bundle releasable (run by `make bundle` and the Windows job).

    python tools/bundle_extras.py dist/kalma

1. Linux: removes RUNPATH/RPATH entries that point outside the bundle (a developer's
   Python prefix, e.g. /root/.pyenv/.../lib); `$ORIGIN` entries stay, PySide6 needs them.
2. Writes sbom.cdx.json (CycloneDX 1.5) and THIRD-PARTY-NOTICES.txt next to the
   executable: Python (with the expat and mpdecimal it embeds), Qt, ICU, PySide6,
   shiboken6, the X11/XCB helper libraries, libffi and every Python package in the
   bundle, with versions and licences. Every bundled binary must belong to a component
   listed in COMPONENTS: an unknown one fails the build (tests/packaging checks it too).
"""

from __future__ import annotations

import fnmatch
import hashlib
import importlib.metadata as metadata
import json
import platform
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SBOM_NAME = "sbom.cdx.json"
NOTICES_NAME = "THIRD-PARTY-NOTICES.txt"
BINARY_PATTERNS = ("*.so", "*.so.*", "*.pyd", "*.dll", "*.dylib", "*.exe")
COMMON_LICENSES = Path("/usr/share/common-licenses")


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    license: str  # SPDX expression
    patterns: tuple[str, ...]  # bundle-relative paths, lower case, "/" separators
    purl: str = ""
    source: str = ""  # where the source and the full licence live
    license_files: tuple[Path, ...] = ()


def _dist_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


def _qt_version() -> str:
    try:
        from PySide6.QtCore import qVersion

        return str(qVersion())
    except ImportError:
        return _dist_version("PySide6-Essentials")


def _python_license() -> tuple[Path, ...]:
    candidates = [Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}."
                  f"{sys.version_info[1]}" / "LICENSE.txt",
                  Path(sys.base_prefix) / "LICENSE.txt"]
    return tuple(p for p in candidates[:1] if p.is_file()) or tuple(
        p for p in candidates if p.is_file())


def _dist_license_files(name: str) -> tuple[Path, ...]:
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return ()
    files = [Path(str(dist.locate_file(f))) for f in dist.files or []
             if any(key in f.name.upper() for key in ("LICENSE", "COPYING", "NOTICE"))]
    return tuple(f for f in files if f.is_file())


def _common(*names: str) -> tuple[Path, ...]:
    return tuple(COMMON_LICENSES / n for n in names if (COMMON_LICENSES / n).is_file())


def _pypi(name: str, license_id: str, patterns: tuple[str, ...]) -> Component:
    version = _dist_version(name)
    return Component(name, version, license_id, patterns, f"pkg:pypi/{name.lower()}@{version}",
                     f"https://pypi.org/project/{name}/{version}/", _dist_license_files(name))


def components() -> list[Component]:
    import decimal
    import pyexpat

    python = platform.python_version()
    qt = _qt_version()
    pyside = _dist_version("PySide6-Essentials")
    return [
        Component("Kalma", _kalma_version(), "LicenseRef-Proprietary",
                  ("kalma", "kalma.exe", "kalma-gui.exe", "_internal/desktop/*",
                   "_internal/kb/*", "_internal/i18n/*", "_internal/base_library.zip")),
        Component("CPython", python, "PSF-2.0",
                  ("*libpython3*", "*python3*.dll", "*python3*.zip",
                   "_internal/python3.*/lib-dynload/*", "_internal/*.pyd",
                   "_internal/lib-dynload/*", "_internal/vcruntime*.dll",
                   "_internal/api-ms-win-*.dll", "_internal/ucrtbase.dll",
                   "_internal/libcrypto*", "_internal/libssl*", "_internal/sqlite3.dll",
                   "_internal/_*.pyd", "_internal/select.pyd", "_internal/unicodedata.pyd",
                   "_internal/pyexpat.pyd"),
                  f"pkg:generic/cpython@{python}", "https://www.python.org/downloads/source/",
                  _python_license()),
        Component("expat (in CPython's pyexpat)", pyexpat.EXPAT_VERSION.removeprefix("expat_"),
                  "MIT", (), f"pkg:generic/expat@{pyexpat.EXPAT_VERSION[6:]}",
                  "https://github.com/libexpat/libexpat"),
        Component("mpdecimal (in CPython's _decimal)", decimal.__libmpdec_version__,
                  "BSD-2-Clause", (), f"pkg:generic/mpdecimal@{decimal.__libmpdec_version__}",
                  "https://www.bytereef.org/mpdecimal/"),
        Component("Qt", qt, "LGPL-3.0-only",
                  ("*/pyside6/qt/lib/libqt6*", "*/pyside6/qt/plugins/*", "_internal/libqt6*",
                   "*/pyside6/qt6*.dll", "*/pyside6/plugins/*", "_internal/qt6*.dll",
                   "*/pyside6/qt/lib/*.dll"),
                  f"pkg:generic/qt@{qt}", f"https://download.qt.io/official_releases/qt/"
                  f"{'.'.join(qt.split('.')[:2])}/{qt}/single/",
                  _common("LGPL-3", "GPL-3")),
        Component("ICU (bundled with Qt)", _icu_version(), "Unicode-3.0",
                  ("*libicu*", "*icu*.dll"), f"pkg:generic/icu@{_icu_version()}",
                  "https://github.com/unicode-org/icu/releases (LICENSE)"),
        _pypi("PySide6-Essentials", "LGPL-3.0-only",
              ("*/pyside6/*.abi3.so", "*/pyside6/*.pyd", "*/pyside6/libpyside6*",
               "*/pyside6/pyside6*.dll", "_internal/libpyside6*", "*/pyside6/__init__*",
               "*/pyside6/*.py")),
        _pypi("shiboken6", "LGPL-3.0-only",
              ("*/shiboken6/*", "_internal/libshiboken6*", "*shiboken6*.dll")),
        Component("xcb-util libraries (bundled with PySide6)", f"PySide6 {pyside}", "MIT",
                  ("_internal/libxcb-*", "*/pyside6/qt/lib/libxcb-*"),
                  "", "https://xcb.freedesktop.org/", _common()),
        Component("libffi", _system_package_version("libffi8"), "MIT", ("_internal/libffi*",),
                  "pkg:generic/libffi", "https://github.com/libffi/libffi"),
        _pypi("whoosh-reloaded", "BSD-2-Clause", ()),
        _pypi("Markdown", "BSD-3-Clause", ("_internal/markdown-*",)),
        _pypi("platformdirs", "MIT", ()),
        _pypi("nh3", "MIT", ("_internal/nh3/*",)),
        _pypi("dulwich", "Apache-2.0 OR GPL-2.0-or-later", ("*/dulwich/*",)),
        _pypi("typing_extensions", "PSF-2.0", ()),
    ]


def _kalma_version() -> str:
    namespace: dict[str, str] = {}
    exec((REPO / "desktop" / "__init__.py").read_text(encoding="utf-8"), namespace)
    return namespace["__version__"]


def _icu_version() -> str:
    try:
        from PySide6.QtCore import QLibraryInfo

        lib = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath))
        found = sorted(lib.glob("libicuuc.so.*"))
        if found:
            return found[0].name.split(".so.")[1]
    except ImportError:
        pass
    return "unknown"


def _system_package_version(package: str) -> str:
    if not shutil.which("dpkg-query"):
        return "unknown"
    done = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True,
                          text=True, check=False)
    return done.stdout.strip() or "unknown"


# --- RUNPATH ---------------------------------------------------------------------------------

def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"\x7fELF"
    except OSError:
        return False


def fix_runpaths(bundle: Path) -> list[str]:
    """Drop RUNPATH/RPATH entries outside the bundle; return what was changed."""
    changed = []
    for path in sorted(p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()):
        if not is_elf(path):
            continue
        current = subprocess.run(["patchelf", "--print-rpath", str(path)], capture_output=True,
                                 text=True, check=False).stdout.strip()
        if not current:
            continue
        kept = [entry for entry in current.split(":") if entry.startswith("$ORIGIN")]
        if kept == current.split(":"):
            continue
        if kept:
            subprocess.run(["patchelf", "--set-rpath", ":".join(kept), str(path)], check=True)
        else:
            subprocess.run(["patchelf", "--remove-rpath", str(path)], check=True)
        changed.append(f"{path.relative_to(bundle)}: {current} -> {':'.join(kept) or '(none)'}")
    return changed


# --- SBOM and notices ------------------------------------------------------------------------

def bundled_binaries(bundle: Path) -> list[str]:
    return sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*")
                  if p.is_file() and (p.name == "kalma" or any(
                      fnmatch.fnmatch(p.name.lower(), pat) for pat in BINARY_PATTERNS)))


def owner(relative: str, parts: list[Component]) -> Component | None:
    lowered = relative.lower()
    return next((c for c in parts if any(fnmatch.fnmatch(lowered, p) for p in c.patterns)),
                None)


def sbom(bundle: Path, parts: list[Component]) -> dict[str, object]:
    kalma, rest = parts[0], parts[1:]
    files: dict[str, list[dict[str, object]]] = {c.name: [] for c in parts}
    for relative in bundled_binaries(bundle):
        component = owner(relative, parts)
        if component is not None:
            digest = hashlib.sha256((bundle / relative).read_bytes()).hexdigest()
            files[component.name].append({"alg": "SHA-256", "content": digest})
    return {
        "bomFormat": "CycloneDX", "specVersion": "1.5",
        "serialNumber": f"urn:uuid:{uuid.uuid4()}", "version": 1,
        "metadata": {
            "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "tools": {"components": [{"type": "application", "name": "tools/bundle_extras.py"}]},
            "component": {"type": "application", "bom-ref": "kalma", "name": "Kalma",
                          "version": kalma.version,
                          "licenses": [{"expression": kalma.license}]},
            "properties": [{"name": "build:python", "value": platform.python_version()},
                           {"name": "build:platform", "value": platform.platform()}],
        },
        "components": [{
            "type": "library", "bom-ref": c.name, "name": c.name, "version": c.version,
            "licenses": [{"expression": c.license}],
            **({"purl": c.purl} if c.purl else {}),
            **({"externalReferences": [{"type": "distribution", "url": c.source}]}
               if c.source.startswith("http") else {}),
            **({"hashes": files[c.name][:50]} if files[c.name] else {}),
        } for c in rest],
        "dependencies": [{"ref": "kalma", "dependsOn": [c.name for c in rest]}],
    }


def notices(parts: list[Component]) -> str:
    lines = ["Kalma bundles the third-party components below. Each keeps its own licence.",
             "Qt, PySide6 and shiboken6 are used under the GNU LGPL v3: they are separate",
             "shared libraries in this folder, and you may replace them with your own",
             "builds of the same versions; their sources are at the addresses given.",
             "Kalma sends nothing over the network; none of these components is used to.",
             ""]
    for c in parts[1:]:
        lines += [f"== {c.name} {c.version}", f"   licence: {c.license}"]
        if c.source:
            lines.append(f"   source:  {c.source}")
        lines.append("")
    seen: set[Path] = set()
    for c in parts[1:]:
        for text_file in c.license_files:
            if text_file in seen:
                continue
            seen.add(text_file)
            lines += ["", "=" * 78, f"{c.name}: {text_file.name}", "=" * 78,
                      text_file.read_text(encoding="utf-8", errors="replace").rstrip(), ""]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    bundle = Path(argv[0] if argv else "dist/kalma")
    if sys.platform.startswith("linux"):
        if not shutil.which("patchelf"):
            print("bundle_extras: patchelf missing (apt-get install patchelf)", file=sys.stderr)
            return 2
        for line in fix_runpaths(bundle):
            print(f"runpath: {line}")
    parts = components()
    unknown = [b for b in bundled_binaries(bundle) if owner(b, parts) is None]
    if unknown:
        print("bundle_extras: binaries of no known component (add them to COMPONENTS in "
              f"tools/bundle_extras.py): {', '.join(unknown)}", file=sys.stderr)
        return 1
    (bundle / SBOM_NAME).write_text(json.dumps(sbom(bundle, parts), indent=1) + "\n",
                                    encoding="utf-8")
    (bundle / NOTICES_NAME).write_text(notices(parts), encoding="utf-8")
    print(f"bundle_extras: {SBOM_NAME} ({len(parts)} components) and {NOTICES_NAME} written")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
