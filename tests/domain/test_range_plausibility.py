"""A lab range in another unit than its value is refused, never stored as-is with an
inverted flag; a file whose printed range and numeric limits disagree is not guessed from.

Source of every row: the red-team findings on issue 12 (fixclin brief item 1)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.entry import check_entry
from lupus_tracker.domain.records import InvalidEntryError, LabEntry
from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.fhir_range import read_range
from lupus_tracker.exchange.formats import read_plan

D = date(2026, 1, 5)


@pytest.mark.parametrize(
    ("marker", "value", "unit", "ref", "message", "source"),
    [
        (
            "c3",
            "49",
            "mg/dL",
            "0.9-1.8",
            "0.9-1.8 looks like g/L, the value is in mg/dL",
            "red team: C3 49 mg/dL with the g/L range was flagged HIGH",
        ),
        (
            "c3",
            "0.49",
            "g/L",
            "90-180",
            "90-180 looks like mg/dL, the value is in g/L",
            "red team: C3 0.49 g/L stored with range 90-180",
        ),
        (
            "creatinine",
            "1.1",
            "mg/dL",
            "45-90",
            "looks like µmol/L",
            "unit factor 88.4 between mg/dL and µmol/L",
        ),
        ("hemoglobin", "125", "g/L", "12-16", "looks like g/dL", "unit factor 10 for Hb"),
        (
            "c4",
            "0.2",
            "g/L",
            "5000-9000",
            "5000-9000 is not possible for C4 in g/L",
            "no unit of C4 makes 5000-9000 a range: refused as impossible",
        ),
        ("c4", "0.2", "g/L", "100-400", "looks like mg/L", "C4 range printed in mg/L"),
    ],
)
def test_a_range_in_another_unit_is_refused(marker, value, unit, ref, message, source):
    with pytest.raises(InvalidEntryError, match=message):
        check_entry(LabEntry(D, marker, value, unit, ref))


@pytest.mark.parametrize(
    ("marker", "value", "unit", "ref", "source"),
    [
        ("c3", "49", "mg/dL", "90-180", "C3 range printed in mg/dL"),
        ("c3", "0.49", "g/L", "0.9-1.8", "C3 range printed in g/L"),
        ("crp", "2", "mg/L", "<3", "hs-CRP cut-off, a lab range 3x below the default stays"),
        (
            "anti_dsdna",
            "40",
            "IU/mL",
            "<100",
            "kits differ: a range far from the default but explained by no other unit stays",
        ),
        ("hemoglobin", "7.5", "mmol/L", "7.4-9.9", "Hb in mmol/L (1 g/dL = 0.6206 mmol/L)"),
    ],
)
def test_ranges_in_the_values_unit_stay_accepted(marker, value, unit, ref, source):
    assert check_entry(LabEntry(D, marker, value, unit, ref)).ref is not None


def test_the_command_line_refuses_and_writes_nothing(tmp_path: Path):
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
            "c3",
            "--value",
            "49",
            "--unit",
            "mg/dL",
            "--ref-low",
            "0.9",
            "--ref-high",
            "1.8",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "looks like g/L, the value is in mg/dL" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not db.exists()


HEADER = "date,kind,item,value,unit,ref_low,ref_high,lab,note,ref_range"


@pytest.mark.parametrize(
    ("row", "message", "source"),
    [
        (
            "2026-01-05,lab,c3,0.49,g/L,0.9,1.8,,,90-180",
            "printed range '90-180' and the lower",
            "red team: a ref_range text silently beat numeric limits that disagree",
        ),
        (
            "2026-01-05,lab,c3,49,mg/dL,,,,,0.9-1.8",
            "looks like g/L",
            "red team: the g/L range beside a mg/dL value through CSV",
        ),
    ],
)
def test_csv_refuses_a_contradicting_or_misplaced_range(repo, tmp_path, row, message, source):
    path = tmp_path / "in.csv"
    path.write_text(f"{HEADER}\n{row}\n", encoding="utf-8")
    with pytest.raises(ExchangeError, match=message):
        read_plan(path, repo)


def test_csv_with_agreeing_text_and_limits_is_read(repo, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(f"{HEADER}\n2026-01-05,lab,c3,0.49,g/L,0.9,1.8,,,0.9-1.8\n", encoding="utf-8")
    (entry,) = read_plan(path, repo).results
    assert entry.ref_range == "0.9-1.8"


def test_fhir_text_that_disagrees_with_its_limits_gives_no_range():
    # Source: red team: FHIR referenceRange text "90-180" beat low/high with units.
    c3 = get_marker("c3")
    item = {
        "referenceRange": [
            {
                "text": "90-180",
                "low": {"value": 0.9, "unit": "g/L"},
                "high": {"value": 1.8, "unit": "g/L"},
            }
        ]
    }
    reading = read_range(item, c3, c3.canonical_unit, None)
    assert reading.text is None
    assert "disagree" in (reading.remark or "")
    agreeing = {
        "referenceRange": [
            {
                "text": "0.9-1.8",
                "low": {"value": 0.9, "unit": "g/L"},
                "high": {"value": 1.8, "unit": "g/L"},
            }
        ]
    }
    assert read_range(agreeing, c3, c3.canonical_unit, None).text == "0.9-1.8"
