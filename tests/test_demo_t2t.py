"""The demo patient's treat-to-target path: not in LLDAS at the nephritis flare, LLDAS
criteria met after the prednisone taper, DORIS not yet (PGA 0.5 is not below 0.5)."""

from __future__ import annotations

from lupus_tracker.analysis.treat_to_target import gather_inputs, summarize
from lupus_tracker.domain.records import EventKind
from lupus_tracker.domain.treat_to_target import Status
from lupus_tracker.store.inputs import treatment_records


def test_demo_shows_a_realistic_treat_to_target_path(demo_repo):
    last_visit = max(a.visit_on for a in demo_repo.sledai.all())
    summary = summarize(
        gather_inputs(treatment_records(demo_repo, last_visit), last_visit), last_visit
    )
    first, latest = summary.visits[0], summary.visits[-1]
    assert first.pga >= 2 and first.lldas.status is Status.NOT_MET  # at the flare
    assert first.dose.total_mg > 7.5
    assert latest.dose.total_mg <= 7.5  # after the taper
    assert latest.lldas.status is Status.MET
    assert latest.doris.status is Status.NOT_MET
    assert all(v.pga is not None for v in summary.visits)
    assert demo_repo.events.all(kinds=(EventKind.EYE_EXAM,))
    assert summary.screening is not None
    assert any(d.item.key == "urine_protein" for d in summary.due)  # lupus nephritis
