"""The built Linux bundle and packages (after `make dist`); skipped when dist/ is not built.

What they prove: the bundle holds the app, the starter KB, translations and icons and not
the Qt parts Kalma never loads; every shared library it needs is shipped or declared as a
.deb dependency; the archives fit the 60 MB budget; the .deb installs and purges cleanly;
the tarball's install.sh installs and uninstalls; and tools/smoke_bundle.sh passes
offline (no network namespace, empty HOME, no AF_INET socket).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DIST = REPO / "dist"
BUNDLE = DIST / "kalma"
INTERNAL = BUNDLE / "_internal"
SIZE_BUDGET = 60 * 1024 * 1024



def newest_source() -> float:
    """Newest app source the bundle is built from (.qm files are rebuilt from the .ts)."""
    files = [*(REPO / "desktop").rglob("*"), *(REPO / "kb").rglob("*"),
             *(REPO / "i18n").glob("*.ts")]
    times = [p.stat().st_mtime for p in files if p.is_file() and "__pycache__" not in p.parts]
    return max(times, default=0.0)


if not (BUNDLE / "kalma").is_file():
    why = "dist/kalma not built: run `make dist`"
    if importlib.util.find_spec("PyInstaller") is None:
        why += " (PyInstaller missing: pip install -e '.[dist]')"
    pytest.skip(why, allow_module_level=True)
if newest_source() > (BUNDLE / "kalma").stat().st_mtime:
    # A dist/ left from an older build says nothing about this checkout (CI builds first).
    pytest.skip("dist/ is older than the sources: run `make dist`", allow_module_level=True)


def only(pattern: str) -> Path:
    found = sorted(DIST.glob(pattern))
    if not found:
        pytest.skip(f"dist/{pattern} not built: run `make dist`")
    return found[-1]


def files_under(root: Path, suffixes: tuple[str, ...] = ()) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")
            if p.is_file() and (not suffixes or p.suffix in suffixes)
            and not any(part.startswith(".") for part in p.relative_to(root).parts)}


def test_bundle_holds_app_kb_icons_and_translations() -> None:
    assert files_under(INTERNAL / "kb") == files_under(REPO / "kb", (".md", ".txt"))
    assert (INTERNAL / "desktop" / "ui" / "icons" / "kalma.svg").is_file()
    qm = {p.name for p in (REPO / "i18n").glob("*.qm")}
    assert {p.name for p in (INTERNAL / "i18n").glob("*.qm")} == qm


def test_bundle_leaves_out_unused_qt_and_dev_tools() -> None:
    names = "\n".join(p.relative_to(BUNDLE).as_posix().lower() for p in BUNDLE.rglob("*"))
    for unwanted in ("qt6network", "qt6qml", "qt6quick", "qt6pdf", "qt6opengl", "qt6webengine",
                     "qt6designer", "qt6multimedia", "qt6sql", "qt6test", "libqgtk3",
                     "plugins/tls/", "plugins/sqldrivers/", "qt/translations/", "qt/qml/",
                     "/pytest", "/_pytest", "/mypy", "libssl", "libcrypto"):
        assert unwanted not in names, unwanted
    for wanted in ("platforms/libqxcb.so", "platforms/libqwayland.so",
                   "platforms/libqoffscreen.so", "iconengines/libqsvgicon.so",
                   "imageformats/libqsvg.so", "libqt6widgets.so.6", "libqt6svg.so.6"):
        assert wanted in names, wanted


def system_libraries() -> dict[str, str]:
    lines = (REPO / "packaging" / "linux" / "system-libs.txt").read_text().splitlines()
    return {line.split()[0]: " ".join(line.split()[1:]) for line in lines
            if line.strip() and not line.startswith("#")}


def needed(path: Path) -> list[str]:
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True,
                         check=False).stdout
    return re.findall(r"^\s*NEEDED\s+(\S+)", out, re.MULTILINE)


@pytest.mark.skipif(shutil.which("objdump") is None, reason="objdump (binutils) missing")
def test_every_library_is_shipped_or_declared() -> None:
    elf = [p for p in INTERNAL.rglob("*") if p.is_file() and not p.is_symlink()
           and ".so" in p.name]
    elf.append(BUNDLE / "kalma")
    shipped = {p.name for p in INTERNAL.rglob("*") if ".so" in p.name}
    declared = system_libraries()
    missing = {f"{lib} (needed by {path.name})" for path in elf for lib in needed(path)
               if lib not in shipped and lib not in declared}
    assert not missing, "add to packaging/linux/system-libs.txt or ship: " + ", ".join(
        sorted(missing))
    assert not shipped & set(declared), "declared system libraries must not be shipped"


def glibc_version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


@pytest.mark.skipif(shutil.which("objdump") is None, reason="objdump (binutils) missing")
def test_declared_glibc_is_new_enough() -> None:
    declared = re.search(r"libc6 \(>= ([\d.]+)\)", system_libraries()["libc.so.6"])
    assert declared, "libc.so.6 needs a minimum version in system-libs.txt"
    used: set[str] = set()
    for path in [BUNDLE / "kalma", *INTERNAL.rglob("*.so*")]:
        if path.is_file() and not path.is_symlink():
            out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True,
                                 check=False).stdout
            used.update(re.findall(r"GLIBC_([\d.]+)", out))
    newest = max(used, key=glibc_version)
    assert glibc_version(newest) <= glibc_version(declared.group(1)), newest


def test_archives_fit_the_budget() -> None:
    for pattern in ("kalma_*.deb", "kalma-*-linux-*.tar.gz", "kalma-*-linux-*.run"):
        path = only(pattern)
        assert path.stat().st_size <= SIZE_BUDGET, f"{path.name}: {path.stat().st_size:,} B"


def deb_field(deb: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True,
                          check=True).stdout.strip()


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb missing")
def test_deb_metadata_and_layout() -> None:
    deb = only("kalma_*.deb")
    assert deb_field(deb, "Package") == "kalma"
    depends = deb_field(deb, "Depends")
    for package in {v for v in system_libraries().values()}:
        assert package in depends
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True,
                             check=True).stdout
    for path in ("./opt/kalma/kalma", "./usr/bin/kalma", "./usr/share/applications/kalma.desktop",
                 "./usr/share/icons/hicolor/scalable/apps/kalma.svg",
                 "./usr/share/icons/hicolor/48x48/apps/kalma.png",
                 "./opt/kalma/_internal/kb/taxonomy.md"):
        assert f" {path}\n" in listing or listing.endswith(f" {path}"), path
    assert "./etc/" not in listing  # IT's /etc/kalma/kalma.ini is never overwritten


@pytest.mark.skipif(shutil.which("dpkg") is None or os.geteuid() != 0,
                    reason="needs dpkg and root (installs into a private --root)")
def test_deb_installs_and_purges_cleanly(tmp_path: Path) -> None:
    deb = only("kalma_*.deb")
    root = tmp_path / "root"
    (root / "var" / "lib" / "dpkg" / "info").mkdir(parents=True)
    (root / "var" / "lib" / "dpkg" / "updates").mkdir()
    (root / "var" / "lib" / "dpkg" / "status").touch()
    dpkg = ["dpkg", f"--root={root}", "--log=/dev/null", "--force-script-chrootless",
            "--force-depends"]
    subprocess.run([*dpkg, "-i", str(deb)], check=True, capture_output=True)
    wrapper = (root / "usr" / "bin" / "kalma").read_text(encoding="utf-8")
    assert 'exec "/opt/kalma/kalma" "$@"' in wrapper
    version = subprocess.run([str(root / "opt" / "kalma" / "kalma"), "--version"],
                             capture_output=True, text=True, check=True).stdout
    assert version.startswith("kalma ")
    subprocess.run([*dpkg, "--purge", "kalma"], check=True, capture_output=True)
    left = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()
            and not p.relative_to(root).as_posix().startswith("var/")}
    assert left == set()
    assert not (root / "opt" / "kalma").exists()


def test_tarball_install_script(tmp_path: Path) -> None:
    tarball = only("kalma-*-linux-*.tar.gz")
    subprocess.run(["tar", "-xzf", str(tarball), "-C", str(tmp_path)], check=True)
    (unpacked,) = tmp_path.glob("kalma-*")
    dirs = ["--app-dir", str(tmp_path / "app"), "--bin-dir", str(tmp_path / "bin"),
            "--share-dir", str(tmp_path / "share")]
    subprocess.run(["sh", str(unpacked / "install.sh"), *dirs], check=True,
                   capture_output=True)
    done = subprocess.run([str(tmp_path / "bin" / "kalma"), "--version"], capture_output=True,
                          text=True, check=True)
    assert done.stdout.startswith("kalma ")
    desktop = (tmp_path / "share" / "applications" / "kalma.desktop").read_text()
    assert f"Exec={tmp_path / 'bin' / 'kalma'} gui" in desktop
    subprocess.run(["sh", str(tmp_path / "app" / "install.sh"), "--uninstall", *dirs],
                   check=True, capture_output=True)
    assert not (tmp_path / "app").exists() and not (tmp_path / "bin" / "kalma").exists()
    assert not [p for p in (tmp_path / "share").rglob("*") if p.is_file()]


def test_run_file_extracts(tmp_path: Path) -> None:
    run_file = only("kalma-*-linux-*.run")
    done = subprocess.run(["sh", str(run_file), "--extract", str(tmp_path)],
                          capture_output=True, text=True, check=True)
    assert "unpacked into" in done.stdout
    (app,) = tmp_path.glob("kalma-*/kalma")
    assert subprocess.run([str(app), "--version"], capture_output=True, text=True,
                          check=True).stdout.startswith("kalma ")


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis (nsis) not installed")
def test_windows_installer_script_compiles(tmp_path: Path) -> None:
    out = tmp_path / "setup.exe"
    done = subprocess.run(["makensis", "-V2", "-DCHECK_ONLY", "-DVERSION=0.0.1",
                           f"-DBUNDLE_DIR={BUNDLE}", f"-DOUTFILE={out}",
                           str(REPO / "packaging" / "windows" / "kalma.nsi")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.stat().st_size > 1_000_000


def test_offline_smoke() -> None:
    tarball = only("kalma-*-linux-*.tar.gz")
    done = subprocess.run(["bash", str(REPO / "tools" / "smoke_bundle.sh"), str(tarball)],
                          capture_output=True, text=True, timeout=300, check=False)
    if done.stdout.startswith("SKIP:"):
        pytest.skip(done.stdout.strip())
    assert done.returncode == 0, done.stdout + done.stderr
    assert "smoke: all passed" in done.stdout


# --- supportable builds (issue 13) ---------------------------------------------------------

@pytest.mark.skipif(shutil.which("patchelf") is None, reason="patchelf missing")
def test_no_runpath_points_outside_the_bundle() -> None:
    leaks = []
    for path in BUNDLE.rglob("*"):
        if not path.is_file() or path.is_symlink() or path.read_bytes()[:4] != b"\x7fELF":
            continue
        runpath = subprocess.run(["patchelf", "--print-rpath", str(path)], capture_output=True,
                                 text=True, check=False).stdout.strip()
        leaks += [f"{path.name}: {e}" for e in runpath.split(":") if e and
                  not e.startswith("$ORIGIN")]
    assert leaks == []


def test_sbom_records_python_qt_and_every_bundled_binary() -> None:
    import json
    import platform

    sbom = json.loads((BUNDLE / "sbom.cdx.json").read_text(encoding="utf-8"))
    assert sbom["bomFormat"] == "CycloneDX" and sbom["specVersion"] == "1.5"
    versions = {c["name"]: c["version"] for c in sbom["components"]}
    assert versions["CPython"] == platform.python_version()
    assert versions["Qt"].startswith("6.") and versions["PySide6-Essentials"].startswith("6.")
    assert versions["expat (in CPython's pyexpat)"].count(".") == 2
    assert {"whoosh-reloaded", "Markdown", "platformdirs", "nh3", "ICU (bundled with Qt)",
            "libffi", "shiboken6"} <= set(versions)
    assert all(c["licenses"] for c in sbom["components"])
    hashed = sum(len(c.get("hashes", [])) for c in sbom["components"])
    assert hashed >= 60  # every shared library and extension module, by SHA-256


def test_third_party_notices_name_every_component_with_licence_texts() -> None:
    text = (BUNDLE / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    for name in ("CPython", "Qt", "ICU", "PySide6-Essentials", "shiboken6", "xcb-util",
                 "libffi", "whoosh-reloaded", "Markdown", "platformdirs", "nh3", "expat"):
        assert f"== {name}" in text, name
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text and "PYTHON SOFTWARE FOUNDATION" in text


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb missing")
def test_deb_ships_copyright_notices_and_sbom() -> None:
    listing = subprocess.run(["dpkg-deb", "-c", str(only("kalma_*.deb"))], capture_output=True,
                             text=True, check=True).stdout
    for path in ("./usr/share/doc/kalma/copyright", "./usr/share/doc/kalma/changelog.gz",
                 "./opt/kalma/THIRD-PARTY-NOTICES.txt", "./opt/kalma/sbom.cdx.json"):
        assert f" {path}\n" in listing, path


@pytest.mark.skipif(shutil.which("lintian") is None, reason="lintian missing")
def test_lintian_finds_no_errors() -> None:
    done = subprocess.run(["lintian", "--fail-on", "error", str(only("kalma_*.deb"))],
                          capture_output=True, text=True, timeout=900, check=False)
    errors = [line for line in done.stdout.splitlines() if line.startswith("E:")]
    assert done.returncode == 0 and errors == [], errors


INSTALLED_TARGET = 75 * 1024 * 1024
TARBALL_TARGET = 30 * 1024 * 1024


def test_icu_data_is_trimmed_and_still_collates_filipino(tmp_path: Path) -> None:
    (data,) = [p for p in INTERNAL.rglob("libicudata.so.*") if not p.is_symlink()]
    assert data.stat().st_size < 6 * 1024 * 1024  # from ~31 MB
    shutil.copy(data, tmp_path / data.name)
    code = ("from PySide6.QtCore import QCollator, QLocale\n"
            "c = QCollator(QLocale('fil_PH'))\n"
            "print(sorted(['ñora', 'Nora', 'nota', 'Ña', 'ángel'], key=c.sortKey))\n")
    env = {**os.environ, "LD_LIBRARY_PATH": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert done.stdout.strip() == "['ángel', 'Nora', 'nota', 'Ña', 'ñora']", done.stderr


def test_installed_size_target() -> None:
    size = sum(p.stat().st_size for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink())
    assert size <= INSTALLED_TARGET, f"{size / 1024 / 1024:.1f} MB"
