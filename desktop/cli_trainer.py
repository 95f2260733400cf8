"""Trainer subcommands of `kalma`: import documents as draft cards, export the handbook.

    kalma import FILE… --into DIR [--lang en|fil]
    kalma export --html OUT [--kb DIR] [--include-drafts]

Registered through desktop.cli.EXTRA_COMMANDS; errors raise desktop.cli.CliError.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from desktop import cli
from desktop.cli import EXIT_OK, EXIT_PROBLEMS, CliError


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.core.importer import ImportFailed, import_files

    cli.require_kb_writes("import")
    into = Path(args.into).expanduser()
    files = [Path(name).expanduser() for name in args.files]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise CliError(f"file not found: {', '.join(missing)}")
    try:
        result = import_files(files, into, args.lang)
    except ImportFailed as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(f"cannot write to {into}: {exc.strerror or exc}") from exc
    for path in result.created:
        print(path)
    for path, reason in result.skipped:
        print(f"skipped {path}: {reason}", file=sys.stderr)
    print(f"{len(result.created)} draft card(s) created, {len(result.skipped)} file(s) "
          f"skipped; review them, then delete each 'status: draft' line",
          file=sys.stderr)
    return EXIT_PROBLEMS if result.skipped else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.core.export import export_handbook

    out = Path(args.html).expanduser()
    if not out.parent.is_dir():
        raise CliError(f"folder not found: {out.parent}")
    if out.is_dir():
        raise CliError(f"{out} is a folder; give a file name such as handbook.html")
    try:
        stats = export_handbook(cli.kb_from(args), out, include_drafts=args.include_drafts)
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from exc
    drafts = f", {stats.drafts_left_out} draft(s) left out" if stats.drafts_left_out else ""
    print(f"wrote {out}: {stats.cards} cards in {stats.stages} stages{drafts}",
          file=sys.stderr)
    return EXIT_OK


def register(sub: argparse._SubParsersAction, add_kb_option: Callable[..., None]) -> None:
    imp = sub.add_parser("import", help="turn .txt/.md/.html documents into draft cards")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--into", metavar="DIR", required=True,
                     help="KB folder; cards go to DIR/en/ or DIR/fil/ by language")
    imp.add_argument("--lang", choices=("en", "fil"),
                     help="language of the documents (default: detected per part)")
    imp.set_defaults(func=cmd_import)

    export = sub.add_parser("export", help="write the KB as one printable HTML handbook")
    add_kb_option(export)
    export.add_argument("--html", metavar="OUT", required=True, help="the HTML file to write")
    export.add_argument("--include-drafts", action="store_true",
                        help="also include cards marked 'status: draft'")
    export.set_defaults(func=cmd_export)


if register not in cli.EXTRA_COMMANDS:
    cli.EXTRA_COMMANDS.append(register)
