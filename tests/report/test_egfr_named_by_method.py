"""A computed eGFR is named by the equation actually used (issue 12 item 8, clin2 brief): a
15-year-old's eGFR, computed by the bedside Schwartz equation (Schwartz et al., JASN 2009)
from creatinine and height, reads "bedside Schwartz" in the list, the chart, the visit
report, the CSV/Excel/FHIR exports, and never "CKD-EPI 2021" (an adult equation, Inker et
al., NEJM 2021); an adult's still reads "eGFR (CKD-EPI 2021)". The rule is one function,
domain.egfr.result_name. ``lupus-tracker list`` prints the same profile hint as ``add lab``.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from lupus_tracker.charts.series import prepare_marker
from lupus_tracker.cli import main
from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.egfr import (
    COMPUTED_ASSAY,
    SCHWARTZ_ASSAY,
    SCHWARTZ_NAME,
    result_name,
    results_name,
)
from lupus_tracker.domain.records import LabEntry, Profile, Sex
from lupus_tracker.store.repository import Repository

EGFR = get_marker("egfr")
DAY = date(2026, 10, 2)


@pytest.mark.parametrize(
    ("assay", "short", "expected"),
    [
        (SCHWARTZ_ASSAY, False, "eGFR (bedside Schwartz)"),
        (SCHWARTZ_ASSAY, True, "eGFR (bedside Schwartz)"),
        (COMPUTED_ASSAY, False, "eGFR (CKD-EPI 2021)"),
        (COMPUTED_ASSAY, True, "eGFR"),
        (None, False, "eGFR (CKD-EPI 2021)"),
    ],
)
def test_the_name_follows_the_method(assay, short, expected):
    assert result_name(EGFR, assay, short=short) == expected


def test_a_schwartz_assay_on_another_marker_changes_nothing():
    assert result_name(get_marker("creatinine"), SCHWARTZ_ASSAY) == "Serum creatinine"


def test_a_chart_of_mixed_methods_is_named_neutrally():
    assert results_name(EGFR, [SCHWARTZ_ASSAY, SCHWARTZ_ASSAY]) == SCHWARTZ_NAME
    assert results_name(EGFR, [SCHWARTZ_ASSAY, COMPUTED_ASSAY]) == "eGFR"
    assert results_name(EGFR, [COMPUTED_ASSAY]) == "eGFR (CKD-EPI 2021)"


def _patient(path, birth: date) -> None:
    """A patient with a height and a creatinine: the store computes the eGFR."""
    with Repository.open(path) as repo:
        repo.profile.set(Profile(birth_date=birth, sex=Sex.FEMALE))
        repo.results.add(LabEntry(date(2026, 10, 1), "height", "160", unit="cm"))
        repo.results.add(LabEntry(DAY, "creatinine", "0.6", unit="mg/dL"))


def _views(tmp_path, capsys, read_pdf=None) -> dict[str, str]:
    """Where the computed eGFR is named: each view's text."""
    db = tmp_path / "p.sqlite"
    views: dict[str, str] = {}
    assert main(["list", "--db", str(db)]) == 0
    views["list"] = capsys.readouterr().out
    with Repository.open(db) as repo:
        results = repo.results.all(markers=["egfr"])
    (egfr,) = results
    data = prepare_marker(EGFR, results, EGFR.canonical_unit, Sex.FEMALE)
    views["chart"] = " | ".join([data.name, data.title, *(s.label for s in data.series)])
    out = tmp_path / "x.json"
    assert main(["export", "--db", str(db), "--format", "fhir", "--out", str(out)]) == 0
    (obs,) = [
        e["resource"]
        for e in json.loads(out.read_text())["entry"]
        if e["resource"]["resourceType"] == "Observation"
        and "mL/min" in str(e["resource"].get("valueQuantity"))
    ]
    views["fhir"] = json.dumps([obs["code"], obs.get("method")])
    csv_out = tmp_path / "x.csv"
    assert main(["export", "--db", str(db), "--format", "csv", "--out", str(csv_out)]) == 0
    rows = [r for r in csv.DictReader(io.StringIO(csv_out.read_text())) if r["item"] == "egfr"]
    views["csv"] = json.dumps(rows)
    xlsx_out = tmp_path / "x.xlsx"
    assert main(["export", "--db", str(db), "--format", "xlsx", "--out", str(xlsx_out)]) == 0
    from openpyxl import load_workbook

    summary = load_workbook(xlsx_out)["Summary"]
    views["xlsx"] = " | ".join(
        str(row[0]) for row in summary.iter_rows(values_only=True) if "eGFR" in str(row[0])
    )
    if read_pdf is not None:
        pdf = tmp_path / "r.pdf"
        assert main(["report", "--db", str(db), "--out", str(pdf), "--since", "2026-01-01"]) == 0
        capsys.readouterr()
        views["report"] = read_pdf(pdf).flat()
    assert egfr.value_text  # the eGFR was computed
    return views


def test_a_15_year_old_reads_bedside_schwartz_everywhere(tmp_path, capsys, read_pdf):
    _patient(tmp_path / "p.sqlite", date(2011, 3, 1))  # 15 on the creatinine's day
    views = _views(tmp_path, capsys, read_pdf)
    for where, text in views.items():
        assert "CKD-EPI 2021" not in text, where
        assert "98979-8" not in text, where
        assert "bedside schwartz" in text.lower(), where
    assert "eGFR (bedside Schwartz)" in views["list"]
    assert "eGFR (bedside Schwartz)" in views["report"]
    assert views["xlsx"] == "eGFR (bedside Schwartz)"
    code = json.loads(views["fhir"])[0]
    assert code == {"text": "eGFR (bedside Schwartz)"}  # no LOINC code could be verified


def test_an_adult_still_reads_ckd_epi_2021(tmp_path, capsys):
    _patient(tmp_path / "p.sqlite", date(1980, 3, 1))
    views = _views(tmp_path, capsys)
    for where, text in views.items():
        assert "schwartz" not in text.lower(), where
    assert "eGFR (CKD-EPI 2021)" in views["chart"]
    assert views["xlsx"] == "eGFR (CKD-EPI 2021)"
    assert "98979-8" in views["fhir"] and "CKD-EPI 2021" in views["fhir"]


def test_list_prints_the_profile_hint_of_add_lab(tmp_path, capsys):
    db = tmp_path / "p.sqlite"
    args = ["--db", str(db), "--date", "2026-10-02", "--marker", "creatinine"]
    assert main(["add", "lab", *args, "--value", "0.6", "--unit", "mg/dL"]) == 0
    hint = capsys.readouterr().err.strip()
    assert hint.startswith("Hint:") and "--birth-date" in hint
    assert main(["list", "--db", str(db), "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert captured.err.strip() == hint
    assert "Hint" not in captured.out  # the CSV stays clean
    with Repository.open(db) as repo:
        repo.profile.set(Profile(birth_date=date(1980, 3, 1), sex=Sex.FEMALE))
    assert main(["list", "--db", str(db)]) == 0
    assert capsys.readouterr().err == ""


def test_list_prints_no_hint_when_no_shown_result_needs_the_profile(tmp_path, capsys):
    db = tmp_path / "p.sqlite"
    with Repository.open(db) as repo:
        repo.results.add(LabEntry(DAY, "c3", "0.9", unit="g/L"))
    assert main(["list", "--db", str(db)]) == 0
    assert capsys.readouterr().err == ""
