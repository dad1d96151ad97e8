"""``lupus-tracker export`` and ``import`` from the command line."""

from __future__ import annotations

from datetime import date

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
    assert (
        main(
            [
                "export",
                "--db",
                str(tmp_path / "absent.sqlite"),
                "--format",
                "csv",
                "--out",
                str(tmp_path / "x.csv"),
            ]
        )
        == 2
    )
    assert not (tmp_path / "x.csv").exists()
    with Repository.open(target) as repo:
        assert repo.is_empty()


def test_dry_run_and_refused_import_create_no_file(tmp_path, capsys):
    from tests.exchange.synthea_helpers import SYNTHEA, load, write

    target = tmp_path / "new.sqlite"
    source = SYNTHEA / "Danae_Kshlerin.json"
    assert main(["import", str(source), "--db", str(target), "--dry-run"]) == 0
    assert not target.exists() and not list(tmp_path.glob("new.sqlite*"))
    both = write(
        tmp_path,
        {
            "resourceType": "Bundle",
            "type": "collection",
            "entry": load("Bambi_Murray")["entry"] + load("Danae_Kshlerin")["entry"],
        },
    )
    capsys.readouterr()
    assert main(["import", str(both), "--db", str(target)]) == 2
    err = capsys.readouterr().err
    assert "holds 2 patients" in err and "--patient" in err and len(err.splitlines()) == 1
    assert not list(tmp_path.glob("new.sqlite*"))
    assert (
        main(
            [
                "import",
                str(both),
                "--db",
                str(target),
                "--patient",
                "87a339d0-8cae-418e-89c7-8651e6aab3c6",
            ]
        )
        == 0
    )
    with Repository.open(target) as repo:
        assert repo.profile.get().name == "Danae Kshlerin"
        assert repo.counts()["results"] > 50


def test_conflicts_listed_default_keeps_database_replace_takes_file(tmp_path, capsys):
    import csv
    from datetime import date

    from lupus_tracker.domain.records import SymptomEntry

    target = tmp_path / "db.sqlite"
    with Repository.open(target) as repo:
        repo.diary.log_many([SymptomEntry(date(2024, 3, 1), "fatigue", 3)])
        repo.settings.set("unit.crp", "mg/L")
    source = tmp_path / "in.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["date", "kind", "item", "value", "unit", "ref_low", "ref_high", "lab", "note"]
        )
        writer.writerow(
            ["2024-03-01", "symptom", "fatigue", "9", "0-10", "", "", "", "worst day ever"]
        )
        writer.writerow(["2024-03-02", "symptom", "fatigue", "4", "0-10", "", "", "", ""])
        writer.writerow(["2024-03-02", "symptom", "fatigue", "5", "0-10", "", "", "", ""])
        writer.writerow(["", "setting", "unit.crp", "mg/dL", "", "", "", "", ""])
    assert main(["import", str(source), "--db", str(target)]) == 0
    out = capsys.readouterr().out
    assert "conflict: Fatigue on 2024-03-01: kept severity 3" in out
    assert "twice in the file" in out and "settings not imported" in out
    assert "Imported 1 records" in out
    with Repository.open(target) as repo:
        assert repo.diary.day(date(2024, 3, 1)).entries[0].severity == 3
        assert repo.settings.get("unit.crp") == "mg/L"
    assert (
        main(
            [
                "import",
                str(source),
                "--db",
                str(target),
                "--on-conflict",
                "replace",
                "--include-settings",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "the file's severity 9" in out
    with Repository.open(target) as repo:
        assert repo.diary.day(date(2024, 3, 1)).entries[0].severity == 9
        assert repo.settings.get("unit.crp") == "mg/dL"


def _near_twins(db) -> None:
    """Five results of one morning that differ only in lab, assay or note."""
    base = ["add", "lab", "--db", str(db), "--date", "2026-01-05"]
    for extra in (
        ["--marker", "crp", "--value", "3", "--lab", "Lab A"],
        ["--marker", "crp", "--value", "3", "--lab", "Lab B"],
        ["--marker", "crp", "--value", "3", "--lab", "Lab B", "--assay", "hs"],
        ["--marker", "systolic_bp", "--value", "120", "--note", "morning"],
        ["--marker", "systolic_bp", "--value", "120", "--note", "evening"],
    ):
        assert main(base + extra) == 0


def _described(db) -> list[tuple]:
    with Repository.open(db) as repo:
        return sorted(
            (str(r.taken_on), r.marker, r.value_text, r.lab or "", r.assay or "", r.note or "")
            for r in repo.results.all()
        )


def test_near_twin_results_all_come_back_and_reimport_adds_nothing(tmp_path, capsys):
    source = tmp_path / "rt3.db"
    _near_twins(source)
    assert len(_described(source)) == 5
    for fmt in ("csv", "fhir"):
        out = tmp_path / f"rt3.{fmt}"
        assert main(["export", "--db", str(source), "--format", fmt, "--out", str(out)]) == 0
        target = tmp_path / f"rt3b-{fmt}.db"
        assert main(["import", "--db", str(target), str(out)]) == 0
        assert _described(target) == _described(source), fmt
        capsys.readouterr()
        assert main(["import", "--db", str(target), str(out)]) == 0
        assert "nothing new" in capsys.readouterr().out
        assert _described(target) == _described(source), fmt


def test_list_shows_time_printed_precision_kdigo_stage_and_usual_range(tmp_path, capsys):
    """Bambi Murray's real Synthea bundle: machine-long values, times of day, default
    ranges; an eGFR of 60-89 is named by its KDIGO stage, never bare 'normal'."""
    import csv
    import io

    from lupus_tracker.domain.records import LabEntry, Profile
    from tests.exchange.synthea_helpers import SYNTHEA

    db = tmp_path / "b.sqlite"
    assert main(["import", str(SYNTHEA / "Bambi_Murray.json"), "--db", str(db)]) == 0
    with Repository.open(db) as repo:
        repo.profile.set(Profile("B", repo.profile.get().birth_date, "female"))
        repo.results.add_many(
            [
                LabEntry(
                    date(2024, 5, 6),
                    "egfr",
                    "72",
                    "mL/min/{1.73_m2}",
                    ">=60",
                    "City Lab",
                    taken_at="09:45",
                )
            ]
        )
    capsys.readouterr()
    assert main(["list", "--db", str(db), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    first = next(r for r in rows if r["marker"] == "creatinine")
    assert first["time"] == "21:51" and first["value"] == "0.65"  # 0.6548533722229765
    assert first["flag"] == "normal (usual range)"
    lab_egfr = next(r for r in rows if r["lab"] == "City Lab")
    assert lab_egfr["flag"] == "KDIGO G2: mildly decreased" and lab_egfr["time"] == "09:45"
    hba1c = [r["flag"] for r in rows if r["marker"] == "hba1c"]
    assert "HIGH (usual range)" in hba1c and "HIGH" not in hba1c
    assert main(["list", "--db", str(db), "--marker", "egfr"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:3] == ["date", "time", "marker"]
    assert any("09:45" in line and "KDIGO G2" in line for line in table)
