"""Rows that kill the domain mutants the round-3 mutation run left alive (issue 17), each
with its source: the blood-pressure target of lupus nephritis (KDIGO 2024: <130/80 mmHg,
either number at or above counts), a glucocorticoid course's cumulative dose by calendar
year (our choice: Jan 1 to Dec 31, as the glucocorticoid chart labels them) and the note
length message (domain/entry.py)."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.domain.entry import MAX_NOTE_CHARS, check_note
from lupus_tracker.domain.glucocorticoids import (
    cumulative_all_time,
    cumulative_by_year,
    exposure,
)
from lupus_tracker.domain.monitoring import BP_TARGET_LUPUS_NEPHRITIS, bp_above_target
from lupus_tracker.domain.records import Dose, InvalidEntryError, Medication


@pytest.mark.parametrize(
    ("systolic", "diastolic", "above"),
    [
        (None, None, None),  # no reading: no answer
        (129, 79, False),  # just below both
        (130, 79, True),  # systolic at the target is not below it
        (129, 80, True),  # diastolic at the target
        (140, None, True),  # one number alone still counts
        (None, 85, True),
        (120, None, False),
        (None, 70, False),
    ],
)
def test_bp_above_lupus_nephritis_target(systolic, diastolic, above):
    assert BP_TARGET_LUPUS_NEPHRITIS == (130, 80)
    assert bp_above_target(systolic, diastolic) is above


def _prednisone(start: date, stop: date, mg: float) -> Medication:
    return Medication(1, "Prednisone", start, stop, None, (Dose(start, mg, "mg", "once daily"),))


def test_cumulative_all_time_runs_from_the_first_dose():
    exp = exposure([_prednisone(date(2026, 1, 1), date(2026, 1, 10), 10)], date(2026, 1, 31))
    total = cumulative_all_time(exp, date(2026, 1, 31))
    assert (total.since, total.until) == (date(2026, 1, 1), date(2026, 1, 31))
    assert total.oral_mg == pytest.approx(100)  # 10 days x 10 mg


def test_cumulative_all_time_without_glucocorticoids_is_empty():
    exp = exposure([], date(2026, 1, 31))
    total = cumulative_all_time(exp, date(2026, 1, 31))
    assert (total.since, total.until, total.total_mg) == (date(2026, 1, 31), date(2026, 1, 31), 0)


def test_cumulative_by_year_splits_at_new_year():
    # 10 mg/day from 20 Dec 2025 to 10 Jan 2026: 12 days in 2025, 10 days in 2026.
    exp = exposure([_prednisone(date(2025, 12, 20), date(2026, 1, 10), 10)], date(2026, 3, 1))
    years = cumulative_by_year(exp, date(2026, 3, 1))
    assert [(c.since, c.until) for c in years] == [
        (date(2025, 12, 20), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 3, 1)),
    ]
    assert [c.oral_mg for c in years] == [pytest.approx(120), pytest.approx(100)]


def test_cumulative_by_year_without_glucocorticoids():
    assert cumulative_by_year(exposure([], date(2026, 3, 1)), date(2026, 3, 1)) == []


def test_note_length_limit_and_message():
    check_note("x" * MAX_NOTE_CHARS)  # at the limit: kept
    check_note(None)
    with pytest.raises(InvalidEntryError) as raised:
        check_note("x" * (MAX_NOTE_CHARS + 1))
    assert str(raised.value) == (
        "The note has 10,001 characters; at most 10,000 are kept. Shorten it."
    )
