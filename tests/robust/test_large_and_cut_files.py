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

KEYS = ("fatigue", "joint_pain", "rash", "headache", "nausea", "swelling", "hair_loss",
        "muscle_pain", "raynauds", "mouth_ulcers")


@pytest.mark.slow
def test_a_million_rows_with_one_bad_row_at_the_end(repo, tmp_path):
    path = tmp_path / "million.csv"
    first = date(1900, 1, 2).toordinal()
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["date", "kind", "item", "value", "unit", "ref_low", "ref_high",
                         "lab", "note"])
        for i in range(1_000_000):
            writer.writerow([date.fromordinal(first + i // 10).isoformat(), "symptom",
                             KEYS[i % 10], i % 11, "", "", "", "", ""])
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
