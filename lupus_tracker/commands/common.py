"""What the subcommands share: user errors, opening the database, argument types, tables."""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from lupus_tracker.domain.dates import DateParseError, parse_date
from lupus_tracker.paths import default_database
from lupus_tracker.store.repository import Repository


class UserError(Exception):
    """A mistake the user can fix: printed as one line on stderr, exit status 2."""


def date_arg(text: str) -> date:
    """argparse type for YYYY-MM-DD."""
    try:
        return parse_date(text)
    except DateParseError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def number_arg(text: str) -> float:
    """argparse type for a plain number (a decimal comma is fine; no < or >)."""
    from lupus_tracker.domain.values import ValueParseError, parse_number

    try:
        comparator, number = parse_number(text)
    except ValueParseError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if comparator is not None:
        raise argparse.ArgumentTypeError(f"give a plain number, not {text!r}")
    return number


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        metavar="PATH",
        help="database file (default: the one in your user data folder)",
    )


def database_path(args: argparse.Namespace) -> Path:
    return args.db if args.db is not None else default_database()


def open_repository(args: argparse.Namespace, *, create: bool, migrate: bool = True) -> Repository:
    """Open the database named by ``--db``; with ``create=False`` it must exist."""
    path = database_path(args)
    if not create and not path.exists():
        raise UserError(
            f"No database at {path}. Check the path, or create one with "
            f"'lupus-tracker demo --db {path}' or by adding an entry."
        )
    return Repository.open(path, create=create, migrate=migrate)


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table with columns padded to their widest cell."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    return "\n".join(lines)


def profile_hint(repo: Repository, marker_keys: Iterable[str]) -> str:
    """The one-line hint when these results need sex and date of birth that the profile
    lacks ('' otherwise; issue 12 item 3): a command never waits for an answer."""
    from lupus_tracker.domain.profile_question import (
        PROFILE_PROMPT_SETTING,
        command_line_hint,
        profile_question,
    )

    reason = profile_question(
        repo.profile.get(), repo.settings.get(PROFILE_PROMPT_SETTING), marker_keys
    )
    return command_line_hint(reason) if reason else ""
