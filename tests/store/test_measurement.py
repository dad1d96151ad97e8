"""One measurement per stored result: interpreted once when loaded, and derived columns
that follow the catalog's conversions (recomputed when a factor changes)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from lupus_tracker.domain import catalog
from lupus_tracker.domain.records import LabEntry, Profile
from lupus_tracker.domain.units import UnitTable
from lupus_tracker.store.derived_columns import STAMP, conversion_version, stored_version
from lupus_tracker.store.repository import Repository

DAY = date(2024, 3, 5)


def test_a_loaded_result_carries_its_measurement(repo):
    repo.profile.set(Profile("Ana", date(1990, 5, 1), "female"))
    repo.results.add_many(
        [
            LabEntry(DAY, "c3", "62", "mg/dL", "90-180"),
            LabEntry(DAY, "anti_dsdna", ">300", "[IU]/mL", "<30"),
        ]
    )
    c3, dsdna = repo.results.all()
    assert c3.measurement.base_value == pytest.approx(0.62)
    assert c3.measurement.flag.value == "low" and c3.measurement.ref.text() == "90-180"
    assert dsdna.measurement.value.comparator.value == ">"
    assert dsdna.measurement.flag.value == "high"
    assert repo.results.get(c3.id).measurement.unit.code == "mg/dL"


def test_a_result_the_catalog_cannot_read_loads_without_a_measurement(repo):
    (saved,) = repo.results.add_many([LabEntry(DAY, "c3", "62", "mg/dL")])
    repo.db.conn.execute("UPDATE results SET unit = 'furlong' WHERE id = ?", (saved.id,))
    (loaded,) = repo.results.all()
    assert loaded.measurement is None and loaded.value_text == "62"


def _c3_with_mg_dl_factor(factor: float) -> catalog.Marker:
    c3 = catalog.get_marker("c3")
    units = tuple(replace(u, factor=factor) if u.code == "mg/dL" else u for u in c3.units.units)
    return replace(c3, units=UnitTable(units))


def test_derived_columns_are_recomputed_when_a_conversion_factor_changes(tmp_path, monkeypatch):
    path = tmp_path / "factor.sqlite"
    with Repository.open(path) as repo:
        repo.results.add_many(
            [LabEntry(DAY, "c3", "62", "mg/dL"), LabEntry(DAY, "c4", "0.08", "g/L")]
        )
        assert stored_version(repo.db) == conversion_version()
    changed = _c3_with_mg_dl_factor(0.02)  # a (test) catalog whose factor was corrected
    monkeypatch.setattr(
        catalog, "MARKERS", tuple(changed if m.key == "c3" else m for m in catalog.MARKERS)
    )
    monkeypatch.setitem(catalog._BY_KEY, "c3", changed)
    assert conversion_version() != stored_version_of(path)
    with Repository.open(path) as repo:
        c3, c4 = repo.results.all()
        frame = repo.results.frame(["c3"])
        assert stored_version(repo.db) == conversion_version()
    assert c3.measurement.base_value == pytest.approx(1.24)
    assert list(frame["base_value"]) == pytest.approx([1.24])  # the column agrees
    assert c4.base_value == pytest.approx(0.08)  # untouched


def stored_version_of(path) -> str | None:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT version FROM derived_stamp WHERE name = ?", (STAMP,)).fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def test_an_unchanged_catalog_recomputes_nothing(tmp_path):
    path = tmp_path / "same.sqlite"
    with Repository.open(path) as repo:
        repo.results.add_many([LabEntry(DAY, "c3", "62", "mg/dL")])
    with Repository.open(path) as repo:
        trace: list[str] = []
        repo.db.conn.set_trace_callback(trace.append)
        from lupus_tracker.store.derived_columns import recompute_if_catalog_changed

        assert recompute_if_catalog_changed(repo.db) is None
        assert not [s for s in trace if s.startswith(("BEGIN", "UPDATE"))]
