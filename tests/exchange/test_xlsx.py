"""Excel export: sheets per kind, real dates, units in headers, no formulas ever."""

from __future__ import annotations

from datetime import date, datetime

from openpyxl import load_workbook

from lupus_tracker.domain.records import LabEntry, Medication
from lupus_tracker.exchange.xlsx_export import export_xlsx


def test_workbook(demo_repo, tmp_path):
    demo_repo.results.add(LabEntry(date(2026, 6, 29), "c3", "0.7", "g/L",
                                  note="=HYPERLINK(\"http://evil\")"))
    demo_repo.treatments.add(Medication(None, "+SUM(A1:A9)", date(2026, 6, 1)))
    out = tmp_path / "all.xlsx"
    export_xlsx(demo_repo, out)
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    book = load_workbook(out)
    assert book.sheetnames == ["Summary", "Labs", "Vitals", "Symptoms", "Medications",
                               "Events", "Diary", "Lab trends"]
    labs = book["Labs"]
    assert [c.value for c in labs[1]][:4] == ["Date", "Marker", "Value (as printed)", "Unit"]
    assert isinstance(labs["A2"].value, datetime)
    formulas = [c.coordinate for sheet in book for row in sheet.iter_rows() for c in row
                if c.data_type == "f"]
    assert formulas == []
    notes = [c.value for c in labs["I"] if c.value]
    assert "=HYPERLINK(\"http://evil\")" in notes
    trends = book["Lab trends"]
    headers = [c.value for c in trends[1]]
    assert "C3 (g/L)" in headers and "Albumin (g/L)" in headers
    summary = [[c.value for c in row] for row in book["Summary"].iter_rows()]
    assert summary[1][:2] == ["Patient", "Demo Patient (Maria Example)"]
    assert any(row[0] == "Complement C3" and row[5] in ("LOW", "NORMAL") for row in summary)
    symptoms = book["Symptoms"]
    assert isinstance(symptoms["C2"].value, int)
