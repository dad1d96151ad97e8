"""The frequency vocabulary (doses a day) and the one rule for dates in the future."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.domain.dates import FutureDateError, check_not_future
from lupus_tracker.domain.dosing import (
    FrequencyError,
    check_dose_unit,
    daily_amount,
    doses_per_day,
    parse_frequency,
)


@pytest.mark.parametrize(
    "words, per_day",
    [
        ("once daily", 1),
        ("Twice-daily", 2),
        ("three times daily", 3),
        ("every other day", 0.5),
        ("weekly", 1 / 7),
        ("every 2 weeks", 1 / 14),
        ("monthly", 12 / 365.25),
        ("every 6 months", 2 / 365.25),
        ("bid", 2),
        ("daily", 1),
    ],
)
def test_doses_per_day(words, per_day):
    assert doses_per_day(words) == pytest.approx(per_day)


def test_unknown_single_and_as_needed_have_no_daily_dose():
    assert doses_per_day(None) is None and doses_per_day("sometimes") is None
    assert doses_per_day("once") is None and parse_frequency("stat").is_single
    assert daily_amount(1000, "once") is None and daily_amount(None, "once daily") is None
    assert daily_amount(200, "twice daily") == 400
    with pytest.raises(FrequencyError, match="once daily, twice daily"):
        parse_frequency("when I remember")


def test_dose_units():
    assert check_dose_unit("MG") == "mg" and check_dose_unit("tablets") == "tablet"
    with pytest.raises(FrequencyError, match="mg, g, mcg"):
        check_dose_unit("spoon")


def test_results_and_symptoms_cannot_be_future_but_plans_can():
    today = date(2026, 5, 1)
    assert check_not_future(today, "result", today) == today
    for what in ("result", "symptom", "photo"):
        with pytest.raises(FutureDateError, match="2026-05-02 is in the future"):
            check_not_future(date(2026, 5, 2), what, today)
    for what in ("dose change", "medication start", "medication stop", "event"):
        assert check_not_future(date(2027, 1, 1), what, today) == date(2027, 1, 1)
