"""Fixclin item 8 (fresh-eyes review): a converted value never rounds onto the threshold it
is compared with; titers above their range read POSITIVE; a Crithidia anti-dsDNA titer is
judged against the catalog's screening dilution; the CLI takes a printed range."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from lupus_tracker.analysis.sledai_suggest import suggest
from lupus_tracker.domain.entry import check_entry
from lupus_tracker.domain.records import LabEntry
from lupus_tracker.domain.wording import flag_text, result_flag_word, understood

D = date(2026, 1, 5)


@pytest.mark.parametrize(
    ("marker", "value", "unit", "expected", "source"),
    [
        (
            "upcr",
            "57",
            "mg/mmol",
            "= 57 mg/mmol = 0.504 mg/mg",
            "review: shown '= 0.5 mg/mg' yet 'above 0.5' (SLEDAI-2K >0.5)",
        ),
        ("upcr", "56.5", "mg/mmol", "= 56.5 mg/mmol = 0.499 mg/mg", "just below the threshold"),
        ("upcr", "500", "mg/g", "= 500 mg/g = 0.5 mg/mg", "exactly on it: stays 0.5"),
        (
            "urine_protein_24h",
            "504",
            "mg/24h",
            "= 504 mg/24h = 0.504 g/24h",
            "SLEDAI-2K proteinuria >0.5 g/24h",
        ),
        ("c3", "89.6", "mg/dL", "= 89.6 mg/dL = 0.896 g/L", "C3 default lower limit 0.9 g/L"),
    ],
)
def test_converted_values_do_not_round_onto_a_threshold(marker, value, unit, expected, source):
    assert understood(check_entry(LabEntry(D, marker, value, unit))) == expected


@pytest.mark.parametrize(
    ("marker", "value", "ref", "expected", "source"),
    [
        ("ana", "1:160", None, "POSITIVE", "review: ANA 'HIGH' reads as a quantity"),
        ("ana", "positive", None, "POSITIVE", "word result"),
        ("ana", "1:40", None, "negative", "below the usual 1:80 cut-off (round 3 item 6)"),
        (
            "anti_dsdna",
            "1:80",
            None,
            "POSITIVE",
            "review: Crithidia 1:80 got no flag; reference Negative, screened at 1:10 (Mayo CRITH)",
        ),
        ("anti_dsdna", "<1:10", None, "negative", "below the screening dilution (round 3 item 6)"),
        ("anti_dsdna", "1:80", "<1:160", "negative", "a lab's own titer range wins"),
        ("anti_dsdna", "45", None, "HIGH", "IU/mL stays a quantity"),
    ],
)
def test_titer_flags(marker, value, ref, expected, source):
    assert result_flag_word(check_entry(LabEntry(D, marker, value, None, ref))) == expected


def test_crithidia_titer_suggests_dna_binding(repo):
    repo.results.add(LabEntry(D, "anti_dsdna", "1:80"))
    keys = [s.descriptor.key for s in suggest(repo.results.all(), D)]
    assert "increased_dna_binding" in keys


@pytest.mark.parametrize(
    ("extra", "flag", "source"),
    [
        (["--ref-range", "<10"], "HIGH", "review: a strict upper limit could not be entered"),
        (["--ref-high", "10"], "normal", "--ref-high is inclusive (<=10)"),
    ],
)
def test_cli_takes_the_printed_range(tmp_path: Path, extra, flag, source):
    db = tmp_path / "p.db"
    base = [sys.executable, "-m", "lupus_tracker"]
    subprocess.run(
        [
            *base,
            "add",
            "lab",
            "--db",
            str(db),
            "--date",
            "2026-01-05",
            "--marker",
            "crp",
            "--value",
            "10",
            *extra,
        ],
        check=True,
        capture_output=True,
    )
    from lupus_tracker.store.repository import Repository

    with Repository.open(db) as repo:
        (result,) = repo.results.all()
        assert flag_text(result.measurement).split(" (")[0] == flag


def test_cli_refuses_a_printed_range_that_contradicts_the_limits(tmp_path: Path):
    db = tmp_path / "p.db"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "lupus_tracker",
            "add",
            "lab",
            "--db",
            str(db),
            "--date",
            "2026-01-05",
            "--marker",
            "crp",
            "--value",
            "10",
            "--ref-range",
            "<10",
            "--ref-high",
            "5",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "disagree" in done.stderr and not db.exists()
