"""Read-only folders and full disks (round 2 red team, item 3): say what is true, never
"damaged", and let the reading commands work on a read-only mount.

These tests need real mounts (a read-only bind mount, a tiny tmpfs): as root (the test
machine) they mount and unmount under tmp_path; elsewhere they are skipped."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from lupus_tracker.cli import main
from lupus_tracker.domain.records import LabEntry
from lupus_tracker.store.repository import Repository


def _mount(*args: str) -> bool:
    done = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    return done.returncode == 0


def _umount(path: Path) -> None:
    subprocess.run(["umount", str(path)], capture_output=True, check=False)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder holding a database with two results, mounted read-only."""
    source, mounted = tmp_path / "src", tmp_path / "ro"
    source.mkdir()
    mounted.mkdir()
    with Repository.open(source / "mine.sqlite") as repo:
        repo.results.add_many(
            [
                LabEntry(date(2024, 1, 1), "c3", "0.62", "g/L"),
                LabEntry(date(2024, 2, 1), "c3", "0.55", "g/L"),
            ]
        )
    if not _mount("--bind", str(source), str(mounted)):
        pytest.skip("cannot bind-mount here (needs root)")
    try:
        if not _mount("-o", "remount,ro,bind", str(mounted)):
            pytest.skip("cannot remount read-only here")
        yield mounted
    finally:
        _umount(mounted)


def test_reading_commands_work_in_a_read_only_folder(read_only_folder, tmp_path, capsys):
    db = read_only_folder / "mine.sqlite"
    before = sorted(p.name for p in read_only_folder.iterdir())
    assert main(["list", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "0.62" in out and "0.55" in out
    assert main(["check", "--db", str(db)]) == 0
    capsys.readouterr()
    out_file = tmp_path / "all.csv"
    assert main(["export", "--db", str(db), "--format", "csv", "--out", str(out_file)]) == 0
    assert "0.55" in out_file.read_text()
    capsys.readouterr()
    assert sorted(p.name for p in read_only_folder.iterdir()) == before  # nothing made


def test_a_change_in_a_read_only_folder_says_so(read_only_folder, capsys):
    db = read_only_folder / "mine.sqlite"
    code = main(
        ["add", "lab", "--db", str(db), "--date", "2024-03-01", "--marker", "c3", "--value", "0.7"]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "read-only" in err and "damaged" not in err and len(err.strip().splitlines()) == 1
    assert main(["backup", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "read-only" in err and "damaged" not in err and len(err.strip().splitlines()) == 1
    with Repository.open(db, create=False) as repo:
        assert len(repo.results.all()) == 2


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A tiny file system holding a database, then filled to the last byte."""
    mounted = tmp_path / "small"
    mounted.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mounted)):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        with Repository.open(mounted / "mine.sqlite") as repo:
            repo.results.add_many([LabEntry(date(2024, 1, 1), "c3", "0.62", "g/L")])
        with (mounted / "filler").open("wb") as filler:
            try:
                while True:
                    filler.write(b"\0" * 65536)
                    filler.flush()
            except OSError:
                pass
        yield mounted
    finally:
        _umount(mounted)


def test_a_full_disk_says_the_disk_is_full(full_disk, capsys):
    db = full_disk / "mine.sqlite"
    code = main(
        ["add", "lab", "--db", str(db), "--date", "2024-03-01", "--marker", "c3", "--value", "0.7"]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "disk is full" in err and "damaged" not in err and len(err.strip().splitlines()) == 1
    assert main(["list", "--db", str(db)]) == 0  # reading still works, read-only
    assert "0.62" in capsys.readouterr().out
    (full_disk / "filler").unlink()
    with Repository.open(db, create=False) as repo:
        assert [r.value_text for r in repo.results.all()] == ["0.62"]
