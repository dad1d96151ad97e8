"""The demo patient is clinically plausible (issue 12 item 16, issue 15 "Done when"): each
row of the check names what it follows."""

from __future__ import annotations

from datetime import date, timedelta

from lupus_tracker.demo import DAYS, FLARE_LABS_DAY, write_demo
from lupus_tracker.domain import glucocorticoids as gc
from lupus_tracker.domain.records import EventKind, Source
from lupus_tracker.store.repository import Repository

END = date(2026, 6, 30)
START = END - timedelta(DAYS - 1)


def test_prednisone_taper_as_practised(demo_repo):
    # EULAR 2023 SLE recommendations: <= 7.5 mg/day within about six months, <= 5 mg/day
    # (or withdrawal) as the target; the demo reaches both by the end of its first year.
    exposure = gc.exposure(demo_repo.treatments.all(), END)
    assert gc.daily_dose(exposure, START + timedelta(183)).oral_mg <= 7.5
    assert gc.daily_dose(exposure, START + timedelta(364)).oral_mg <= 5
    assert gc.daily_dose(exposure, END).oral_mg <= 5


def test_flare_pulse_is_counted_as_glucocorticoid_exposure(demo_repo):
    # Buttgereit et al., Ann Rheum Dis 2002: >= 250 mg prednisone-equivalent a day is a pulse.
    exposure = gc.exposure(demo_repo.treatments.all(), END)
    pulses = exposure.pulses()
    assert [p.day for p in pulses] == [START + timedelta(FLARE_LABS_DAY + i) for i in range(3)]
    assert all(p.mg == 625 for p in pulses)  # methylprednisolone 500 mg = prednisone 625 mg
    assert gc.cumulative_all_time(exposure, END).pulse_mg == 1875


def test_hydroxychloroquine_at_most_5_mg_per_kg(demo_repo):
    # EULAR 2023: hydroxychloroquine <= 5 mg/kg/day of actual body weight.
    (hcq,) = [m for m in demo_repo.treatments.all() if m.name == "Hydroxychloroquine"]
    weights = demo_repo.results.frame(["weight"])["base_value"]
    assert max(d.dose for d in hcq.doses) / weights.min() <= 5


def test_flare_has_matching_labs_and_a_renal_sledai(demo_repo):
    flare = START + timedelta(FLARE_LABS_DAY)
    before = flare - timedelta(days=30 + (flare - START).days % 30 - 3)
    for marker, worse in (
        ("c3", min),
        ("c4", min),
        ("anti_dsdna", max),
        ("urine_protein_24h", max),
    ):
        frame = demo_repo.results.frame([marker])
        at_flare = float(frame[frame["date"] == str(flare)]["base_value"].iloc[0])
        earlier = frame[(frame["date"] < str(flare)) & (frame["date"] >= str(before))]
        assert worse(at_flare, *earlier["base_value"]) == at_flare, marker
    (assessment,) = [a for a in demo_repo.sledai.all() if a.visit_on == flare]
    assert {"proteinuria", "low_complement", "increased_dna_binding"} <= assessment.items
    assert assessment.pga is not None and assessment.pga > 1


def test_ana_only_at_diagnosis_and_infusion_note_cites_both_studies(demo_repo):
    # domain.md: ANA confirms the diagnosis; its titer does not follow activity.
    assert len(demo_repo.results.frame(["ana"])) == 1
    (infusion,) = demo_repo.events.all(kinds=(EventKind.INFUSION,))
    assert "Sun et al." in infusion.note and "2010" in infusion.note
    assert "Deng et al., Ann Rheum Dis 2017" in infusion.note
    assert "no added benefit" in infusion.note


def test_lab_egfr_is_the_equation_applied_to_its_creatinine(tmp_path):
    # Inker et al., NEJM 2021 (CKD-EPI 2021): the lab's eGFR and the app's computed one agree
    # within rounding, so the demo never shows eGFR and creatinine contradicting each other.
    with Repository.open(tmp_path / "d.sqlite") as repo:
        write_demo(repo, end=END)
        results = [r for r in repo.results.all() if r.marker == "egfr"]
        lab = {r.taken_on: float(r.value_text) for r in results if r.source is not Source.COMPUTED}
        computed = {r.taken_on: r.base_value for r in results if r.source is Source.COMPUTED}
    assert lab and set(lab) <= set(computed)
    assert all(abs(lab[d] - computed[d]) <= 1 for d in lab)
