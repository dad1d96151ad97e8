"""The one module for files the app writes for the user (reports, exports, copies): where
they may go, and how they are written.

Where: never onto a database (the open one, or any SQLite file), its -wal/-shm/-journal,
or into a backups folder; such a path is refused with one line and nothing is written.

How: into a temporary file in a private folder (0700) inside the app's data folder,
flushed to disk, then renamed over the target, so the target is either the old file or
the complete new one (0600); on any error (a full disk) the old file is kept and the
temporary file removed. Temporary files of killed runs are removed at the next start.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from lupus_tracker.paths import (
    BACKUPS_FOLDER,
    BACKUPS_MARKER,
    PRIVATE_FILE_MODE,
    data_dir,
    make_private_dir,
    private_temp_root,
)
from lupus_tracker.store.db import (
    SIDE_FILES,
    SQLITE_HEADER,
    fsync_folder,
    is_open_in_process,
    refers_to_database,
)
from lupus_tracker.store.errors import StoreError

_process_temp: Path | None = None


class OutputFileError(StoreError):
    """An output path that must not be written, or a write that failed (nothing changed)."""


def _is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as handle:  # never a database this process has open: that
            return handle.read(16) == SQLITE_HEADER  # one is refused before (same_file)
    except OSError:
        return False


def _inside_backups(path: Path, database: Path | None) -> bool:
    real = Path(os.path.realpath(path))
    roots = [data_dir() / BACKUPS_FOLDER]
    if database is not None:
        roots.append(Path(database).parent / BACKUPS_FOLDER)
    for root in roots:
        with contextlib.suppress(ValueError):
            real.relative_to(os.path.realpath(root))
            return True
    return any((parent / BACKUPS_MARKER).exists() for parent in real.parents)


FORMAT_SUFFIXES = {
    "csv": (".csv", ".txt", ".tsv"),
    "xlsx": (".xlsx",),
    "fhir": (".json", ".fhir"),
    "pdf": (".pdf",),
}
# Names that say what a file holds: another format's content under one is refused.
_TELLING_SUFFIXES = {s for group in FORMAT_SUFFIXES.values() for s in group} | {
    ".xls",
    ".xlsm",
    ".ods",
    ".xml",
    ".html",
    ".sqlite",
    ".db",
    ".zip",
}


def check_suffix(path: os.PathLike | str, fmt: str) -> None:
    """Refuse a file name whose extension names another format than ``fmt`` (Excel bytes
    in a ``.csv``); a name without a telling extension is accepted."""
    suffix = Path(path).suffix.lower()
    expected = FORMAT_SUFFIXES[fmt]
    if suffix in _TELLING_SUFFIXES and suffix not in expected:
        raise OutputFileError(
            f"{Path(path).name} ends in {suffix}, but the format is {fmt}: "
            f"name the file ….{expected[0][1:]} or choose the format its "
            "name says. Nothing was written."
        )


def _follow_link(path: Path) -> Path:
    """The file a symlink points to, so writing replaces the target and keeps the link;
    a link to nothing is refused rather than replaced by a file."""
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if not target.exists():
        raise OutputFileError(
            f"{path} is a link to {target}, which does not exist; give the "
            "file name itself. Nothing was written."
        )
    return target


def check_output_path(path: os.PathLike | str, database: Path | None = None) -> Path:
    """Refuse an output path that would destroy data; return the path to write (the
    target of a symlink: the link itself is never replaced)."""
    path = _follow_link(Path(path).expanduser())
    if database is not None and refers_to_database(path, Path(database)):
        raise OutputFileError(
            f"{path} is the database you have open (or one of its files); choose another "
            "file name. Nothing was written."
        )
    if path.is_dir():
        raise OutputFileError(f"{path} is a folder; give a file name.")
    if is_open_in_process(path) or (path.exists() and _is_sqlite_file(path)):
        raise OutputFileError(
            f"{path} is a database; choose another file name. Nothing was written."
        )
    for suffix in SIDE_FILES:
        base = Path(str(path)[: -len(suffix)]) if str(path).endswith(suffix) else None
        if base is not None and (path.exists() or base.exists()):
            raise OutputFileError(
                f"{path} belongs to a database ({suffix[1:]} file); choose "
                "another file name. Nothing was written."
            )
    if _inside_backups(path, database):
        raise OutputFileError(
            f"{path} is inside a backups folder; choose another folder. Nothing was written."
        )
    if not path.parent.is_dir():
        raise OutputFileError(f"The folder {path.parent} does not exist.")
    return path


def private_temp_dir() -> Path:
    """This process's private temporary folder (0700), made on first use."""
    global _process_temp
    root = private_temp_root()
    if _process_temp is None or _process_temp.parent != root or not _process_temp.is_dir():
        make_private_dir(root)
        folder = root / f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        make_private_dir(folder)
        _process_temp = folder
    return _process_temp


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_temp_leftovers() -> int:
    """Remove the temporary folders of app runs that are no longer running."""
    root = private_temp_root()
    removed = 0
    if not root.is_dir():
        return 0
    for entry in root.iterdir():
        pid_text = entry.name.split("-", 1)[0]
        if pid_text.isdigit() and _alive(int(pid_text)):
            continue
        if _process_temp is not None and entry == _process_temp:
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed += 1
    return removed


def use_private_temp() -> Path:
    """At start: owner-only files from here on (umask 077), leftovers of killed runs
    removed, and Python's (and openpyxl's) temporary files kept in the private folder."""
    os.umask(0o077)
    clean_temp_leftovers()
    folder = private_temp_dir()
    tempfile.tempdir = str(folder)
    return folder


def write_atomically(
    path: os.PathLike | str, write: Callable[[Path], None], *, database: Path | None = None
) -> Path:
    """Write ``path`` through ``write(temp_path)`` all or nothing; return the path.

    ``write`` must create the file at the temporary path it is given (by name: a
    QPdfWriter, openpyxl, ``open``). The old file at ``path`` stays until the new one is
    complete and on disk.
    """
    path = check_output_path(path, database)
    fd, name = tempfile.mkstemp(prefix=".", suffix=".part", dir=private_temp_dir())
    os.close(fd)
    temp = Path(name)
    beside: Path | None = None
    try:
        write(temp)
        os.chmod(temp, PRIVATE_FILE_MODE)
        _fsync(temp)
        try:
            os.replace(temp, path)
        except OSError as error:
            if error.errno != 18:  # EXDEV: another file system: copy beside, then rename
                raise
            fd, beside_name = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=".part", dir=path.parent
            )
            os.close(fd)
            beside = Path(beside_name)
            shutil.copyfile(temp, beside)
            os.chmod(beside, PRIVATE_FILE_MODE)
            _fsync(beside)
            os.replace(beside, path)
        fsync_folder(path.parent)
    except OSError as error:
        raise OutputFileError(
            f"Cannot write {path}: {error.strerror or error}. The previous "
            "file, if any, is unchanged."
        ) from None
    finally:
        for leftover in (temp, beside):
            if leftover is not None:
                with contextlib.suppress(OSError):
                    leftover.unlink()
    return path


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
