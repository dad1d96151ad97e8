"""A stray close of the open database file in this process (Qt's file dialog reading the
folder, a MIME check) released SQLite's lock; ``lupus-tracker check`` in a terminal then
took itself for the last connection and deleted the -wal and -shm under the window: its
next reads failed with SQLITE_IOERR_SHORT_READ, shown as "The disk could not be written"
until a restart (patient review, reproduced here), and its writes went to a deleted log.
See store/file_locks.py."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from lupus_tracker.domain.records import LabEntry
from lupus_tracker.store.errors import LogRemovedError
from lupus_tracker.store.repository import Repository
from lupus_tracker.store.result_changes import AddResults

ROOT = Path(__file__).resolve().parents[2]


def run_check(path: Path) -> None:
    """The reviewer's step, really: ``lupus-tracker check`` in another process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "lupus_tracker", "check", "--db", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def stray_close(path: Path) -> None:
    """What Qt's file dialog does to each file of the folder it shows."""
    with open(path, "rb") as handle:
        handle.read(16)


def add_creatinine(repo: Repository, day: int) -> None:
    AddResults((LabEntry(date(2026, 1, day), "creatinine", "0.9", "mg/dL"),)).apply(repo)


def side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-"))


@pytest.fixture
def open_file(tmp_path):
    path = tmp_path / "lupus.sqlite"
    with Repository.open(path) as repo:
        add_creatinine(repo, 2)
        yield path, repo


def test_the_window_takes_its_lock_again_and_another_program_leaves_the_log(open_file):
    path, repo = open_file
    stray_close(path)
    repo.db.data_stamp()  # what the window asks when it gets the focus back
    run_check(path)
    assert side_files(path) == ["lupus.sqlite-shm", "lupus.sqlite-wal"]
    add_creatinine(repo, 3)
    with Repository.open(path, create=False) as reader:  # a page's task reads
        assert reader.counts()["results"] == repo.counts()["results"] == 2


def test_a_write_is_taken_with_the_lock_again_before_it(open_file):
    path, repo = open_file
    stray_close(path)
    add_creatinine(repo, 3)  # the write's transaction takes the lock again first
    run_check(path)
    assert side_files(path) == ["lupus.sqlite-shm", "lupus.sqlite-wal"]


def test_after_another_program_removed_the_log_nothing_is_written_to_it(open_file):
    path, repo = open_file
    stray_close(path)
    run_check(path)  # no look in between: the log goes
    assert side_files(path) == []
    with pytest.raises(LogRemovedError, match="start it again"):
        add_creatinine(repo, 3)
    with pytest.raises(LogRemovedError):
        repo.db.data_stamp()
    repo.close()
    with Repository.open(path, create=False) as again:
        assert again.counts()["results"] == 1  # what was saved before, nothing written after
