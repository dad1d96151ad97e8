"""The demo patient is deterministic and tells the treatment story."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from lupus_tracker.demo import DAYS, INFUSION_DAY, write_demo
from lupus_tracker.domain.records import EventKind
from lupus_tracker.store.repository import Repository


def table_dump(conn: sqlite3.Connection, table: str) -> list[tuple]:
    """Every row of ``table`` without its time stamps, in id order."""
    columns = [
        r[1]
        for r in conn.execute(f"PRAGMA table_info({table})")
        if r[1] not in ("created_at", "updated_at")
    ]
    return conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY 1").fetchall()


def test_same_seed_and_end_give_the_same_data(tmp_path):
    end = date(2026, 6, 30)
    for name in ("a.sqlite", "b.sqlite"):
        with Repository.open(tmp_path / name) as repo:
            write_demo(repo, end=end)
    a, b = (sqlite3.connect(tmp_path / n) for n in ("a.sqlite", "b.sqlite"))
    for table in ("results", "symptoms", "medication_doses", "events"):
        assert table_dump(a, table) == table_dump(b, table)


def test_markers_improve_after_the_infusion(demo_repo):
    end = date(2026, 6, 30)
    start = end - timedelta(DAYS - 1)
    infusion = start + timedelta(INFUSION_DAY)
    (event,) = demo_repo.events.all(kinds=(EventKind.INFUSION,))
    assert event.occurred_on == infusion
    c3 = demo_repo.results.frame(["c3"])
    before = c3[c3["date"] < str(infusion)]["base_value"].mean()
    late = c3[c3["date"] > str(infusion + timedelta(180))]["base_value"].mean()
    assert before < 0.6 < 0.8 < late  # g/L: low before, near normal after
    protein = demo_repo.results.frame(["urine_protein_24h"])
    assert protein[protein["date"] < str(infusion)]["base_value"].min() > 1.0
    assert protein["base_value"].iloc[-1] < 1.0
    prednisone = next(m for m in demo_repo.treatments.all() if m.name == "Prednisone")
    assert prednisone.doses[0].dose == 40 and prednisone.doses[-1].dose == 5
    assays = set(demo_repo.results.frame(["anti_dsdna"])["assay"])
    assert assays == {"ELISA", "CLIA"}
