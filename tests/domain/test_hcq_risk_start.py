"""A retinal risk factor makes the eye exam yearly from the day it began, never earlier
(fixt2t item 3), and renal-disease wording says "recovered" only when an eGFR below 60 is
on record (fixt2t item 4). Schedule: Marmor et al., Ophthalmology 2016;123:1386-94."""

from __future__ import annotations

from datetime import date

from lupus_tracker.domain.hydroxychloroquine import hcq_dose, risk_factors, screening_due
from lupus_tracker.domain.records import Dose, Medication

START = date(2023, 1, 1)
RAISED = date(2026, 11, 3)
EXAM = date(2023, 3, 1)
WEIGHTS = [(date(2023, 1, 1), 150 * 0.45359237)]  # 150 lb
HCQ = Medication(
    1,
    "Hydroxychloroquine",
    START,
    None,
    None,
    (Dose(START, 200, "mg", "once daily"), Dose(RAISED, 400, "mg", "once daily")),
)


def _screening(day: date):
    dose = hcq_dose([HCQ], WEIGHTS, day)
    risks = risk_factors([HCQ], None, day, dose, weights=WEIGHTS)
    return risks, screening_due(START, [EXAM], risks)


def test_dose_risk_begins_on_the_dose_change_not_before():
    risks, due = _screening(date(2026, 11, 29))
    assert [(r.name, r.since) for r in risks] == [("dose above 5 mg/kg/day", RAISED)]
    assert due.due_on == RAISED  # not 2024-02-29 (last exam + 1 year)
    text = due.text(date(2026, 11, 29))
    assert text.startswith("Retinal screening due now: a risk factor since 3 Nov 2026")
    assert "last eye exam 2023-03-01" in text
    assert "2024-02-29" not in text


def test_before_the_dose_change_the_usual_schedule_holds():
    risks, due = _screening(date(2026, 6, 1))
    assert risks == []
    assert due.due_on == date(2028, 1, 1)  # yearly after 5 years of use


def test_long_standing_risk_keeps_the_yearly_due_date():
    early = Medication(
        2, "Hydroxychloroquine", START, None, None, (Dose(START, 400, "mg", "once daily"),)
    )
    day = date(2026, 11, 29)
    risks = risk_factors([early], None, day, hcq_dose([early], WEIGHTS, day), weights=WEIGHTS)
    assert risks[0].since == START
    due = screening_due(START, [EXAM], risks)
    assert due.due_on == date(2024, 2, 29)
    assert due.status(day) == "overdue"


def test_unknown_start_counts_as_long_standing():
    day = date(2026, 11, 29)
    risks = risk_factors([], None, day, egfr_history=[], lupus_nephritis=True)
    assert risks[0].since is None
    assert screening_due(START, [EXAM], risks).due_on == date(2024, 2, 29)


def test_renal_wording_says_recovered_only_after_a_low_egfr():
    day = date(2024, 12, 31)
    never_low = [(date(2024, 6, 1), 72.0)]
    found = risk_factors([], never_low[0], day, egfr_history=never_low, lupus_nephritis=True)
    assert found[0].detail == "lupus nephritis is recorded"
    was_low = [(date(2024, 1, 1), 48.0), (date(2024, 6, 1), 72.0)]
    found = risk_factors([], was_low[1], day, egfr_history=was_low, lupus_nephritis=True)
    # rheum4 finding 4: the app's own rule, said as such, not attributed to AAO 2016
    assert found[0].detail == (
        "lupus nephritis is recorded; eGFR 48 on 2024-01-01 was below 60 — the app counts "
        "any eGFR below 60 on record as a risk factor, even after it recovers (the app's "
        "choice, to discuss with your doctor)"
    )
    assert "even when eGFR has recovered" not in found[0].detail
