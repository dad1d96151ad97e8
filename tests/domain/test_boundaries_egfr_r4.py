"""eGFR names, ages and notes at their limits (issue 17, round-4 mutation survivors and
"no tests" functions in domain/egfr.py). Sources per table."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.egfr import (
    MIN_AGE,
    SCHWARTZ_ASSAY,
    SCHWARTZ_MIN_AGE,
    SCHWARTZ_NAME,
    EgfrError,
    ckd_epi_2021,
    computed_egfr_entry,
    computed_egfr_text,
    creatinine_to_mg_dl,
    gfr_boundaries,
    lab_and_computed_note,
    result_name,
    results_name,
    under_18_note,
)
from lupus_tracker.domain.measurement import interpret
from lupus_tracker.domain.records import LabResult, NumberFormat, Sex, Source

EGFR = get_marker("egfr")
C3 = get_marker("c3")


def test_gfr_boundaries_are_kdigo_2012_table_5():
    # KDIGO 2012 CKD guideline, table 5: G1 >=90, G2 60-89, G3a 45-59, G3b 30-44,
    # G4 15-29 (G5 <15 is below the last line a chart draws).
    assert gfr_boundaries() == (
        (90, "G1", "G1 \u226590"),
        (60, "G2", "G2 60\u201389"),
        (45, "G3a", "G3a 45\u201359"),
        (30, "G3b", "G3b 30\u201344"),
        (15, "G4", "G4 15\u201329"),
    )


# -- the name a reader sees (issue 12 item 8: a Schwartz eGFR is named by its equation) -----
@pytest.mark.parametrize(
    ("marker", "assay", "short", "name"),
    [
        (EGFR, SCHWARTZ_ASSAY, False, SCHWARTZ_NAME),
        (EGFR, SCHWARTZ_ASSAY, True, SCHWARTZ_NAME),
        (EGFR, None, False, "eGFR (CKD-EPI 2021)"),  # the catalog's name
        (EGFR, None, True, "eGFR"),  # its short label
        (EGFR, "CKD-EPI 2021 (computed)", False, "eGFR (CKD-EPI 2021)"),
        (C3, SCHWARTZ_ASSAY, False, "Complement C3"),  # only an eGFR has an equation
        (C3, None, True, "C3"),
    ],
)
def test_result_name(marker, assay, short, name):
    assert result_name(marker, assay, short=short) == name


def test_result_name_is_the_full_name_unless_asked_short():
    assert result_name(EGFR, None) == "eGFR (CKD-EPI 2021)"


@pytest.mark.parametrize(
    ("assays", "name"),
    [
        ([SCHWARTZ_ASSAY, SCHWARTZ_ASSAY], SCHWARTZ_NAME),  # one shared name
        ([None, None], "eGFR (CKD-EPI 2021)"),
        ([None, SCHWARTZ_ASSAY], "eGFR"),  # two methods: the short label
        ([], "eGFR (CKD-EPI 2021)"),  # no result: the catalog's name
    ],
)
def test_results_name(assays, name):
    assert results_name(EGFR, assays) == name


# -- under 18: CKD-EPI 2021 is for adults (Inker et al. 2021); bedside Schwartz from 1 ----
def test_under_18_note_from_the_18th_birthday():
    assert MIN_AGE == 18
    assert under_18_note(18, False) == ""
    assert under_18_note(40, True) == ""
    assert under_18_note(17, True) == (
        "CKD-EPI is for adults; eGFR by the bedside Schwartz equation "
        "(0.413 x height (cm) / creatinine (mg/dL))"
    )
    assert under_18_note(17.9, False).endswith("log a height near the creatinine")


def _creatinine(day: date, value: float, lab: str | None = "City Lab") -> LabResult:
    return LabResult(
        1, day, "creatinine", f"{value:g}", None, value, "mg/dL", value, "mg/dL", None, lab,
        None, None, None, Source.ENTERED, "", "",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("birth", "computed"),
    [
        (date(2025, 3, 2), False),  # one day short of 1 year: below Schwartz's ages
        (date(2025, 3, 1), True),  # the first birthday, the day of the creatinine
        (date(2024, 3, 1), True),  # 2 years
    ],
)
def test_schwartz_from_the_first_birthday(birth, computed):
    # Schwartz et al., J Am Soc Nephrol 2009;20:629-37: children aged 1 to 16.
    assert SCHWARTZ_MIN_AGE == 1
    creatinine = _creatinine(date(2026, 3, 1), 0.3)
    entry = computed_egfr_entry(creatinine, birth, Sex.FEMALE, [(date(2026, 2, 1), 75.0)])
    assert (entry is not None) is computed


def test_schwartz_entry_keeps_the_creatinine_lab_and_a_point_number():
    creatinine = _creatinine(date(2026, 3, 1), 0.5, lab="Kids Lab")
    entry = computed_egfr_entry(creatinine, date(2016, 1, 1), Sex.MALE, [(date(2026, 2, 1), 140.0)])
    assert entry is not None
    # 0.413 x 140 / 0.5 = 115.6 (Schwartz 2009)
    assert (entry.value, entry.assay, entry.source) == ("116", SCHWARTZ_ASSAY, Source.COMPUTED)
    # the derived value's lab is the lab that measured its creatinine (comparability)
    assert entry.lab == "Kids Lab"
    # stored canonical text is read with a decimal point whatever the person's format
    assert entry.number_format is NumberFormat.POINT


# -- a lab eGFR beside ours: pointed out above 10% apart (our choice, issue 12 item 6) -------
@pytest.mark.parametrize(
    ("lab", "computed", "note"),
    [
        (100, 110, ""),  # exactly 10%: agree
        (100, 111, "lab 100, computed eGFR 111 — ask which equation your lab uses"),
        (100, 90, ""),
        (100, 89, "lab 100, computed eGFR 89 — ask which equation your lab uses"),
        (0, 50, ""),  # no lab value to compare with (never a division by zero)
        (1, 5, "lab 1, computed eGFR 5 — ask which equation your lab uses"),
    ],
)
def test_lab_and_computed_note(lab, computed, note):
    assert lab_and_computed_note(lab, computed) == note


def test_computed_egfr_text():
    assert computed_egfr_text("92") == "computed eGFR 92"
    assert computed_egfr_text("92", "0.85 mg/dL") == "computed eGFR 92 (from creatinine 0.85 mg/dL)"


# -- the equation's inputs (CKD-EPI 2021: creatinine in mg/dL; 1 mg/dL = 88.4 µmol/L) ------
@pytest.mark.parametrize("unit", ["mg/dL", "MG/DL"])
def test_creatinine_in_mg_dl_as_is(unit):
    assert creatinine_to_mg_dl(1.1, unit) == 1.1


@pytest.mark.parametrize("unit", ["umol/L", "\u00b5mol/L", "\u03bcmol/L"])  # u, micro, Greek mu
def test_creatinine_in_umol_l_any_micro_sign(unit):
    assert creatinine_to_mg_dl(88.4, unit) == pytest.approx(1.0)


def test_equation_input_refusals():
    with pytest.raises(EgfrError) as raised:
        creatinine_to_mg_dl(1.0, "mmol/L")
    assert str(raised.value) == "Creatinine unit must be mg/dL or \u00b5mol/L, not 'mmol/L'."
    with pytest.raises(EgfrError) as raised:
        ckd_epi_2021(1.0, 40, "other")  # type: ignore[arg-type]
    assert str(raised.value) == "Sex must be female or male for the CKD-EPI equation, not 'other'."


def test_measurement_certainly_below_at_the_limit():
    # platelets 100 x10^9/L: "< 100" is not certain, "<= 100" is (SLEDAI-2K thrombocytopenia
    # is below 100; the or_equal form serves "at or below" rules)
    m = interpret(get_marker("platelets"), "100", "10*9/L")
    assert m.certainly_below(100) is False
    assert m.certainly_below(100, or_equal=True) is True
