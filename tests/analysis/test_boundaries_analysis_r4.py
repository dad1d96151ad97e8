"""Treatment context, SLEDAI-2K lab suggestions and the eGFR's creatinine at their limits
(issue 17, round-4 mutation survivors in analysis/response.py, analysis/sledai_suggest.py,
analysis/latest.py and analysis/treat_to_target.py).

Sources, per table: other treatment changes are listed after a start up to a follow-up
point, both ends as the module says ("after ``after`` up to ``until``": the start day
itself is the change looked at); the baseline window is the 90 days before the start
(BASELINE_DAYS, our choice from fixclin item 7); SLEDAI-2K descriptors count results in
the last 10 days, the visit day included (Gladman et al., J Rheumatol 2002;29:288-91) and "after a
visit" means from the next day; a computed eGFR names only the creatinine it was
certainly computed from (fixlatest item 2: never guessed).
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from lupus_tracker.analysis.latest import latest_values
from lupus_tracker.analysis.response import (
    BASELINE_DAYS,
    Treatment,
    TreatmentHistory,
    changes_before,
    other_changes,
)
from lupus_tracker.analysis.sledai_suggest import Evidence, findings_after, suggest
from lupus_tracker.analysis.treat_to_target import Summary, since_visit_text
from lupus_tracker.domain import glucocorticoids as gc
from lupus_tracker.domain.egfr import COMPUTED_ASSAY
from lupus_tracker.domain.records import (
    Dose,
    Event,
    EventKind,
    LabEntry,
    Medication,
    Profile,
    Source,
)
from lupus_tracker.domain.treat_to_target import (
    Criterion,
    Definition,
    StateResult,
    Status,
    VisitStates,
)
from lupus_tracker.store.inputs import latest_records

T = date(2026, 1, 10)


def _day(offset: int) -> date:
    return T + timedelta(days=offset)


TACROLIMUS = Treatment(T, "changes after starting Tacrolimus", "Tacrolimus", _day(40))


def test_other_changes_after_a_start_up_to_a_follow_up_point():
    medications = (
        # the treatment itself: its dose change is listed, its start and stop are not
        Medication(
            None, "Tacrolimus", T, _day(40), None,
            (Dose(T, 2, "mg", "twice daily"), Dose(_day(30), 3, "mg", "twice daily")),
        ),
        # started the same day: its stop is another change
        Medication(None, "Prednisone", T, _day(20)),
        # started on the follow-up day itself: counted (up to and including it)
        Medication(None, "Hydroxychloroquine", _day(60), None, None, (Dose(_day(60), 200, "mg"),)),
        # stopped on the follow-up day; a dose change on the start day is not "after" it,
        # one on the follow-up day is, one after it is not
        Medication(
            None, "Mycophenolate", _day(-100), _day(60), None,
            (
                Dose(_day(-100), 500, "mg", "twice daily"),
                Dose(T, 1000, "mg", "twice daily"),
                Dose(_day(60), 750, "mg", "twice daily"),
                Dose(_day(90), 250, "mg", "twice daily"),
            ),
        ),
        # stopped on the start day: not after it
        Medication(None, "Azathioprine", _day(-200), T),
    )  # fmt: skip
    events = (
        Event(None, _day(60), EventKind.INFUSION, "UC-MSC"),
        Event(None, T, EventKind.FLARE, "rash"),
        Event(None, _day(5), EventKind.HOSPITAL_STAY),
        Event(None, _day(6), EventKind.VISIT, "routine"),  # not a treatment change
    )
    history = TreatmentHistory(medications, events)
    assert other_changes(history, TACROLIMUS, _day(60)) == (
        f"hospital stay ({_day(5).isoformat()})",
        f"stopped Prednisone ({_day(20).isoformat()})",
        f"Tacrolimus 3 mg twice daily ({_day(30).isoformat()})",
        f"Mycophenolate 750 mg twice daily ({_day(60).isoformat()})",
        f"infusion: UC-MSC ({_day(60).isoformat()})",
        f"started Hydroxychloroquine ({_day(60).isoformat()})",
        f"stopped Mycophenolate ({_day(60).isoformat()})",
    )


def test_changes_in_the_baseline_window_are_the_90_days_before_the_start():
    assert BASELINE_DAYS == 90
    medications = (
        Medication(None, "Tacrolimus", T, None),
        Medication(None, "Rituximab", _day(-91)),  # one day before the window
        Medication(None, "Belimumab", _day(-90)),  # its first day
        Medication(None, "Prednisone", _day(-1)),  # its last day
        Medication(None, "Hydroxychloroquine", T),  # the start day: not before it
    )
    history = TreatmentHistory(medications, ())
    assert changes_before(history, TACROLIMUS) == (
        f"started Belimumab ({_day(-90).isoformat()})",
        f"started Prednisone ({_day(-1).isoformat()})",
    )


# -- SLEDAI-2K suggestions: the evidence as read, in order -----------------------------------
VISIT = date(2026, 3, 10)


def test_suggestion_evidence_names_marker_value_unit_range_and_reason(repo):
    repo.results.add_many(
        [
            LabEntry(VISIT - timedelta(days=2), "c3", "0.6", "g/L", "0.9-1.8"),
            LabEntry(VISIT - timedelta(days=2), "c3", "0.5", "g/L", "0.9-1.8"),
            LabEntry(VISIT - timedelta(days=30), "c3", "0.4", "g/L", "0.9-1.8"),  # too early
            LabEntry(VISIT - timedelta(days=2), "crp", "50", "mg/L"),  # no rule reads CRP
        ]
    )
    results = repo.results.all()
    # in any order given: by day, then as stored (id)
    found = suggest(list(reversed(results)), VISIT)
    assert [s.descriptor.key for s in found] == ["low_complement"]
    day = VISIT - timedelta(days=2)
    assert found[0].evidence == (
        Evidence(day, "C3", "0.6", "g/L", "0.9-1.8", "below the lower limit of the lab's range"),
        Evidence(day, "C3", "0.5", "g/L", "0.9-1.8", "below the lower limit of the lab's range"),
    )


def test_a_result_not_stored_yet_comes_before_stored_ones_of_its_day(repo):
    day = VISIT - timedelta(days=1)
    repo.results.add(LabEntry(day, "c3", "0.6", "g/L", "0.9-1.8"))
    repo.results.add(LabEntry(day, "c3", "0.5", "g/L", "0.9-1.8"))
    stored, other = repo.results.all()
    preview = dataclasses.replace(other, id=None)  # an import preview: no id yet
    found = suggest([stored, preview], VISIT)
    assert [e.value_text for e in found[0].evidence] == ["0.5", "0.6"]


def test_findings_after_a_visit_start_the_next_day(repo):
    repo.results.add_many(
        [
            LabEntry(VISIT - timedelta(days=1), "platelets", "80", "10*9/L"),
            LabEntry(VISIT, "platelets", "70", "10*9/L"),
            LabEntry(VISIT + timedelta(days=1), "platelets", "60", "10*9/L"),
        ]
    )
    found = findings_after(repo.results.all(), VISIT, VISIT + timedelta(days=30))
    assert [(s.descriptor.key, [e.value_text for e in s.evidence]) for s in found] == [
        ("thrombocytopenia", ["60"])
    ]


# -- a computed eGFR names the creatinine of its own day that gives its value ----------------
OCT, NOV = date(2026, 10, 1), date(2026, 11, 1)


def _egfr_remark(repo) -> str:
    rows = latest_values(latest_records(repo, ["egfr"]))
    return next(r for r in rows if r.marker.key == "egfr").remark


def test_the_creatinine_named_is_of_the_egfr_day_not_an_equal_one_before(repo):
    repo.profile.set(Profile("Ana", date(1985, 1, 1), "female"))
    repo.results.add(LabEntry(OCT, "creatinine", "1.0", "mg/dL"))
    repo.results.add(LabEntry(NOV, "creatinine", "88.4", "umol/L"))  # = 1.0 mg/dL
    assert _egfr_remark(repo) == "computed from creatinine 88.4 µmol/L (CKD-EPI 2021)"


def test_a_bound_creatinine_of_the_same_day_is_not_the_one_named(repo):
    repo.profile.set(Profile("Ana", date(1985, 1, 1), "female"))
    repo.results.add(LabEntry(NOV, "creatinine", "<0.3", "mg/dL"))  # no eGFR from a bound
    repo.results.add(LabEntry(NOV, "creatinine", "2.0", "mg/dL"))
    assert _egfr_remark(repo) == "computed from creatinine 2.0 mg/dL (CKD-EPI 2021)"


def test_a_computed_egfr_without_a_known_creatinine_names_none(repo):
    # e.g. an export of another app's computed eGFR: its creatinine is not in the file
    repo.profile.set(Profile("Ana", date(1985, 1, 1), "female"))
    repo.results.add(LabEntry(NOV, "egfr", "80", assay=COMPUTED_ASSAY, source=Source.COMPUTED))
    assert _egfr_remark(repo) == "computed from creatinine (CKD-EPI 2021)"


# -- results after the latest visit: listed, one after the other ----------------------------
def test_since_visit_text_lists_every_result():
    day = date(2026, 6, 1)
    exp = gc.exposure([], day)
    total = gc.cumulative_all_time(exp, day)
    state = StateResult(Definition.LLDAS, day, (Criterion("PGA <= 1", Status.MET, "0.5"),), False)
    visit = VisitStates(day, 2, 0.5, gc.daily_dose(exp, day), state, state)
    summary = Summary(
        day, (visit,), exp, gc.daily_dose(exp, day), total, total, None, (), None, (), None,
        None, ("proteinuria 0.9 g/24 h on 2026-05-20", "C3 0.5 g/L on 2026-05-21"),
    )  # fmt: skip
    assert since_visit_text(summary) == (
        "results since this visit may change it: proteinuria 0.9 g/24 h on 2026-05-20; "
        "C3 0.5 g/L on 2026-05-21 — discuss at your next visit"
    )
