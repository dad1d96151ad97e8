"""Dose limits, dose and stop-date rules and glucocorticoid units at their limits (issue 17,
round-4 mutation survivors and "no tests" functions in domain/dose_limits.py,
domain/dosing.py and domain/glucocorticoids.py).

Sources: the largest single doses in domain/dose_limits.py (glucocorticoid pulses,
Buttgereit et al., Ann Rheum Dis 2002;61:718: limit 2000 mg prednisone-equivalent; the
Plaquenil US prescribing information: 800 mg); a dose is a positive number written as it
is shown (our choice, fixclin red-team finding: "0 mg" is no dose, a stop date says it);
a dose change and a stop date lie within the medication's course (our choice: a dose taken
while stopped cannot be); mg and g spelled out are mg and g (UCUM names).
"""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.domain.dose_limits import (
    MAX_GLUCOCORTICOID_DOSE_PREDNISONE_MG,
    MAX_HYDROXYCHLOROQUINE_DOSE_MG,
    implausible_dose,
)
from lupus_tracker.domain.dosing import check_dose_amount, check_dose_change, check_stop_date
from lupus_tracker.domain.glucocorticoids import Period, exposure, is_intravenous
from lupus_tracker.domain.records import Dose, InvalidEntryError, Medication

D = date(2026, 3, 1)

PREDNISONE_MESSAGE = (
    "3000 mg of Prednisone in one dose is not possible: the limit is 2000 mg prednisone, "
    "above the largest pulses (methylprednisolone 1000 mg, Buttgereit et al. 2002); check "
    "the amount and its unit."
)
HCQ_MESSAGE = (
    "1000 mg of Plaquenil in one dose is not possible: the largest single dose on the label "
    "is 800 mg (Plaquenil prescribing information); check the amount and its unit."
)


@pytest.mark.parametrize(
    ("name", "dose", "message"),
    [
        ("Prednisone", Dose(D, 2000, "mg"), ""),  # at the limit: possible
        ("Prednisone", Dose(D, 3000, "mg"), PREDNISONE_MESSAGE),
        ("Prednisone", Dose(D, None, "mg"), ""),  # no amount: nothing to judge
        ("Prednisone", Dose(D, 5000, "tablets"), ""),  # no mg: no limit the app knows
        ("Plaquenil", Dose(D, 800, "mg"), ""),
        ("Plaquenil", Dose(D, 1000, "mg"), HCQ_MESSAGE),
    ],
)
def test_implausible_dose(name, dose, message):
    assert MAX_GLUCOCORTICOID_DOSE_PREDNISONE_MG == 2000.0
    assert MAX_HYDROXYCHLOROQUINE_DOSE_MG == 800.0
    assert implausible_dose(name, dose) == message


@pytest.mark.parametrize(
    ("dose", "message"),
    [
        (
            Dose(D, 0, "mg"),
            "A dose must be a number above 0, not 0; to record that a medication was "
            "stopped, give it a stop date.",
        ),
        (
            Dose(D, 0.0000001, "mg"),
            "A dose of 0.0000001 mg has more decimals than a dose is written with (it would "
            "show as 0); check the amount and its unit.",
        ),
        (
            Dose(D, 0.0000001),
            "A dose of 0.0000001 has more decimals than a dose is written with (it would "
            "show as 0); check the amount and its unit.",
        ),
    ],
)
def test_check_dose_amount_refusals(dose, message):
    with pytest.raises(InvalidEntryError) as raised:
        check_dose_amount(dose)
    assert str(raised.value) == message


def test_check_dose_amount_accepts():
    check_dose_amount(Dose(D, None, "mg"))  # an amount not given is not refused here
    check_dose_amount(Dose(D, 5000, "mg"))  # no medication named: no drug limit applies
    check_dose_amount(Dose(D, 2.5, "mg"), "Prednisone")


PREDNISONE = Medication(None, "Prednisone", date(2026, 1, 10), date(2026, 2, 10))


