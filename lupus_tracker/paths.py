"""Where the app keeps its files, resolved when asked (never at import time)."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "LupusTracker"
ENV_DATA_DIR = "LUPUS_TRACKER_DATA_DIR"


def data_dir() -> Path:
    """The user's data folder; ``LUPUS_TRACKER_DATA_DIR`` overrides it (tests, portable use)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    return data_dir() / "lupus-tracker.sqlite"


def log_dir() -> Path:
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override).expanduser() / "logs"
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, appauthor=False))


def backups_dir(database: Path) -> Path:
    """Backups live beside the data: ``<folder>/backups/<database name>/``."""
    return database.parent / "backups" / database.stem
