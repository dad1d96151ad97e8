"""``lupus-tracker backup``, ``backups`` and ``restore``: the backups a user can drive.

    lupus-tracker backup --db PATH                 make a verified backup now; print its path
    lupus-tracker backups --db PATH                list backups: date and time, records, size,
                                                   path
    lupus-tracker restore --db PATH --from BACKUP  restore; the current file is kept aside

A restore refuses a backup of another database, a newer-version backup and a file in use.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from lupus_tracker.commands.common import (
    UserError,
    add_db_option,
    database_path,
    format_table,
    open_repository,
)
from lupus_tracker.store.errors import StoreError


def register(subparsers: argparse._SubParsersAction) -> None:
    backup = subparsers.add_parser("backup", help="make a verified backup now; print its path")
    add_db_option(backup)
    backup.set_defaults(handler=run_backup)

    listing = subparsers.add_parser("backups", help="list the backups of a database")
    add_db_option(listing)
    listing.set_defaults(handler=run_backups)

    restore = subparsers.add_parser(
        "restore", help="restore a backup (the current file is kept aside)"
    )
    add_db_option(restore)
    restore.add_argument(
        "--from",
        dest="source",
        required=True,
        type=Path,
        metavar="BACKUP",
        help="the backup file (see 'lupus-tracker backups')",
    )
    restore.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    from lupus_tracker.store.backup import backup_now

    with open_repository(args, create=False) as repo:
        path = backup_now(repo.db)
    print(path)
    return 0


def run_backups(args: argparse.Namespace) -> int:
    from lupus_tracker.store.backup import backups_by_file_name, describe, list_backups
    from lupus_tracker.store.repository import Repository

    path = database_path(args)
    try:
        with Repository.open(path, create=False, migrate=False) as repo:
            identity = repo.identity()
            real = repo.db.path
        backups = list_backups(real, identity) if identity else []
    except StoreError:  # missing, empty or damaged: its backups by file name
        backups = backups_by_file_name(path.expanduser().resolve())
    if not backups:
        print(f"No backups of {path}.")
        return 0
    rows = []
    for backup in backups:
        info = describe(backup.path)
        rows.append(
            [
                f"{backup.taken:%Y-%m-%d %H:%M:%S}",
                str(info.records) if info.sound else "unreadable",
                f"{backup.path.stat().st_size / 1e6:.1f} MB",
                str(backup.path),
            ]
        )
    print(format_table(["taken", "records", "size", "path"], rows))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from lupus_tracker.store.backup import restore_backup

    source = args.source.expanduser()
    if not source.is_file():
        raise UserError(f"No backup at {source}.")
    target = database_path(args)
    kept = restore_backup(source, target)
    where = f"; the previous file was kept as {kept}" if kept else ""
    print(f"Restored {source.name} into {target}{where}.")
    return 0
