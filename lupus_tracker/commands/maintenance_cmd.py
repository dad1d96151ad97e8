"""``lupus-tracker demo`` and ``lupus-tracker check``."""

from __future__ import annotations

import argparse

from lupus_tracker.commands.common import (
    UserError,
    add_db_option,
    database_path,
    date_arg,
    open_repository,
)
from lupus_tracker.store.schema import SCHEMA_VERSION


def register(subparsers: argparse._SubParsersAction) -> None:
    demo = subparsers.add_parser("demo", help="write a realistic demo patient")
    add_db_option(demo)
    demo.add_argument("--end", type=date_arg, help="last day of the demo (default: today)")
    demo.set_defaults(handler=run_demo)

    check = subparsers.add_parser("check", help="integrity check, schema version, counts")
    add_db_option(check)
    check.set_defaults(handler=run_check)


def run_demo(args: argparse.Namespace) -> int:
    from lupus_tracker.demo import write_demo

    with open_repository(args, create=True) as repo:
        if not repo.is_empty():
            raise UserError(
                f"{repo.db.path} already holds data; the demo needs a new or empty database."
            )
        write_demo(repo, end=args.end)
        counts = repo.counts()
    print(
        f"Wrote the demo patient to {database_path(args)}: {counts['results']} results, "
        f"{counts['symptoms']} symptom entries, {counts['medications']} medications, "
        f"{counts['events']} events."
    )
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Reads only: a missing or empty file is refused (exit 2) and an older file is checked
    as it is, not migrated; nothing is created or changed."""
    with open_repository(args, create=False, migrate=False) as repo:
        problems = repo.db.integrity_check()
        version = repo.db.schema_version()
        counts = repo.counts()
    print(f"database: {repo.db.path}")
    print(f"schema version: {version} (this app: {SCHEMA_VERSION})")
    print("integrity: " + ("ok" if not problems else "; ".join(problems)))
    for table, count in counts.items():
        print(f"{table}: {count}")
    return 0 if not problems else 1
