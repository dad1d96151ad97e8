"""``lupus-tracker status``, ``add assessment`` and ``sledai --list-items`` (issue 15)."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.cli import main
from lupus_tracker.domain.records import Dose, Event, EventKind, Medication
from lupus_tracker.domain.sledai import DESCRIPTORS
from lupus_tracker.store.repository import Repository


def test_list_items_names_every_descriptor(capsys):
    assert main(["sledai", "--list-items"]) == 0
    out = capsys.readouterr().out
    for d in DESCRIPTORS:
        assert f"{d.key}" in out and d.name in out
    assert "  proteinuria" in out and " 4  Proteinuria — More than 0.5 g/24 h" in out


def test_sledai_without_date_or_list_is_a_user_error(capsys, tmp_path):
    assert main(["sledai", "--db", str(tmp_path / "x.sqlite")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--list-items" in err


def test_add_assessment_then_status(tmp_path, capsys):
    db = tmp_path / "t2t.sqlite"
    with Repository.open(db) as repo:
        repo.treatments.add(
            Medication(
                None,
                "Prednisolone",
                date(2026, 1, 1),
                None,
                None,
                (
                    Dose(date(2026, 1, 1), 20, "mg", "once daily"),
                    Dose(date(2026, 2, 1), 5, "mg", "once daily"),
                ),
            )
        )
        repo.treatments.add(
            Medication(
                None,
                "Hydroxychloroquine",
                date(2026, 1, 1),
                None,
                None,
                (Dose(date(2026, 1, 1), 200, "mg", "twice daily"),),
            )
        )
        from lupus_tracker.domain.records import LabEntry

        repo.results.add(LabEntry(date(2026, 2, 20), "weight", "80", "kg"))
        repo.events.add(Event(None, date(2026, 1, 20), EventKind.EYE_EXAM, "baseline OCT"))
    assert (
        main(
            [
                "add",
                "assessment",
                "--db",
                str(db),
                "--date",
                "2026-01-15",
                "--sledai-items",
                "arthritis,proteinuria",
                "--pga",
                "2",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "add",
                "assessment",
                "--db",
                str(db),
                "--date",
                "2026-03-01",
                "--sledai-items",
                "none",
                "--pga",
                "0.4",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Saved the assessment of 2026-03-01: SLEDAI-2K 0, PGA 0.4" in out
    assert main(["status", "--db", str(db), "--date", "2026-03-10"]) == 0
    out = capsys.readouterr().out
    assert (
        "DORIS remission criteria met at the 1 Mar 2026 visit (PGA as entered from your "
        "doctor's letter)."
    ) in out
    assert "LLDAS criteria met at the 1 Mar 2026 visit" in out
    assert "Glucocorticoid today: 5 mg/day prednisone-equivalent." in out
    # 31 days x 20 mg + 38 days x 5 mg (1 Feb - 10 Mar) = 620 + 190 = 810 mg
    assert "last 12 months: 0.81 g" in out
    assert "400 mg/day = 5.0 mg/kg/day of actual weight (80 kg on 2026-02-20)" in out
    # AAO 2016: baseline done, no risk factor -> yearly from 5 years of use
    assert (
        "Retinal screening not yet due: next by 2031-01-01 (yearly after 5 years of use; "
        "last eye exam 2026-01-20)"
    ) in out
    assert "you are in remission" not in out.lower()
    # PGA alone updates an existing assessment and keeps its items
    assert main(["add", "assessment", "--db", str(db), "--date", "2026-01-15", "--pga", "1"]) == 0
    with Repository.open(db) as repo:
        first = repo.sledai.get(date(2026, 1, 15))
        assert first.items == {"arthritis", "proteinuria"} and first.pga == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2026-03-01", "--pga", "3.5", "--sledai-items", "none"], "0 to 3"),
        (["--date", "2026-03-01", "--pga", "<1", "--sledai-items", "none"], "plain number"),
        (["--date", "2026-03-01", "--sledai-items", "rash,headache"], "--list-items"),
        (["--date", "2026-03-01", "--pga", "1"], "give --sledai-items"),
        (["--date", "2026-02-30", "--sledai-items", "none"], "not a real date"),
    ],
)
def test_add_assessment_user_errors_exit_2_and_write_nothing(tmp_path, capsys, args, message):
    db = tmp_path / "t2t.sqlite"
    Repository.open(db).close()
    before = db.read_bytes()
    try:
        code = main(["add", "assessment", "--db", str(db), *args])
    except SystemExit as exit_:  # argument errors exit from the parser
        code = exit_.code
    assert code == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    with Repository.open(db) as repo:
        assert repo.sledai.all() == []
    assert len(before) > 0


def test_status_of_a_missing_file_is_a_user_error(tmp_path, capsys):
    assert main(["status", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert not (tmp_path / "none.sqlite").exists()
    assert "No database" in capsys.readouterr().err
