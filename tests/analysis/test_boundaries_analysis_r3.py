"""Rows that kill the analysis mutants the round-3 mutation run left alive (issue 17): the
activity note joins its signal periods with "; " (analysis/serology.py) and the cumulative
glucocorticoid text splits oral and pulse grams (1 g = 1000 mg)."""

from __future__ import annotations

from datetime import date

from lupus_tracker.analysis.serology import activity_note
from lupus_tracker.analysis.treat_to_target import _grams
from lupus_tracker.domain.glucocorticoids import Cumulative
from lupus_tracker.domain.records import LabEntry


def test_activity_note_lists_every_period_joined(repo):
    repo.results.add_many(
        [
            LabEntry(date(2026, 1, 1), "anti_dsdna", "400", "IU/mL", "<30", assay="ELISA"),
            LabEntry(date(2026, 1, 3), "c3", "0.6", "g/L", "0.9-1.8"),
            LabEntry(date(2026, 3, 1), "urine_protein_24h", "0.9", "g/24h"),
        ]
    )
    note = activity_note(repo.results.all(), since=date(2025, 12, 1), until=date(2026, 6, 30))
    assert note == (
        "Possible lupus activity signals between 2025-12-01 and 2026-06-30: 2026-01-01: "
        "anti-dsDNA above its range while complement is low (anti-dsDNA 400 IU/mL (range <30) "
        "on 2026-01-01; low C3 0.6 g/L (range 0.9-1.8) on 2026-01-03); 2026-03-01: "
        "proteinuria (Proteinuria 24h 0.9 g/24h on 2026-03-01, above 0.5 g/24 h). "
        "Information to discuss with your doctor, not advice."
    )


def test_grams_split_oral_and_pulses():
    total = Cumulative(date(2026, 1, 1), date(2026, 6, 30), 10000, 1500, 3, ())
    assert _grams(total) == "11.50 g (oral 10.00 g, pulses 1.50 g on 3 days)"
    oral_only = Cumulative(date(2026, 1, 1), date(2026, 6, 30), 10000, 0, 0, ())
    assert _grams(oral_only) == "10.00 g"
    unknown = Cumulative(date(2026, 1, 1), date(2026, 6, 30), 500, 0, 0, ("a", "b", "a"))
    assert _grams(unknown) == "0.50 g — incomplete: a; b"
