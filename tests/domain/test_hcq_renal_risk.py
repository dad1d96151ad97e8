"""Renal disease stays a major retinal risk factor for hydroxychloroquine after eGFR
recovers (Marmor et al., Ophthalmology 2016;123:1386-94, AAO 2016 revision): counted when
lupus nephritis is recorded or any earlier eGFR was below 60, naming why (fixclin item 3)."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.domain.hydroxychloroquine import risk_factors, screening_due

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("history", "nephritis", "expected", "source"),
    [
        (
            [(date(2025, 1, 1), 52.0), (date(2026, 5, 1), 83.0)],
            False,
            "renal disease: eGFR 52 on 2025-01-01 was below 60",
            "Marmor 2016: renal disease",
        ),
        (
            [(date(2026, 5, 1), 95.0)],
            True,
            "renal disease: lupus nephritis is recorded",
            "Marmor 2016; setting condition.lupus_nephritis",
        ),
        (
            [(date(2026, 5, 1), 55.0)],
            False,
            "reduced kidney function: eGFR 55 on 2026-05-01",
            "latest below 60 (unchanged)",
        ),
        (
            [(date(2025, 1, 1), 70.0), (date(2026, 5, 1), 83.0)],
            False,
            "",
            "never below 60, no nephritis: no renal risk factor",
        ),
        (
            [(date(2026, 7, 1), 40.0), (date(2026, 5, 1), 83.0)],
            False,
            "",
            "a value after the day looked at does not count",
        ),
    ],
)
def test_renal_risk_counts_past_disease(history, nephritis, expected, source):
    latest = max((h for h in history if h[0] <= TODAY), key=lambda h: h[0])
    found = risk_factors([], latest, TODAY, egfr_history=history, lupus_nephritis=nephritis)
    text = "; ".join(f"{r.name}: {r.detail}" for r in found)
    if expected:
        assert text.startswith(expected)
        due = screening_due(date(2020, 1, 1), [date(2026, 1, 1)], found)
        assert due.due_on == date(2027, 1, 1)  # yearly because of the risk factor
    else:
        assert text == ""
