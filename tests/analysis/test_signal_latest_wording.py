"""The report's activity sentence names the last above-threshold result as such and the
true latest result beside it (fixclin item 6, from the fresh-eyes review: it said
"latest: 0.59 on 24 Sep" when the latest was 0.49 on 23 Nov)."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.analysis.serology import PROTEINURIA, latest_of_kind
from lupus_tracker.domain.records import LabEntry
from lupus_tracker.report.content import gather


@pytest.mark.parametrize(
    ("later", "expected", "source"),
    [
        (
            [("2025-11-23", "0.49")],
            "(last above-threshold result: Proteinuria 24h 0.59 g/24h on 24 Sep 2025, above "
            "0.5 g/24 h; latest 0.49 g/24h on 23 Nov 2025)",
            "fresh-eyes review, item 6",
        ),
        (
            [],
            "(last above-threshold result: Proteinuria 24h 0.59 g/24h on 24 Sep 2025, "
            "above 0.5 g/24 h)",
            "no later result: nothing added",
        ),
    ],
)
def test_report_names_the_last_above_threshold_and_the_latest(repo, later, expected, source):
    repo.results.add(LabEntry(date(2025, 9, 24), "urine_protein_24h", "0.59", "g/24h"))
    for day, value in later:
        repo.results.add(LabEntry(date.fromisoformat(day), "urine_protein_24h", value, "g/24h"))
    content = gather(repo, date(2025, 6, 1), date(2025, 11, 30))
    assert expected in content.activity_note
    assert "(latest: " not in content.activity_note


def test_latest_of_kind_stops_at_the_period_end(repo):
    repo.results.add(LabEntry(date(2025, 9, 24), "urine_protein_24h", "0.59", "g/24h"))
    repo.results.add(LabEntry(date(2025, 12, 1), "upcr", "0.3", "mg/mg"))
    results = repo.results.all()
    assert latest_of_kind(results, PROTEINURIA, date(2025, 11, 30)) == (
        date(2025, 9, 24),
        "0.59 g/24h on 2025-09-24",
    )
    assert latest_of_kind(results, PROTEINURIA, date(2025, 12, 1))[0] == date(2025, 12, 1)
