"""Schema version 6 (treat-to-target): PGA with each SLEDAI-2K, eye exams as events."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from lupus_tracker.domain.records import Event, EventKind, InvalidEntryError
from lupus_tracker.store.repository import Repository
from lupus_tracker.store.schema import APPLICATION_ID, MIGRATIONS
from lupus_tracker.store.sledai_repo import SledaiAssessment


def test_version_2_file_gets_pga_and_eye_exams_keeping_rows_and_ids(tmp_path):
    path = tmp_path / "v2.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        f"PRAGMA application_id = {APPLICATION_ID};"
        + MIGRATIONS[1]
        + MIGRATIONS[2]
        + "PRAGMA user_version = 2;"
    )
    conn.executescript("""
        INSERT INTO events (id, occurred_on, kind, title) VALUES (7, '2024-02-01', 'visit', 'x');
        INSERT INTO sledai_assessments (visit_on, score, items) VALUES
            ('2024-02-01', 4, '["arthritis"]');
    """)
    conn.commit()
    conn.close()
    with Repository.open(path) as repo:
        (old,) = repo.sledai.all()
        assert old.pga is None and old.items == {"arthritis"}
        assert repo.events.get(7).title == "x"
        exam = repo.events.add(Event(None, date(2024, 3, 1), EventKind.EYE_EXAM, "OCT"))
        assert exam.id == 8 and repo.events.get(8).kind is EventKind.EYE_EXAM
        repo.sledai.save(SledaiAssessment(date(2024, 2, 1), frozenset({"arthritis"}), None, 1.5))
        assert repo.sledai.get(date(2024, 2, 1)).pga == 1.5


@pytest.mark.parametrize("pga", [-0.1, 3.1])
def test_pga_outside_0_to_3_is_refused_by_the_store_and_the_file(tmp_path, pga):
    with Repository.open(tmp_path / "x.sqlite") as repo:
        with pytest.raises(InvalidEntryError, match="0 to 3"):
            repo.sledai.save(SledaiAssessment(date(2024, 2, 1), frozenset(), None, pga))
        with pytest.raises(sqlite3.IntegrityError):
            repo.db.conn.execute(
                "INSERT INTO sledai_assessments (visit_on, score, items, pga) "
                "VALUES ('2024-01-01', 0, '[]', ?)",
                (pga,),
            )
        assert repo.sledai.all() == []
