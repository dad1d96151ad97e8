"""Rheumatologist review of treat-to-target (fixt2t): the LLDAS serology rule is stated
where a visit's result is shown (item 1), and a retinal risk factor that began recently
makes the eye exam due from that day, not years back (item 3)."""

from __future__ import annotations

from datetime import date

from lupus_tracker.cli import main
from lupus_tracker.domain.records import Dose, Event, EventKind, LabEntry, Medication
from lupus_tracker.domain.treat_to_target import SEROLOGY_RULE
from lupus_tracker.report.treat_to_target import treat_to_target_line
from lupus_tracker.store.repository import Repository


def _serology_patient(db):
    with Repository.open(db) as repo:
        repo.treatments.add(
            Medication(
                None, "Prednisone", date(2026, 1, 1), None, None,
                (Dose(date(2026, 1, 1), 5, "mg", "once daily"),),
            )
        )  # fmt: skip
    for day, items, pga in (
        ("2026-06-01", "pleurisy", "0.5"),
        ("2026-07-01", "low_complement,increased_dna_binding", "0.4"),
    ):
        args = ["add", "assessment", "--db", str(db), "--date", day, "--pga", pga]
        assert main([*args, "--sledai-items", items]) == 0


def test_new_serology_states_the_lldas_rule_in_status_and_report(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    _serology_patient(db)
    capsys.readouterr()
    assert main(["status", "--db", str(db), "--date", "2026-07-01"]) == 0
    out = capsys.readouterr().out
    assert "LLDAS criteria not met at the 1 Jul 2026 visit" in out
    assert "DORIS remission criteria met at the 1 Jul 2026 visit" in out
    assert SEROLOGY_RULE in out
    with Repository.open(db) as repo:
        assert SEROLOGY_RULE in treat_to_target_line(repo, date(2026, 7, 1))


def test_rule_not_stated_without_new_serology(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    _serology_patient(db)
    capsys.readouterr()
    assert main(["status", "--db", str(db), "--date", "2026-06-30"]) == 0
    assert SEROLOGY_RULE not in capsys.readouterr().out


def test_t2t_view_states_the_rule(tmp_path):
    from lupus_tracker.domain.glucocorticoids import DailyDose
    from lupus_tracker.domain.treat_to_target import assess_visits
    from lupus_tracker.ui.t2t_view import criteria_html

    class A:
        def __init__(self, day, items, pga):
            self.visit_on, self.items, self.pga = day, frozenset(items), pga

    visits = assess_visits(
        [
            A(date(2026, 6, 1), {"pleurisy"}, 0.5),
            A(date(2026, 7, 1), {"low_complement", "increased_dna_binding"}, 0.4),
        ],
        lambda d: DailyDose(d, 5.0, 0.0),
    )
    assert SEROLOGY_RULE in criteria_html(visits[-1])
    assert SEROLOGY_RULE not in criteria_html(visits[0])


def test_eye_exam_due_from_the_day_the_dose_rose(tmp_path, capsys):
    db = tmp_path / "h.sqlite"
    with Repository.open(db) as repo:
        repo.treatments.add(
            Medication(
                None, "Hydroxychloroquine", date(2023, 1, 1), None, None,
                (
                    Dose(date(2023, 1, 1), 200, "mg", "once daily"),
                    Dose(date(2026, 11, 3), 400, "mg", "once daily"),
                ),
            )
        )  # fmt: skip
        repo.results.add(LabEntry(date(2023, 1, 1), "weight", "150", "lb"))
        repo.events.add(Event(None, date(2023, 3, 1), EventKind.EYE_EXAM, "OCT"))
    capsys.readouterr()
    assert main(["status", "--db", str(db), "--date", "2026-11-29"]) == 0
    out = capsys.readouterr().out
    assert "Retinal screening due now: a risk factor since 3 Nov 2026" in out
    assert "2024-02-29" not in out
