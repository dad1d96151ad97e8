"""``lupus-tracker export`` and ``import`` from the command line."""

from __future__ import annotations

from lupus_tracker.cli import main
from lupus_tracker.store.repository import Repository


def test_export_each_format_and_import_back(demo_file, tmp_path, capsys):
    for fmt in ("csv", "xlsx", "fhir"):
        out = tmp_path / f"all.{fmt}"
        assert main(["export", "--db", str(demo_file), "--format", fmt, "--out", str(out)]) == 0
        assert out.stat().st_size > 1000
    target = tmp_path / "new.sqlite"
    assert main(["import", str(tmp_path / "all.csv"), "--db", str(target), "--dry-run"]) == 0
    assert "Dry run" in capsys.readouterr().out
    with Repository.open(target) as repo:
        assert repo.is_empty()
    assert main(["import", str(tmp_path / "all.csv"), "--db", str(target)]) == 0
    assert main(["import", str(tmp_path / "all.csv"), "--db", str(target)]) == 0
    out = capsys.readouterr().out
    assert "nothing new" in out
    with Repository.open(target) as repo, Repository.open(demo_file) as demo:
        assert repo.counts() == demo.counts()


def test_bad_files_exit_2_and_write_nothing(tmp_path, capsys):
    target = tmp_path / "t.sqlite"
    broken = tmp_path / "broken.json"
    broken.write_text('{"resourceType": "Bundle", "entry": [')
    assert main(["import", str(broken), "--db", str(target)]) == 2
    err = capsys.readouterr().err
    assert "not valid JSON" in err and len(err.strip().splitlines()) == 1
    assert main(["import", str(tmp_path / "absent.csv"), "--db", str(target)]) == 2
    assert main(["export", "--db", str(tmp_path / "absent.sqlite"), "--format", "csv",
                 "--out", str(tmp_path / "x.csv")]) == 2
    assert not (tmp_path / "x.csv").exists()
    with Repository.open(target) as repo:
        assert repo.is_empty()
