"""A real Synthea bundle whose creatinine carries a lab identifier, followed by files that
amend, correct or void that result: the stored result is replaced (undoably) or the void
is listed as a conflict, never a second result beside the first."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from lupus_tracker.exchange.formats import read_plan
from lupus_tracker.exchange.options import ImportOptions, OnConflict
from lupus_tracker.exchange.plan import apply_plan, apply_plan_undoable
from tests.exchange.synthea_helpers import observations, variant, write

CREATININE = "38483-4"
IDENTIFIER = {"system": "urn:oid:1.2.3.4.5", "value": "LAB-0001"}


def _stored(tmp_path, repo) -> dict:
    """Import Bambi Murray's bundle with one creatinine identified; return that one."""
    document = variant("Bambi_Murray")
    first = observations(document, CREATININE)[0]
    first["identifier"] = [IDENTIFIER]
    apply_plan(repo, read_plan(write(tmp_path, document, "base.json"), repo))
    return first


def _follow_up(tmp_path, observation: dict, **changes) -> object:
    resource = {**copy.deepcopy(observation), **changes}
    return write(
        tmp_path,
        {
            "resourceType": "Bundle",
            "type": "collection",
            "entry": [{"fullUrl": "urn:uuid:follow-up", "resource": resource}],
        },
        "follow-up.json",
    )


def _creatinines(repo, day: date) -> list[str]:
    return [r.value_text for r in repo.results.all(["creatinine"]) if r.taken_on == day]


@pytest.mark.parametrize("status", ["amended", "corrected"])
def test_an_amended_result_replaces_the_stored_one_and_undo_puts_it_back(repo, tmp_path, status):
    first = _stored(tmp_path, repo)
    day = date.fromisoformat(first["effectiveDateTime"][:10])
    before = _creatinines(repo, day)
    assert len(before) == 1
    count = len(repo.results.all())
    path = _follow_up(
        tmp_path, first, status=status, valueQuantity={**first["valueQuantity"], "value": 1.42}
    )
    plan = read_plan(path, repo)
    (conflict,) = plan.conflicts
    assert conflict.text().endswith(
        f"1.42 mg/dL replaces {before[0]} mg/dL of "
        f"{day.isoformat()} {first['effectiveDateTime'][11:16]}"
    )
    assert "would replace 1 stored results" in plan.summary()
    added, undo = apply_plan_undoable(repo, plan)
    assert added == 1 and _creatinines(repo, day) == ["1.42"]
    assert len(repo.results.all()) == count  # replaced, not added beside
    assert undo is not None
    undo.apply(repo)
    assert _creatinines(repo, day) == before


@pytest.mark.parametrize("status", ["entered-in-error", "cancelled"])
def test_a_voided_stored_result_is_a_conflict_kept_unless_replacing(repo, tmp_path, status):
    first = _stored(tmp_path, repo)
    day = date.fromisoformat(first["effectiveDateTime"][:10])
    before = _creatinines(repo, day)
    path = _follow_up(tmp_path, first, status=status)
    plan = read_plan(path, repo)
    (conflict,) = plan.conflicts
    said = "entered in error" if status == "entered-in-error" else "cancelled"
    assert f"the file says this result was {said}; kept" in conflict.text()
    assert not plan.skipped and plan.total == 0
    assert "1 conflicts (the database's value kept)" in plan.summary()
    assert apply_plan(repo, plan) == 0 and _creatinines(repo, day) == before

    replacing = read_plan(path, repo, ImportOptions(on_conflict=OnConflict.REPLACE))
    assert "removed" in replacing.conflicts[0].text() and replacing.removals
    assert read_plan(path, repo, ImportOptions(on_conflict=OnConflict.REPLACE)).total == 1
    added, undo = apply_plan_undoable(repo, replacing)
    assert added == 1 and _creatinines(repo, day) == []
    undo.apply(repo)
    assert _creatinines(repo, day) == before


def test_a_voided_result_that_is_not_stored_is_skipped_once(repo, tmp_path):
    document = variant("Bambi_Murray")
    first = observations(document, CREATININE)[0]
    plan = read_plan(
        _follow_up(tmp_path, first, status="entered-in-error", identifier=[IDENTIFIER]), repo
    )
    reasons = [s.reason for s in plan.skipped]
    assert reasons == ["Creatinine: status 'entered-in-error' is not a final result"]
    assert not plan.conflicts
    from lupus_tracker.exchange.plan import reconcile

    again = reconcile(repo, plan)  # the app reconciles the preview's plan again
    assert [s.reason for s in again.skipped] == reasons
