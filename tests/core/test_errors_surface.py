"""Errors surface (issue 10): a bug is logged and raised at once; only damage rebuilds."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from desktop.core import logsetup
from desktop.core import search as search_module
from desktop.core.search import Engine, SearchError


def count_rebuilds(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    rebuilds: list[int] = []
    original = engine.ensure_index

    def counting(*args: object, **kwargs: object) -> object:
        if kwargs.get("rebuild"):
            rebuilds.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "ensure_index", counting)
    return rebuilds


def test_a_bug_in_the_planner_surfaces_at_once_without_a_rebuild(
        engine: Engine, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    rebuilds = count_rebuilds(engine, monkeypatch)
    generation = engine._state.generation if engine._state else None

    def broken(*args: object, **kwargs: object) -> object:
        raise TypeError("injected bug")

    monkeypatch.setattr(search_module, "plan_query", broken)
    with caplog.at_level(logging.ERROR, logger="desktop"), \
            pytest.raises(SearchError, match="injected bug") as raised:
        engine.search("refund")
    assert isinstance(raised.value.__cause__, TypeError)
    assert rebuilds == []
    assert engine._state is not None and engine._state.generation == generation
    assert any("refund" in r.getMessage() and r.exc_info for r in caplog.records)
    with pytest.raises(SearchError):  # the next keystroke: still no rebuild
        engine.search("refunds")
    assert rebuilds == []


def test_a_decoding_error_on_a_sound_index_is_a_bug_not_damage(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    rebuilds = count_rebuilds(engine, monkeypatch)

    def garbled(*args: object, **kwargs: object) -> object:
        raise ValueError("bad block")  # an integrity-looking error, but the files check out

    monkeypatch.setattr(search_module, "_evaluate", garbled)
    with pytest.raises(SearchError, match="bad block"):
        engine.search("refund")
    assert rebuilds == []


def test_real_damage_rebuilds_once_per_generation(engine: Engine,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    rebuilds = count_rebuilds(engine, monkeypatch)

    def unreadable(*args: object, **kwargs: object) -> object:
        raise OSError("segment vanished")

    monkeypatch.setattr(search_module, "_evaluate", unreadable)
    with pytest.raises(SearchError, match="segment vanished"):
        engine.search("refund")  # rebuilt once, then the same error: surfaced
    assert len(rebuilds) == 1
    with pytest.raises(SearchError):
        engine.search("refunds")  # the rebuilt generation failed before: no second one
    assert len(rebuilds) == 1


def test_browse_runs_under_the_search_lock(engine: Engine, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    held: list[bool] = []
    original = search_module._browse

    def watching(*args: object, **kwargs: object) -> object:
        held.append(engine._search_lock.locked())
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(search_module, "_browse", watching)
    assert engine.search("")
    assert held == [True]


def test_the_log_file_rotates_in_the_user_log_folder(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KALMA_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(logsetup, "MAX_BYTES", 2_000)
    try:
        path = logsetup.setup_logging()
        assert path == tmp_path / "logs" / logsetup.LOG_NAME
        assert logsetup.setup_logging() == path  # a second call adds no second handler
        handlers = [h for h in logging.getLogger("desktop").handlers
                    if h.get_name() == "kalma-file"]
        assert len(handlers) == 1
        log = logging.getLogger("desktop.core.test")
        for n in range(100):
            log.warning("line %d of a long run", n)
        names = sorted(p.name for p in (tmp_path / "logs").iterdir())
        assert names[0] == "kalma.log" and "kalma.log.1" in names
        assert len(names) <= 1 + logsetup.BACKUPS
        assert "line 99" in path.read_text(encoding="utf-8")
    finally:
        logsetup.close_logging()


def test_an_unwritable_log_folder_does_not_stop_the_app(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("KALMA_LOG_DIR", str(blocker / "logs"))
    try:
        assert logsetup.setup_logging() is None
    finally:
        logsetup.close_logging()


def test_the_cli_logs_an_unexpected_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from desktop import cli

    monkeypatch.setenv("KALMA_LOG_DIR", str(tmp_path / "logs"))

    def broken(args: object) -> int:
        raise RuntimeError("surprise")

    monkeypatch.setattr(cli, "cmd_index", broken)
    try:
        assert cli.main(["index", "--kb", str(tmp_path)]) == cli.EXIT_ERROR
        assert "surprise" in capsys.readouterr().err
        log_text = (tmp_path / "logs" / logsetup.LOG_NAME).read_text(encoding="utf-8")
        assert "RuntimeError: surprise" in log_text and "Traceback" in log_text
    finally:
        logsetup.close_logging()
