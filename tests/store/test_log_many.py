"""``DiaryManager.log_many`` writes entries with only a severity through a shorter upsert
(import speed, issue 13): the result must be exactly what the full upsert stores, in the
order given, replacing a kind, note or place on the body with nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lupus_tracker.domain.records import InvalidEntryError, SymptomEntry

DAY = date(2024, 3, 1)


def _stored(repo) -> list[tuple]:
    return sorted(
        (s.day, s.symptom, s.severity, s.location, s.note, s.body_site)
        for s in repo.diary.symptoms()
    )


def test_bare_and_full_entries_keep_their_order_and_every_field(repo):
    full = SymptomEntry(DAY, "rash", 5, "discoid", "itchy", "left forearm")
    bare = SymptomEntry(DAY, "rash", 2)
    assert repo.diary.log_many([full, bare, SymptomEntry(DAY, "fatigue", 4)]) == 3
    assert _stored(repo) == [
        (DAY, "fatigue", 4, None, None, None),
        (DAY, "rash", 2, None, None, None),  # the later, bare entry wins, blanks included
    ]
    repo.diary.log_many([bare, full])
    assert (DAY, "rash", 5, "discoid", "itchy", "left forearm") in _stored(repo)


def test_a_bare_entry_replaces_what_was_stored(repo):
    repo.diary.log(SymptomEntry(DAY, "rash", 7, "malar", "bad day", "both cheeks"))
    repo.diary.log_many([SymptomEntry(DAY, "rash", 1)])
    assert _stored(repo) == [(DAY, "rash", 1, None, None, None)]


def test_entries_are_still_checked_and_a_future_day_refused(repo):
    with pytest.raises(InvalidEntryError):
        repo.diary.log_many([SymptomEntry(DAY, "fatigue", 11)])
    with pytest.raises(InvalidEntryError, match="in the future"):
        repo.diary.log_many([SymptomEntry(date.today() + timedelta(days=1), "fatigue", 3)])
    assert repo.counts()["symptoms"] == 0
