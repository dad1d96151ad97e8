"""The integrity check of a file the window has just opened, run beside the window rather
than before it (``PRAGMA quick_check`` takes about 0.3 s on a 30-year file).

The trade-off, chosen deliberately: the window may *show* the file's data for the fraction
of a second before its check has finished, but nothing is *written* to the file before the
check has passed. Every write (:meth:`Database.transaction`, from any connection of this
process to the file, a worker's too) first waits for the check; a damaged file refuses
every change with a clear message, and the window says so as soon as it knows (it offers
the latest good backup). The check is never skipped: a file that must be changed while it
is opened (a migration to a new schema) is still checked first, before anything else.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable

from lupus_tracker.store.errors import DamagedFileError, StoreError

WRITE_WAIT_S = 120.0  # the longest a change waits for the check (a very large, slow file)
_checks: dict[tuple[int, int], IntegrityCheck] = {}
_lock = threading.Lock()


class IntegrityCheck:
    """``PRAGMA quick_check`` of one file on a connection of its own, in a thread."""

    def __init__(self, path: object, connect: Callable[[], sqlite3.Connection]) -> None:
        self.path = path
        self._connect = connect
        self._conn: sqlite3.Connection | None = None
        self._done = threading.Event()
        self._problem: StoreError | None = None
        self._thread = threading.Thread(target=self._run, name="integrity-check", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        try:
            with _lock:
                self._conn = self._connect()
            result = self._conn.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                self._problem = DamagedFileError(
                    f"{self.path} is damaged ({result}). Changes are refused so that nothing "
                    "is written to a damaged file: restore its latest good backup (File › "
                    "Restore from Backup). Nothing was changed."
                )
        except sqlite3.Error as error:  # the check itself failed: never taken as passed
            self._problem = DamagedFileError(
                f"{self.path} could not be checked ({error}). Changes are refused until it "
                "opens with a passing check: close and open it again. Nothing was changed."
            )
        finally:
            with _lock:
                if self._conn is not None:
                    self._conn.close()
                    self._conn = None
            self._done.set()

    def wait(self, timeout: float | None = None) -> StoreError | None:
        """Block until the check is done (at most ``timeout`` s): None when the file is
        sound; the error every change must raise otherwise (also while still checking)."""
        if not self._done.wait(timeout):
            return StoreError(
                f"{self.path} is still being checked for damage; try again in a moment. "
                "Nothing was changed."
            )
        return self._problem

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def cancel(self) -> None:
        """Stop a running check (the file is being closed) and wait for its thread."""
        with _lock:
            if self._conn is not None:
                self._conn.interrupt()
        if self._thread.is_alive():
            self._thread.join(10)


def start_check(
    key: tuple[int, int] | None, path: object, connect: Callable[[], sqlite3.Connection]
) -> IntegrityCheck:
    """Start checking the file ``key``; every connection to it waits for the check before a
    write (:func:`refusal`) until :func:`forget` (its opener closes it)."""
    check = IntegrityCheck(path, connect)
    if key is not None:
        with _lock:
            _checks[key] = check
    check.start()
    return check


def refusal(key: tuple[int, int] | None, timeout: float = WRITE_WAIT_S) -> StoreError | None:
    """What a write to the file ``key`` must raise now (None: the file may be changed)."""
    if key is None:
        return None
    with _lock:
        check = _checks.get(key)
    return None if check is None else check.wait(timeout)


def forget(key: tuple[int, int] | None, check: IntegrityCheck) -> None:
    """The file's opener closed it: stop its check and drop it."""
    check.cancel()
    with _lock:
        if key is not None and _checks.get(key) is check:
            del _checks[key]
