"""What the treat-to-target analysis reads from a real database, field by field, at the
boundary of its ``day`` (issue 17: gather_inputs, treat_to_target_line and visit_rows had
"no tests" or surviving mutants in the fast core suite). Each row says its rule: everything
up to and including ``day`` counts, nothing after it (our choice: the summary is "as of" a
day, so a result entered for a later date never changes an earlier summary); a bounded value
(``<``/``>``) is no measurement of weight or eGFR (hydroxychloroquine mg/kg and the renal
risk need a number).
"""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.analysis.treat_to_target import (
    Inputs,
    VisitAssessment,
    gather_inputs,
    one_line,
    summarize,
    treat_to_target_line,
    visit_rows,
)
from lupus_tracker.domain.monitoring import LUPUS_NEPHRITIS_SETTING, SETTING_PREFIX
from lupus_tracker.domain.records import Dose, Event, EventKind, LabEntry, Medication
from lupus_tracker.store.inputs import treatment_records
from lupus_tracker.store.sledai_repo import SledaiAssessment

DAY = date(2026, 3, 31)
BEFORE = date(2026, 1, 10)
AFTER = date(2026, 4, 1)  # the day after DAY: never counted


def _gather(repo, day):
    """The records the store reads up to ``day``, made into the summary's inputs."""
    return gather_inputs(treatment_records(repo, day), day)


@pytest.fixture
def filled(repo):
    repo.sledai.save(SledaiAssessment(BEFORE, frozenset(), None, 0.2))
    repo.sledai.save(SledaiAssessment(DAY, frozenset({"arthritis"}), None, 0.5))  # on the day
    repo.sledai.save(SledaiAssessment(AFTER, frozenset(), None, 1.0))
    repo.results.add(LabEntry(date(2026, 2, 1), "weight", "132.28", "lb"))  # kept in kg
    repo.results.add(LabEntry(date(2026, 3, 1), "weight", "61", "kg"))
    repo.results.add(LabEntry(DAY, "weight", "<200", "kg"))  # a bound: no weight
    repo.results.add(LabEntry(AFTER, "weight", "70", "kg"))
    repo.results.add(LabEntry(date(2026, 2, 1), "egfr", "75", None))
    repo.results.add(LabEntry(date(2026, 2, 2), "egfr", ">90", None))  # a bound: no eGFR
    repo.results.add(LabEntry(AFTER, "egfr", "50", None))
    repo.results.add(LabEntry(date(2026, 1, 5), "alt", "30", "U/L"))
    repo.results.add(LabEntry(DAY, "alt", "31", "U/L"))  # latest, on the day
    repo.results.add(LabEntry(date(2026, 2, 5), "alt", "29", "U/L"))  # entered later, older
    repo.results.add(LabEntry(AFTER, "alt", "32", "U/L"))
    repo.results.add(LabEntry(date(2026, 2, 5), "crp", "3", "mg/L"))  # not monitored
    repo.events.add(Event(None, date(2026, 2, 10), EventKind.EYE_EXAM, "retina"))
    repo.events.add(Event(None, date(2026, 2, 11), EventKind.FLARE, "flare"))
    repo.events.add(Event(None, AFTER, EventKind.EYE_EXAM, "retina"))
    repo.settings.set(LUPUS_NEPHRITIS_SETTING, "yes")
    repo.settings.set(SETTING_PREFIX + "igg", "120")
    repo.treatments.add(
        Medication(
            None,
            "Hydroxychloroquine",
            date(2025, 1, 1),
            doses=(Dose(date(2025, 1, 1), 200, "mg", "twice daily"),),
        )
    )
    return repo


def test_gather_reads_up_to_and_including_the_day(filled):
    inputs = _gather(filled, DAY)
    assert inputs.assessments == (
        VisitAssessment(BEFORE, frozenset(), 0.2),
        VisitAssessment(DAY, frozenset({"arthritis"}), 0.5),
    )
    assert [day for day, _ in inputs.weights] == [date(2026, 2, 1), date(2026, 3, 1)]
    assert inputs.weights[0][1] == pytest.approx(60.0012, abs=1e-4)  # 132.28 lb in kg
    assert inputs.weights[1][1] == 61.0
    assert inputs.egfr == ((date(2026, 2, 1), 75.0),)
    assert inputs.last_results == {"alt": DAY, "egfr": date(2026, 2, 2)}
    assert inputs.eye_exams == (date(2026, 2, 10),)
    assert inputs.lupus_nephritis is True
    assert inputs.intervals == {"igg": 120}
    assert [m.name for m in inputs.medications] == ["Hydroxychloroquine"]
    assert inputs.since_visit == ()  # the latest visit is the day itself


def test_gather_the_day_before_a_visit_leaves_it_out(filled):
    inputs = _gather(filled, DAY.replace(day=30))
    assert [a.visit_on for a in inputs.assessments] == [BEFORE]
    assert inputs.last_results == {"alt": date(2026, 2, 5), "egfr": date(2026, 2, 2)}


@pytest.mark.parametrize(("stored", "nephritis"), [("yes", True), ("no", False), (None, False)])
def test_gather_lupus_nephritis_setting(repo, stored, nephritis):
    repo.settings.set(LUPUS_NEPHRITIS_SETTING, stored)
    assert _gather(repo, DAY).lupus_nephritis is nephritis


def test_gather_empty_database(repo):
    assert _gather(repo, DAY) == Inputs()


def test_treat_to_target_line_as_of_the_day(filled):
    line = treat_to_target_line(treatment_records(filled, DAY))
    assert line == one_line(summarize(_gather(filled, DAY), DAY))
    # Hydroxychloroquine 400 mg/day over the latest weight before the day (61 kg, not the
    # 70 kg after it): 6.6 mg/kg/day, above EULAR 2019's 5 mg/kg.
    assert line == (
        "31 Mar 2026 visit: LLDAS criteria not met, DORIS remission criteria not met; "
        "prednisone-equivalent today 0 mg/day; hydroxychloroquine 6.6 mg/kg/day (above 5); "
        "due: Blood pressure (no result yet), Urine protein (UPCR or 24 h) (no result yet), "
        "Anti-dsDNA and C3/C4 (no result yet)."
    )


def test_visit_rows_latest_first():
    inputs = Inputs(
        assessments=(
            VisitAssessment(BEFORE, frozenset(), 0.2),
            VisitAssessment(DAY, frozenset(), 0.5),
        )
    )
    rows = visit_rows(summarize(inputs, DAY))
    assert [row.visit_on for row in rows] == [DAY, BEFORE]


@pytest.mark.parametrize(
    ("taken", "counted"),
    [
        (BEFORE, False),  # on the visit day: the visit counted it
        (date(2026, 1, 11), True),  # the day after the visit: new
        (DAY, True),  # on the day of the summary
        (AFTER, False),  # after the summary's day
    ],
)
def test_gather_findings_since_the_visit_window(repo, taken, counted):
    # SLEDAI-2K proteinuria: >0.5 g/24 h (Gladman 2002).
    repo.sledai.save(SledaiAssessment(BEFORE, frozenset(), None, 0.2))
    repo.results.add(LabEntry(taken, "urine_protein_24h", "0.59", "g/24h"))
    found = _gather(repo, DAY).since_visit
    day_text = f"{taken.day} {taken.strftime('%b %Y')}"
    assert found == ((f"proteinuria 0.59 g/24h on {day_text}",) if counted else ())
