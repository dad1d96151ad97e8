"""The LLDAS line says when results after the latest assessment would count as activity
(fixclin item 5, fresh-eyes review): "results since this visit may change it: proteinuria
0.59 g/24h on 24 Sep 2025 — discuss at your next visit"."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.analysis.treat_to_target import (
    gather_inputs,
    one_line,
    status_lines,
    summarize,
)
from lupus_tracker.domain.records import LabEntry
from lupus_tracker.store.inputs import treatment_records
from lupus_tracker.store.sledai_repo import SledaiAssessment

VISIT = date(2025, 9, 1)
DAY = date(2025, 11, 30)


@pytest.mark.parametrize(
    ("marker", "value", "unit", "day", "expected", "source"),
    [
        (
            "urine_protein_24h",
            "0.59",
            "g/24h",
            date(2025, 9, 24),
            "proteinuria 0.59 g/24h on 24 Sep 2025",
            "fresh-eyes review (SLEDAI-2K >0.5 g/24h)",
        ),
        (
            "urine_wbc",
            "12",
            "/[HPF]",
            date(2025, 10, 2),
            "pyuria 12 /HPF on 2 Oct 2025",
            "SLEDAI-2K pyuria >5 WBC/HPF",
        ),
        ("urine_protein_24h", "0.4", "g/24h", date(2025, 9, 24), "", "below 0.5: nothing"),
        ("urine_protein_24h", "0.59", "g/24h", VISIT, "", "on the visit day: the visit counted it"),
    ],
)
def test_lldas_line_names_later_activity(repo, marker, value, unit, day, expected, source):
    repo.sledai.save(SledaiAssessment(VISIT, frozenset(), None, 0.2))
    repo.results.add(LabEntry(day, marker, value, unit))
    summary = summarize(gather_inputs(treatment_records(repo, DAY), DAY), DAY)
    text = "\n".join(status_lines(summary))
    if expected:
        assert (
            f"Results since this visit may change it: {expected} — discuss at your next "
            "visit." in text
        )
        assert f"(results since this visit may change it: {expected}" in one_line(summary)
    else:
        assert "since this visit" not in text and "since this visit" not in one_line(summary)
