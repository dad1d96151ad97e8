"""The light readers of issue 10 (Speed) hold what the full records they replace hold:
``store.inputs.signal_results`` (the activity signal on the dashboard) the same results,
order and interpretation as ``repo.results.all``; ``diary.symptom_columns`` (the symptom
history) the same entries as ``diary.symptoms``."""

from __future__ import annotations

from datetime import date

from lupus_tracker.analysis.serology import ACTIVITY_MARKERS, activity_note, activity_periods
from lupus_tracker.domain.records import LabEntry, Profile
from lupus_tracker.store.inputs import signal_results


def _fields(result) -> tuple[object, ...]:
    return (
        result.id,
        result.taken_on,
        result.marker,
        result.value_text,
        result.unit,
        result.ref_range,
        result.lab,
        result.assay,
        result.measurement,
    )


def _entries() -> list[LabEntry]:
    return [
        LabEntry(date(2024, 3, 2), "anti_dsdna", "120", "IU/mL", "<30", "Lab A"),
        LabEntry(date(2024, 3, 1), "c3", "0.7", "g/L", None, "Lab A"),  # the catalog's range
        LabEntry(date(2024, 3, 1), "c4", "6", "mg/dL", "10-40", "Lab B", assay="Nephelometry"),
        LabEntry(date(2024, 3, 1), "anti_dsdna", "80", "IU/mL", "<30", "Lab A"),
        LabEntry(date(2024, 4, 1), "upcr", "0.9", "mg/mg", None, "Lab A"),
        LabEntry(date(2024, 4, 1), "urine_protein_24h", ">1", "g/24 h", None, None),
        LabEntry(date(2024, 4, 1), "creatinine", "1.0", "mg/dL", None, "Lab A"),  # not read
    ]


def test_the_same_results_order_and_interpretation_as_full_records(repo):
    repo.results.add_many(_entries())
    for sex in (None, "female"):
        if sex:
            repo.profile.set(Profile("P", date(1980, 1, 1), sex))
        light = signal_results(repo, ACTIVITY_MARKERS)
        full = repo.results.all(ACTIVITY_MARKERS)
        assert [_fields(r) for r in light] == [_fields(r) for r in full]
        assert len(light) == 6 and all(r.measurement is not None for r in light)
        assert activity_periods(light) == activity_periods(full)
        until = date(2024, 5, 1)
        assert activity_note(light, until=until) == activity_note(full, until=until) != ""


def test_a_result_the_catalog_cannot_read_is_kept_without_a_measurement(repo):
    repo.results.add_many(_entries()[:1])
    repo.db.conn.execute("UPDATE results SET value_text = 'unreadable'")
    (light,) = signal_results(repo, ACTIVITY_MARKERS)
    (full,) = repo.results.all(ACTIVITY_MARKERS)
    assert light.measurement is None and full.measurement is None
    assert activity_periods([light]) == [] == activity_periods([full])


def test_symptom_columns_are_the_symptom_entries_read_in_chunks(repo):
    """``diary.symptom_columns`` (the symptom history's read) holds what ``symptoms``
    holds, in the same order, across several chunks; one symptom is chosen by SQLite."""
    from datetime import timedelta

    from lupus_tracker.domain.records import SymptomEntry

    start = date(2020, 1, 1)
    repo.diary.log_many(
        [
            SymptomEntry(start + timedelta(days=d), key, d % 11, "malar" if key == "rash" else None)
            for d in range(1500)
            for key in ("rash", "fatigue", "headache")
        ]
    )
    since, until = date(2020, 2, 1), date(2023, 12, 31)
    entries = repo.diary.symptoms(since, until)
    columns = repo.diary.symptom_columns(since, until)
    assert len(entries) > 4096  # more than one chunk
    assert columns["day"] == [e.day.isoformat() for e in entries]
    for name in ("symptom", "severity", "location", "note", "body_site"):
        assert columns[name] == [getattr(e, name) for e in entries], name
    rash = repo.diary.symptom_columns(since, until, "rash")
    assert rash["day"] == [e.day.isoformat() for e in entries if e.symptom == "rash"]
    assert set(rash["symptom"]) == {"rash"} and set(rash["location"]) == {"malar"}
