"""The `kalma` command line: gui, search, index, lint, show (and more, one function each).

Every error reaches the user as one line on stderr with exit code 2, never a traceback.
Each subcommand is `cmd_<name>(args) -> int`, registered in `build_parser()`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from desktop import __version__
from desktop.core import kb_location, resources, user_store
from desktop.core.kb import KbMissingError
from desktop.core.logsetup import setup_logging
from desktop.core.search import Engine, Filters, IndexStats
from desktop.core.settings import ResolvedSettings, effective_kb_dir, resolve
from desktop.core.terminal import capped, terminal_text

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2
MAX_BATCH_BYTES = 50_000_000
MAX_BATCH_LINE = 4096
MAX_ERROR_CHARS = 400


class CliError(Exception):
    """A user-facing error: printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise CliError(message)


def app_settings() -> tuple[ResolvedSettings, str]:
    """Settings as the app sees them (defaults < IT config < the agent's own < env < locked),
    and where the agent's own are stored. Read without Qt: the same file the app writes."""
    resolved = resolve(user_store.load_user_values())
    kb_location.use_offline_copy_dir(resolved.settings.offline_copy_dir)
    return resolved, user_store.store_location()


def require_kb_writes(action: str) -> None:
    """Every command that writes the KB obeys trainer_enabled, like the app's Trainer menu."""
    resolved = app_settings()[0]
    if not resolved.settings.trainer_enabled:
        source = resolved.sources["trainer_enabled"]
        raise CliError(f"{action} is turned off on this computer (trainer_enabled = false, "
                       f"from {source}); ask IT")


def configured_kb_dir() -> Path:
    """--kb default: the configured KB, else the bundled one."""
    return effective_kb_dir(app_settings()[0].settings, resources.bundled_kb_dir())


def kb_from(args: argparse.Namespace, sync: bool = False) -> Path:
    """--kb as given; else the folder the app would load now: the configured KB, its
    offline copy when the share is down, or the bundled KB (with the same notice)."""
    if getattr(args, "kb", None):
        return Path(args.kb).expanduser()
    location = kb_location.resolve_kb_location(configured_kb_dir(), background=False,
                                               sync=sync)
    if location.notice:
        print(terminal_text(f"kalma: note: {location.notice} ({location.path})"), file=sys.stderr)
    return location.path


def open_engine(args: argparse.Namespace, progress: bool = False) -> tuple[Engine, IndexStats]:
    engine = Engine(kb_from(args, sync=progress))  # `kalma index` also refreshes the copy
    engine.show_drafts = getattr(args, "drafts", False)  # the trainer's view, on request
    stats = engine.ensure_index(progress=_terminal_progress if progress else None,
                                rebuild=getattr(args, "rebuild", False))
    if progress and sys.stderr.isatty():
        sys.stderr.write("\n")
    if engine.notice:
        print(f"kalma: warning: {terminal_text(engine.notice)}", file=sys.stderr)
    return engine, stats


def _terminal_progress(done: int, total: int) -> None:
    if sys.stderr.isatty() and total:
        sys.stderr.write(f"\rindexing {done}/{total} files")
        sys.stderr.flush()


# --- subcommands -------------------------------------------------------------------------

def cmd_gui(args: argparse.Namespace) -> int:
    from desktop.ui.app import run_app

    return run_app(kb_dir=Path(args.kb).expanduser() if args.kb else None,
                   self_test=getattr(args, "self_test", False))


def cmd_search(args: argparse.Namespace) -> int:
    queries = _queries(args)
    first = list(itertools.islice(queries, 2))  # a header per query only when there are more
    several = len(first) > 1
    engine, _ = open_engine(args)
    filters = Filters(lang=args.lang, stage=args.stage, tags=tuple(args.tag or ()),
                      channel=args.channel)
    try:
        for query in itertools.chain(first, queries):
            started = time.perf_counter()
            hits = engine.search(query, filters, limit=args.limit)
            took_ms = (time.perf_counter() - started) * 1000
            if args.json:
                record = {"query": query, "took_ms": round(took_ms, 3),
                          "results": [hit.as_json() for hit in hits]}
                print(json.dumps(record, ensure_ascii=False))
            else:
                _print_hits(query, hits, took_ms, several)
    finally:
        engine.close()
    return EXIT_OK


def _queries(args: argparse.Namespace) -> Iterator[str]:
    if args.batch:
        return _batch_lines(args.batch)
    if not args.query:
        raise CliError("give a query, e.g. kalma search customer swearing (or --batch FILE)")
    return iter([" ".join(args.query)])


def _batch_lines(name: str) -> Iterator[str]:
    """The non-empty lines of a batch file, read as they are needed, never more than
    MAX_BATCH_BYTES in all (a device like /dev/zero or a huge file fails cleanly)."""
    try:
        handle = open(name, "rb")  # noqa: SIM115 - closed by the generator below
    except OSError as exc:
        raise CliError(f"cannot read batch file {capped(name)}: {exc.strerror or exc}") from exc

    def lines() -> Iterator[str]:
        total = 0
        with handle:
            for number in itertools.count(1):
                raw = handle.readline(MAX_BATCH_LINE + 1)
                total += len(raw)
                if total > MAX_BATCH_BYTES:
                    raise CliError(f"batch file {capped(name)} is over "
                                   f"{MAX_BATCH_BYTES // 1_000_000} MB; split it")
                if not raw:
                    return
                if len(raw) > MAX_BATCH_LINE:
                    raise CliError(f"{capped(name)}:{number}: line is over {MAX_BATCH_LINE} "
                                   "bytes; one query per line")
                try:
                    text = raw.decode("utf-8").strip()
                except UnicodeDecodeError as exc:
                    raise CliError(f"cannot read batch file {capped(name)}: line {number} is "
                                   "not UTF-8") from exc
                if text:
                    yield text

    return lines()


