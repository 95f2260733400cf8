"""The command line finds the KB exactly as the app does: share, offline copy, bundled KB."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core import kb_location
from desktop.core.kb_location import BUNDLED_NOTICE, mirror_dir_for


@pytest.fixture
def share(tmp_path: Path, bundled_kb: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "share"
    shutil.copytree(bundled_kb, root)
    monkeypatch.setenv("KALMA_KB_DIR", str(root))
    return root


def search_ids(capsys: pytest.CaptureFixture[str], *query: str) -> tuple[list[str], str]:
    assert main(["search", "--json", *query]) == 0
    out, err = capsys.readouterr()
    return [hit["id"] for hit in json.loads(out)["results"]], err


def test_empty_share_without_a_copy_uses_the_bundled_kb(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    unmounted = tmp_path / "mnt" / "kalma"
    unmounted.mkdir(parents=True)
    monkeypatch.setenv("KALMA_KB_DIR", str(unmounted))
    ids, err = search_ids(capsys, "hold")
    assert ids  # answers from the KB shipped with Kalma instead of crashing
    assert BUNDLED_NOTICE in err
    assert main(["index"]) == 0


def test_the_cli_uses_the_offline_copy_when_the_share_is_down(
        share: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index"]) == 0  # `kalma index` refreshes the copy as the app does
    capsys.readouterr()
    mirror = mirror_dir_for(share)
    assert kb_location.has_mirror(mirror)
    shutil.rmtree(share)
    share.mkdir()  # unmounted
    ids, err = search_ids(capsys, "hold")
    assert ids and "offline copy from" in err and str(mirror) in err
    code = main(["doctor", "--no-qt", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1 and report["kb"]["in_use"] == str(mirror)


def test_a_reachable_share_is_used_directly(share: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    ids, err = search_ids(capsys, "hold")
    assert ids and "note:" not in err
