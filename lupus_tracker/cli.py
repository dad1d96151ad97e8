"""The ``lupus-tracker`` command: the GUI by default, headless subcommands otherwise.

User mistakes (a bad date, an unknown marker, a value or unit that does not fit, a missing
file) print one line on stderr and exit with status 2; nothing is written.
"""

from __future__ import annotations

import argparse
import importlib
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
    parser = _Parser(prog="lupus-tracker",
                     description="Track lupus labs, symptoms, medications and events.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", type=Path, default=None, metavar="PATH",
                        help="database file to open in the app (a new path creates one)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND",
                                       parser_class=_Parser)
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

    return (UserError, StoreError, InvalidEntryError, UnknownMarkerError, ValueParseError,
            UnitError, SymptomError, DateParseError, FrequencyError)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from lupus_tracker.output_files import use_private_temp

    use_private_temp()  # umask 077, temporary files in the app's private folder
    if args.command is None:
        from lupus_tracker.ui.app import run_app

        return run_app(args.db)
    try:
        return args.handler(args)
    except _user_errors() as error:
        command = " ".join(filter(None, (args.command, getattr(args, "kind", None))))
        print(f"lupus-tracker {command}: error: {error}", file=sys.stderr)
        return EXIT_USER_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