def _print_hits(query: str, hits: Sequence[object], took_ms: float, header: bool) -> None:
    if header:
        print(f"# {terminal_text(query)}")
    if not hits:
        print("no results")
    for hit in hits:
        assert hasattr(hit, "as_json")
        row = hit.as_json()
        tags = ",".join(row["tags"]) if isinstance(row["tags"], list) else ""
        line = f"{row['id']:<36} {row['lang']:<3} {row['stage']:<12} {tags:<28} {row['title']}"
        print(terminal_text(line))
    print(f"({len(hits)} results, {took_ms:.1f} ms)", file=sys.stderr)


def cmd_index(args: argparse.Namespace) -> int:
    engine, stats = open_engine(args, progress=True)
    engine.close()
    print(f"indexed {stats.cards} cards and {stats.documents} document passages "
          f"in {stats.seconds:.2f} s ({stats.added} added, {stats.updated} updated, "
          f"{stats.removed} removed{', full rebuild' if stats.rebuilt else ''})")
    return EXIT_OK


def cmd_lint(args: argparse.Namespace) -> int:
    from desktop.core.lint import lint_kb

    problems = lint_kb(kb_from(args))
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if args.json:
        print(json.dumps({"errors": errors, "warnings": warnings,
                          "problems": [p.as_json() for p in problems]}, ensure_ascii=False))
    else:
        for problem in problems:
            print(terminal_text(problem.format()))
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return EXIT_PROBLEMS if errors else EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from desktop.core.policy import load_policy
    from desktop.core.render import card_to_html, card_to_text, fill_placeholders

    engine, _ = open_engine(args)
    card = engine.card(args.id, args.lang)
    engine.close()
    if card is None:
        raise CliError(f"no {args.lang} card with id {capped(args.id)!r}; try: kalma search "
                       f"{capped(args.id)}")
    values = load_policy(engine.kb_dir).placeholders()  # {crisis_line} and the like
    if args.html:
        text = card_to_html(card, values)
    else:
        text = fill_placeholders(card_to_text(card), values)
    print(terminal_text(text, keep_newlines=True))
    return EXIT_OK


def error_text(exc: BaseException) -> str:
    """One clean line: no escape sequences, and never a whole file's worth of echoed input."""
    return capped(str(exc), MAX_ERROR_CHARS)


# --- parser ------------------------------------------------------------------------------

Command = Callable[[argparse.Namespace], int]


def _add_kb(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kb", metavar="DIR", help="knowledge-base folder (default: configured "
                        "KB, else the bundled kb/)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kalma", description="Kalma: phrase cards for contact-center agents.")
    parser.add_argument("--version", action="version", version=f"kalma {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    gui = sub.add_parser("gui", help="start the app (the default)")
    _add_kb(gui)
    gui.add_argument("--self-test", action="store_true",
                     help="open the window, run a search, exit 0 if all went well")
    gui.set_defaults(func=cmd_gui)

    search = sub.add_parser("search", help="search the KB")
    _add_kb(search)
    search.add_argument("--lang", choices=("en", "fil", "any"), default="any")
    search.add_argument("--stage", metavar="ID")
    search.add_argument("--tag", metavar="ID", action="append",
                        help="situation tag id (repeat for several)")
    search.add_argument("--channel", choices=("phone", "chat", "any"), default="any")
    search.add_argument("--limit", type=_positive_int, default=10)
    search.add_argument("--json", action="store_true", help="one JSON object per query per line")
    search.add_argument("--batch", metavar="FILE", help="read one query per line from FILE")
    search.add_argument("--drafts", action="store_true",
                        help="also find draft cards and TODO lines (agents never see them)")
    search.add_argument("query", nargs="*")
    search.set_defaults(func=cmd_search)

    index = sub.add_parser("index", help="build or update the search index")
    _add_kb(index)
    index.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    index.set_defaults(func=cmd_index)

    lint = sub.add_parser("lint", help="check the KB files")
    _add_kb(lint)
    lint.add_argument("--json", action="store_true")
    lint.set_defaults(func=cmd_lint)

    show = sub.add_parser("show", help="print one card")
    _add_kb(show)
    show.add_argument("id")
    show.add_argument("--lang", choices=("en", "fil"), default="en")
    show.add_argument("--html", action="store_true", help="sanitized HTML instead of text")
    show.add_argument("--drafts", action="store_true", help="also show draft cards as written")
    show.set_defaults(func=cmd_show)

    for register in EXTRA_COMMANDS:
        register(sub, _add_kb)
    return parser


# Other modules add subcommands here: register(subparsers, add_kb_option).
EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction, Callable[..., None]], None]] = []


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from exc
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _load_extra_commands() -> None:
    """Subcommands that live in their own modules (trainer tools, IT tools)."""
    import importlib

    for module in ("desktop.cli_trainer", "desktop.cli_it"):
        importlib.import_module(module)  # both ship in every build (no stub left to miss)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    setup_logging()  # the GUI starts here too
    _load_extra_commands()
    parser = build_parser()
    try:
        if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help",
                                                                     "--version")):
            argv = ["gui", *argv]
        args = parser.parse_args(argv)
        return int(args.func(args))
    except (CliError, KbMissingError) as exc:
        print(f"kalma: error: {error_text(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("kalma: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug; still one line for the user, details on request
        logging.getLogger(__name__).exception("kalma %s failed", argv[:1])
        if os.environ.get("KALMA_DEBUG"):
            raise
        print(f"kalma: error: {type(exc).__name__}: {error_text(exc)} (set KALMA_DEBUG=1 for "
              "details)", file=sys.stderr)
        return EXIT_ERROR
