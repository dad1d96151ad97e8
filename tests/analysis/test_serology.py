"""The activity signal (issue 12 item 12): certain rises, honest evidence labels, the
period shown."""

from __future__ import annotations

from datetime import date

from lupus_tracker.analysis.serology import activity_note, activity_periods
from lupus_tracker.domain.records import LabEntry, LabResult, Source


def test_bound_then_value_is_not_a_rise_but_high_with_low_complement_is_a_signal(repo):
    repo.results.add_many(
        [
            LabEntry(date(2024, 1, 1), "anti_dsdna", ">300", "IU/mL", "<30", assay="ELISA"),
            LabEntry(date(2024, 2, 1), "anti_dsdna", "400", "IU/mL", "<30", assay="ELISA"),
            LabEntry(date(2024, 2, 3), "c3", "0.6", "g/L", "0.9-1.8"),
        ]
    )
    (period,) = activity_periods(repo.results.all())
    assert period.kind == "serological" and period.start == date(2024, 2, 1)
    assert "rising" not in period.text()
    assert "anti-dsDNA 400 IU/mL (range <30)" in period.text()
    assert "C3 0.6 g/L (range 0.9-1.8) on 2024-02-03" in period.text()


def test_rise_only_against_a_comparable_result(repo):
    repo.results.add_many(
        [
            LabEntry(date(2024, 1, 1), "anti_dsdna", "40", "IU/mL", "<30", lab="A"),
            LabEntry(date(2024, 2, 1), "anti_dsdna", "200", "IU/mL", "<10", lab="A"),
            LabEntry(date(2024, 2, 1), "c4", "0.05", "g/L", "0.1-0.4"),
        ]
    )
    (period,) = activity_periods(repo.results.all())
    assert "rising" not in period.text()  # another range: another test


def test_upcr_evidence_names_upcr_and_its_limit(repo):
    repo.results.add_many(
        [
            LabEntry(date(2024, 3, 1), "upcr", "0.8", "mg/mg"),
            LabEntry(date(2024, 3, 2), "upcr", "0.5", "mg/mg"),
        ]
    )
    (period,) = activity_periods(repo.results.all())
    assert period.evidence == ("UPCR 0.8 mg/mg on 2024-03-01, above 0.5 mg/mg",)
    assert "g/24 h" not in period.text()


def test_note_shows_only_the_period_on_screen(repo):
    repo.results.add_many(
        [
            LabEntry(date(2024, 3, 1), "urine_protein_24h", "1.2", "g/24h"),
            LabEntry(date(2026, 3, 1), "urine_protein_24h", "0.9", "g/24h"),
        ]
    )
    note = activity_note(repo.results.all(), since=date(2026, 1, 1), until=date(2026, 6, 30))
    assert "2026-03-01" in note and "2024" not in note.split(":", 1)[1]
    assert activity_note(repo.results.all(), since=date(2025, 1, 1), until=date(2025, 12, 31)) == ""


def _plain(day: date, marker: str, value: str, unit: str, ref: str) -> LabResult:
    """A result as plain data (no database): interpreted by ``measured`` when read."""
    return LabResult(
        0,
        day,
        marker,
        value,
        None,
        None,
        unit,
        None,
        "",
        ref,
        None,
        None,
        None,
        None,
        Source.ENTERED,
        "",
        "",
    )


def test_signal_from_plain_records_in_any_order():
    results = [
        _plain(date(2024, 2, 3), "c3", "0.6", "g/L", "0.9-1.8"),
        _plain(date(2024, 2, 1), "anti_dsdna", "400", "IU/mL", "<30"),
        _plain(date(2024, 1, 1), "anti_dsdna", "100", "IU/mL", "<30"),
        _plain(date(2024, 2, 1), "crp", "40", "mg/L", "<5"),
    ]  # not an activity marker
    (period,) = activity_periods(results)
    assert period.kind == "serological" and period.start == date(2024, 2, 1)
    assert "rising from 100 on 2024-01-01" in period.text()  # earlier result found by date
    assert activity_periods(reversed(results)) == [period]
