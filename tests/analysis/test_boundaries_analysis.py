"""Issue 17: boundary and wording tables for analysis/ that the mutation run found unpinned.

Each row names its source; "our choice" rows name the constant in analysis/ that holds it.
The exact sentences are pinned because they are what the patient and the doctor read.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lupus_tracker.analysis import serology
from lupus_tracker.analysis.latest import latest_values
from lupus_tracker.analysis.serology import activity_note, activity_periods, periods_in
from lupus_tracker.analysis.symptom_summary import PRESENT_ABOVE, summarize_symptoms
from lupus_tracker.analysis.treat_to_target import (
    Inputs,
    VisitAssessment,
    dose_text,
    one_line,
    status_lines,
    summarize,
)
from lupus_tracker.domain.records import Dose, LabEntry, Medication, Profile, SymptomEntry
from lupus_tracker.store.inputs import diary_records, latest_records

DAY = date(2026, 6, 1)
BIRTH = date(1980, 6, 15)


def med(name, mg, freq="once daily", start=date(2026, 1, 1), stop=None):
    return Medication(None, name, start, stop, None, (Dose(start, mg, "mg", freq),))


# -- symptom summary -------------------------------------------------------------------------
# Our choice (PRESENT_ABOVE = 0): severity 0 means checked and absent.
@pytest.mark.parametrize(("severity", "present"), [(0, 0), (1, 1), (2, 1)])
def test_symptom_present_only_above_severity_zero(repo, severity, present):
    assert PRESENT_ABOVE == 0
    repo.diary.save_day(date(2024, 3, 5), [SymptomEntry(date(2024, 3, 5), "fatigue", severity)])
    stats = summarize_symptoms(
        diary_records(repo, date(2024, 3, 1), date(2024, 3, 31))
    ).for_symptom("fatigue")
    assert (stats.days_logged, stats.days_present, stats.worst) == (1, present, severity)


def test_symptom_summary_counts_only_the_period_and_notes_count_as_logged(repo):
    for day in (date(2024, 2, 28), date(2024, 3, 1), date(2024, 3, 31), date(2024, 4, 1)):
        repo.diary.save_day(day, [SymptomEntry(day, "rash", 3, "malar/butterfly")])
    repo.diary.save_day(date(2024, 3, 10), [], "tired, nothing else")
    summary = summarize_symptoms(diary_records(repo, date(2024, 3, 1), date(2024, 3, 31)))
    assert summary.days_with_entries == 3 and summary.rash_days == 2
    assert summary.for_symptom("rash").text() == "Rash: 2 of 3 logged days"
    assert summary.for_symptom("fatigue") is None


# Fever: SLEDAI-2K "> 38 °C" (Gladman 2002): 38.0 is not a fever day, 38.1 is.
@pytest.mark.parametrize(
    ("value", "fever_days"), [("37.9", 0), ("38", 0), ("38.1", 1), (">38", 1), ("<39", 0)]
)
def test_fever_day_from_temperature(repo, value, fever_days):
    repo.results.add(LabEntry(date(2024, 3, 2), "temperature", value, "°C"))
    assert (
        summarize_symptoms(diary_records(repo, date(2024, 3, 1), date(2024, 3, 31))).fever_days
        == fever_days
    )


# -- activity signal ---------------------------------------------------------------------------
# Our choice (serology.MERGE_DAYS = 45): proteinuria dates 45 days apart form one period.
@pytest.mark.parametrize(
    ("gap", "periods"),
    [(serology.MERGE_DAYS - 1, 1), (serology.MERGE_DAYS, 1), (serology.MERGE_DAYS + 1, 2)],
)
def test_activity_periods_merge_window(repo, gap, periods):
    first = date(2024, 3, 1)
    repo.results.add_many(
        [
            LabEntry(first, "urine_protein_24h", "1.2", "g/24h"),
            LabEntry(first + timedelta(gap), "urine_protein_24h", "0.9", "g/24h"),
        ]
    )
    found = activity_periods(repo.results.all())
    assert len(found) == periods
    assert found[0].start == first


def test_periods_in_includes_both_ends(repo):
    repo.results.add(LabEntry(date(2024, 3, 1), "urine_protein_24h", "1.2", "g/24h"))
    (period,) = activity_periods(repo.results.all())
    day = date(2024, 3, 1)
    assert periods_in([period], day, day) == [period]
    assert periods_in([period], day + timedelta(1), day + timedelta(9)) == []
    assert periods_in([period], day - timedelta(9), day - timedelta(1)) == []


# Our choice (serology.DEFAULT_LOOKBACK_DAYS = 180): without a period, the last 180 days.
@pytest.mark.parametrize(
    ("days_ago", "shown"),
    [(serology.DEFAULT_LOOKBACK_DAYS, True), (serology.DEFAULT_LOOKBACK_DAYS + 1, False)],
)
def test_activity_note_default_lookback(repo, days_ago, shown):
    until = date(2026, 6, 30)
    taken = until - timedelta(days_ago)
    repo.results.add(LabEntry(taken, "urine_protein_24h", "1.2", "g/24h"))
    note = activity_note(repo.results.all(), until=until)
    since = until - timedelta(serology.DEFAULT_LOOKBACK_DAYS)
    assert note == (
        ""
        if not shown
        else f"Possible lupus activity signals between {since.isoformat()} and "
        f"2026-06-30: {taken.isoformat()}: proteinuria (Proteinuria 24h 1.2 g/24h "
        f"on {taken.isoformat()}, above 0.5 g/24 h). "
        "Information to discuss with your doctor, not advice."
    )


# -- eGFR remark on the latest values ----------------------------------------------------------
# KDIGO 2012 categories; the computed value beside the lab's (CKD-EPI 2021, Inker 2021).
def test_egfr_remark_names_the_stage_and_the_computed_value(repo):
    repo.profile.set(Profile("Ana", BIRTH, "female"))
    repo.results.add_many(
        [
            LabEntry(date(2024, 3, 5), "creatinine", "0.9", "mg/dL"),
            LabEntry(date(2024, 3, 5), "egfr", "45", "mL/min/{1.73_m2}", assay="MDRD"),
        ]
    )
    (row,) = [r for r in latest_values(latest_records(repo)) if r.marker.key == "egfr"]
    # the stage is the flag's word; the computed eGFR names its creatinine (fixlatest 2)
    assert row.flag_text == "LOW, KDIGO G3a: mildly to moderately decreased"
    assert row.remark.startswith("lab 45, computed eGFR 81 (from creatinine 0.9 mg/dL)")
    assert row.remark.endswith(" — ask which equation your lab uses")


def test_egfr_remark_for_a_computed_egfr_alone(repo):
    repo.profile.set(Profile("Ana", BIRTH, "female"))
    repo.results.add(LabEntry(date(2024, 3, 5), "creatinine", "0.9", "mg/dL"))
    (row,) = [r for r in latest_values(latest_records(repo)) if r.marker.key == "egfr"]
    assert row.remark == "computed from creatinine 0.9 mg/dL (CKD-EPI 2021)"
    assert row.flag_text.startswith("KDIGO G")


def test_egfr_remark_without_a_number_has_no_stage(repo):
    repo.results.add(LabEntry(date(2024, 3, 5), "egfr", ">60", "mL/min/{1.73_m2}"))
    (row,) = [r for r in latest_values(latest_records(repo)) if r.marker.key == "egfr"]
    assert row.remark == ""


# -- treat-to-target wording -------------------------------------------------------------------
RICH = Inputs(
    medications=(
        med("Prednisolone", 10),
        med("Methylprednisolone", 500, start=date(2026, 2, 1), stop=date(2026, 2, 3)),
        med("Hydroxychloroquine", 400),
        med("Tamoxifen", 20),
    ),
    assessments=(
        VisitAssessment(date(2026, 3, 1), frozenset({"rash"}), 1.0),
        VisitAssessment(date(2026, 5, 1), frozenset(), 0.2),
    ),
    weights=((date(2026, 4, 1), 70.0),),
    egfr=((date(2026, 4, 1), 55.0),),
    last_results={"wbc": date(2026, 1, 20)},
)


def test_status_lines_pinned_for_pulses_hcq_above_limit_and_risks():
    lines = status_lines(summarize(RICH, DAY))
    assert lines[1] == "Latest assessment: 2026-05-01, SLEDAI-2K 0, PGA 0.2."
    assert lines[14:] == [
        "Glucocorticoid today: 10 mg/day prednisone-equivalent.",
        "Cumulative prednisone-equivalent, last 12 months: 3.40 g (oral 1.52 g, pulses 1.88 g "
        "on 3 days).",
        "Cumulative prednisone-equivalent, all time: 3.40 g (oral 1.52 g, pulses 1.88 g on 3 "
        "days).",
        "Hydroxychloroquine 400 mg/day = 5.7 mg/kg/day of actual weight (70 kg on 2026-04-01) "
        "— above 5 mg/kg/day: discuss with your doctor.",
        "Retinal risk factors: reduced kidney function (eGFR 55 on 2026-04-01 is below 60); "
        "tamoxifen (Tamoxifen since 2026-01-01); dose above 5 mg/kg/day (5.71 mg/kg/day).",
        "Retinal screening not yet due: next by 2027-01-01 (baseline exam within the first "
        "year of hydroxychloroquine; no eye exam logged since starting).",
        "Monitoring due or overdue:",
        "  - Glucose or HbA1c: no result yet (no result logged; every 365 days, usual "
        "interval; for Prednisolone)",
        "  - Blood pressure: no result yet (no result logged; every 90 days, usual interval; "
        "for Prednisolone)",
    ]
    assert one_line(summarize(RICH, DAY)) == (
        "1 May 2026 visit: LLDAS criteria not met, DORIS remission criteria not met; "
        "prednisone-equivalent today 10 mg/day; hydroxychloroquine 5.7 mg/kg/day (above 5); "
        "due: Glucose or HbA1c (no result yet), Blood pressure (no result yet)."
    )


UNKNOWN = Inputs(
    medications=(
        med("Prednisone", None),
        med("Hydroxychloroquine", 200, start=date(2020, 1, 1)),
        med("Methotrexate", 15, "once weekly"),
        med("Mycophenolate mofetil", 1000, "twice daily"),
        med("Azathioprine", 100),
    ),
    assessments=(VisitAssessment(date(2026, 5, 1), frozenset({"rash"}), None),),
    lupus_nephritis=True,
)
NO_DOSE = "Prednisone from 2026-01-01: no dose amount"


def test_status_lines_pinned_for_unknown_dose_and_many_due():
    summary = summarize(UNKNOWN, DAY)
    lines = status_lines(summary)
    assert lines[1] == "Latest assessment: 2026-05-01, SLEDAI-2K 2, PGA not entered."
    assert lines[14:20] == [
        f"Glucocorticoid today: 0 mg/day prednisone-equivalent — not complete: {NO_DOSE}.",
        f"Cumulative prednisone-equivalent, last 12 months: 0.00 g — incomplete: {NO_DOSE}.",
        f"Cumulative prednisone-equivalent, all time: 0.00 g — incomplete: {NO_DOSE}.",
        "Hydroxychloroquine mg/kg/day: no weight logged.",
        # Marmor et al. 2016: renal disease counts (fixclin item 3); "recovered" only
        # after an eGFR below 60 is on record (fixt2t item 4)
        "Retinal risk factors: renal disease (lupus nephritis is recorded).",
        "Retinal screening overdue: next by 2020-12-31 (baseline exam within the first year "
        "of hydroxychloroquine; no eye exam logged since starting).",
    ]
    assert dose_text(summary.dose_today) == (
        f"0 mg/day prednisone-equivalent — not complete: {NO_DOSE}"
    )
    assert one_line(summary) == (
        "1 May 2026 visit: LLDAS criteria unknown, DORIS remission criteria not met (no "
        f"earlier assessment to compare with; PGA not entered; glucocorticoid dose not known: "
        f"{NO_DOSE}); prednisone-equivalent today 0 mg/day (incomplete); hydroxychloroquine "
        "mg/kg unknown; due: Blood count (no result yet), Liver tests (ALT/AST) (no result "
        "yet), Glucose or HbA1c (no result yet) and 4 more; eye exam overdue."
    )


def test_pulse_today_is_named_in_the_dose_text():
    summary = summarize(RICH, date(2026, 2, 2))
    assert dose_text(summary.dose_today) == ("10 mg/day prednisone-equivalent, plus a 625 mg pulse")


def test_status_lines_pinned_when_nothing_is_recorded():
    assert status_lines(summarize(Inputs(), DAY)) == [
        "Treat-to-target status on 2026-06-01 — information to discuss with your doctor, not "
        "a diagnosis.",
        "No SLEDAI-2K assessment on or before this date: LLDAS and DORIS cannot be assessed "
        "(add one with 'lupus-tracker add assessment').",
        "Glucocorticoid today: 0 mg/day prednisone-equivalent.",
        "Cumulative prednisone-equivalent, last 12 months: 0.00 g.",
        "Cumulative prednisone-equivalent, all time: 0.00 g.",
        "Hydroxychloroquine: not taken on this date.",
        "Monitoring: no medication or condition on record that calls for regular tests.",
    ]


MET = Inputs(
    medications=(
        med("Prednisolone", 5),
        med("Azathioprine", 100),
        med("Hydroxychloroquine", 200, start=date(2025, 1, 1), stop=date(2026, 5, 1)),
    ),
    assessments=(
        VisitAssessment(date(2026, 3, 1), frozenset(), 0.2),
        VisitAssessment(date(2026, 5, 1), frozenset(), 0.2),
    ),
    last_results={
        "wbc": date(2026, 5, 20),
        "alt": date(2026, 5, 20),
        "glucose": date(2026, 5, 20),
        "systolic_bp": date(2026, 5, 20),
    },
)


def test_both_definitions_met_and_the_year_in_each_state():
    summary = summarize(MET, DAY)
    assert one_line(summary) == (
        "1 May 2026 visit: LLDAS criteria met, DORIS remission "
        "criteria met; prednisone-equivalent today 5 mg/day."
    )
    lines = status_lines(summary)
    assert lines[2].startswith("LLDAS criteria met at the 1 May 2026 visit")
    assert lines[-2:] == [
        "Hydroxychloroquine: not taken on this date.",
        "Monitoring: nothing due or overdue.",
    ]
    # hydroxychloroquine stopped before the day: no dose, so no screening schedule
    assert summary.hcq_dose is None and summary.screening is None
    # the last 12 months end on the day and hold 365 days (our choice: a calendar year)
    lldas, doris = summary.lldas_year, summary.doris_year
    assert (lldas.since, lldas.until) == (date(2025, 6, 2), DAY)
    assert (lldas.met, lldas.unknown, lldas.not_assessed) == (32, 61, 272)
    assert (doris.since, doris.met, doris.not_assessed) == (date(2025, 6, 2), 93, 272)
    assert summarize(Inputs(), DAY).lldas_year is None


def test_latest_egfr_is_the_latest_by_date_not_the_highest():
    meds = (med("Hydroxychloroquine", 200),)
    weights = ((date(2026, 4, 1), 70.0),)

    def renal_risk(egfr):
        summary = summarize(Inputs(medications=meds, weights=weights, egfr=egfr), DAY)
        return any("kidney" in r.name for r in summary.hcq_risks)

    assert renal_risk(((date(2026, 4, 1), 70.0), (date(2026, 5, 1), 50.0)))
    assert not renal_risk(((date(2026, 4, 1), 50.0), (date(2026, 5, 1), 70.0)))


def test_hydroxychloroquine_started_on_the_day_has_a_screening_schedule():
    summary = summarize(Inputs(medications=(med("Hydroxychloroquine", 200, start=DAY),)), DAY)
    assert summary.screening is not None and summary.screening.due_on == date(2027, 6, 1)


def test_user_interval_reaches_the_monitoring_summary():
    inputs = Inputs(
        medications=(med("Azathioprine", 100),),
        last_results={"wbc": date(2026, 4, 1), "alt": date(2026, 5, 20)},
    )
    default = {d.item.key: d.status.value for d in summarize(inputs, DAY).due}
    assert default["blood_count"] == "not due yet"
    custom = Inputs(
        medications=inputs.medications,
        last_results=inputs.last_results,
        intervals={"blood_count": 30},
    )
    assert {d.item.key: d.status.value for d in summarize(custom, DAY).due}[
        "blood_count"
    ] == "overdue"


def test_every_unknown_dose_is_named_once_each():
    two = Inputs(
        medications=(med("Prednisone", None), med("Methylprednisolone", 4, freq="every blue moon"))
    )
    reasons = (
        "Prednisone from 2026-01-01: no dose amount; Methylprednisolone from "
        "2026-01-01: frequency 'every blue moon' is not known"
    )
    summary = summarize(two, DAY)
    assert dose_text(summary.dose_today) == (
        f"0 mg/day prednisone-equivalent — not complete: {reasons}"
    )
    assert status_lines(summary)[4] == (
        f"Cumulative prednisone-equivalent, all time: 0.00 g — incomplete: {reasons}."
    )


def test_one_line_lists_three_due_tests_without_more():
    inputs = Inputs(
        medications=(med("Azathioprine", 100),),
        lupus_nephritis=True,
        last_results={
            "wbc": date(2026, 5, 20),
            "alt": date(2026, 5, 20),
            "systolic_bp": date(2026, 5, 20),
        },
    )
    due = summarize(inputs, DAY).due_now()
    assert len(due) == 3
    line = one_line(summarize(inputs, DAY))
    assert "more" not in line and line.count("(no result yet)") == 3


def test_two_activity_periods_are_joined_in_one_note(repo):
    repo.results.add_many(
        [
            LabEntry(date(2026, 2, 1), "urine_protein_24h", "1.2", "g/24h"),
            LabEntry(date(2026, 5, 1), "upcr", "0.8", "mg/mg"),
        ]
    )
    note = activity_note(repo.results.all(), since=date(2026, 1, 1), until=date(2026, 6, 30))
    assert "0.5 g/24 h); 2026-05-01: proteinuria (UPCR 0.8 mg/mg" in note
