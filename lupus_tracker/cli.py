"""The ``lupus-tracker`` command: the GUI by default, headless subcommands otherwise.

User mistakes (a bad date, an unknown marker, a value or unit that does not fit, a missing
file) print one line on stderr and exit with status 2; nothing is written.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from lupus_tracker import __version__
from lupus_tracker.commands import COMMAND_MODULES
from lupus_tracker.commands.common import UserError
from lupus_tracker.store.errors import StoreError

EXIT_USER_ERROR = 2


class _Parser(argparse.ArgumentParser):
    """Argument errors as one clear line, exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USER_ERROR, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lupus-tracker", description="Track lupus labs, symptoms, medications and events."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        dest="top_db",
        type=Path,
        default=None,
        metavar="PATH",
        help="database file to open (the app, or the command that follows; a new path creates one)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def _user_errors() -> tuple[type[Exception], ...]:
    from lupus_tracker.domain.catalog import UnknownMarkerError
    from lupus_tracker.domain.dates import DateParseError
    from lupus_tracker.domain.dosing import FrequencyError
    from lupus_tracker.domain.records import InvalidEntryError
    from lupus_tracker.domain.symptoms import SymptomError
    from lupus_tracker.domain.units import UnitError
    from lupus_tracker.domain.values import ValueParseError

    return (
        UserError,
        StoreError,
        InvalidEntryError,
        UnknownMarkerError,
        ValueParseError,
        UnitError,
        SymptomError,
        DateParseError,
        FrequencyError,
    )


def _merge_db_options(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """``lupus-tracker --db FILE COMMAND`` means the same file as ``COMMAND --db FILE``.

    argparse gives the subcommand's own ``--db`` (default None) a separate place, so without
    this the file named before the command was silently ignored and the command used the
    default database. Two different files are refused rather than one picked."""
    top = args.top_db
    if top is None or not hasattr(args, "db"):
        return
    if args.db is not None and Path(args.db) != Path(top):
        parser.error(f"two different databases given: --db {top} and --db {args.db}")
    args.db = top


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _merge_db_options(parser, args)
    from lupus_tracker.output_files import use_private_temp

    use_private_temp()  # umask 077, temporary files in the app's private folder
    if args.command is None:
        from lupus_tracker.ui.app import run_app

        return run_app(args.top_db)
    new_database = _database_not_there(args)
    try:
        status = args.handler(args)
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        _quiet_after_closed_pipe()
        return 0
    except _user_errors() as error:
        _remove_created(new_database)
        _print_error(args, str(error))
        return EXIT_USER_ERROR
    except sqlite3.Error as error:  # e.g. a schema upgrade the file refused; rolled back
        _remove_created(new_database)
        _print_error(
            args, f"the database could not be opened or changed ({error}); nothing was changed."
        )
        return EXIT_USER_ERROR


def _database_not_there(args: argparse.Namespace) -> Path | None:
    """The database path of a subcommand with ``--db`` when no file is there yet (a
    refused command must not leave a new empty database behind), else None."""
    if not hasattr(args, "db"):
        return None
    from lupus_tracker.commands.common import database_path

    path = database_path(args)
    return None if os.path.lexists(path) else path


def _remove_created(path: Path | None) -> None:
    """Remove the database file (and SQLite's side files) this refused command created:
    a refusal changes nothing on disk."""
    if path is None:
        return
    for name in (path, *(Path(f"{path}{end}") for end in ("-wal", "-shm", "-journal"))):
        try:
            if name.is_file() and not name.is_symlink():
                name.unlink()
        except OSError:
            pass


def _print_error(args: argparse.Namespace, message: str) -> None:
    command = " ".join(filter(None, (args.command, getattr(args, "kind", None))))
    print(f"lupus-tracker {command}: error: {message}", file=sys.stderr)


def _quiet_after_closed_pipe() -> None:
    """The reader of the output (``| head``) stopped reading: end quietly, as Unix tools
    do. Standard output is pointed at the null device so that the flush at exit cannot
    fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
