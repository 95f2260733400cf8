"""The `kalma` command-line contract (issue 3, section 5)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__
from desktop.cli import main

RESULT_KEYS = {"id", "title", "lang", "stage", "tags", "channel", "kind", "path", "snippet",
               "score"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"kalma {__version__}"


def test_python_dash_m_works() -> None:
    done = subprocess.run([sys.executable, "-m", "desktop", "--version"], capture_output=True,
                          text=True, check=False, timeout=60)
    assert done.returncode == 0 and __version__ in done.stdout


def test_search_json_shape(capsys: pytest.CaptureFixture[str], bundled_kb: Path) -> None:
    code, out, _ = run(capsys, "search", "--kb", str(bundled_kb), "--json", "hold")
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["query"] == "hold"
    assert isinstance(record["took_ms"], float)
    assert record["results"], "the bundled KB has hold cards"
    for hit in record["results"]:
        assert set(hit) == RESULT_KEYS
        assert isinstance(hit["tags"], list)
        assert hit["kind"] in ("card", "document")


def test_search_batch_gives_one_line_per_query(capsys: pytest.CaptureFixture[str],
                                               bundled_kb: Path, tmp_path: Path) -> None:
    batch = tmp_path / "queries.txt"
    batch.write_text("hold\n\nsupervisor\nnagmumura\n", encoding="utf-8")
    code, out, _ = run(capsys, "search", "--kb", str(bundled_kb), "--json", "--batch",
                       str(batch))
    assert code == 0
    assert [json.loads(line)["query"] for line in out.strip().splitlines()] == [
        "hold", "supervisor", "nagmumura"]


def test_search_filters(capsys: pytest.CaptureFixture[str], bundled_kb: Path) -> None:
    code, out, _ = run(capsys, "search", "--kb", str(bundled_kb), "--json", "--lang", "fil",
                       "--stage", "hold", "--channel", "phone", "--limit", "3", "hold")
    assert code == 0
    results = json.loads(out)["results"]
    assert 0 < len(results) <= 3
    assert all(r["lang"] == "fil" and r["stage"] == "hold" for r in results)
    assert all(r["channel"] in ("phone", "any") for r in results)


def test_search_plain_text(capsys: pytest.CaptureFixture[str], bundled_kb: Path) -> None:
    code, out, err = run(capsys, "search", "--kb", str(bundled_kb), "transfer")
    assert code == 0 and "transfer" in out and "results" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["search"],
        ["search", "--limit", "0", "x"],
        ["search", "--lang", "de", "x"],
        ["search", "--batch", "/nonexistent/file.txt"],
        ["search", "--kb", "/nonexistent/kb", "hold"],
        ["lint", "--kb", "/nonexistent/kb"],
        ["show", "no-such-card"],
        ["frobnicate"],
    ],
)
def test_errors_are_one_line_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    message = [line for line in err.splitlines() if line.startswith("kalma: error:")]
    assert len(message) == 1
    assert "Traceback" not in err


def test_lint_exit_codes(capsys: pytest.CaptureFixture[str], bundled_kb: Path,
                         bad_kb: Path) -> None:
    assert run(capsys, "lint", "--kb", str(bundled_kb))[0] == 0
    code, out, err = run(capsys, "lint", "--kb", str(bad_kb))
    assert code == 1
    assert "latin1.md:" in out and "error" in err


def test_lint_json(capsys: pytest.CaptureFixture[str], bad_kb: Path) -> None:
    code, out, _ = run(capsys, "lint", "--kb", str(bad_kb), "--json")
    assert code == 1
    report = json.loads(out)
    assert report["errors"] > 0
    assert {"path", "line", "severity", "rule", "message"} <= set(report["problems"][0])


def test_show_text_and_html(capsys: pytest.CaptureFixture[str], bundled_kb: Path) -> None:
    code, out, _ = run(capsys, "show", "--kb", str(bundled_kb), "hold-check-in")
    assert code == 0 and "hold-check-in" in out and "1. " in out
    code, out, _ = run(capsys, "show", "--kb", str(bundled_kb), "hold-check-in", "--lang", "fil",
                       "--html")
    assert code == 0 and out.startswith("<h2>") and "<script" not in out


def test_show_fills_policy_placeholders(capsys: pytest.CaptureFixture[str],
                                        bundled_kb: Path) -> None:
    code, out, _ = run(capsys, "show", "--kb", str(bundled_kb), "distress-self-harm-crisis-line")
    assert code == 0 and "1553" in out and "{crisis_line}" not in out
    assert "{customer}" in out  # call-panel placeholders stay for the agent to fill


def test_index_prints_counts(capsys: pytest.CaptureFixture[str], bundled_kb: Path) -> None:
    code, out, _ = run(capsys, "index", "--kb", str(bundled_kb))
    assert code == 0 and "cards" in out and " s " in out
    code, out, _ = run(capsys, "index", "--kb", str(bundled_kb), "--rebuild")
    assert code == 0 and "full rebuild" in out
