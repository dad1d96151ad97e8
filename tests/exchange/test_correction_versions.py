"""An older amended result never overwrites a newer correction (red-team fix round): an
amendment or correction replaces the stored one only when it is newer (``issued``, else
``meta.lastUpdated``); an older one is skipped with the reason; when a time is missing the
app does not decide. The message names the real status (corrected or amended)."""

from __future__ import annotations

import json
from pathlib import Path

from lupus_tracker.cli import main
from lupus_tracker.store.repository import Repository


def observation_file(
    tmp_path: Path, name: str, status: str, value: float, issued: str | None = None
) -> Path:
    observation: dict = {
        "resourceType": "Observation",
        "status": status,
        "identifier": [{"system": "http://lab.example/ids", "value": "C3-1"}],
        "code": {"coding": [{"system": "http://loinc.org", "code": "4485-9"}]},
        "effectiveDateTime": "2026-10-01",
        "valueQuantity": {"value": value, "unit": "g/L", "system": "http://unitsofmeasure.org",
                          "code": "g/L"},
    }  # fmt: skip
    if issued:
        observation["issued"] = issued
    bundle = {"resourceType": "Bundle", "type": "collection",
              "entry": [{"resource": observation}]}  # fmt: skip
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    return path


def imported(db: Path, *files: Path) -> list[str]:
    for file in files:
        assert main(["import", "--db", str(db), str(file)]) == 0
    with Repository.open(db) as repo:
        return [r.value_text for r in repo.results.all()]


def test_an_older_amendment_does_not_replace_a_newer_correction(tmp_path, capsys):
    final = observation_file(tmp_path, "f1", "final", 0.85)
    corrected = observation_file(tmp_path, "f2c", "corrected", 0.45, "2026-10-03T10:00:00Z")
    amended = observation_file(tmp_path, "f2a", "amended", 0.55, "2026-10-02T10:00:00Z")
    db = tmp_path / "v.sqlite"
    assert imported(db, final, corrected) == ["0.45"]
    assert "corrected: 0.45 g/L replaces 0.85" in capsys.readouterr().out
    assert imported(db, amended) == ["0.45"]
    out = capsys.readouterr().out
    assert "amended: 0.55 g/L not applied: older (2026-10-02T10:00:00Z)" in out
    assert "replaces 0.45" not in out


def test_a_newer_correction_replaces_an_older_amendment(tmp_path, capsys):
    final = observation_file(tmp_path, "f1", "final", 0.85)
    amended = observation_file(tmp_path, "f2a", "amended", 0.55, "2026-10-02T10:00:00Z")
    corrected = observation_file(tmp_path, "f2c", "corrected", 0.45, "2026-10-03T10:00:00Z")
    assert imported(tmp_path / "v.sqlite", final, amended, corrected) == ["0.45"]


def test_without_times_the_app_does_not_decide_between_two_corrections(tmp_path, capsys):
    final = observation_file(tmp_path, "f1", "final", 0.85)
    first = observation_file(tmp_path, "c1", "corrected", 0.45)
    second = observation_file(tmp_path, "c2", "amended", 0.55)
    assert imported(tmp_path / "v.sqlite", final, first, second) == ["0.45"]
    assert "which is newer is not known" in capsys.readouterr().out


def test_in_one_file_the_newer_version_is_kept_whatever_the_order(tmp_path, capsys):
    corrected = json.loads(
        observation_file(tmp_path, "c", "corrected", 0.45, "2026-10-03T10:00:00Z").read_text()
    )
    amended = json.loads(
        observation_file(tmp_path, "a", "amended", 0.55, "2026-10-02T10:00:00Z").read_text()
    )
    both = {**corrected, "entry": corrected["entry"] + amended["entry"]}
    path = tmp_path / "both.json"
    path.write_text(json.dumps(both), encoding="utf-8")
    assert imported(tmp_path / "v.sqlite", path) == ["0.45"]


def test_a_skipped_item_with_a_known_code_is_named(tmp_path, capsys):
    """Red-team fix round: a skipped C3 without a display text was "(no name)"."""
    path = observation_file(tmp_path, "nounit", "final", 0.85)
    bundle = json.loads(path.read_text())
    del bundle["entry"][0]["resource"]["valueQuantity"]["unit"]
    del bundle["entry"][0]["resource"]["valueQuantity"]["code"]
    path.write_text(json.dumps(bundle), encoding="utf-8")
    main(["import", "--db", str(tmp_path / "v.sqlite"), "--dry-run", str(path)])
    out = capsys.readouterr().out
    assert "Complement C3" in out and "(no name)" not in out


def test_a_reimport_whose_only_change_is_the_date_says_so(tmp_path, capsys):
    """Red-team fix round: "kept 0.8 g/L, not imported 0.8 g/L" hid that the date moved."""
    db, csv = tmp_path / "e.sqlite", tmp_path / "e.csv"
    assert main(["add", "lab", "--db", str(db), "--date", "2026-09-01", "--marker", "c3",
                 "--value", "0.8"]) == 0  # fmt: skip
    assert main(["export", "--db", str(db), "--format", "csv", "--out", str(csv)]) == 0
    text = csv.read_text(encoding="utf-8-sig").replace("2026-09-01,lab,c3", "2026-09-02,lab,c3")
    csv.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["import", "--db", str(db), "--dry-run", str(csv)]) == 0
    out = capsys.readouterr().out
    assert "0.8 g/L on 2026-09-01" in out and "0.8 g/L on 2026-09-02" in out
