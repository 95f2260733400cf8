"""Draft → approved: who approved a card and when, recorded in its front matter.

A KB may ask for a second trainer's approval (`approvals = 2` under `[trainer]` in
`kalma-kb.ini` at the KB root). Until enough different trainers approved, the card keeps
`status: draft`, so agents never see it (core/visibility.py).
"""

from __future__ import annotations

import configparser
import getpass
import io
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.core import atomicfile
from desktop.core.editing import set_meta_field
from desktop.core.frontmatter import read_meta

KB_SETTINGS_FILE = "kalma-kb.ini"
DRAFT = "draft"
APPROVED = "approved"


@dataclass(frozen=True)
class KbTrainerSettings:
    approvals: int = 1  # how many different trainers must approve a draft


def kb_trainer_settings(kb_dir: Path) -> KbTrainerSettings:
    """The KB's own trainer settings; a missing or broken file means the defaults."""
    parser = configparser.ConfigParser()
    try:
        parser.read(kb_dir / KB_SETTINGS_FILE, encoding="utf-8")
        approvals = parser.getint("trainer", "approvals", fallback=1)
    except (configparser.Error, ValueError, OSError, UnicodeDecodeError):
        return KbTrainerSettings()
    return KbTrainerSettings(approvals=min(max(approvals, 1), 5))


def set_required_approvals(kb_dir: Path, approvals: int) -> None:
    parser = configparser.ConfigParser()
    path = kb_dir / KB_SETTINGS_FILE
    parser.read(path, encoding="utf-8")
    if not parser.has_section("trainer"):
        parser.add_section("trainer")
    parser.set("trainer", "approvals", str(approvals))
    text = io.StringIO()
    parser.write(text)
    atomicfile.write(path, text.getvalue().encode("utf-8"))  # every trainer reads it


def trainer_name() -> str:
    """Who is editing: KALMA_TRAINER when set, else the login name."""
    name = os.environ.get("KALMA_TRAINER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "trainer"


def approvers(text: str) -> list[str]:
    value = read_meta(text).get("approved_by", "")
    return [name.strip() for name in value.split(",") if name.strip()]


class ApprovalError(ValueError):
    """The approval cannot be recorded (e.g. the same trainer approving twice)."""


def approve_text(text: str, trainer: str, today: date, required: int = 1) -> str:
    """Record ``trainer``'s approval; the card goes live once ``required`` trainers approved.

    Raises ApprovalError when this trainer already approved the draft.
    """
    trainer = trainer.replace(",", " ").strip() or "trainer"
    names = approvers(text)
    status = read_meta(text).get("status", "").lower()
    if status != DRAFT:
        names = []  # a live card being approved again (e.g. after edits) starts fresh
    if trainer in names:
        raise ApprovalError(f"{trainer} already approved this card; another trainer must "
                            f"approve it too")
    names.append(trainer)
    out = set_meta_field(text, "approved_by", ", ".join(names))
    out = set_meta_field(out, "approved_on", today.isoformat())
    return set_meta_field(out, "status", APPROVED if len(names) >= required else DRAFT)


def approvals_missing(text: str, required: int) -> int:
    if read_meta(text).get("status", "").lower() != DRAFT:
        return 0
    return max(required - len(approvers(text)), 1)


def draft_message(approved_by: str, required: int) -> str:
    """The lint line for a draft awaiting approval."""
    names = [name.strip() for name in approved_by.split(",") if name.strip()]
    if names:
        return (f"draft awaiting approval ({len(names)} of {required}: {', '.join(names)}); "
                f"agents do not see it until another trainer approves it")
    return "draft awaiting approval; agents do not see it until a trainer approves it (Approve)"
