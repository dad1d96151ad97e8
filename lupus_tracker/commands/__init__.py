"""Headless subcommands of ``lupus-tracker``; each module has ``register(subparsers)``.

Add a module here to add a command; ``cli.py`` stays the same.
"""

from __future__ import annotations

COMMAND_MODULES = (
    "lupus_tracker.commands.catalog_cmd",
    "lupus_tracker.commands.entry_cmd",
    "lupus_tracker.commands.treatment_cmd",
    "lupus_tracker.commands.list_cmd",
    "lupus_tracker.commands.maintenance_cmd",
    "lupus_tracker.commands.insight_cmd",
    "lupus_tracker.commands.t2t_cmd",
    "lupus_tracker.commands.exchange_cmd",
    "lupus_tracker.commands.report_cmd",
    "lupus_tracker.commands.profile_cmd",
    "lupus_tracker.commands.backup_cmd",
)
