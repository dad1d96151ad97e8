"""Treat-to-target sentences and time in state, monitoring lines and result identity at their
limits (issue 17, round-4 mutation survivors in domain/treat_to_target.py,
domain/monitoring.py and domain/result_key.py).

Sources: LLDAS (Franklyn et al., Ann Rheum Dis 2016;75:1615-21) and DORIS 2021 (van
Vollenhoven et al., Lupus Sci Med 2021;8:e000538) are read from each visit's assessment,
and a state holds from one assessment until the day before the next (our choice,
domain/treat_to_target.py: "a state holds from an assessment until the next one"); the
monitoring line names the interval and whose it is (our choice, issue 15); two results are
the same result only when value, comparator and word agree (domain/result_key.py).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lupus_tracker.domain.glucocorticoids import DailyDose
from lupus_tracker.domain.monitoring import ITEMS, Due, DueStatus
from lupus_tracker.domain.records import LabEntry
from lupus_tracker.domain.result_key import result_key
from lupus_tracker.domain.treat_to_target import (
    Criterion,
    Definition,
    StateResult,
    Status,
    TimeInState,
    VisitStates,
    time_in_state,
)

VISIT = date(2026, 3, 1)


def _state(status: Status, day: date = VISIT) -> StateResult:
    return StateResult(Definition.LLDAS, day, (Criterion("SLEDAI-2K <= 4", status, "2"),), False)


def _visit(day: date, status: Status) -> VisitStates:
    state = _state(status, day)
    return VisitStates(day, 2, 0.5, DailyDose(day, 0.0, 0.0), state, state)


# -- time in state: a state holds from its visit until the day before the next one ----------
def test_time_in_state_skips_a_visit_whose_state_ended_before_the_period():
    since = date(2026, 1, 10)
    visits = [
        _visit(since - timedelta(days=10), Status.MET),  # replaced before the period began
        _visit(since - timedelta(days=5), Status.NOT_MET),  # holds for the first 3 days
        _visit(since + timedelta(days=3), Status.MET),  # holds for the last 7 days
    ]
    until = since + timedelta(days=9)
    assert time_in_state(visits, Definition.LLDAS, since, until) == TimeInState(
        Definition.LLDAS, since, until, 7, 3, 0, 0
    )


def test_time_in_state_counts_a_one_day_state():
    since = date(2026, 1, 10)
    visits = [_visit(since, Status.MET), _visit(since + timedelta(days=1), Status.NOT_MET)]
    found = time_in_state(visits, Definition.LLDAS, since, since + timedelta(days=1))
    assert (found.met, found.not_met, found.unknown, found.not_assessed) == (1, 1, 0, 0)


def test_time_in_state_before_the_first_visit_is_not_assessed():
    since = date(2026, 1, 10)
    visits = [_visit(since + timedelta(days=4), Status.UNKNOWN)]
    found = time_in_state(visits, Definition.DORIS, since, since + timedelta(days=9))
    assert found == TimeInState(Definition.DORIS, since, since + timedelta(days=9), 0, 0, 6, 4)


# -- one visit's sentence ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("result", "sentence"),
    [
        (_state(Status.MET), "LLDAS criteria met at the 1 Mar 2026 visit."),
        (
            StateResult(
                Definition.LLDAS,
                VISIT,
                (Criterion("PGA <= 1", Status.MET, "0.5"),),
                True,
                ("anti-dsDNA is not a criterion", "C3 is not a criterion"),
            ),
            "LLDAS criteria met at the 1 Mar 2026 visit (PGA as entered from your doctor's "
            "letter). Note: anti-dsDNA is not a criterion. Note: C3 is not a criterion.",
        ),
        (
            StateResult(
                Definition.DORIS,
                VISIT,
                (
                    Criterion("clinical SLEDAI-2K = 0", Status.NOT_MET, "clinical SLEDAI-2K 4"),
                    Criterion("prednisone <= 5 mg/day", Status.NOT_MET, "prednisone 10 mg/day"),
                    Criterion("PGA < 0.5", Status.MET, "0.2"),
                ),
                False,
            ),
            "DORIS remission criteria not met at the 1 Mar 2026 visit: clinical SLEDAI-2K 4; "
            "prednisone 10 mg/day.",
        ),
        (
            StateResult(
                Definition.LLDAS,
                VISIT,
                (
                    Criterion("PGA <= 1", Status.UNKNOWN, "no PGA"),
                    Criterion("SLEDAI-2K <= 4", Status.UNKNOWN, "no SLEDAI-2K"),
                ),
                False,
            ),
            "LLDAS criteria: cannot tell at the 1 Mar 2026 visit — no PGA; no SLEDAI-2K.",
        ),
    ],
)
def test_state_sentence(result, sentence):
    assert result.sentence() == sentence


# -- a monitoring line ------------------------------------------------------------------------
BLOOD_COUNT = next(item for item in ITEMS if item.key == "blood_count")


@pytest.mark.parametrize(
    ("due", "text"),
    [
        (
            Due(BLOOD_COUNT, ("Mycophenolate", "Azathioprine"), 90, False, date(2026, 1, 2),
                date(2026, 4, 2), DueStatus.NOT_DUE),
            "Blood count: not due yet (last result 2026-01-02, due 2026-04-02; every 90 days, "
            "usual interval; for Mycophenolate, Azathioprine)",
        ),
        (
            Due(BLOOD_COUNT, ("Methotrexate",), 60, True, None, None, DueStatus.NEVER),
            "Blood count: no result yet (no result logged; every 60 days, your interval; for "
            "Methotrexate)",
        ),
    ],
)  # fmt: skip
def test_monitoring_due_text(due, text):
    assert due.text() == text


# -- the same result: value, comparator and word --------------------------------------------
D = date(2026, 1, 5)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (LabEntry(D, "crp", "10.4", "mg/L"), LabEntry(D, "crp", "10", "mg/L")),
        (LabEntry(D, "crp", "<5", "mg/L"), LabEntry(D, "crp", "5", "mg/L")),
        (LabEntry(D, "crp", ">5", "mg/L"), LabEntry(D, "crp", "<5", "mg/L")),
        (
            LabEntry(D, "lupus_anticoagulant", "positive"),
            LabEntry(D, "lupus_anticoagulant", "negative"),
        ),
    ],
)
def test_different_values_are_different_results(a, b):
    assert result_key(a) is not None
    assert result_key(a) != result_key(b)


def test_same_number_written_differently_is_one_result_and_kept_keys_are_the_same():
    assert result_key(LabEntry(D, "crp", "10.0", "mg/L")) == result_key(
        LabEntry(D, "crp", "10", "mg/L")
    )
    entry = LabEntry(D, "crp", "10.4", "mg/L")
    known: dict = {}
    assert result_key(entry, known=known) == result_key(entry)
    assert known[entry] == result_key(entry)
