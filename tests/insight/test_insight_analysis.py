"""Lab-derived SLEDAI suggestions, derived eGFR, treatment response and activity signals."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.analysis.response import response_table
from lupus_tracker.analysis.serology import activity_note, activity_periods
from lupus_tracker.analysis.sledai_suggest import suggest
from lupus_tracker.cli import main
from lupus_tracker.domain.records import EventKind, LabEntry, Profile, Source
from lupus_tracker.store.derived_egfr import ASSAY
from lupus_tracker.store.sledai_repo import SledaiAssessment

VISIT = date(2024, 5, 20)


def keys(suggestions):
    return {s.descriptor.key for s in suggestions}


def test_suggestions_use_each_results_own_range_and_the_10_day_window(repo):
    repo.results.add_many(
        [
            LabEntry(date(2024, 5, 12), "c3", "80", "mg/dL", "75-175"),  # normal at this lab
            LabEntry(date(2024, 5, 12), "c4", "8", "mg/dL", "10-40"),  # low
            LabEntry(date(2024, 5, 10), "anti_dsdna", "45", "IU/mL", "<50", assay="ELISA"),
            LabEntry(date(2024, 5, 19), "upcr", "620", "mg/g"),  # 0.62 mg/mg
            LabEntry(date(2024, 5, 19), "urine_rbc", "5", "/HPF"),  # not more than 5
            LabEntry(date(2024, 5, 19), "platelets", "<100", "K/uL"),  # certainly below 100
            LabEntry(date(2024, 5, 10), "wbc", "2.1"),  # 10 days before: outside the window
            LabEntry(date(2024, 5, 20), "temperature", "38.6", "°C"),
        ]
    )
    found = suggest(repo.results.all(), VISIT)
    assert keys(found) == {"low_complement", "proteinuria", "thrombocytopenia", "fever"}
    proteinuria = next(s for s in found if s.descriptor.key == "proteinuria")
    assert "UPCR" in proteinuria.evidence[0].reason
    complement = next(s for s in found if s.descriptor.key == "low_complement")
    assert [e.marker for e in complement.evidence] == ["C4"]


def test_assessments_are_stored_per_visit(repo):
    assert repo.sledai.save(SledaiAssessment(VISIT, frozenset({"proteinuria", "rash"}))) is None
    previous = repo.sledai.save(SledaiAssessment(VISIT, frozenset({"rash"}), "after review"))
    assert previous.score == 6
    (stored,) = repo.sledai.all()
    assert stored.score == 2 and stored.note == "after review"


def test_derived_egfr_is_marked_computed_and_replaced_not_duplicated(repo):
    repo.profile.set(Profile("A", date(1969, 1, 1), "female"))
    repo.results.add_many(
        [
            LabEntry(date(2024, 6, 1), "creatinine", "0.9", "mg/dL"),
            LabEntry(date(2024, 7, 1), "creatinine", "97", "umol/L"),
            LabEntry(date(2024, 8, 1), "creatinine", "<0.5", "mg/dL"),
            LabEntry(date(2024, 6, 1), "egfr", "70", lab="Lab"),
        ]
    )
    assert repo.results.refresh_egfr() == 2
    assert repo.results.refresh_egfr() == 2
    computed = [r for r in repo.results.all(["egfr"]) if r.source is Source.COMPUTED]
    # F 55 y: 0.9 mg/dL -> 75.5 (published); 97 umol/L = 1.097 mg/dL -> 59.6
    assert [r.value_text for r in computed] == ["75", "60"]
    assert all(r.assay == ASSAY for r in computed)
    assert len(repo.results.all(["egfr"])) == 3  # the lab's own eGFR stays


def test_response_on_the_demo_infusion(demo_repo):
    (infusion,) = demo_repo.events.all(kinds=(EventKind.INFUSION,))
    table = response_table(
        demo_repo.results.all(),
        infusion.occurred_on,
        demo_repo.profile.get().sex,
        demo_repo.settings.preferred_unit,
    )
    rows = {row.marker.key: row for row in table}
    c3 = rows["c3"]
    assert c3.baseline.number < 0.6
    three = c3.follow_ups[1]
    assert three.label == "3 months" and three.change > 0.2 and three.percent > 50
    # The patient changed labs: C3 is calibrated to ERM-DA470k/IFCC, so it still compares,
    # saying "different lab" (rheum4 finding 3); albumin (dye methods) does not.
    six = c3.follow_ups[2]
    assert six.change > 0.3 and "different lab" in six.text()
    albumin = rows["albumin"].follow_ups[2]
    assert albumin.change is None and "lab changed" in albumin.text()
    protein = rows["urine_protein_24h"]
    assert protein.follow_ups[1].change < 0
    assert "lab changed" in protein.follow_ups[3].text()
    dsdna = rows["anti_dsdna"]  # the lab changed assay after about five months
    assert "not comparable" in dsdna.follow_ups[3].text()
    assert dsdna.follow_ups[0].change < 0


def test_activity_signal_needs_a_real_rise_with_low_complement(repo):
    repo.results.add_many(
        [
            LabEntry(date(2024, 1, 1), "anti_dsdna", "60", "IU/mL", "<30", assay="ELISA"),
            LabEntry(date(2024, 2, 1), "anti_dsdna", "200", "IU/mL", "<30", assay="ELISA"),
            LabEntry(date(2024, 2, 5), "c3", "0.6", "g/L", "0.9-1.8"),
            LabEntry(date(2024, 2, 1), "urine_protein_24h", "1.2", "g/24h"),
        ]
    )
    periods = activity_periods(repo.results.all())
    assert [(p.kind, p.start) for p in periods] == [
        ("serological", date(2024, 2, 1)),
        ("proteinuria", date(2024, 2, 1)),
    ]
    note = activity_note(repo.results.all(), since=date(2024, 1, 1))
    assert "not advice" in note and "rising from 60" in note and "above 0.5 g/24 h" in note


def test_insight_commands(demo_file, capsys):
    assert (
        main(["egfr", "--creatinine", "1.0", "--unit", "mg/dL", "--age", "40", "--sex", "male"])
        == 0
    )
    assert "97.6" in capsys.readouterr().out
    assert main(["response", "--db", str(demo_file), "--date", "2025-05-26"]) == 0
    out = capsys.readouterr().out
    assert "12 months" in out and "C3" in out
    assert main(["sledai", "--db", str(demo_file), "--date", "2024-07-11"]) == 0
    out = capsys.readouterr().out
    assert "Proteinuria (+4)" in out and "2024-07-04" in out
    assert main(["response", "--db", str(demo_file), "--date", "2001-01-01"]) == 2
    with pytest.raises(SystemExit):
        main(["egfr", "--creatinine", "x", "--unit", "mg/dL", "--age", "40", "--sex", "male"])


def test_urinary_casts_and_a_low_ch50_are_suggested_with_their_evidence(repo):
    repo.results.add_many(
        [
            LabEntry(date(2024, 5, 15), "urine_casts", "3", "/LPF", "0-0"),
            LabEntry(date(2024, 5, 15), "ch50", "10", "U/mL", "30-75"),
            LabEntry(date(2024, 5, 16), "urine_casts", "0", "/LPF", "0-0"),  # none: no evidence
        ]
    )
    found = {s.descriptor.key: s for s in suggest(repo.results.all(), VISIT)}
    assert set(found) == {"urinary_casts", "low_complement"}
    (casts,) = found["urinary_casts"].evidence
    assert casts.day == date(2024, 5, 15) and casts.value_text == "3"
    assert found["urinary_casts"].descriptor.weight == 4
    (ch50,) = found["low_complement"].evidence
    assert ch50.marker == "CH50" and ch50.value_text == "10"
    assert found["low_complement"].descriptor.weight == 2


def test_every_descriptor_listed_as_from_labs_has_a_lab_rule():
    from lupus_tracker.analysis.sledai_suggest import RULES
    from lupus_tracker.domain.sledai import DESCRIPTORS

    assert {d.key for d in DESCRIPTORS if d.from_labs} == {k for k, r in RULES.items() if r}
