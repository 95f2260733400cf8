"""Every interface string has a Filipino translation.

A string the catalog does not translate shows in English in a Filipino window, which is
easy to miss in review. Two checks: the tracked i18n/kalma_fil.ts has no unfinished or
empty translation, and a fresh lupdate scan of desktop/ui finds no string missing from it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIL_TS = REPO / "i18n" / "kalma_fil.ts"
sys.path.insert(0, str(REPO / "tools"))

import build_i18n  # noqa: E402


def unfinished(ts: Path) -> list[str]:
    """"context: source" of every message whose Filipino is unfinished or empty."""
    problems = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or "?"
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                problems.append(f"{name}: {source!r} (no translation)")
                continue
            kind = translation.get("type")
            if kind in ("vanished", "obsolete"):
                continue
            forms = [form.text or "" for form in translation.findall("numerusform")]
            texts = forms if forms else [translation.text or ""]
            if kind == "unfinished" or not all(text.strip() for text in texts):
                problems.append(f"{name}: {source!r}")
    return problems


def test_filipino_catalog_has_no_unfinished_translations() -> None:
    assert FIL_TS.is_file()
    assert unfinished(FIL_TS) == []


def test_every_string_in_the_code_is_in_the_filipino_catalog(tmp_path: Path) -> None:
    try:
        lupdate = build_i18n.find_tool("lupdate")
    except SystemExit:
        pytest.skip("pyside6-lupdate is not installed")
    scanned = tmp_path / "kalma_fil.ts"
    shutil.copy(FIL_TS, scanned)
    subprocess.run([lupdate, "-silent", "-no-obsolete", "-locations", "none",
                    "-source-language", "en_US", "-target-language", "fil_PH",
                    *build_i18n.source_files(), "-ts", str(scanned)],
                   cwd=REPO, check=True, capture_output=True, timeout=120)
    missing = unfinished(scanned)
    assert missing == [], ("new strings without Filipino: run tools/build_i18n.py and "
                           "translate them in i18n/kalma_fil.ts")


def test_the_checker_notices_unfinished_and_empty_entries(tmp_path: Path) -> None:
    ts = tmp_path / "bad.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="fil_PH">'
        "<context><name>W</name>"
        '<message><source>A</source><translation type="unfinished">A</translation></message>'
        "<message><source>B</source><translation></translation></message>"
        '<message numerus="yes"><source>%n C</source><translation>'
        "<numerusform>%n C</numerusform><numerusform></numerusform></translation></message>"
        '<message><source>D</source><translation type="vanished">D</translation></message>'
        "<message><source>E</source><translation>E po</translation></message>"
        "</context></TS>", encoding="utf-8")
    assert unfinished(ts) == ["W: 'A'", "W: 'B'", "W: '%n C'"]