@pytest.mark.parametrize(
    ("dose", "message"),
    [
        (Dose(date(2026, 1, 10), 10, "mg"), None),  # the start day
        (Dose(date(2026, 2, 10), 10, "mg"), None),  # the stop day
        (
            Dose(date(2026, 1, 9), 10, "mg"),
            "Prednisone started on 2026-01-10; a dose change cannot be before that.",
        ),
        (
            Dose(date(2026, 2, 11), 10, "mg"),
            "Prednisone was stopped on 2026-02-10; restart it first or give a date before "
            "the stop.",
        ),
        (Dose(date(2026, 1, 20), 3000, "mg"), PREDNISONE_MESSAGE),  # the drug's limit
    ],
)
def test_check_dose_change(dose, message):
    if message is None:
        check_dose_change(PREDNISONE, dose)
        return
    with pytest.raises(InvalidEntryError) as raised:
        check_dose_change(PREDNISONE, dose)
    assert str(raised.value) == message


TAPER = Medication(
    None,
    "Prednisone",
    date(2026, 1, 10),
    None,
    None,
    (
        Dose(date(2026, 1, 10), 20, "mg", "once daily"),
        Dose(date(2026, 2, 1), 10, "mg", "once daily"),
        Dose(date(2026, 3, 1), 5, "mg", "once daily"),
    ),
)


@pytest.mark.parametrize(
    ("stopped_on", "message"),
    [
        (date(2026, 3, 1), None),  # on the last dose change: accepted
        (date(2026, 4, 1), None),
        (
            date(2026, 1, 9),
            "Prednisone started on 2026-01-10; it cannot stop before that.",
        ),
        (
            date(2026, 2, 15),
            "Prednisone has a dose change to 5 mg once daily on 2026-03-01, after 2026-02-15; "
            "give a stop date on or after it, or change that dose first.",
        ),
        (
            date(2026, 1, 31),  # two changes after it: the last one is named
            "Prednisone has a dose change to 5 mg once daily on 2026-03-01, after 2026-01-31; "
            "give a stop date on or after it, or change that dose first.",
        ),
    ],
)
def test_check_stop_date(stopped_on, message):
    if message is None:
        check_stop_date(TAPER, stopped_on)
        return
    with pytest.raises(InvalidEntryError) as raised:
        check_stop_date(TAPER, stopped_on)
    assert str(raised.value) == message


def test_a_stop_on_the_start_day_is_accepted():
    check_stop_date(Medication(None, "Prednisone", D), D)


# -- glucocorticoid exposure: mg and g by any spelling ----------------------------------------
@pytest.mark.parametrize(
    ("amount", "unit", "mg_per_day"),
    [
        (5, "mg", 5.0),
        (5, "milligram", 5.0),
        (5, "Milligrams", 5.0),
        (0.005, "g", 5.0),
        (0.005, "gram", 5.0),
        (0.005, "GRAMS", 5.0),
    ],
)
def test_glucocorticoid_dose_units(amount, unit, mg_per_day):
    med = Medication(None, "Prednisone", D, D, None, (Dose(D, amount, unit, "once daily"),))
    exp = exposure([med], D)
    assert exp.unknowns == ()
    assert [p.mg_per_day for p in exp.periods] == [pytest.approx(mg_per_day)]


# -- intravenous: from the name, the note, the dose note or its frequency ---------------------
@pytest.mark.parametrize(
    ("medication", "dose", "iv"),
    [
        (Medication(None, "Solu-Medrol", D), None, True),
        (Medication(None, "Methylprednisolone", D, note="IV"), None, True),
        (Medication(None, "Methylprednisolone", D), Dose(D, 500, "mg", note="IV"), True),
        (Medication(None, "Methylprednisolone", D), Dose(D, 500, "mg", "pulse"), True),
        (Medication(None, "Methylprednisolone", D), Dose(D, 16, "mg", "once daily"), False),
        (Medication(None, "Methylprednisolone", D), None, False),
    ],
)
def test_is_intravenous(medication, dose, iv):
    assert is_intravenous(medication, dose) is iv


def test_period_days_inclusive_and_clipped():
    period = Period("Prednisone", "prednisone", date(2026, 1, 1), date(2026, 1, 10), 10, False)
    assert period.days() == 10
    assert period.days(since=date(2026, 1, 5)) == 6
    assert period.days(until=date(2026, 1, 5)) == 5
    assert period.days(date(2026, 2, 1), date(2026, 2, 5)) == 0
