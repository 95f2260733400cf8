"""The Linux installer scripts without a build: .run --help, install.sh vs a .deb install."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"


def fake_dpkg(tmp_path: Path, owned: str) -> dict[str, str]:
    """A dpkg-query that says `owned` belongs to the kalma package."""
    bin_dir = tmp_path / "fakebin"
    bin_dir.mkdir()
    script = bin_dir / "dpkg-query"
    script.write_text(f'#!/bin/sh\n[ "$1" = -S ] && [ "$2" = "{owned}" ] && '
                      f'{{ echo "kalma: $2"; exit 0; }}\nexit 1\n', encoding="utf-8")
    script.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}


def unpacked(tmp_path: Path) -> Path:
    """What install.sh finds next to itself in the tarball."""
    here = tmp_path / "kalma-1.0"
    (here / "_internal").mkdir(parents=True)
    (here / "share" / "icons").mkdir(parents=True)
    (here / "kalma").write_text("#!/bin/sh\n", encoding="utf-8")
    (here / "kalma.ini.example").write_text("", encoding="utf-8")
    (here / "share" / "kalma.sh").write_text("#!/bin/sh\nexec @KALMA_HOME@/kalma\n",
                                             encoding="utf-8")
    (here / "share" / "kalma.desktop").write_text("Exec=@BIN@\n", encoding="utf-8")
    for name in ["kalma.svg", *(f"kalma-{n}.png" for n in (16, 24, 32, 48, 64, 128, 256))]:
        (here / "share" / "icons" / name).write_bytes(b"x")
    (here / "install.sh").write_bytes((LINUX / "install.sh").read_bytes())
    return here


def test_run_help_prints_real_help() -> None:
    header = (LINUX / "run-header.sh").read_text(encoding="utf-8").replace("@NAME@", "kalma-1.0")
    done = subprocess.run(["sh", "-s", "--", "--help"], input=header, capture_output=True,
                          text=True, timeout=30, check=False)
    assert done.returncode == 0
    assert "Usage: sh kalma-1.0-linux-*.run [OPTION]" in done.stdout
    assert "--uninstall" in done.stdout and "apt remove kalma" in done.stdout
    assert "SKIP" not in done.stdout and "awk" not in done.stdout  # no shell internals


def test_install_refuses_to_overwrite_a_dpkg_owned_install(tmp_path: Path) -> None:
    here = unpacked(tmp_path)
    app, bin_dir = tmp_path / "opt" / "kalma", tmp_path / "bin"
    app.mkdir(parents=True)
    (app / "kalma").write_text("the .deb's file", encoding="utf-8")
    env = fake_dpkg(tmp_path, str(app / "kalma"))
    args = ["sh", str(here / "install.sh"), "--app-dir", str(app), "--bin-dir", str(bin_dir),
            "--share-dir", str(tmp_path / "share")]
    for extra in ([], ["--uninstall"]):
        done = subprocess.run([*args, *extra], capture_output=True, text=True, timeout=60,
                              env=env, check=False)
        assert done.returncode == 3, done.stderr
        assert "belongs to the 'kalma' package" in done.stderr
        assert (app / "kalma").read_text(encoding="utf-8") == "the .deb's file"


def test_install_and_uninstall_without_dpkg_ownership(tmp_path: Path) -> None:
    here = unpacked(tmp_path)
    app, bin_dir = tmp_path / "opt" / "kalma", tmp_path / "bin"
    env = fake_dpkg(tmp_path, "/nothing/owned")
    args = ["sh", str(here / "install.sh"), "--app-dir", str(app), "--bin-dir", str(bin_dir),
            "--share-dir", str(tmp_path / "share")]
    subprocess.run(args, check=True, env=env, capture_output=True, timeout=60)
    assert (app / "kalma").is_file() and (bin_dir / "kalma").is_file()
    subprocess.run([*args, "--uninstall"], check=True, env=env, capture_output=True, timeout=60)
    assert not app.exists() and not (bin_dir / "kalma").exists()
