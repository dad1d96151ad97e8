"""Privacy (owner-only files, no health values in logs, temp files in memory) and two
processes writing to one file."""

from __future__ import annotations

import logging
import multiprocessing
import stat
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from lupus_tracker.domain.records import LabEntry
from lupus_tracker.exchange.formats import export
from lupus_tracker.logging_setup import setup_logging
from lupus_tracker.store.backup import backup_if_changed
from lupus_tracker.store.errors import FileInUseError
from lupus_tracker.store.repository import Repository

ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_file_the_app_writes_is_owner_only(demo_repo, tmp_path):
    demo_repo.results.add(LabEntry(date(2026, 6, 30), "c3", "0.7"))
    written = [
        demo_repo.db.path,
        Path(f"{demo_repo.db.path}-wal"),
        Path(f"{demo_repo.db.path}-shm"),
        backup_if_changed(demo_repo.db, datetime(2026, 7, 1)),
    ]
    for fmt in ("csv", "xlsx", "fhir"):
        out = tmp_path / f"export.{fmt}"
        export(demo_repo, fmt, out)
        written.append(out)
    log = setup_logging(tmp_path / "logs")
    logging.getLogger("lupus_tracker.test").warning("something happened")
    written.append(log)
    for path in written:
        assert mode(path) == 0o600, path
    assert demo_repo.db.conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY


def test_report_pdf_is_private_and_leaves_no_temporary_file(demo_repo, tmp_path):
    from lupus_tracker.report.content import gather
    from lupus_tracker.report.render_qt import write_pdf

    out = tmp_path / "r.pdf"
    write_pdf(gather(demo_repo, date(2026, 4, 1), date(2026, 6, 30)), out)
    assert mode(out) == 0o600
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".r.pdf")]


def test_no_health_values_in_the_log(tmp_path):
    log = setup_logging(tmp_path / "logs")
    logger = logging.getLogger("lupus_tracker.test")
    logger.warning("import failed: %s", "ExchangeError")
    logger.warning("saved C3 0.62 g/L on 2024-03-05")  # a careless message is dropped
    for handler in logging.getLogger("lupus_tracker").handlers:
        handler.flush()
    text = log.read_text()
    assert "ExchangeError" in text and "0.62" not in text and "2024-03-05" not in text


def _writer(path: str, start: int, count: int) -> None:
    with Repository.open(path) as repo:
        for i in range(start, start + count):
            repo.results.add(LabEntry(date(2024, 1, 1), "platelets", f"{i + 1}", note=f"w{i}"))


def test_two_processes_writing_to_one_file_lose_nothing(tmp_path):
    path = tmp_path / "shared.sqlite"
    Repository.open(path).close()
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_writer, args=(str(path), n * 1000, 60)) for n in range(2)]
    for w in writers:
        w.start()
    for w in writers:
        w.join(120)
        assert w.exitcode == 0
    with Repository.open(path) as repo:
        notes = {r.note for r in repo.results.all()}
        assert len(notes) == 120 and repo.db.integrity_check() == []


def test_a_file_held_by_another_writer_says_it_is_in_use(tmp_path, monkeypatch):
    path = tmp_path / "busy.sqlite"
    Repository.open(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
            "c.execute('BEGIN IMMEDIATE'); print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setattr("lupus_tracker.store.db.BUSY_TIMEOUT_MS", 300)
        with Repository.open(path) as repo, pytest.raises(FileInUseError, match="in use"):
            repo.results.add(LabEntry(date(2024, 1, 1), "c3", "0.8"))
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
