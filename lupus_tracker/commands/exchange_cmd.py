"""``lupus-tracker export`` and ``lupus-tracker import``."""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path

from lupus_tracker.commands.common import (
    UserError,
    add_db_option,
    database_path,
    open_repository,
    profile_hint,
)
from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.formats import EXPORT_FORMATS
from lupus_tracker.exchange.options import ImportOptions, OnConflict
from lupus_tracker.store.repository import Repository


def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser("export", help="export all data as CSV, Excel or FHIR R4")
    add_db_option(export)
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    export.add_argument("--out", required=True, type=Path, metavar="FILE")
    export.add_argument(
        "--bundle-type",
        choices=("collection", "transaction"),
        default="collection",
        help="FHIR only: a transaction Bundle a FHIR server accepts "
        "(each entry POSTed with ifNoneExist on its identifier)",
    )
    export.set_defaults(handler=run_export)

    imp = subparsers.add_parser("import", help="import a Lupus Tracker CSV or a FHIR R4 file")
    imp.add_argument("file", type=Path, metavar="FILE")
    add_db_option(imp)
    imp.add_argument(
        "--dry-run", action="store_true", help="show what would be imported, write nothing"
    )
    imp.add_argument(
        "--patient",
        metavar="ID",
        default=None,
        help="import only this patient of a file that holds several (FHIR id)",
    )
    imp.add_argument(
        "--allow-other-patient",
        action="store_true",
        help="import although the file's patient differs from the profile's",
    )
    imp.add_argument(
        "--on-conflict",
        choices=[c.value for c in OnConflict],
        default=OnConflict.KEEP.value,
        help="keep the database's value (default) or replace it by the file's",
    )
    imp.add_argument(
        "--include-preliminary",
        action="store_true",
        help="also import preliminary results, marked as such",
    )
    imp.add_argument(
        "--include-settings",
        action="store_true",
        help="also import the file's settings (display units)",
    )
    imp.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    from lupus_tracker.exchange.formats import export
    from lupus_tracker.output_files import check_output_path, check_suffix

    try:
        check_suffix(args.out, args.format)
        check_output_path(args.out, database_path(args))  # before any work: exit 2 if unsafe
        with open_repository(args, create=False) as repo:
            count = export(repo, args.format, args.out, args.bundle_type)
    except ExchangeError as error:
        raise UserError(str(error)) from None
    except OSError as error:  # a name too long, a full disk, a folder one may not write
        reason = error.strerror or str(error)
        raise UserError(f"Cannot write {args.out}: {reason}. Nothing was written.") from None
    print(f"Exported {count} records to {args.out} ({args.format}).")
    return 0


def _print_plan(plan) -> None:
    print(plan.summary())
    if plan.encoding and not plan.encoding.startswith("utf-8"):
        print(f"  read as {plan.encoding}")
    for conflict in plan.conflicts:
        print(f"  conflict: {conflict.text()}")
    for notice in plan.notices:
        print(f"  note {notice.where}: {notice.reason}")
    for skipped in plan.skipped:
        print(f"  skipped {skipped.where}: {skipped.reason}")


def run_import(args: argparse.Namespace) -> int:
    from lupus_tracker.exchange.formats import read_plan
    from lupus_tracker.exchange.plan import apply_plan

    if not args.file.is_file():
        raise UserError(f"No file at {args.file}.")
    options = ImportOptions(
        patient_id=args.patient,
        allow_other_patient=args.allow_other_patient,
        include_preliminary=args.include_preliminary,
        include_settings=args.include_settings,
        on_conflict=OnConflict(args.on_conflict),
    )
    target = database_path(args)
    new_file = not target.exists()
    # A new database is made only when something is written: the plan of a new file is
    # read against an empty database in a private temporary folder.
    with contextlib.ExitStack() as stack:
        if new_file:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            repo = stack.enter_context(Repository.open(folder / "empty.sqlite"))
        else:
            repo = stack.enter_context(open_repository(args, create=False))
        try:
            plan = read_plan(args.file, repo, options)
        except ExchangeError as error:
            raise UserError(f"{args.file.name}: {error}") from None
    _print_plan(plan)
    if args.dry_run:
        print("Dry run: nothing was written.")
        return 0
    if plan.total == 0:
        print("Nothing to import.")
        return 0
    try:
        with open_repository(args, create=True) as repo:
            added = apply_plan(repo, plan)
            hint = profile_hint(repo, {entry.marker for entry in plan.results})
    except BaseException:
        if new_file:
            _remove_database(target)
        raise
    print(f"Imported {added} records into {target}.")
    if hint:  # sex and date of birth needed (issue 12 item 3): one line, no question
        print(hint, file=sys.stderr)
    return 0


def _remove_database(path: Path) -> None:
    for own in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        with contextlib.suppress(OSError):
            own.unlink()
