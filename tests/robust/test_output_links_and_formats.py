"""Red-team findings on output files (round 2, item 5): an export through a symlink writes
the link's target and keeps the link; a dangling link is refused; Excel bytes never go
into a file named .csv, and import goes by content, not by the name alone."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lupus_tracker.cli import main


def test_export_through_a_symlink_writes_its_target(demo_file: Path, tmp_path: Path):
    target = tmp_path / "real" / "all.csv"
    target.parent.mkdir()
    target.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert main(["export", "--db", str(demo_file), "--format", "csv", "--out", str(link)]) == 0
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert target.read_text() != "old\n" and len(target.read_text()) > 1000


def test_export_to_a_dangling_link_is_refused(demo_file: Path, tmp_path: Path, capsys):
    link = tmp_path / "gone.csv"
    link.symlink_to(tmp_path / "nowhere" / "x.csv")
    assert main(["export", "--db", str(demo_file), "--format", "csv", "--out", str(link)]) == 2
    err = capsys.readouterr().err
    assert "link" in err and len(err.strip().splitlines()) == 1
    assert link.is_symlink() and not link.exists()  # still a dangling link, nothing written


def test_excel_into_a_csv_name_is_refused(demo_file: Path, tmp_path: Path, capsys):
    out = tmp_path / "x.csv"
    assert main(["export", "--db", str(demo_file), "--format", "xlsx", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert ".csv" in err and "xlsx" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()
    assert (
        main(
            ["export", "--db", str(demo_file), "--format", "csv", "--out", str(tmp_path / "x.xlsx")]
        )
        == 2
    )
    assert not (tmp_path / "x.xlsx").exists()


def test_import_sniffs_excel_content_under_a_csv_name(tmp_path: Path, capsys):
    disguised = tmp_path / "results.csv"
    with zipfile.ZipFile(disguised, "w") as archive:  # what an .xlsx is
        archive.writestr("[Content_Types].xml", "<Types/>")
    db = tmp_path / "mine.sqlite"
    assert main(["import", "--db", str(db), str(disguised)]) == 2
    err = capsys.readouterr().err
    assert "Excel" in err and len(err.strip().splitlines()) == 1
