"""``lupus-tracker add symptom`` on a day that already has that symptom (issue 11, the CLI
remainder): a different entry is refused in one line with exit status 2 and kept, unless
``--replace`` is given, which says what it replaced; the same entry again changes nothing.
``--location`` is the kind of rash; a place on the body there is refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lupus_tracker.cli import main
from lupus_tracker.domain.records import SymptomEntry
from lupus_tracker.store.diary_repo import AlreadyLoggedError
from lupus_tracker.store.repository import Repository

DAY = date(2026, 3, 5)


def add(db: Path, *extra: str) -> int:
    return main(["add", "symptom", "--db", str(db), "--date", DAY.isoformat(), *extra])


def stored(db: Path) -> dict[str, SymptomEntry]:
    with Repository.open(db) as repo:
        return {e.symptom: e for e in repo.diary.day(DAY).entries}


def test_a_different_entry_is_refused_and_the_logged_one_kept(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    assert add(db, "--symptom", "fatigue", "--severity", "5", "--note", "after work") == 0
    assert capsys.readouterr().out.strip() == 'Saved Fatigue 5/10 ("after work") on 2026-03-05'
    before = db.read_bytes()
    assert add(db, "--symptom", "fatigue", "--severity", "8") == 2
    out, err = capsys.readouterr()
    assert out == ""
    (line,) = err.strip().splitlines()
    assert "Fatigue 5/10" in line and "already logged" in line and "--replace" in line
    assert db.read_bytes() == before  # nothing written
    assert stored(db)["fatigue"].severity == 5


def test_replace_replaces_and_says_what_it_replaced(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    assert add(db, "--symptom", "rash", "--severity", "3", "--location", "malar") == 0
    assert add(db, "--symptom", "joint_pain", "--severity", "2") == 0
    capsys.readouterr()
    args = ("--symptom", "rash", "--severity", "6", "--location", "discoid", "--replace")
    assert add(db, *args, "--body-site", "both forearms") == 0
    assert capsys.readouterr().out.strip() == (
        "Replaced Rash 3/10 (malar/butterfly) on 2026-03-05 with Rash 6/10 (discoid, both forearms)"
    )
    rash = stored(db)["rash"]
    assert (rash.severity, rash.location, rash.body_site) == (6, "discoid", "both forearms")
    assert stored(db)["joint_pain"].severity == 2  # the day's other entries stay


def test_the_same_entry_again_changes_nothing_and_says_so(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    assert add(db, "--symptom", "fatigue", "--severity", "5") == 0
    capsys.readouterr()
    assert add(db, "--symptom", "fatigue", "--severity", "5") == 0
    assert capsys.readouterr().out.startswith("Already logged, nothing changed: Fatigue 5/10")


def test_a_custom_symptom_already_logged_is_refused_too(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    assert add(db, "--symptom", "custom:Itching", "--severity", "4") == 0
    assert add(db, "--symptom", "itching", "--severity", "7") == 2
    assert "Itching 4/10" in capsys.readouterr().err
    assert stored(db)["custom:Itching"].severity == 4


@pytest.mark.parametrize("kind", ["forearm", "both cheeks"])
def test_a_place_given_as_the_kind_of_rash_is_refused(tmp_path, capsys, kind):
    db = tmp_path / "never.sqlite"
    assert add(db, "--symptom", "rash", "--severity", "3", "--location", kind) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "--body-site" in line and "malar/butterfly" in line
    assert not db.exists()


@pytest.mark.parametrize(
    ("typed", "kind"),
    [("Malar", "malar/butterfly"), ("butterfly", "malar/butterfly"), ("DISCOID", "discoid")],
)
def test_the_kind_of_rash_is_read_in_any_case(tmp_path, typed, kind):
    db = tmp_path / "s.sqlite"
    assert add(db, "--symptom", "rash", "--severity", "3", "--location", typed) == 0
    assert stored(db)["rash"].location == kind


def test_the_store_checks_and_writes_in_one_step(repo):
    first = SymptomEntry(DAY, "fatigue", 5)
    assert repo.diary.log(first, replace=False) is None
    with pytest.raises(AlreadyLoggedError) as refused:
        repo.diary.log(SymptomEntry(DAY, "fatigue", 6), replace=False)
    assert refused.value.logged == first
    assert repo.diary.day(DAY).entries == (first,)
    assert repo.diary.log(SymptomEntry(DAY, "fatigue", 6)) == first  # replace by default
