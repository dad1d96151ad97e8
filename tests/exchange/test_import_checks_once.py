"""Applying an import plan checks and interprets each row once (when the file is read),
yet refuses what the database makes wrong at the moment of writing (issue 13, speed)."""

from __future__ import annotations

from datetime import date

import pytest

import lupus_tracker.store.diary_repo as diary_repo
import lupus_tracker.store.results_repo as results_repo
from lupus_tracker.domain.records import InvalidEntryError, LabEntry, Profile
from lupus_tracker.exchange.formats import read_plan
from lupus_tracker.exchange.plan import apply_plan

HEADER = "date,kind,item,value,unit,ref_low,ref_high,lab,note\n"
ROWS = (
    "2024-03-01,lab,c3,0.78,g/L,0.9,1.8,City Lab,\n"
    "2024-03-01,lab,anti_dsdna,<10,IU/mL,,30,City Lab,\n"
    "2024-03-01,symptom,fatigue,6,0-10,,,,tired\n"
    "2024-03-02,symptom,joint_pain,3,0-10,,,,\n"
)


def _counting(monkeypatch, module, name: str) -> list[object]:
    calls: list[object] = []
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_applying_a_plan_checks_no_row_again(repo, tmp_path, monkeypatch):
    source = tmp_path / "in.csv"
    source.write_text(HEADER + ROWS, encoding="utf-8")
    plan = read_plan(source, repo)
    entries = _counting(monkeypatch, results_repo, "check_entry")
    symptoms = _counting(monkeypatch, diary_repo, "check_symptom")
    assert apply_plan(repo, plan) == 4
    assert entries == [] and symptoms == []
    c3, dsdna = sorted(repo.results.all(), key=lambda r: r.marker, reverse=True)
    assert (c3.value_text, c3.base_value, c3.ref_range, c3.lab) == (
        "0.78",
        0.78,
        "0.9-1.8",
        "City Lab",
    )
    assert (dsdna.comparator, dsdna.value_text) == ("<", "<10")
    assert [(s.symptom, s.severity, s.note) for s in repo.diary.symptoms()] == [
        ("fatigue", 6, "tired"),
        ("joint_pain", 3, None),
    ]


def test_a_birth_date_set_after_reading_still_refuses_an_earlier_result(repo, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(HEADER + ROWS, encoding="utf-8")
    plan = read_plan(source, repo)
    repo.profile.set(Profile("Ada", date(2024, 3, 2)))  # e.g. in another window meanwhile
    with pytest.raises(InvalidEntryError, match="before the birth date"):
        apply_plan(repo, plan)
    assert repo.counts()["results"] == 0 and repo.counts()["symptoms"] == 0


def test_an_entry_without_its_interpretation_is_checked_in_full(repo):
    good = LabEntry(date(2024, 3, 1), "c3", "0.8", "g/L")
    bad = LabEntry(date(2024, 3, 1), "c3", "lots", "g/L")
    with pytest.raises(InvalidEntryError) as refused:
        repo.results.add_checked([good, bad], [None, None])
    assert refused.value.index == 1
    assert repo.counts()["results"] == 0
    assert repo.results.add_checked([good], [None]) == 1
    assert repo.results.all()[0].value_text == "0.8"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2024-03-01,symptom,fatigue,11,0-10,,,,\n", "Severity must be from 0"),
        ("2024-03-01,symptom,itching_x,3,0-10,,,,\n", "itching_x"),
        ("2199-03-01,symptom,fatigue,3,0-10,,,,\n", "in the future"),
        ("2024-03-01,symptom,fatigue,three,0-10,,,,\n", "whole number"),
    ],
)
def test_the_fast_reader_still_checks_every_symptom_row(repo, tmp_path, row, message):
    """The CSV reader checks a symptom's fields once, without building the entry twice
    (issue 13, speed): every check still refuses the file, naming the row."""
    from lupus_tracker.exchange.errors import ExchangeError

    source = tmp_path / "in.csv"
    source.write_text(HEADER + ROWS + row, encoding="utf-8")
    with pytest.raises(ExchangeError, match="Row 6") as refused:
        read_plan(source, repo)
    assert message in str(refused.value)
