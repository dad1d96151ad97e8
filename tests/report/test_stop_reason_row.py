"""The reason a medication was stopped shows on its stop row, never on its start row."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.domain.records import Dose, Medication
from lupus_tracker.report.treatment import gather_treatment


@pytest.mark.parametrize(
    ("note", "start_reason"),
    [
        ("Stopped: eye check pending", ""),
        ("for joints; Stopped: eye check pending", "for joints"),
        ("for joints", "for joints"),
    ],
)
def test_start_row_never_shows_the_stop_reason(note, start_reason):
    med = Medication(
        1,
        "Hydroxychloroquine",
        date(2026, 10, 1),
        date(2026, 11, 1),
        note,
        doses=(Dose(date(2026, 10, 1), 200, "mg", "twice daily"),),
    )
    changes = gather_treatment([med], date(2026, 9, 1), date(2026, 11, 30)).changes
    start, stop = changes
    assert (start.what, start.reason) == ("started, 400\u00a0mg/day", start_reason)
    assert stop.what == "stopped" and stop.reason == note
