"""Issue 12 item 2 / round-2 brief item 4: every marker's limits audited, in every unit of its
canonical family, for 1000x traps (a thousands separator read as a decimal mark), plus the
bound and dose rules that share the one place each lives."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.domain.catalog import MARKERS, MarkerKind, get_marker
from lupus_tracker.domain.dosing import check_dose_amount, check_dose_change
from lupus_tracker.domain.entry import check_entry
from lupus_tracker.domain.plausibility import PLAUSIBLE
from lupus_tracker.domain.records import (
    Dose,
    InvalidEntryError,
    LabEntry,
    Medication,
    NumberFormat,
)

D = date(2024, 1, 10)
POINT = NumberFormat.POINT
AMBIGUOUS_SAMPLES = (1.0, 1.25, 2.5, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 999.999)

# Marker and unit where an ambiguous number's decimal reading and its thousands reading are
# both physiologically possible, so only the file's number format can decide (refused while
# it is unset, issue 12 item 1).  Reviewed one by one; a change of limits that adds a pair
# must be reviewed too.
BOTH_READINGS_POSSIBLE = {
    ("upcr", "mg/mmol"),
    ("uacr", "mg/g"),
    ("uacr", "mg/mmol"),
    ("wbc", "×10⁹/L"),
    ("wbc", "×10³/µL"),
    ("lymphocytes", "×10⁹/L"),
    ("lymphocytes", "×10³/µL"),
    ("platelets", "×10⁹/L"),
    ("platelets", "×10³/µL"),
    ("crp", "mg/L"),
    ("anti_dsdna", "IU/mL"),
    ("urine_rbc", "/HPF"),
    ("urine_wbc", "/HPF"),
    ("urine_casts", "/LPF"),
    ("alt", "U/L"),
    ("ast", "U/L"),
    ("igg", "mg/dL"),
    ("ldl", "mg/dL"),
    # Units labs print without decimals: the decimal reading is refused anyway (below).
    ("urine_protein_24h", "mg/24h"),
    ("upcr", "mg/g"),
    ("wbc", "/mm³"),
    ("c3", "mg/L"),
    ("lymphocytes", "/mm³"),
    ("neutrophils", "/mm³"),
}


def test_every_numeric_marker_in_a_canonical_unit_has_limits():
    # Brief item 4: neutrophils (and the treat-to-target markers) lacked a row.
    missing = [
        m.key
        for m in MARKERS
        if m.kind is MarkerKind.NUMERIC
        and not m.canonical_unit.label.startswith("U/mL (kit")
        and m.key not in PLAUSIBLE
        and m.key
        not in {
            "anti_sm",
            "anti_ro",
            "anti_la",
            "anti_rnp",
            "anti_c1q",
            "acl_igg",
            "acl_igm",
            "b2gp1_igg",
            "b2gp1_igm",
        }
    ]
    assert missing == []


def test_audit_both_readings_possible_only_where_reviewed():
    found = set()
    for key, limits in PLAUSIBLE.items():
        marker = get_marker(key)
        for unit in marker.units.units:
            if unit.family != marker.canonical_unit.family:
                continue
            for x in AMBIGUOUS_SAMPLES:
                if limits.holds(unit.to_base(x)) and limits.holds(unit.to_base(1000 * x)):
                    found.add((key, unit.label))
    assert found == BOTH_READINGS_POSSIBLE


@pytest.mark.parametrize(
    ("marker", "value", "unit", "needle", "source"),
    [
        ("platelets", "250.000", "/uL", "250000 /mm³ = 250 ×10⁹/L", "issue 12 item 1: 250.000 /µL"),
        (
            "urine_protein_24h",
            "1.250",
            "mg/24h",
            "1250 mg/24h = 1.25 g/24h",
            "issue 12 item 1: a European lab's 1.250 mg/24h",
        ),
        ("neutrophils", "1.500", "/uL", "1500 /mm³ = 1.5 ×10⁹/L", "brief item 4: neutrophils"),
        ("lymphocytes", "250.000", "/uL", "250000 /mm³", "brief item 4: counts per µL are whole"),
        ("wbc", "4.500", "/uL", "4500 /mm³ = 4.5 ×10⁹/L", "brief item 4: WBC per µL"),
        (
            "urine_protein_24h",
            "10.000",
            "mg/24h",
            "10000 mg/24h = 10 g/24h",
            "brief item 4: mg/24h is printed without decimals",
        ),
        ("c3", "1.250", "mg/L", "1250 mg/L = 1.25 g/L", "brief item 4: C3 below assay range"),
        ("c4", "1.250", "mg/L", "1250 mg/L", "brief item 4: C4 below assay range"),
        ("upcr", "1.250", "mg/g", "1250 mg/g", "brief item 4: UPCR in mg/g"),
        ("creatinine", "1.250", "umol/L", "1250 µmol/L", "brief item 4: creatinine in µmol/L"),
        ("igg", "1.250", "mg/dL", "1250 mg/dL", "brief item 4: IgG in mg/dL"),
    ],
)
def test_thousands_separator_read_as_decimal_is_refused(marker, value, unit, needle, source):
    with pytest.raises(InvalidEntryError) as error:
        check_entry(LabEntry(D, marker, value, unit), None, POINT)
    assert needle in str(error.value), source


@pytest.mark.parametrize(
    ("marker", "value", "unit", "source"),
    [
        ("neutrophils", "0", "10*9/L", "agranulocytosis: an ANC of 0 is real"),
        ("neutrophils", "0.01", "10*9/L", "counters print steps of 0.01 ×10⁹/L"),
        ("neutrophils", "<0.01", "10*9/L", "a bound below detection stays accepted"),
        ("platelets", "5", "10*9/L", "issue 12 item 2 real extreme"),
        ("c3", "<0.04", "g/L", "below the assay's range, printed as a bound"),
        ("urine_protein_24h", "0.05", "g/24h", "a normal 24-h protein"),
        ("platelets", "250.000", "/uL", "read with a decimal comma file: 250000 /µL"),
    ],
)
def test_real_values_stay_accepted(marker, value, unit, source):
    fmt = NumberFormat.COMMA if value == "250.000" else POINT
    assert check_entry(LabEntry(D, marker, value, unit), None, fmt).base_value is not None, source


@pytest.mark.parametrize("value", ["<0", "<0.0", "<0,0"])
def test_a_less_than_bound_at_zero_is_refused(value):
    # Brief item 4: no catalog quantity can be negative, so "<0" says nothing possible.
    with pytest.raises(InvalidEntryError, match="below zero"):
        check_entry(LabEntry(D, "crp", value, "mg/L"), None, POINT)


MED = Medication(None, "Hydroxychloroquine", date(2024, 1, 1), date(2024, 6, 30))


@pytest.mark.parametrize(
    ("amount", "ok"),
    [(0.0, False), (-200.0, False), (200.0, True), (0.25, True), (float("nan"), False)],
)
def test_dose_amount_must_be_positive(amount, ok):
    # Brief item 4: a hydroxychloroquine (any medication) dose of 0 or less is refused.
    if ok:
        check_dose_amount(Dose(D, amount, "mg"))
    else:
        with pytest.raises(InvalidEntryError):
            check_dose_amount(Dose(D, amount, "mg"))


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (date(2023, 12, 31), "cannot be before"),
        (date(2024, 7, 1), "was stopped on 2024-06-30"),
        (date(2024, 1, 1), None),
        (date(2024, 6, 30), None),
    ],
)
def test_dose_change_within_the_course(day, message):
    # Brief item 4: the CLI's "after the stop date" rule, shared by store and GUI.
    if message is None:
        check_dose_change(MED, Dose(day, 200, "mg"))
    else:
        with pytest.raises(InvalidEntryError, match=message):
            check_dose_change(MED, Dose(day, 200, "mg"))


def test_store_change_dose_after_stop_is_refused_and_writes_nothing(repo):
    saved = repo.treatments.add(MED)
    with pytest.raises(InvalidEntryError, match="was stopped"):
        repo.treatments.change_dose(saved.id, Dose(date(2024, 8, 1), 100, "mg"))
    with pytest.raises(InvalidEntryError, match="above 0"):
        repo.treatments.change_dose(saved.id, Dose(date(2024, 2, 1), 0, "mg"))
    assert repo.treatments.get(saved.id).doses == ()
