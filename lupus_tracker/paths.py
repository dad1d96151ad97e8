"""Where the app keeps its files, resolved when asked (never at import time), and the one
way the app makes a folder: owner-only (0700) at every level it creates, whatever the umask.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "LupusTracker"
ENV_DATA_DIR = "LUPUS_TRACKER_DATA_DIR"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
OWNER_BITS = 0o700  # the owner's read, write and execute bits
BACKUPS_FOLDER = "backups"
BACKUPS_MARKER = ".lupus-tracker-backups"


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


def keep_to_owner(path: Path) -> None:
    """Take the group's and others' permissions off an existing file, never adding one: a
    file the person made read-only (chmod 444) stays read-only (0400), not 0600."""
    mode = os.stat(path).st_mode & 0o7777
    if mode & ~OWNER_BITS:
        os.chmod(path, mode & OWNER_BITS)


def make_private_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents as 0700 folders (under any umask); a folder
    that already exists is left as it is, except ``path`` itself when the app made it."""
    path = Path(path)
    missing: list[Path] = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            continue  # made by another process meanwhile
        os.chmod(folder, PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask
    if not path.is_dir():
        raise NotADirectoryError(f"{path} is not a folder.")
    return path


def backups_root(database: Path) -> Path:
    """The folder holding the backups of every database in ``database``'s folder."""
    return Path(database).parent / BACKUPS_FOLDER


def backups_dir(database: Path, identity: str | None = None) -> Path:
    """Backups are kept beside the data, one folder per database identity (the random UUID
    stored in the file): ``<folder>/backups/<identity>/``. Two files with the same name
    stem (``pat.sqlite``, ``pat.db``) never share a folder. Without an identity: the folder
    of all backups beside ``database``."""
    return backups_root(database) / identity if identity else backups_root(database)


def private_temp_root() -> Path:
    """Temporary files (exports being written, openpyxl's scratch files) live here, in the
    app's data folder: never in a shared /tmp."""
    return data_dir() / "tmp"
