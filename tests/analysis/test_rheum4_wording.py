"""The rheumatologist's round-4 wording and rule findings, each at its limit.

Sources, per test: SLEDAI-2K scores descriptors "present in the last 10 days" (Gladman et
al., J Rheumatol 2002;29:288-91): the visit day and the 9 days before it; its low
complement and DNA binding are read "for testing laboratory", so the evidence names the
range it used (the lab's only when the lab printed it); the LLDAS/DORIS dose criteria and
the exposure lines use one term, "prednisone-equivalent" (issue 15); the ``egfr`` command
reads its unit through the creatinine's unit table.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lupus_tracker.analysis.sledai_suggest import suggest, window
from lupus_tracker.analysis.treat_to_target import _grams
from lupus_tracker.cli import main
from lupus_tracker.domain.glucocorticoids import Cumulative, DailyDose
from lupus_tracker.domain.records import LabEntry
from lupus_tracker.domain.treat_to_target import _dose_criterion

VISIT = date(2026, 1, 4)


def test_the_window_is_ten_calendar_days_with_the_visit_day():
    since, until = window(VISIT)
    assert (since, until) == (date(2025, 12, 26), VISIT)
    assert (until - since).days + 1 == 10


@pytest.mark.parametrize(("days_before", "counted"), [(0, True), (9, True), (10, False)])
def test_a_result_counts_up_to_nine_days_before_the_visit(repo, days_before, counted):
    repo.results.add(LabEntry(VISIT - timedelta(days_before), "wbc", "2.1", "10*9/L"))
    assert bool(suggest(repo.results.all(), VISIT)) is counted


def test_the_sledai_command_states_the_ten_day_window(tmp_path, capsys):
    db = tmp_path / "w.sqlite"
    assert main(["add", "lab", "--db", str(db), "--date", "2025-12-26", "--marker", "wbc",
                 "--value", "2.1"]) == 0  # fmt: skip
    assert main(["add", "lab", "--db", str(db), "--date", "2025-12-25", "--marker", "platelets",
                 "--value", "50"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["sledai", "--db", str(db), "--date", "2026-01-04"]) == 0
    out = capsys.readouterr().out
    assert "(results from 2025-12-26 to 2026-01-04)" in out
    assert "Leukopenia" in out and "Thrombocytopenia" not in out


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        (
            LabEntry(VISIT, "c3", "0.62", "g/L", "0.9-1.8"),
            "below the lower limit of the lab's range",
        ),
        (LabEntry(VISIT, "c3", "0.62", "g/L"), "below the lower limit of the usual range"),
        (LabEntry(VISIT, "c4", "0.05", "g/L"), "below the lower limit of the usual range"),
        (LabEntry(VISIT, "anti_dsdna", "147", "IU/mL", "<30"), "above the lab's range"),
        (LabEntry(VISIT, "anti_dsdna", "147", "IU/mL"), "above the usual range"),
    ],
)
def test_evidence_names_the_range_it_was_read_against(repo, entry, reason):
    repo.results.add(entry)
    (found,) = suggest(repo.results.all(), VISIT)
    assert [e.reason for e in found.evidence] == [reason]


def test_pulse_days_are_counted_in_words():
    one = Cumulative(VISIT, VISIT, 5.0, 625.0, 1)
    assert _grams(one) == "0.63 g (oral 0.01 g, pulses 0.62 g on 1 day)"
    three = Cumulative(VISIT, VISIT, 5.0, 1875.0, 3)
    assert _grams(three).endswith("pulses 1.88 g on 3 days)")


def test_the_dose_criterion_uses_one_term_and_closes_the_pulse_aside():
    found = _dose_criterion("Prednisone-equivalent ≤ 7.5 mg/day", DailyDose(VISIT, 5, 625), 7.5)
    assert found.detail == (
        "prednisone-equivalent 630 mg/day, including a 625 mg pulse, is above 7.5"
    )
    plain = _dose_criterion("Prednisone-equivalent ≤ 5 mg/day", DailyDose(VISIT, 5, 0), 5)
    assert plain.detail == "prednisone-equivalent 5 mg/day is at or below 5"


def test_the_status_block_says_prednisone_equivalent_only(demo_file, capsys):
    assert main(["status", "--db", str(demo_file)]) == 0
    out = capsys.readouterr().out
    assert "prednisone-equivalent" in out.lower()
    assert "prednisolone" not in out.lower().replace("methylprednisolone", "")


@pytest.mark.parametrize("unit", ["µmol/L", "μmol/L", "umol/L", "micromol/L"])
def test_egfr_takes_the_micromole_unit_as_the_app_prints_it(unit, capsys):
    argv = ["egfr", "--creatinine", "88.4", "--unit", unit, "--age", "40", "--sex", "male"]
    assert main(argv) == 0
    assert "eGFR 97.6" in capsys.readouterr().out  # = 1.0 mg/dL (CKD-EPI 2021)


@pytest.mark.parametrize("unit", ["mmol/L", "mg/L", "g/L"])
def test_egfr_refuses_other_units_in_one_line(unit, capsys):
    argv = ["egfr", "--creatinine", "1", "--unit", unit, "--age", "40", "--sex", "male"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "mg/dL or µmol/L" in err
