"""Excel export: sheets per kind, real dates, units in headers, no formulas ever."""

from __future__ import annotations

from datetime import date, datetime

from openpyxl import load_workbook

from lupus_tracker.domain.records import LabEntry, Medication
from lupus_tracker.exchange.xlsx_export import export_xlsx
from lupus_tracker.store.repository import Repository


def test_workbook(demo_repo, tmp_path):
    demo_repo.results.add(
        LabEntry(date(2026, 6, 29), "c3", "0.7", "g/L", note='=HYPERLINK("http://evil")')
    )
    demo_repo.treatments.add(Medication(None, "+SUM(A1:A9)", date(2026, 6, 1)))
    out = tmp_path / "all.xlsx"
    export_xlsx(demo_repo, out)
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    book = load_workbook(out)
    assert book.sheetnames == [
        "Summary",
        "Labs",
        "Vitals",
        "Symptoms",
        "Medications",
        "Events",
        "Diary",
        "SLEDAI-2K",
        "Lab trends",
    ]
    labs = book["Labs"]
    assert [c.value for c in labs[1]][:4] == ["Date", "Marker", "Value (as printed)", "Unit"]
    assert isinstance(labs["A2"].value, datetime)
    formulas = [
        c.coordinate
        for sheet in book
        for row in sheet.iter_rows()
        for c in row
        if c.data_type == "f"
    ]
    assert formulas == []
    notes = [c.value for c in labs["I"] if c.value]
    assert '=HYPERLINK("http://evil")' in notes
    trends = book["Lab trends"]
    headers = [c.value for c in trends[1]]
    assert "C3 (g/L)" in headers and "Albumin (g/L)" in headers
    summary = [[c.value for c in row] for row in book["Summary"].iter_rows()]
    assert summary[1][:2] == ["Patient", "Demo Patient (Maria Example)"]
    # 0.7 g/L without a range printed by the lab: judged against the usual range, and says so
    assert any(row[0] == "Complement C3" and row[5] == "LOW (usual range)" for row in summary)
    symptoms = book["Symptoms"]
    assert isinstance(symptoms["C2"].value, int)


def test_vitals_are_numbers_and_the_labs_egfr_comes_first(repo, tmp_path):
    from lupus_tracker.domain.records import Source

    repo.results.add_many(
        [
            LabEntry(date(2026, 6, 1), "weight", "66.5", "kg"),
            LabEntry(date(2026, 6, 1), "egfr", "72", "mL/min/{1.73_m2}"),
        ]
    )
    repo.results.replace_computed(
        "egfr",
        [
            LabEntry(
                date(2026, 6, 1),
                "egfr",
                "83",
                "mL/min/{1.73_m2}",
                assay="CKD-EPI 2021 (computed)",
                source=Source.COMPUTED,
            )
        ],
    )
    out = tmp_path / "v.xlsx"
    export_xlsx(repo, out)
    book = load_workbook(out)
    assert book["Vitals"]["C2"].value == 66.5  # a number, not the text "66.5"
    trends = book["Lab trends"]
    headers = [c.value for c in trends[1]]
    column = headers.index(next(h for h in headers if h.startswith("eGFR"))) + 1
    assert trends.cell(2, column).value == 72


def test_export_reads_one_snapshot(repo, tmp_path, monkeypatch):
    """A write committed while the export runs is not half in it."""
    from lupus_tracker.domain.records import Profile
    from lupus_tracker.exchange import csv_export

    repo.profile.set(Profile("Maria Example"))  # the first row, read before the results
    repo.results.add(LabEntry(date(2026, 6, 1), "c3", "0.7", "g/L"))
    real_rows = csv_export.rows
    other = Repository.open(repo.db.path)

    def rows_with_a_write_in_between(r):
        for index, row in enumerate(real_rows(r)):
            if index == 0:
                other.results.add(LabEntry(date(2026, 6, 2), "c4", "0.2", "g/L"))
            yield row

    monkeypatch.setattr(csv_export, "rows", rows_with_a_write_in_between)
    out = tmp_path / "s.csv"
    try:
        csv_export.export_csv(repo, out)
    finally:
        other.close()
    text = out.read_text(encoding="utf-8-sig")
    assert ",lab,c3," in text and ",lab,c4," not in text  # not "c4" alone: a UUID may hold it


def test_labs_and_vitals_sheets_show_time_and_where_the_flag_comes_from(repo, tmp_path):
    from lupus_tracker.exchange.formats import read_plan
    from lupus_tracker.exchange.plan import apply_plan
    from tests.exchange.synthea_helpers import SYNTHEA

    apply_plan(repo, read_plan(SYNTHEA / "Bambi_Murray.json", repo))
    out = tmp_path / "b.xlsx"
    export_xlsx(repo, out)
    book = load_workbook(out)
    for title in ("Labs", "Vitals"):
        rows = list(book[title].iter_rows(values_only=True))
        assert rows[0][-2:] == ("Time", "Flag")
        assert any(
            row[-2] == "21:51" and str(row[-1]).endswith("(usual range)") for row in rows[1:]
        )
