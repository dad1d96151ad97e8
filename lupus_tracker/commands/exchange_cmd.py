"""``lupus-tracker export`` and ``lupus-tracker import``."""

from __future__ import annotations

import argparse
from pathlib import Path

from lupus_tracker.commands.common import (
    UserError,
    add_db_option,
    database_path,
    open_repository,
)
from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.formats import EXPORT_FORMATS


def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser("export", help="export all data as CSV, Excel or FHIR R4")
    add_db_option(export)
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    export.add_argument("--out", required=True, type=Path, metavar="FILE")
    export.set_defaults(handler=run_export)

    imp = subparsers.add_parser("import", help="import a Lupus Tracker CSV or a FHIR R4 file")
    imp.add_argument("file", type=Path, metavar="FILE")
    add_db_option(imp)
    imp.add_argument("--dry-run", action="store_true",
                     help="show what would be imported, write nothing")
    imp.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    from lupus_tracker.exchange.formats import export
    from lupus_tracker.output_files import check_output_path

    check_output_path(args.out, database_path(args))  # before any work: exit 2 if unsafe
    with open_repository(args, create=False) as repo:
        try:
            count = export(repo, args.format, args.out)
        except ExchangeError as error:
            raise UserError(str(error)) from None
    print(f"Exported {count} records to {args.out} ({args.format}).")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from lupus_tracker.exchange.formats import read_plan
    from lupus_tracker.exchange.plan import apply_plan

    if not args.file.is_file():
        raise UserError(f"No file at {args.file}.")
    with open_repository(args, create=True) as repo:
        try:
            plan = read_plan(args.file, repo)
        except ExchangeError as error:
            raise UserError(f"{args.file.name}: {error}") from None
        print(plan.summary())
        for skipped in plan.skipped:
            print(f"  skipped {skipped.where}: {skipped.reason}")
        if args.dry_run:
            print("Dry run: nothing was written.")
            return 0
        added = apply_plan(repo, plan)
    print(f"Imported {added} records into {repo.db.path}.")
    return 0
