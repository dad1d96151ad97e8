"""The background-task helper: work off the GUI thread on its own connection, the result or
the error back on the GUI thread, failures logged without their message."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtWidgets import QApplication

from lupus_tracker.ui import tasks


def test_work_runs_in_a_worker_on_its_own_connection(qtbot, repo):
    seen: dict = {}

    def work(own):
        seen["thread"] = threading.current_thread()
        seen["own"] = own is not repo and own.db.path == repo.db.path
        return own.counts()["results"]

    done: list = []
    tasks.run_task(
        repo.db.path, work, lambda result: done.append((result, threading.current_thread()))
    )
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert seen["thread"] is not threading.main_thread() and seen["own"]
    assert done == [(0, threading.main_thread())]  # posted back to the GUI thread


def test_the_worker_connection_skips_quick_check(repo, monkeypatch):
    from lupus_tracker.store import db

    checks: list[bool] = []
    real = db._inspect_connection
    monkeypatch.setattr(
        db,
        "_inspect_connection",
        lambda path, conn, quick_check=True: (
            checks.append(quick_check) or real(path, conn, quick_check=quick_check)
        ),
    )
    with tasks.run_inline():
        tasks.run_task(repo.db.path, lambda own: None, lambda _: None)
    assert checks == [False]


def test_an_error_is_posted_back_and_logged_without_its_message(qtbot, repo, caplog):
    def work(own):
        raise ValueError("C3 0.78 g/L")  # a message that carries a health value

    errors: list = []
    with caplog.at_level(logging.ERROR, logger="lupus_tracker.ui.tasks"):
        tasks.run_task(
            repo.db.path,
            work,
            lambda _: pytest.fail("no result expected"),
            errors.append,
            name="sample",
        )
        qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValueError)
    logged = caplog.text
    assert "ValueError" in logged and "in work" in logged  # the type and the traceback
    assert "0.78" not in logged


def test_run_inline_runs_synchronously(repo):
    done: list = []
    with tasks.run_inline():
        tasks.run_task(repo.db.path, lambda own: threading.current_thread(), done.append)
    assert done == [threading.main_thread()]


def test_run_blocking_returns_or_raises(qtbot, repo):
    assert QApplication.instance() is not None
    assert (
        tasks.run_blocking(None, "Counting…", repo.db.path, lambda own: own.counts()["events"]) == 0
    )
    with pytest.raises(ZeroDivisionError):
        tasks.run_blocking(None, "Failing…", None, lambda: 1 / 0)


def test_describe_hides_a_defect_but_names_a_user_error():
    from lupus_tracker.store.errors import StoreError

    assert tasks.describe(StoreError("The file is in use.")) == "The file is in use."
    assert "log" in tasks.describe(KeyError("c3"))


def test_no_callback_after_the_owner_is_deleted(qtbot, repo):
    import shiboken6
    from PySide6.QtWidgets import QWidget

    owner = QWidget()
    done: list = []
    tasks.run_task(repo.db.path, lambda own: 1, done.append, owner=owner)
    shiboken6.delete(owner)
    finished: list = []
    tasks.run_task(repo.db.path, lambda own: 2, finished.append)
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    qtbot.wait(50)
    assert done == []


def test_what_a_task_holds_is_freed_on_the_gui_thread(qtbot, monkeypatch):
    """A callback may hold a widget: freeing its Python wrapper on a worker thread deletes
    the widget off the GUI thread (a crash at teardown). The worker keeps no reference."""
    freed: list[bool] = []

    class Holder:
        def __del__(self) -> None:
            freed.append(threading.current_thread() is threading.main_thread())

    delivered, go_on = threading.Event(), threading.Event()
    real_post = tasks._post

    def post(call) -> None:  # the worker waits until the GUI thread has had the result
        real_post(call)
        if threading.current_thread() is not threading.main_thread():
            go_on.wait(10)

    monkeypatch.setattr(tasks, "_post", post)

    def start() -> None:  # only the task's closures hold the holder once this returns
        holder = Holder()
        tasks.run_task(None, lambda: holder and 1, lambda _r: holder and delivered.set())

    start()
    qtbot.waitUntil(delivered.is_set)
    go_on.set()
    assert tasks.wait_idle(10)
    qtbot.waitUntil(lambda: bool(freed))
    assert freed == [True]
