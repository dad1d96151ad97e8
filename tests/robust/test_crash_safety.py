"""Crash safety: a writer killed with SIGKILL at random moments, a hundred times, loses no
committed batch and leaves no half-written one; the file stays sound."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from lupus_tracker.domain.records import LabEntry
from lupus_tracker.store.errors import DiskFullError
from lupus_tracker.store.repository import Repository

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("crash_writer.py")
KILLS = 100


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_at_random_moments_loses_nothing_committed(tmp_path):
    path = tmp_path / "crash.sqlite"
    Repository.open(path).close()
    rng = random.Random(7)
    committed: set[int] = set()
    next_batch = 0
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for kill in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, str(WRITER), str(path), str(next_batch)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert writer.stdout is not None
        # Time the kill from the moment the writer has the file open (a busy machine can take
        # a second to start Python), so the test means the same under any load. Every other
        # run waits for a first commit, so the file really is written between kills; the
        # others may die before their first commit.
        lines = [writer.stdout.readline()]
        if kill % 2:
            lines.append(writer.stdout.readline())
        time.sleep(rng.uniform(0.0, 0.25))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        printed = [int(word) for word in "".join(lines).split() + out.split() if word != "ready"]
        committed.update(printed)
        next_batch = max([next_batch, *printed]) + 1000  # never reuse a batch number
    assert len(committed) >= KILLS // 2  # the test really wrote between kills
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        per_batch = dict(
            conn.execute("SELECT note, count(*) FROM results GROUP BY note").fetchall()
        )
    finally:
        conn.close()
    for batch in committed:  # every batch whose commit returned is there, whole
        assert per_batch.get(f"batch {batch}") == 5, batch
    assert all(count == 5 for count in per_batch.values())  # no half-written batch
    with Repository.open(path) as repo:  # and the app opens the file
        assert repo.counts()["results"] == 5 * len(per_batch)


def test_disk_full_during_a_write_loses_nothing_saved(repo):
    repo.results.add(LabEntry(date(2024, 1, 1), "c3", "0.8"))
    pages = repo.db.conn.execute("PRAGMA page_count").fetchone()[0]
    repo.db.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now "full"
    big = [LabEntry(date(2024, 1, 2), "c3", "0.9", note="x" * 4000) for _ in range(50)]
    with pytest.raises(DiskFullError, match="nothing was saved"):
        repo.results.add_many(big)
    assert [r.value_text for r in repo.results.all()] == ["0.8"]
    assert repo.db.integrity_check() == []
