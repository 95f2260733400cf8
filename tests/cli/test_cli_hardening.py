"""Hostile input on the command line (issue 9): escape sequences, huge echoes, endless files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from kbfiles import write_card

from desktop import cli
from desktop.cli import main
from desktop.core.terminal import capped, terminal_text

ESCAPES = {
    "title": "\x1b]0;pwned\x07",
    "clear": "\x1b[2J\x1b[H",
    "clipboard": "\x1b]52;c;ZWNobyBwd25lZA==\x1b\\",
    "8-bit CSI": "\x9b31m",
    "bell": "\x07",
    "bidi": "\u202e",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_clean(text: str) -> None:
    assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
    assert "\u202e" not in text


@pytest.fixture
def hostile_kb(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    joined = "".join(ESCAPES.values())
    write_card(root, "walrus", "en", "hold", title=f"Walrus {joined} hold",
               say=[f"Please hold {joined} walrus", "Thanks walrus"])
    write_card(root, "walrus", "fil", "hold", title="Walrus", say=["Sandali walrus", "Salamat"])
    (root / "guides").mkdir()
    # Windows allows no newline in a file name; the text's escape sequence still counts.
    name = "line-forged.md" if sys.platform == "win32" else "line\nforged.md"
    (root / "guides" / name).write_text("# x\n\n\x1b[2J walrus lines\n", "utf-8")
    return root


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_terminal_text_removes_each_sequence(name: str) -> None:
    cleaned = terminal_text(f"a{ESCAPES[name]}b")
    assert_clean(cleaned)
    assert cleaned.startswith("a") and cleaned.endswith("b")


def test_search_show_and_lint_print_no_escape_sequences(capsys: pytest.CaptureFixture[str],
                                                       hostile_kb: Path) -> None:
    for argv in (("search", "--kb", str(hostile_kb), "walrus"),
                 ("show", "--kb", str(hostile_kb), "walrus"),
                 ("show", "--kb", str(hostile_kb), "walrus", "--html"),
                 ("lint", "--kb", str(hostile_kb))):
        code, out, err = run(capsys, *argv)
        assert code in (0, 1), (argv, err)
        assert_clean(out)
        assert_clean(err)
        assert "walrus" in out.casefold() or argv[0] == "lint"


@pytest.mark.skipif(sys.platform == "win32", reason="Windows allows no newline in a file name")
def test_a_newline_in_a_file_name_cannot_forge_a_lint_line(capsys: pytest.CaptureFixture[str],
                                                          hostile_kb: Path) -> None:
    (hostile_kb / "guides" / "x\nfake.md:1: error: forged.md").write_text("", "utf-8")
    _, out, _ = run(capsys, "lint", "--kb", str(hostile_kb))
    assert "forged.md" in out
    assert not any(line.startswith("fake.md") for line in out.splitlines())


def test_error_lines_cap_the_echoed_input(capsys: pytest.CaptureFixture[str],
                                         bundled_kb: Path) -> None:
    huge_id = "x" * 100_000 + "\x1b[2J"
    code, _, err = run(capsys, "show", "--kb", str(bundled_kb), huge_id)
    assert code == 2 and len(err) < 600 and "100000 characters" in err
    assert_clean(err)
    assert len(capped("y" * 1000)) < 120


def test_batch_reads_line_by_line_with_a_cap(capsys: pytest.CaptureFixture[str],
                                             bundled_kb: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "MAX_BATCH_BYTES", 10_000)
    batch = tmp_path / "many.txt"
    batch.write_text("hold\n" * 5000, encoding="utf-8")
    code, out, err = run(capsys, "search", "--kb", str(bundled_kb), "--json", "--batch",
                         str(batch))
    assert code == 2 and "split it" in err
    assert out.count("\n") >= 1000  # answers came while reading: the file was streamed


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_batch_from_an_endless_device_fails_cleanly(capsys: pytest.CaptureFixture[str],
                                                    bundled_kb: Path) -> None:
    code, _, err = run(capsys, "search", "--kb", str(bundled_kb), "--batch", "/dev/zero")
    assert code == 2 and "one query per line" in err


def test_batch_that_is_not_utf8_names_the_line(capsys: pytest.CaptureFixture[str],
                                               bundled_kb: Path, tmp_path: Path) -> None:
    batch = tmp_path / "latin1.txt"
    batch.write_bytes(b"hold\ncaf\xe9\n")
    code, _, err = run(capsys, "search", "--kb", str(bundled_kb), "--batch", str(batch))
    assert code == 2 and "line 2" in err


def test_empty_kb_search_and_index_answer_cleanly(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    (kb / "lost+found").mkdir(parents=True)
    code, out, err = run(capsys, "search", "--kb", str(kb), "hold")
    assert code == 0 and "no results" in out and "Error" not in err
    code, out, _ = run(capsys, "index", "--kb", str(kb))
    assert code == 0 and "indexed 0 cards" in out
    code, _, err = run(capsys, "lint", "--kb", str(kb))
    assert code == 0 and "0 error(s)" in err


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
@pytest.mark.parametrize("kind", ["html", "pdf"])
def test_export_refuses_a_symlink_target(capsys: pytest.CaptureFixture[str], bundled_kb: Path,
                                         tmp_path: Path, kind: str) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious", encoding="utf-8")
    (tmp_path / f"out.{kind}").symlink_to(victim)
    code, _, err = run(capsys, "export", "--kb", str(bundled_kb), f"--{kind}",
                       str(tmp_path / f"out.{kind}"))
    assert code == 2 and "link" in err
    assert victim.read_text(encoding="utf-8") == "precious"


def test_overlong_kb_path_is_a_clear_error(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    code, _, err = run(capsys, "search", "--kb", str(tmp_path / ("k" * 300)), "hold")
    assert code == 2 and "longer than 255" in err and "Errno" not in err
