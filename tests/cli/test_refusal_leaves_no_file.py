"""A refused command creates no file (red-team fix round): ``profile --db new.db
--birth-date 2030-01-01`` left an empty new.db behind. Every subcommand with ``--db``."""

from __future__ import annotations

import pytest

from lupus_tracker.cli import main

REFUSED = [
    ("profile", "--birth-date", "2030-01-01"),
    ("add", "lab", "--date", "2026-01-01", "--marker", "c3", "--value", "abc"),
    ("add", "medication", "--name", "X", "--start", "2026-01-01", "--dose", "0", "--unit", "mg"),
    ("add", "symptom", "--date", "2026-01-01", "--symptom", "nope", "--severity", "3"),
    ("add", "event", "--date", "2026-01-01", "--kind", "flare", "--title", " "),
]


@pytest.mark.parametrize("command", REFUSED, ids=lambda c: " ".join(c[:2]))
def test_a_refused_command_leaves_no_new_database(tmp_path, capsys, command):
    folder = tmp_path / "here"
    folder.mkdir()
    assert main([*command, "--db", str(folder / "new.db")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert sorted(p.name for p in folder.iterdir()) == []


def test_a_refusal_on_an_existing_database_keeps_it(tmp_path, capsys):
    db = tmp_path / "old.db"
    assert main(["profile", "--db", str(db), "--birth-date", "1990-01-01"]) == 0
    before = db.read_bytes()
    assert main(["profile", "--db", str(db), "--birth-date", "2030-01-01"]) == 2
    assert db.read_bytes() == before
