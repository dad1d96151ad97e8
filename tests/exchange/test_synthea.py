"""Real third-party data: three Synthea R4 patients (Apache-2.0, tests/data/synthea).

For each patient, every observation the app tracks (by LOINC code) is either imported
exactly as the JSON says (value, unit, date, range, comparator) or skipped with a reason;
none is imported wrong, and re-importing adds nothing."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.exchange.formats import read_plan
from lupus_tracker.exchange.plan import apply_plan
from tests.exchange.synthea_helpers import PATIENTS, SYNTHEA, load, tracked, tracked_marker


def _expected(item: dict, observation: dict) -> tuple:
    marker = tracked_marker(item)
    day = date.fromisoformat(observation["effectiveDateTime"][:10])
    if "valueCodeableConcept" in item:  # the dipstick: SNOMED CT 167277001 is "+++"
        text = item["valueCodeableConcept"]["coding"][0]["display"]
        assert text == "Urine protein test = +++ (finding)"
        return (day, marker.key, "3+", marker.canonical_unit)
    quantity = item["valueQuantity"]
    value = (quantity.get("comparator") or "") + repr(quantity["value"])  # as written
    unit = marker.units.find(quantity.get("code") or quantity["unit"])
    return (day, marker.key, value, unit)


@pytest.mark.parametrize("name", PATIENTS)
def test_every_tracked_observation_imported_right_or_skipped_with_reason(repo, name):
    document = load(name)
    items = tracked(document)
    assert len(items) > 60
    plan = read_plan(SYNTHEA / f"{name}.json", repo)
    skipped = {s.where: s.reason for s in plan.skipped}
    expected = set()
    tracked_skips = 0
    for where, item, observation in items:
        if where in skipped:
            assert skipped[where], where
            tracked_skips += 1
            continue
        expected.add(_expected(item, observation))
    got = set()
    for r in plan.results:
        marker = get_marker(r.marker)
        unit = marker.units.find(r.unit) if r.unit else marker.canonical_unit
        got.add((r.taken_on, r.marker, r.value, unit))
        assert r.ref_range is None  # Synthea prints no ranges: none is invented
        assert r.source == "imported"
    assert got == expected  # none wrong, none missing
    assert len(plan.results) + plan.duplicates + tracked_skips == len(items)
    assert plan.profile is not None and plan.profile.birth_date is not None
    apply_plan(repo, plan)
    again = read_plan(SYNTHEA / f"{name}.json", repo)
    assert again.total == 0


def test_dipstick_plus_signs_and_egfr_method(repo):
    plan = read_plan(SYNTHEA / "Darron_Feeney.json", repo)
    dipstick = [r for r in plan.results if r.marker == "urine_protein_dipstick"]
    assert [r.value for r in dipstick] == ["3+"]  # SNOMED 167277001 "Urine protein test = +++"
    egfr = [r for r in plan.results if r.marker == "egfr"]
    assert egfr and all(r.assay == "MDRD" for r in egfr)  # 33914-3 keeps its equation
