"""Update the translation sources and build the binary catalogs.

    python tools/build_i18n.py            # lupdate desktop/ui/**/*.py → i18n/*.ts, then lrelease
    python tools/build_i18n.py --release  # only lrelease (.ts → .qm), no source scan
    python tools/build_i18n.py --check    # also fail when a Filipino string is untranslated

The .ts files are tracked; the .qm files are build output (gitignored) that the setup
script and the packager build with this command. Works from a fresh checkout: the tools
come with PySide6 (pyside6-lupdate / pyside6-lrelease next to the Python running this).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "desktop" / "ui"
# Core modules that mark strings for the catalog (QT_TRANSLATE_NOOP) without importing Qt.
CORE_SOURCES = (ROOT / "desktop" / "core" / "blanks.py",)
I18N = ROOT / "i18n"
LANGUAGES = {"en": "en_US", "fil": "fil_PH"}


def find_tool(name: str) -> str:
    """pyside6-<name> from the running venv, PATH, or the PySide6 package folder."""
    candidates = [Path(sys.executable).with_name(f"pyside6-{name}"),
                  Path(sys.executable).with_name(f"pyside6-{name}.exe")]
    found = shutil.which(f"pyside6-{name}")
    if found:
        candidates.append(Path(found))
    try:
        import PySide6

        package = Path(PySide6.__file__).parent
        candidates += [package / name, package / f"{name}.exe", package / "Qt" / "bin" / name]
    except ImportError:
        pass
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise SystemExit(f"build_i18n: cannot find pyside6-{name}; install PySide6 in this Python")


def source_files() -> list[str]:
    found = [*SOURCES.rglob("*.py"), *CORE_SOURCES]
    return sorted(str(path.relative_to(ROOT)) for path in found
                  if "__pycache__" not in path.parts)


def run(command: list[str]) -> None:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"build_i18n: {Path(command[0]).name} failed ({result.returncode})")


def update_sources() -> None:
    lupdate = find_tool("lupdate")
    files = source_files()
    for lang, locale in LANGUAGES.items():
        ts = I18N / f"kalma_{lang}.ts"
        run([lupdate, "-silent", "-no-obsolete", "-locations", "relative",
             "-source-language", "en_US", "-target-language", locale, *files,
             "-ts", str(ts.relative_to(ROOT))])


def release() -> list[Path]:
    lrelease = find_tool("lrelease")
    built = []
    for lang in LANGUAGES:
        ts = I18N / f"kalma_{lang}.ts"
        if not ts.is_file():
            raise SystemExit(f"build_i18n: missing {ts}")
        qm = ts.with_suffix(".qm")
        run([lrelease, "-silent", str(ts), "-qm", str(qm)])
        built.append(qm)
    return built


def untranslated(ts: Path) -> list[str]:
    """Source texts of messages still marked unfinished (or empty) in a .ts file."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None or translation.get("type") in ("unfinished", "vanished",
                                                              "obsolete"):
            if translation is None or translation.get("type") == "unfinished":
                missing.append(source)
            continue
        forms = translation.findall("numerusform")
        if (forms and not all((f.text or "").strip() for f in forms)) or (
                not forms and not (translation.text or "").strip()):
            missing.append(source)
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--release", action="store_true", help="only build .qm from .ts")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when Filipino strings are untranslated")
    args = parser.parse_args(argv)
    I18N.mkdir(exist_ok=True)
    if not args.release:
        update_sources()
    built = release()
    missing = untranslated(I18N / "kalma_fil.ts")
    print(f"build_i18n: built {', '.join(p.name for p in built)}; "
          f"{len(missing)} Filipino string(s) untranslated")
    if missing and args.check:
        for source in missing[:50]:
            print(f"  untranslated: {source!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
