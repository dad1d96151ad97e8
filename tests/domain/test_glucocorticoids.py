"""Glucocorticoid exposure: equivalences, frequencies, pulses and sums checked by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lupus_tracker.domain.dosing import doses_per_day
from lupus_tracker.domain.glucocorticoids import (
    cumulative,
    cumulative_all_time,
    cumulative_by_year,
    daily_dose,
    exposure,
    generic_glucocorticoid,
    oral_steps,
)
from lupus_tracker.domain.records import Dose, Medication

D0 = date(2026, 1, 1)


def med(name, *doses, start=D0, stop=None, note=None, mid=1):
    return Medication(mid, name, start, stop, note, tuple(doses))


# Each row: a glucocorticoid dose and its prednisone equivalent (BNF equivalent
# anti-inflammatory doses; deflazacort: Parente 2017).
@pytest.mark.parametrize(
    ("name", "mg", "expected"),
    [
        ("Prednisone", 5, 5.0),
        ("Prednisolone", 5, 5.0),
        ("Methylprednisolone", 4, 5.0),  # 4 mg = prednisone 5 mg
        ("Medrol", 16, 20.0),  # brand of methylprednisolone
        ("Dexamethasone", 0.75, 5.0),  # 0.75 mg = prednisone 5 mg
        ("Hydrocortisone", 20, 5.0),  # 20 mg = prednisone 5 mg
        ("Deflazacort", 6, 5.0),  # 6 mg = prednisone 5 mg
    ],
)
def test_equivalences(name, mg, expected):
    exp = exposure([med(name, Dose(D0, mg, "mg", "once daily"))], as_of=D0)
    assert daily_dose(exp, D0).oral_mg == pytest.approx(expected)


def test_methylprednisolone_is_not_read_as_prednisolone():
    assert generic_glucocorticoid("Methylprednisolone 4 mg tablets") == "methylprednisolone"
    assert generic_glucocorticoid("Hydroxychloroquine") is None


@pytest.mark.parametrize(
    ("frequency", "per_day"),
    [
        ("once daily", 1),
        ("twice daily", 2),
        ("three times daily", 3),
        ("every other day", 0.5),
        ("Every-other-day", 0.5),
        ("weekly", 1 / 7),
        ("every 2 weeks", 1 / 14),
        (None, None),
        ("", None),
        ("as needed", None),
    ],
)
def test_frequencies(frequency, per_day):
    assert doses_per_day(frequency) == (None if per_day is None else pytest.approx(per_day))


def test_hand_checked_sum_with_taper_every_other_day_and_pulse():
    """Worked by hand:
    - methylprednisolone IV 500 mg once daily, 1-3 Jan: 3 days x 625 mg = 1875 mg (pulses)
    - prednisone 40 mg daily 4-17 Jan: 14 x 40 = 560 mg
      taper 20 mg daily 18-31 Jan: 14 x 20 = 280 mg
      10 mg every other day 1-28 Feb: 28 days x 5 mg/day = 140 mg
    - total oral 980 mg, pulses 1875 mg, all 2855 mg = 2.855 g.
    """
    pulse = med(
        "Methylprednisolone IV",
        Dose(D0, 500, "mg", "once daily"),
        start=D0,
        stop=date(2026, 1, 3),
        mid=1,
    )
    pred = med(
        "Prednisone",
        Dose(date(2026, 1, 4), 40, "mg", "once daily"),
        Dose(date(2026, 1, 18), 20, "mg", "once daily"),
        Dose(date(2026, 2, 1), 10, "mg", "every other day"),
        start=date(2026, 1, 4),
        stop=date(2026, 2, 28),
        mid=2,
    )
    exp = exposure([pulse, pred], as_of=date(2026, 6, 1))
    total = cumulative(exp, D0, date(2026, 6, 1))
    assert total.oral_mg == pytest.approx(980)
    assert total.pulse_mg == pytest.approx(1875)
    assert total.pulse_days == 3
    assert total.total_g == pytest.approx(2.855)
    assert total.complete
    # a window: 15 Jan - 5 Feb = 40x3 + 20x14 + 5x5 = 120 + 280 + 25 = 425 mg
    assert cumulative(exp, date(2026, 1, 15), date(2026, 2, 5)).total_mg == pytest.approx(425)
    # the daily line leaves pulses out; the pulse day still counts for the day's total
    assert daily_dose(exp, date(2026, 1, 2)).oral_mg == 0
    assert daily_dose(exp, date(2026, 1, 2)).pulse_mg == pytest.approx(625)
    assert daily_dose(exp, date(2026, 2, 10)).oral_mg == pytest.approx(5)
    assert [len(exp.pulses())] == [3]
    assert cumulative_all_time(exp, date(2026, 6, 1)).total_mg == pytest.approx(2855)
    by_year = cumulative_by_year(exp, date(2027, 3, 1))
    assert [c.since.year for c in by_year] == [2026, 2027]
    assert by_year[1].total_mg == 0


def test_high_oral_dose_is_a_pulse_by_the_250_mg_threshold():
    # Buttgereit 2002: pulse >= 250 mg prednisone-equivalent a day; 249 mg is not one.
    above = exposure([med("Prednisolone", Dose(D0, 250, "mg", "once daily"), stop=D0)], D0)
    below = exposure([med("Prednisolone", Dose(D0, 249, "mg", "once daily"), stop=D0)], D0)
    assert daily_dose(above, D0).pulse_mg == 250
    assert daily_dose(below, D0).oral_mg == 249


def test_single_dose_counts_once():
    exp = exposure([med("Dexamethasone", Dose(D0, 7.5, "mg", "once"))], date(2026, 3, 1))
    assert cumulative(exp, D0, date(2026, 3, 1)).total_mg == pytest.approx(50)
    assert daily_dose(exp, D0 + timedelta(days=1)).total_mg == 0


@pytest.mark.parametrize(
    ("dose", "reason"),
    [
        (Dose(D0, None, "mg", "once daily"), "no dose amount"),
        (Dose(D0, 2, "tablet", "once daily"), "unit 'tablet' is not mg or g"),
        (Dose(D0, 5, "mg", None), "no frequency recorded"),
        (Dose(D0, 5, "mg", "as needed"), "frequency 'as needed' is not known"),
    ],
)
def test_unknown_doses_are_named_not_guessed(dose, reason):
    exp = exposure([med("Prednisone", dose)], as_of=date(2026, 1, 10))
    day = daily_dose(exp, date(2026, 1, 5))
    assert not day.complete
    assert reason in day.unknown[0]
    assert not cumulative(exp, D0, date(2026, 1, 10)).complete


def test_grams_are_converted():
    exp = exposure([med("Methylprednisolone", Dose(D0, 1, "g", "once"))], D0)
    assert daily_dose(exp, D0).pulse_mg == pytest.approx(1250)


def test_oral_steps_change_at_each_taper_step():
    pred = med(
        "Prednisone",
        Dose(D0, 20, "mg", "once daily"),
        Dose(date(2026, 1, 11), 10, "mg", "once daily"),
        stop=date(2026, 1, 20),
    )
    steps = oral_steps(exposure([pred], date(2026, 2, 1)), D0, date(2026, 2, 1))
    assert steps == [
        (D0, 20),
        (date(2026, 1, 11), 10),
        (date(2026, 1, 21), 0),
        (date(2026, 2, 1), 0),
    ]
