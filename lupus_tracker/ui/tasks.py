"""The one helper for background work (as MusicBrainz Picard's ``run_task``).

``run_task(db_path, work, on_done, on_error)`` runs ``work(repository)`` in a worker thread
on its own connection to the file (opened without ``quick_check``: the file was checked once
when the window opened it) and posts ``on_done(result)`` or ``on_error(error)`` back to the
GUI thread. A failure is logged with its traceback: the error's type and the stack, never
its message (messages can quote a value the user typed).

``run_blocking(parent, label, db_path, work)`` is the same for a dialog that must wait for
the answer: the event loop keeps running (the window repaints) and a busy dialog appears
after half a second; it returns the result or raises the error.

Tests call :func:`run_inline` (a context manager) to run every task synchronously on the
calling thread, with the same own connection and the same callbacks.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
import traceback
import weakref
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from lupus_tracker.store.db import open_database
from lupus_tracker.store.repository import Repository

log = logging.getLogger(__name__)
T = TypeVar("T")
SHOW_PROGRESS_AFTER_MS = 500

_inline = False
_threads: weakref.WeakSet[threading.Thread] = weakref.WeakSet()


@contextlib.contextmanager
def run_inline() -> Iterator[None]:
    """Within this block every task runs synchronously on the calling thread (tests)."""
    global _inline
    before, _inline = _inline, True
    try:
        yield
    finally:
        _inline = before


def open_reader(db_path: Path | str) -> Repository:
    """A second connection to an already-checked file, for one task."""
    return Repository(open_database(db_path, create=False, quick_check=False))


def log_failure(name: str, error: BaseException) -> None:
    """Log a failed task: its error type and the stack's places only (no message and no
    source lines, so no health value)."""
    stack = "\n".join(
        f"  {frame.filename}:{frame.lineno} in {frame.name}"
        for frame in traceback.extract_tb(error.__traceback__)
    )
    log.error("Background task %s failed with %s\n%s", name, type(error).__name__, stack)


class _Poster(QObject):
    """Lives on the GUI thread; a signal emitted from a worker is delivered there."""

    posted = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.posted.connect(lambda call: call())


_poster: _Poster | None = None


def _post(call: Callable[[], None]) -> None:
    global _poster
    if _poster is None:  # created by the first task, which starts on the GUI thread
        _poster = _Poster()
    _poster.posted.emit(call)


def _execute(db_path: Path | str | None, work: Callable[..., T], name: str) -> tuple[bool, Any]:
    try:
        if db_path is None:
            return True, work()
        with open_reader(db_path) as own:
            return True, work(own)
    except Exception as error:  # handed to on_error on the GUI thread
        log_failure(name, error)
        return False, error


def run_task(
    db_path: Path | str | None,
    work: Callable[..., T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None] | None = None,
    *,
    name: str = "",
    owner: QObject | None = None,
) -> None:
    """Run ``work(own_repository)`` (``work()`` when ``db_path`` is None) off the GUI thread;
    call ``on_done(result)`` or ``on_error(error)`` on the GUI thread, unless ``owner`` (the
    widget that asked) has been deleted meanwhile."""
    name = name or getattr(work, "__qualname__", "task")

    def finish(outcome: tuple[bool, Any]) -> None:
        if owner is not None and not shiboken6.isValid(owner):
            return
        ok, value = outcome
        if ok:
            on_done(value)
        elif on_error is not None:
            on_error(value)

    if _inline:
        finish(_execute(db_path, work, name))
        return
    if _poster is None:
        _post(lambda: None)  # make the poster on this (the GUI) thread
    token = next(_tokens)
    # The GUI thread keeps the work and the callbacks (they may hold widgets) and releases
    # them itself: a Python object that wraps a widget must never be freed on a worker
    # thread (freeing it there deletes the widget off the GUI thread: a crash).
    _pending[token] = (work, finish)
    _run_in_worker(token, db_path, name)


_tokens = itertools.count()
_pending: dict[int, tuple[Callable[..., Any], Callable[[tuple[bool, Any]], None]]] = {}
_outcomes: dict[int, tuple[bool, Any]] = {}


def _deliver(token: int) -> None:
    """On the GUI thread: hand a task's outcome to its callback and release both here."""
    _work, finish = _pending.pop(token)
    finish(_outcomes.pop(token))


def _run_in_worker(token: int, db_path: Path | str | None, name: str) -> None:
    def target() -> None:
        work = _pending[token][0]
        outcome = _execute(db_path, work, name)
        del work
        _outcomes[token] = outcome  # the outcome (and an error's stack) travels by token
        del outcome
        _post(partial(_deliver, token))  # nothing of the task's is left on this thread

    thread = threading.Thread(target=target, name=f"task-{name}", daemon=True)
    _threads.add(thread)
    thread.start()


def wait_idle(timeout: float = 30.0) -> bool:
    """Wait until every task thread has finished (tests, and before the app quits); True
    when none is left running."""
    for thread in list(_threads):
        thread.join(timeout)
        if not thread.is_alive():
            _threads.discard(thread)
    return not any(t.is_alive() for t in _threads)


def run_blocking(
    parent: QWidget | None, label: str, db_path: Path | str | None, work: Callable[..., T]
) -> T:
    """Run ``work`` as :func:`run_task` and wait for it with the event loop running; a
    busy dialog shows after half a second. Returns the result or raises the error."""
    outcome: list[tuple[bool, Any]] = []
    if _inline:
        run_task(
            db_path, work, lambda r: outcome.append((True, r)), lambda e: outcome.append((False, e))
        )
    else:
        loop = QEventLoop()
        dialog = QProgressDialog(label, "", 0, 0, parent)
        dialog.setCancelButton(None)
        dialog.setMinimumDuration(0)
        dialog.reset()  # not shown by itself; only if the work takes half a second
        dialog.setWindowTitle("Working")
        dialog.setAccessibleName(label)
        show_later = QTimer()
        show_later.setSingleShot(True)
        show_later.timeout.connect(dialog.show)

        def finished(ok: bool, value: Any) -> None:
            outcome.append((ok, value))
            loop.quit()

        run_task(db_path, work, lambda r: finished(True, r), lambda e: finished(False, e))
        show_later.start(SHOW_PROGRESS_AFTER_MS)
        if not outcome:
            loop.exec()
        show_later.stop()
        dialog.close()
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


def describe(error: BaseException) -> str:
    """What to tell the person: the message of an error they can act on; for a defect, a
    plain sentence (the details are in the log)."""
    from lupus_tracker.domain.records import InvalidEntryError
    from lupus_tracker.exchange.errors import ExchangeError
    from lupus_tracker.store.errors import StoreError

    if isinstance(error, StoreError | ExchangeError | InvalidEntryError | OSError):
        return str(error)
    return (
        "Something unexpected went wrong; nothing was changed. The details are in the "
        "app's log file."
    )
