"""Each LLDAS and DORIS criterion as a person reads it, at its limits (issue 17, round-4
survivors found by a targeted run of domain/treat_to_target.py).

Sources: DORIS 2021 remission (van Vollenhoven et al., Lupus Sci Med 2021;8:e000538):
clinical SLEDAI-2K = 0 (serology not counted), PGA < 0.5, prednisolone <= 5 mg/day, stable
antimalarials, immunosuppressives and biologics (the doctor's judgement). LLDAS (Franklyn
et al., Ann Rheum Dis 2016;75:1615-21): SLEDAI-2K <= 4 without major-organ activity, no new
activity since the previous assessment, PGA <= 1, prednisolone <= 7.5 mg/day, standard
maintenance drugs (the doctor's judgement). SLEDAI-2K weights: Gladman et al. 2002
(arthritis 4, low complement 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from lupus_tracker.domain.glucocorticoids import DailyDose
from lupus_tracker.domain.treat_to_target import Definition, doris, lldas

D = date(2026, 3, 1)
MAJOR_ORGAN = (
    "no renal, CNS, cardiopulmonary, vasculitis or fever item scored (haemolytic anaemia and "
    "GI activity are not SLEDAI-2K items: your doctor judges them)"
)


@dataclass(frozen=True)
class _Assessment:
    visit_on: date
    items: frozenset[str]
    pga: float | None


def _lines(result) -> list[tuple[str, str, str]]:
    return [(c.name, c.status.value, c.detail) for c in result.criteria]


ACTIVE = _Assessment(D, frozenset({"low_complement", "arthritis"}), 0.3)
EARLIER = _Assessment(date(2025, 12, 1), frozenset({"arthritis"}), 0.5)
EMPTY = _Assessment(D, frozenset(), None)
NO_DOSE = DailyDose(D, 0.0, 0.0, ("Prednisone: no dose recorded", "Medrol: no dose amount"))


def test_doris_criteria_as_read():
    assert _lines(doris(ACTIVE, DailyDose(D, 5.0, 0.0))) == [
        (
            "Clinical SLEDAI-2K = 0",
            "not met",
            "clinical SLEDAI-2K 4 (low complement and anti-dsDNA not counted)",
        ),
        ("PGA < 0.5", "met", "PGA 0.3 (must be below 0.5)"),
        (
            "Prednisone-equivalent ≤ 5 mg/day",
            "met",
            "prednisone-equivalent 5 mg/day is at or below 5",
        ),
        (
            "Stable maintenance drugs",
            "for your doctor to judge",
            "antimalarials, immunosuppressives, biologics at stable doses",
        ),
    ]
    assert _lines(doris(EMPTY, NO_DOSE))[1:3] == [
        ("PGA < 0.5", "unknown", "PGA not entered"),
        (
            "Prednisone-equivalent ≤ 5 mg/day",
            "unknown",
            "glucocorticoid dose not known: Prednisone: no dose recorded; Medrol: no dose amount",
        ),
    ]


def test_lldas_criteria_as_read():
    result = lldas(ACTIVE, EARLIER, DailyDose(D, 7.5, 0.0))
    assert result.notes == (
        "LLDAS counts new serological activity (low complement, DNA binding); DORIS does not",
    )
    assert _lines(result) == [
        ("SLEDAI-2K ≤ 4", "not met", "SLEDAI-2K 6"),
        ("No major-organ activity", "met", MAJOR_ORGAN),
        ("No new activity", "not met", "new since 1 Dec 2025: low complement"),
        ("PGA ≤ 1", "met", "PGA 0.3 (limit 1)"),
        (
            "Prednisone-equivalent ≤ 7.5 mg/day",
            "met",
            "prednisone-equivalent 7.5 mg/day is at or below 7.5",
        ),
        (
            "Maintenance drugs",
            "for your doctor to judge",
            "standard, well-tolerated doses, no investigational drug",
        ),
    ]
    assert _lines(lldas(EMPTY, None, NO_DOSE))[2:5] == [
        ("No new activity", "unknown", "no earlier assessment to compare with"),
        ("PGA ≤ 1", "unknown", "PGA not entered"),
        (
            "Prednisone-equivalent ≤ 7.5 mg/day",
            "unknown",
            "glucocorticoid dose not known: Prednisone: no dose recorded; Medrol: no dose amount",
        ),
    ]


@pytest.mark.parametrize(
    ("pga", "line"),
    [
        (0.5, ("not met", "PGA 0.5 (must be below 0.5)")),  # DORIS: strictly below 0.5
        (0.49, ("met", "PGA 0.49 (must be below 0.5)")),
    ],
)
def test_doris_pga_limit(pga, line):
    found = _lines(doris(_Assessment(D, frozenset(), pga), DailyDose(D, 0.0, 0.0)))
    assert found[1] == ("PGA < 0.5", *line)


@pytest.mark.parametrize(
    ("pga", "line"),
    [
        (1.0, ("met", "PGA 1 (limit 1)")),  # LLDAS: at most 1
        (1.01, ("not met", "PGA 1.01 (limit 1)")),
    ],
)
def test_lldas_pga_limit(pga, line):
    found = _lines(lldas(_Assessment(D, frozenset(), pga), None, DailyDose(D, 0.0, 0.0)))
    assert found[3] == ("PGA ≤ 1", *line)


@pytest.mark.parametrize(
    ("oral", "pulse", "line"),
    [
        (5.0, 0.0, ("met", "prednisone-equivalent 5 mg/day is at or below 5")),
        (5.01, 0.0, ("not met", "prednisone-equivalent 5.01 mg/day is above 5")),
        (
            2.5,
            250.0,
            (
                "not met",
                "prednisone-equivalent 252.5 mg/day, including a 250 mg pulse, is above 5",
            ),
        ),
    ],
)
def test_doris_dose_limit(oral, pulse, line):
    found = _lines(doris(_Assessment(D, frozenset(), 0.1), DailyDose(D, oral, pulse)))
    assert found[2] == ("Prednisone-equivalent ≤ 5 mg/day", *line)


@pytest.mark.parametrize(
    ("oral", "line"),
    [
        (7.5, ("met", "prednisone-equivalent 7.5 mg/day is at or below 7.5")),
        (7.51, ("not met", "prednisone-equivalent 7.51 mg/day is above 7.5")),
    ],
)
def test_lldas_dose_limit(oral, line):
    found = _lines(lldas(_Assessment(D, frozenset(), 0.1), None, DailyDose(D, oral, 0.0)))
    assert found[4] == ("Prednisone-equivalent ≤ 7.5 mg/day", *line)


def test_lldas_major_organ_and_new_activity():
    # proteinuria (renal, 4) and fever (1) new beside arthritis (4): SLEDAI-2K 9
    now = _Assessment(D, frozenset({"proteinuria", "fever", "arthritis"}), 0.3)
    result = lldas(now, EARLIER, DailyDose(D, 5.0, 0.0))
    assert _lines(result)[:3] == [
        ("SLEDAI-2K ≤ 4", "not met", "SLEDAI-2K 9"),
        ("No major-organ activity", "not met", "active: fever, renal"),
        ("No new activity", "not met", "new since 1 Dec 2025: fever, proteinuria"),
    ]
    assert result.notes == ()  # no new serology: no note on how LLDAS and DORIS differ


def test_lldas_at_sledai_4_with_nothing_new():
    now = _Assessment(D, frozenset({"arthritis"}), 0.3)  # SLEDAI-2K exactly 4: met
    result = lldas(now, EARLIER, DailyDose(D, 5.0, 0.0))
    assert _lines(result)[:3] == [
        ("SLEDAI-2K ≤ 4", "met", "SLEDAI-2K 4"),
        ("No major-organ activity", "met", MAJOR_ORGAN),
        ("No new activity", "met", "nothing new since 1 Dec 2025"),
    ]


def test_results_name_their_definition_and_where_the_pga_came_from():
    # the sentence says "(PGA as entered from your doctor's letter)" only with a PGA
    found = lldas(ACTIVE, EARLIER, DailyDose(D, 5.0, 0.0))
    assert (found.definition, found.pga_entered) == (Definition.LLDAS, True)
    found = lldas(EMPTY, None, DailyDose(D, 5.0, 0.0))
    assert (found.definition, found.pga_entered) == (Definition.LLDAS, False)
    found = doris(ACTIVE, DailyDose(D, 5.0, 0.0))
    assert (found.definition, found.pga_entered) == (Definition.DORIS, True)
    found = doris(EMPTY, DailyDose(D, 5.0, 0.0))
    assert (found.definition, found.pga_entered) == (Definition.DORIS, False)
