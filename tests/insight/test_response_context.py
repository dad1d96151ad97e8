"""Issue 12 item 10: 'changes after starting X', never a verdict; the other treatment
changes at each follow-up; 'after stopping (date)'."""

from __future__ import annotations

from datetime import date

from lupus_tracker.analysis.response import (
    POINTS,
    Treatment,
    TreatmentHistory,
    follow_up_notes,
    other_changes,
    treatments,
)
from lupus_tracker.domain.records import Dose, Event, EventKind, Medication

START = date(2025, 1, 1)


def _history(repo) -> TreatmentHistory:
    return TreatmentHistory(tuple(repo.treatments.all()), tuple(repo.events.all()))


def test_other_changes_and_after_stopping(repo):
    repo.treatments.add(
        Medication(
            None,
            "Tacrolimus",
            START,
            date(2025, 4, 17),
            doses=(Dose(START, 2, "mg", "twice daily"),),
        )
    )
    repo.treatments.add(
        Medication(
            None,
            "Prednisone",
            date(2024, 6, 1),
            None,
            doses=(
                Dose(date(2024, 6, 1), 20, "mg", "daily"),
                Dose(date(2025, 2, 1), 10, "mg", "daily"),
            ),
        )
    )
    repo.events.add(Event(None, date(2025, 5, 10), EventKind.INFUSION, "UC-MSC"))
    (tacrolimus,) = [t for t in treatments(_history(repo)) if t.medication == "Tacrolimus"]
    assert tacrolimus.label == "changes after starting Tacrolimus"
    assert other_changes(_history(repo), tacrolimus, date(2025, 1, 31)) == ()
    assert other_changes(_history(repo), tacrolimus, date(2025, 6, 1)) == (
        "Prednisone 10 mg daily (2025-02-01)",
        "infusion: UC-MSC (2025-05-10)",
    )
    notes = follow_up_notes(_history(repo), tacrolimus)
    assert len(notes) == len(POINTS)
    assert notes[0] == "1 month: no other treatment change recorded"
    assert notes[1].startswith("3 months: other changes since the start: Prednisone 10 mg")
    assert notes[2].startswith("6 months: after stopping Tacrolimus (2025-04-17)")
    text = " ".join(notes + [t.label for t in treatments(_history(repo))]).lower()
    for verdict in ("response", "worked", "effective", "responded", "remission"):
        assert verdict not in text


def test_follow_up_exactly_on_the_stop_day_is_not_after_stopping():
    treatment = Treatment(START, "changes after starting X", "X", date(2025, 1, 31))
    nothing_else = TreatmentHistory((), ())  # plain data: no database needed
    assert "after stopping" not in follow_up_notes(nothing_else, treatment)[0]  # day 30: stop
