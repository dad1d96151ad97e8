"""A file name that says another format than the one written is refused by the command
line (``export --out``, ``report --out``): one line on stderr, exit 2, nothing written."""

from __future__ import annotations

import pytest

from lupus_tracker.cli import main


@pytest.mark.parametrize("name", ["visit.csv", "visit.xlsx", "visit.json", "visit.html"])
def test_report_out_must_name_a_pdf(demo_file, tmp_path, capsys, name):
    out = tmp_path / name
    assert main(["report", "--db", str(demo_file), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert f"{name} ends in {out.suffix}, but the format is pdf" in err
    assert "Nothing was written" in err and "\n" not in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("fmt", "name"), [("csv", "all.xlsx"), ("xlsx", "all.csv"), ("fhir", "all.pdf")]
)
def test_export_out_must_name_its_format(demo_file, tmp_path, capsys, fmt, name):
    out = tmp_path / name
    assert main(["export", "--db", str(demo_file), "--format", fmt, "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert f"but the format is {fmt}" in err and "\n" not in err
    assert not out.exists()
