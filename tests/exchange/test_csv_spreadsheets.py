"""CSV as real spreadsheets save it: a byte-order mark, UTF-16, Windows-1252, semicolons
and decimal commas (European Excel), dates in another format."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from lupus_tracker.domain.records import LabEntry
from lupus_tracker.exchange.csv_export import export_csv
from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.formats import read_plan

HEADER = "date,kind,item,value,unit,ref_low,ref_high,lab,note"


def test_export_has_a_bom_and_reimports(repo, tmp_path):
    repo.results.add_many([LabEntry(date(2024, 1, 2), "platelets", "250", "10*9/L")])
    out = tmp_path / "x.csv"
    export_csv(repo, out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "×10⁹/L".encode() in data
    assert read_plan(out, repo).duplicates == 1


@pytest.mark.parametrize(
    ("encoding", "note"),
    [
        ("utf-16-le", "utf-16-le (no byte-order mark)"),
        ("utf-16", "utf-16"),
        ("cp1252", "cp1252"),
    ],
)
def test_encodings_are_detected_and_named(repo, tmp_path, encoding, note):
    path = tmp_path / "in.csv"
    text = f"{HEADER}\r\n2024-01-02,lab,c3,0.8,g/L,,,Labor Zürich,\r\n"
    path.write_bytes(text.encode(encoding))
    plan = read_plan(path, repo)
    assert plan.encoding.startswith(note)
    assert plan.results[0].lab == "Labor Zürich"


def test_semicolons_and_decimal_commas_from_european_excel(repo, tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(
        (
            "\ufeff" + HEADER.replace(",", ";") + "\r\n2024-01-02;lab;c3;0,62;g/L;0,9;1,8;;\r\n"
        ).encode("utf-8")
    )
    plan = read_plan(path, repo)
    (result,) = plan.results
    assert (result.value, result.ref_range) == ("0,62", "0.9-1.8")
    assert "semicolons" in plan.encoding


def test_a_date_in_another_format_names_the_row_and_the_expected_form(repo, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(
        f"{HEADER}\n2024-01-02,lab,c3,0.8,g/L,,,,\n02/01/2024,lab,c3,0.9,g/L,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(ExchangeError, match=r"Row 3 .*YYYY-MM-DD"):
        read_plan(path, repo)


def test_list_neutralises_csv_escapes_the_table_and_survives_a_closed_pipe(repo, tmp_path):
    repo.results.add_many(
        [
            LabEntry(date(2024, 1, 2), "c3", "0.8", "g/L", note='=HYPERLINK("http://x")'),
            LabEntry(date(2024, 1, 3), "c3", "0.9", "g/L", note="line one\nline two \u202egnp.exe"),
        ]
        + [LabEntry(date(2024, 2, d), "c4", "0.2", "g/L") for d in range(1, 28)]
    )
    db = str(repo.db.path)
    run = [sys.executable, "-m", "lupus_tracker", "list", "--db", db]
    csv_out = subprocess.run(
        [*run, "--format", "csv"], capture_output=True, text=True, check=True
    ).stdout
    assert "'=HYPERLINK" in csv_out and ",=HYPERLINK" not in csv_out
    table = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    assert "line one\\nline two \\u202egnp.exe" in table
    assert "\u202e" not in table and len(table.splitlines()) == 2 + 29
    from datetime import timedelta

    repo.results.add_many(
        [
            LabEntry(date(2000, 1, 1) + timedelta(days=d), "c4", "0.2", "g/L", note="x" * 80)
            for d in range(2000)
        ]
    )  # beyond a pipe buffer
    piped = subprocess.run(f"{' '.join(run)} | head -1", shell=True, capture_output=True, text=True)
    assert piped.stderr == "" and piped.returncode == 0
