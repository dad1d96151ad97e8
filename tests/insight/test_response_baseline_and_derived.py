"""Fixclin item 7 (fresh-eyes review): a computed eGFR inherits its creatinine's
comparability (a change of lab makes both "not comparable"); the response context lists the
other treatment changes in the baseline window before the start too."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.analysis.response import (
    Treatment,
    TreatmentHistory,
    changes_before,
    follow_up_notes,
)
from lupus_tracker.domain.comparability import why_not_comparable
from lupus_tracker.domain.records import Dose, Event, EventKind, LabEntry, Medication

START = date(2025, 3, 1)


@pytest.mark.parametrize(
    ("a", "b", "reason", "source"),
    [
        # IDMS-traceable creatinine compares across labs (fixt2t item 5), and so does the
        # eGFR computed from it with one equation: both follow the creatinine together.
        (
            ("City Lab", "CKD-EPI 2021"),
            ("North Lab", "CKD-EPI 2021"),
            "",
            "review: eGFR follows its creatinine, which is standardised across labs",
        ),
        (
            ("City Lab", "CKD-EPI 2021 (computed)"),
            ("North Lab", "CKD-EPI 2021 (computed)"),
            "",
            "computed from two labs' creatinine",
        ),
        (
            ("City Lab", "CKD-EPI 2021"),
            ("City Lab", "MDRD"),
            "equation changed",
            "issue 12 item 5: the method is kept",
        ),
        (("City Lab", "CKD-EPI 2021"), ("City Lab", None), "", "same lab, equation not named"),
    ],
)
def test_egfr_comparability_follows_its_creatinine(a, b, reason, source):
    first = LabEntry(date(2025, 1, 1), "egfr", "70", lab=a[0], assay=a[1])
    second = LabEntry(date(2025, 6, 1), "egfr", "80", lab=b[0], assay=b[1])
    assert why_not_comparable(first, second) == reason


def test_changes_in_the_baseline_window_are_listed(repo):
    repo.treatments.add(
        Medication(None, "Tacrolimus", START, None, doses=(Dose(START, 2, "mg", "twice daily"),))
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
    repo.treatments.add(
        Medication(
            None,
            "Azathioprine",
            date(2024, 1, 1),
            date(2025, 1, 15),
            doses=(Dose(date(2024, 1, 1), 100, "mg", "daily"),),
        )
    )
    repo.events.add(Event(None, date(2025, 1, 20), EventKind.INFUSION, "Methylprednisolone"))
    repo.events.add(Event(None, date(2024, 10, 1), EventKind.INFUSION, "too early"))
    history = TreatmentHistory(tuple(repo.treatments.all()), tuple(repo.events.all()))
    tacrolimus = Treatment(START, "changes after starting Tacrolimus", "Tacrolimus")
    assert changes_before(history, tacrolimus) == (
        "stopped Azathioprine (2025-01-15)",
        "infusion: Methylprednisolone (2025-01-20)",
        "Prednisone 10 mg daily (2025-02-01)",
    )
    notes = follow_up_notes(history, tacrolimus)
    assert notes[0].startswith(
        "baseline window (90 days before the start): other changes: stopped Azathioprine"
    )
