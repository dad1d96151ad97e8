"""The treat-to-target summary that the CLI, the view, the dashboard and the report share."""

from __future__ import annotations

from datetime import date

from lupus_tracker.analysis.treat_to_target import (
    Inputs,
    VisitAssessment,
    one_line,
    status_lines,
    summarize,
)
from lupus_tracker.domain.records import Dose, Medication

DAY = date(2026, 6, 1)


def med(name, mg, freq="once daily", start=date(2026, 1, 1), unit="mg"):
    return Medication(None, name, start, None, None, (Dose(start, mg, unit, freq),))


def test_one_line_names_visit_states_dose_hcq_and_due():
    inputs = Inputs(
        medications=(
            med("Prednisolone", 7.5),
            med("Hydroxychloroquine", 300),
            med("Azathioprine", 100),
        ),
        assessments=(
            VisitAssessment(date(2026, 3, 1), frozenset({"rash"}), 1.0),
            VisitAssessment(date(2026, 5, 1), frozenset({"rash"}), None),
        ),
        weights=((date(2026, 4, 1), 60.0),),
        last_results={"wbc": date(2026, 5, 20)},
    )
    line = one_line(summarize(inputs, DAY))
    assert line.startswith(
        "1 May 2026 visit: LLDAS criteria unknown, DORIS remission "
        "criteria not met (PGA not entered)"
    )
    assert "prednisone-equivalent today 7.5 mg/day" in line
    assert "hydroxychloroquine 5.0 mg/kg/day" in line and "above 5" not in line
    assert "Liver tests (ALT/AST) (no result yet)" in line
    assert "Blood count" not in line  # 20 May + 90 days: not due yet


def test_nothing_recorded_says_so_without_guessing():
    summary = summarize(Inputs(), DAY)
    assert one_line(summary) == (
        "LLDAS/DORIS: no assessed visit yet; prednisone-equivalent today 0 mg/day."
    )
    lines = status_lines(summary)
    assert any("No SLEDAI-2K assessment" in x for x in lines)
    assert any("no medication or condition on record" in x for x in lines)
