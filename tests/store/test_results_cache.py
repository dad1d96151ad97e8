"""``repo.results.all()`` keeps what it read until the data may have changed (issue 10,
Speed): a change through this repository, through its connection directly, through another
connection or another process, and a change of the profile's sex are all seen at once."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date

from lupus_tracker.domain.records import LabEntry, Profile, Sex
from lupus_tracker.store.repository import Repository

DAY = date(2024, 3, 1)


def _values(repo: Repository, markers=None) -> list[str]:
    return [r.value_text for r in repo.results.all(markers)]


def test_a_second_read_serves_the_same_records_without_reading_again(repo):
    repo.results.add_many([LabEntry(DAY, "c3", "0.8", "g/L"), LabEntry(DAY, "c4", "0.2")])
    first = repo.results.all(["c3"])
    again = repo.results.all(["c3"])
    assert first == again and first is not again  # each reader its own list
    assert first[0] is again[0]  # the same frozen record: nothing re-read


def test_filters_and_order_match_the_stored_rows(repo):
    repo.results.add_many(
        [
            LabEntry(date(2024, 1, 2), "c4", "0.2"),
            LabEntry(date(2024, 1, 1), "c3", "0.7"),
            LabEntry(date(2024, 1, 2), "c3", "0.8"),
            LabEntry(date(2024, 1, 3), "c3", "0.9"),
        ]
    )
    rows = repo.db.query("SELECT value_text FROM results ORDER BY taken_on, id")
    assert _values(repo) == [row[0] for row in rows]
    assert _values(repo, ["c3"]) == ["0.7", "0.8", "0.9"]
    assert _values(repo, iter(["c4", "c3"])) == ["0.7", "0.2", "0.8", "0.9"]  # date, id
    assert [
        r.value_text
        for r in repo.results.all(["c3"], since=date(2024, 1, 2), until=date(2024, 1, 2))
    ] == ["0.8"]
    assert _values(repo, []) == []


def test_changes_through_the_repository_and_the_connection_are_seen(repo):
    (c3,) = repo.results.add_many([LabEntry(DAY, "c3", "0.8")])
    assert _values(repo, ["c3"]) == ["0.8"]
    repo.results.add_many([LabEntry(DAY, "c3", "0.9")])
    assert _values(repo, ["c3"]) == ["0.8", "0.9"]
    repo.db.conn.execute(
        "UPDATE results SET value_text = '0.7', number = 0.7, base_value = 0.7 WHERE id = ?",
        (c3.id,),
    )
    assert _values(repo, ["c3"]) == ["0.7", "0.9"]


def test_a_commit_by_another_connection_or_process_is_seen(tmp_path):
    path = tmp_path / "shared.sqlite"
    with Repository.open(path) as mine, Repository.open(path) as other:
        mine.results.add_many([LabEntry(DAY, "c3", "0.8")])
        assert _values(mine) == ["0.8"]
        other.results.add_many([LabEntry(DAY, "c4", "0.2")])
        assert _values(mine) == ["0.8", "0.2"]
        code = textwrap.dedent(f"""
            from datetime import date
            from lupus_tracker.domain.records import LabEntry
            from lupus_tracker.store.repository import Repository
            with Repository.open({str(path)!r}) as repo:
                repo.results.add_many([LabEntry(date(2024, 3, 2), "c3", "1.1")])
        """)
        subprocess.run([sys.executable, "-c", code], check=True)
        assert _values(mine, ["c3"]) == ["0.8", "1.1"]


def test_a_change_of_sex_reinterprets_the_ranges(repo):
    repo.results.add_many([LabEntry(DAY, "hemoglobin", "13.0", "g/dL")])
    (unknown,) = repo.results.all(["hemoglobin"])
    assert unknown.measurement.ranges_by_sex  # both sexes' ranges while sex is unknown
    repo.profile.set(Profile(name="A", birth_date=date(1990, 1, 1), sex=Sex.FEMALE))
    (known,) = repo.results.all(["hemoglobin"])
    assert not known.measurement.ranges_by_sex and known.measurement.ref is not None
