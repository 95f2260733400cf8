"""The Group Policy templates (ADMX/ADML) write exactly the values Kalma reads."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop.core import settings
from desktop.core.registry import HKLM, POLICY_KEY, FakeRegistry
from desktop.core.settings import DEPLOYMENT_KEYS, field_types, resolve

POLICY = Path(__file__).resolve().parents[2] / "packaging" / "windows" / "policy"
NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}


def admx() -> ET.Element:
    return ET.parse(POLICY / "Kalma.admx").getroot()


def test_every_policy_value_is_a_deployment_setting_of_the_right_type() -> None:
    types = field_types()
    seen = set()
    for policy in admx().iterfind(".//p:policy", NS):
        assert policy.get("key") == POLICY_KEY and policy.get("class") == "Machine"
        names = [policy.get("valueName")] + [e.get("valueName") for e in policy.iter()
                                              if e.get("valueName") and e is not policy]
        for name in filter(None, names):
            assert name in DEPLOYMENT_KEYS, name
            seen.add(name)
            element = next((e for e in policy.iter() if e.get("valueName") == name), policy)
            kind = element.tag.split("}")[1]
            expected = {bool: "policy", int: "decimal", str: ("text", "enum")}[types[name]]
            assert kind in expected, (name, kind)
            if kind == "decimal":
                low, high = settings._LIMITS[name]
                assert (int(element.get("minValue", "")), int(element.get("maxValue", ""))) \
                    == (low, high)
    assert seen == set(DEPLOYMENT_KEYS)


def test_every_string_and_presentation_is_defined_in_en_us() -> None:
    text = (POLICY / "Kalma.admx").read_text(encoding="utf-8")
    adml = ET.parse(POLICY / "en-US" / "Kalma.adml").getroot()
    strings = {s.get("id") for s in adml.iterfind(".//p:string", NS)}
    presentations = {s.get("id") for s in adml.iterfind(".//p:presentation", NS)}
    assert set(re.findall(r"\$\(string\.(\w+)\)", text)) <= strings
    assert set(re.findall(r"\$\(presentation\.(\w+)\)", text)) <= presentations


def test_values_a_policy_writes_are_understood() -> None:
    # What gpedit writes: DWORD 0/1 for the switches, REG_SZ / DWORD for the elements.
    written = {"trainer_enabled": 0, "gap_log_enabled": 1, "recovery_card_enabled": 0,
               "hold_interval_s": 120, "abuse_warning_limit": 2, "ui_language": "fil",
               "kb_dir": "\\\\srv\\kalma\\kb", "kb_poll_interval_s": 300,
               "offline_copy_dir": "C:\\ProgramData\\Kalma\\kb-mirror"}
    resolved = resolve({}, {}, [], registry=FakeRegistry({(HKLM, POLICY_KEY): written}))
    assert not resolved.problems
    assert resolved.locked == set(written)
    for key, value in written.items():
        got = getattr(resolved.settings, key)
        assert got == (bool(value) if isinstance(got, bool) else value), key
