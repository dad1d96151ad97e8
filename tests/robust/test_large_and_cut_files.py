"""A million-row file and files cut at a random byte: clear refusals, nothing written."""

from __future__ import annotations

import csv
import random
from datetime import date

import pytest

from lupus_tracker.exchange.csv_export import export_csv
from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.fhir_export import export_fhir
from lupus_tracker.exchange.formats import read_plan

KEYS = (
    "fatigue",
    "joint_pain",
    "rash",
    "headache",
    "nausea",
    "swelling",
    "hair_loss",
    "muscle_pain",
    "raynauds",
    "mouth_ulcers",
)
LABS = (
    ("c3", "0.95", "g/L"),
    ("c4", "0.21", "g/L"),
    ("albumin", "41", "g/L"),
    ("hemoglobin", "12.9", "g/dL"),
    ("wbc", "5.2", "10*9/L"),
    ("platelets", "231", "10*9/L"),
    ("crp", "3.1", "mg/L"),
    ("esr", "12", "mm/h"),
    ("creatinine", "0.81", "mg/dL"),
    ("lymphocytes", "1.6", "10*9/L"),
    ("urine_rbc", "2", "/[HPF]"),
    ("urine_wbc", "1", "/[HPF]"),
    ("anti_dsdna", "12", "[IU]/mL"),
    ("systolic_bp", "118", "mm[Hg]"),
    ("diastolic_bp", "76", "mm[Hg]"),
)


@pytest.mark.slow
def test_a_million_rows_with_one_bad_row_at_the_end(repo, tmp_path):
    path = tmp_path / "million.csv"
    first = date(1900, 1, 2).toordinal()
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["date", "kind", "item", "value", "unit", "ref_low", "ref_high", "lab", "note"]
        )
        # 25 rows a day (10 symptoms, 15 lab results) keep a million rows in the past.
        for i in range(1_000_000):
            day = date.fromordinal(first + i // 25).isoformat()
            slot = i % 25
            if slot < 10:
                writer.writerow([day, "symptom", KEYS[slot], i % 11, "", "", "", "", ""])
            else:
                marker, value, unit = LABS[slot - 10]
                writer.writerow([day, "lab", marker, value, unit, "", "", "", ""])
        writer.writerow(["2024-01-01", "symptom", "fatigue", "eleven", "", "", "", "", ""])
    with pytest.raises(ExchangeError, match="Row 1000002"):
        read_plan(path, repo)
    assert repo.is_empty()


@pytest.mark.parametrize("export", [export_csv, export_fhir])
def test_files_cut_at_random_bytes(demo_repo, repo, tmp_path, export):
    whole = tmp_path / "whole"
    export(demo_repo, whole)
    data = whole.read_bytes()
    rng = random.Random(3)
    complete = read_plan(whole, repo).total
    for cut in sorted(rng.sample(range(1, len(data) - 1), 25)):
        part = tmp_path / f"cut{whole.suffix}"
        part.write_bytes(data[:cut])
        try:
            plan = read_plan(part, repo)
        except ExchangeError as error:
            assert str(error)
        else:  # a CSV cut exactly between rows is a shorter, valid file
            assert export is export_csv and plan.total <= complete
        assert repo.is_empty()
