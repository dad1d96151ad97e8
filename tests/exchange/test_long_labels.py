"""A lab name, assay, pattern or event title is a label of at most 200 characters, and the
Excel export refuses (never cuts) a cell over Excel's 32,767 characters (red team, round 4:
40,003-character lab names and titles were imported and exported)."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from lupus_tracker.cli import main
from lupus_tracker.domain.entry import MAX_LABEL_CHARS, check_entry
from lupus_tracker.domain.records import Event, EventKind, InvalidEntryError, LabEntry
from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.xlsx_export import export_xlsx
from lupus_tracker.exchange.xlsx_writer import MAX_CELL_CHARS, Workbook
from lupus_tracker.store.repository import Repository

LONG = "A" * (MAX_LABEL_CHARS + 1)
HEADER = "date,kind,item,value,unit,ref_low,ref_high,lab,note,ref_range,assay,pattern,title\n"


@pytest.mark.parametrize("field", ["lab", "assay", "pattern"])
def test_the_entry_check_refuses_a_long_label(field):
    entry = LabEntry(date(2025, 1, 1), "c3", "80", "mg/dL", **{field: LONG})
    with pytest.raises(InvalidEntryError, match="201 characters; at most 200"):
        check_entry(entry)
    check_entry(LabEntry(date(2025, 1, 1), "c3", "80", "mg/dL", **{field: LONG[:-1]}))


def test_the_command_line_refuses_a_long_lab_name(tmp_path, capsys):
    db = tmp_path / "x.db"
    code = main(["add", "lab", "--db", str(db), "--date", "2025-01-01", "--marker", "c3",
                 "--value", "80", "--unit", "mg/dL", "--lab", LONG])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "lab name has 201 characters" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "row",
    [
        f"2025-01-01,lab,c3,80,mg/dL,,,{LONG},,,,,\n",
        f"2025-01-01,lab,c3,80,mg/dL,,,,,,{LONG},,\n",
        f"2025-01-03,event,other,,,,,,,,,,{LONG}\n",
    ],
)
def test_a_csv_import_with_a_long_label_is_refused_whole(tmp_path, capsys, row):
    csv = tmp_path / "in.csv"
    csv.write_text(HEADER + "2025-01-02,lab,c4,20,mg/dL,,,,,,,,\n" + row, encoding="utf-8")
    db = tmp_path / "x.db"
    assert main(["import", str(csv), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "201 characters" in err and len(err.strip().splitlines()) == 1
    assert not db.exists()


def test_a_fhir_import_skips_an_event_with_a_long_title_saying_why(tmp_path, capsys):
    source = tmp_path / "a.db"
    with Repository.open(source) as repo:
        repo.events.add(Event(None, date(2025, 1, 3), EventKind.OTHER, "Short title"))
    out = tmp_path / "a.json"
    assert main(["export", "--db", str(source), "--format", "fhir", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "Short title" in text
    out.write_text(text.replace("Short title", LONG), encoding="utf-8")
    json.loads(out.read_text(encoding="utf-8"))
    capsys.readouterr()
    target = tmp_path / "b.db"
    # a FHIR import skips a resource it cannot take, naming it and why (its contract)
    assert main(["import", str(out), "--db", str(target)]) == 0
    said = capsys.readouterr().out
    assert "skipped" in said and "The event title has 201 characters" in said
    with Repository.open(target) as repo:
        assert repo.events.all() == []


def test_the_store_refuses_a_long_event_title(repo):
    with pytest.raises(InvalidEntryError, match="event title"):
        repo.events.add(Event(None, date(2025, 1, 3), EventKind.OTHER, LONG))
    assert repo.events.all() == []


def test_the_workbook_refuses_a_cell_over_excels_limit_and_never_cuts():
    book = Workbook()
    sheet = book.create_sheet("Labs")
    sheet.append(["x" * MAX_CELL_CHARS])  # exactly the limit: kept
    with pytest.raises(ExchangeError, match=r"Cell B2 of the Labs sheet .* 32,768 characters"):
        sheet.append(["ok", "y" * (MAX_CELL_CHARS + 1)])
    with pytest.raises(ExchangeError):  # an emoji is two UTF-16 units in Excel
        sheet.append(["\U0001f600" * (MAX_CELL_CHARS // 2 + 1)])
    handle = io.BytesIO()
    book.save(handle)
    assert b"y" * 100 not in handle.getvalue()


def test_an_export_of_an_older_long_text_writes_no_file(repo, tmp_path):
    with repo.db.transaction() as conn:  # written before the limit existed
        repo.events.add(Event(None, date(2025, 1, 3), EventKind.OTHER, "t"))
        conn.execute("UPDATE events SET note = ?", ("n" * (MAX_CELL_CHARS + 1),))
    out = tmp_path / "all.xlsx"
    with pytest.raises(ExchangeError, match="an Excel cell holds at most 32,767"):
        export_xlsx(repo, out)
    assert not out.exists()
