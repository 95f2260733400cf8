"""Windows version resources for kalma.exe and kalma-gui.exe (used by build.spec).

Detection rules in SCCM/Intune read FileVersion/ProductVersion from the executables, so
both carry the app version (a.b.c -> a.b.c.0). The result is PyInstaller's version-file
text (a VSVersionInfo(...) expression PyInstaller evaluates on Windows).
"""

from __future__ import annotations


def version_tuple(version: str) -> tuple[int, int, int, int]:
    parts = [int(p) for p in version.split(".")[:4] if p.isdigit()]
    a, b, c, d = (*parts, 0, 0, 0, 0)[:4]
    return a, b, c, d


def version_file_text(version: str, exe_name: str, description: str) -> str:
    numbers = version_tuple(version)
    text = ".".join(map(str, numbers))
    strings = {
        "CompanyName": "Kalma", "FileDescription": description, "FileVersion": text,
        "InternalName": exe_name, "LegalCopyright": "Kalma maintainers",
        "OriginalFilename": f"{exe_name}.exe", "ProductName": "Kalma", "ProductVersion": text,
    }
    structs = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
          {structs}])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""
