"""A database the person made read-only (chmod 444) stays read-only: reading commands
read it without adding a permission bit, and a change is refused with one line, nothing
changed (red team, round 4: ``list`` used to leave it -rw-------)."""

from __future__ import annotations

import hashlib
import stat

import pytest

from lupus_tracker.cli import main


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def read_only_db(tmp_path):
    db = tmp_path / "p.db"
    assert main(["add", "lab", "--db", str(db), "--date", "2025-01-01", "--marker", "crp",
                 "--value", "5"]) == 0  # fmt: skip
    db.chmod(0o444)
    return db


@pytest.mark.parametrize("command", [["list"], ["check"]])
def test_reading_adds_no_permission_bit(read_only_db, command, capsys):
    assert main([*command, "--db", str(read_only_db)]) == 0
    assert capsys.readouterr().out
    assert _mode(read_only_db) & ~0o444 == 0  # no write bit came back (0444 or 0400)
    assert _mode(read_only_db) & stat.S_IRUSR


def test_a_change_is_refused_with_one_line_and_nothing_changes(read_only_db, capsys):
    before = hashlib.sha256(read_only_db.read_bytes()).hexdigest()
    code = main(["add", "lab", "--db", str(read_only_db), "--date", "2025-02-01",
                 "--marker", "crp", "--value", "7"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert "read-only" in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert hashlib.sha256(read_only_db.read_bytes()).hexdigest() == before
    assert _mode(read_only_db) & ~0o444 == 0


def test_group_and_other_bits_are_still_taken_off(tmp_path):
    db = tmp_path / "p.db"
    assert main(["add", "lab", "--db", str(db), "--date", "2025-01-01", "--marker", "crp",
                 "--value", "5"]) == 0  # fmt: skip
    db.chmod(0o664)
    assert main(["list", "--db", str(db)]) == 0
    assert _mode(db) == 0o600
