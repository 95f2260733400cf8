"""Trainer subcommands of `kalma`: import documents as draft cards, export the handbook.

    kalma import FILE… --into DIR [--lang en|fil]
    kalma export [--html OUT] [--pdf OUT] [--paper a4|letter] [--kb DIR] [--include-drafts]
                 [--allow-errors]

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
    for path in result.updated:
        print(f"{path} (updated from the document)")
    for path in result.kept:
        print(f"kept {path}: already approved, so the re-import left it alone",
              file=sys.stderr)
    for path, reason in result.skipped:
        print(f"skipped {path}: {reason}", file=sys.stderr)
    print(f"{len(result.created)} draft card(s) created, {len(result.updated)} updated, "
          f"{len(result.skipped)} file(s) skipped; review them in trainer mode and Approve "
          f"each (agents do not see drafts)", file=sys.stderr)
    return EXIT_PROBLEMS if result.skipped else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.core.export import ExportRefused, export_handbook

    if not args.html and not args.pdf:
        raise CliError("give --html OUT or --pdf OUT (or both)")
    targets = [Path(name).expanduser() for name in (args.html, args.pdf) if name]
    for out in targets:
        if not out.parent.is_dir():
            raise CliError(f"folder not found: {out.parent}")
        if out.is_dir():
            raise CliError(f"{out} is a folder; give a file name such as handbook.html")
    try:
        if args.html:
            stats = export_handbook(cli.kb_from(args), Path(args.html).expanduser(),
                                    include_drafts=args.include_drafts, paper=args.paper,
                                    allow_errors=args.allow_errors)
            _report(Path(args.html).expanduser(), stats.cards, stats.stages,
                    stats.drafts_left_out, stats.broken_left_out)
        if args.pdf:
            _export_pdf(args)
    except ExportRefused as exc:
        for problem in exc.problems[:20]:
            print(problem.format(), file=sys.stderr)
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(f"cannot write {exc.filename or targets[0]}: "
                       f"{exc.strerror or exc}") from exc
    return EXIT_OK


def _export_pdf(args: argparse.Namespace) -> None:
    from desktop.core.export import print_html, printable_snapshot
    from desktop.core.kb import load_kb
    from desktop.ui.trainer.pdf import write_pdf  # Qt only for PDF

    out = Path(args.pdf).expanduser()
    snapshot, broken = printable_snapshot(load_kb(cli.kb_from(args)), args.allow_errors)
    html, cards = print_html(snapshot, args.include_drafts)
    pages = write_pdf(html, out, args.paper)
    print(f"wrote {out}: {cards} cards on {pages} {args.paper.upper()} pages"
          + (f", {broken} card(s) with lint errors left out" if broken else ""),
          file=sys.stderr)


def _report(out: Path, cards: int, stages: int, drafts: int, broken: int) -> None:
    notes = f", {drafts} draft(s) left out" if drafts else ""
    notes += f", {broken} card(s) with lint errors left out" if broken else ""
    print(f"wrote {out}: {cards} cards in {stages} stages{notes}", file=sys.stderr)


def register(sub: argparse._SubParsersAction, add_kb_option: Callable[..., None]) -> None:
    imp = sub.add_parser("import", help="turn .txt/.md/.html/.docx documents into draft cards")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--into", metavar="DIR", required=True,
                     help="KB folder (or its en/ or fil/ folder); cards go to KB/en/ or "
                     "KB/fil/ by language")
    imp.add_argument("--lang", choices=("en", "fil"),
                     help="language of the documents (default: detected per part)")
    imp.set_defaults(func=cmd_import)

    export = sub.add_parser("export", help="write the KB as a printable handbook "
                            "(HTML and/or PDF)")
    add_kb_option(export)
    export.add_argument("--html", metavar="OUT", help="the HTML file to write")
    export.add_argument("--pdf", metavar="OUT", help="the PDF file to write (no browser "
                        "needed)")
    export.add_argument("--paper", choices=("a4", "letter"), default="a4",
                        help="paper size for printing (default a4)")
    export.add_argument("--include-drafts", action="store_true",
                        help="also include cards marked 'status: draft'")
    export.add_argument("--allow-errors", action="store_true",
                        help="export even with lint errors (cards with errors are left out)")
    export.set_defaults(func=cmd_export)


if register not in cli.EXTRA_COMMANDS:
    cli.EXTRA_COMMANDS.append(register)
