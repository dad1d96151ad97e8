"""Each treat-to-target marker's LOINC code pinned to the LOINC property its definition
has, and that property to the units the marker takes (issue 15 item 6, issue 17). A code
whose LOINC definition is mass/volume must never carry U/mL, a presence (ordinal) code never
a number: a FHIR import maps by these codes and an export writes them. Sources per code are
in the comment above the markers in lupus_tracker/domain/catalog.py (loinc.org term pages
where found, else the published source named there).
"""

from __future__ import annotations

import pytest

from lupus_tracker.domain.catalog import MarkerKind, get_marker, marker_for_loinc
from lupus_tracker.domain.units import UnitTable

# LOINC property (LOINC Users' Guide, "Property" axis) -> the UCUM codes of that kind the
# app accepts. NCnc number concentration, CCnc catalytic concentration, MCnc mass
# concentration, SCnc substance concentration, MFr mass fraction, Naric number per area,
# ACnc arbitrary concentration (kit units, antibody index), Imp interpretation.
PROPERTY_UNITS = {
    "NCnc": {"10*9/L", "10*3/uL", "/mm3"},
    "CCnc": {"U/L", "ukat/L"},
    "MCnc": {"g/L", "mg/dL", "ng/mL"},
    "SCnc": {"mmol/L", "nmol/L"},
    "MFr": {"%"},
    "Naric": {"/[LPF]"},
    "ACnc": {"U/mL", "{AI}", "[GPL'U]", "[MPL'U]"},
    "Imp": {"{result}"},
}

# (marker, LOINC code, alternative codes, the code's property, canonical unit, other
#  properties the marker converts from: a moles or IFCC unit is a different LOINC term,
#  the marker's alternative code where it was verified: issue 13 item 1, round 4)
LOINC_TABLE = [
    ("neutrophils", "751-8", (), "NCnc", "10*9/L", ()),
    ("alt", "1742-6", (), "CCnc", "U/L", ()),
    ("ast", "1920-8", (), "CCnc", "U/L", ()),
    ("igg", "2465-3", (), "MCnc", "g/L", ()),
    ("glucose", "2345-7", ("14749-6",), "MCnc", "mg/dL", ("SCnc",)),
    ("hba1c", "4548-4", ("59261-8",), "MFr", "%", ("SFr",)),
    ("cholesterol", "2093-3", ("14647-2",), "MCnc", "mg/dL", ("SCnc",)),
    ("ldl", "13457-7", ("18262-6",), "MCnc", "mg/dL", ("SCnc",)),
    ("vitamin_d", "62292-8", (), "MCnc", "ng/mL", ("SCnc",)),
    ("urine_casts", "5807-3", (), "Naric", "/[LPF]", ()),
    ("anti_sm", "11090-8", (), "ACnc", "U/mL", ()),
    ("anti_ro", "17792-3", ("33569-5",), "ACnc", "U/mL", ()),
    ("anti_la", "17791-5", ("45142-7",), "ACnc", "U/mL", ()),
    ("anti_rnp", "29374-6", (), "ACnc", "U/mL", ()),
    ("anti_c1q", "44702-9", (), "ACnc", "U/mL", ()),
    ("lupus_anticoagulant", "75514-0", (), "Imp", "{result}", ()),
    ("acl_igg", "3181-5", ("8065-5",), "ACnc", "[GPL'U]", ()),
    ("acl_igm", "3182-3", (), "ACnc", "[MPL'U]", ()),
    ("b2gp1_igg", "44448-9", (), "ACnc", "U/mL", ()),
    ("b2gp1_igm", "44449-7", (), "ACnc", "U/mL", ()),
    ("ch50", "4532-8", (), "ACnc", "U/mL", ()),
]
SFR_UNITS = {"mmol/mol"}  # IFCC HbA1c, substance fraction (https://loinc.org/59261-8/)


def _codes(units: UnitTable) -> set[str]:
    return {unit.code for unit in units.units}


@pytest.mark.parametrize(("key", "code", "alt", "prop", "canonical", "converted"), LOINC_TABLE)
def test_code_and_units_fit_the_loinc_property(key, code, alt, prop, canonical, converted):
    marker = get_marker(key)
    assert (marker.loinc, marker.alt_loinc) == (code, alt)
    assert marker.canonical_unit.code == canonical
    assert canonical in PROPERTY_UNITS[prop]
    allowed = set(PROPERTY_UNITS[prop])
    for other in converted:
        allowed |= SFR_UNITS if other == "SFr" else PROPERTY_UNITS[other]
    assert _codes(marker.units) <= allowed, key


@pytest.mark.parametrize(("key", "code", "alt", "prop", "canonical", "converted"), LOINC_TABLE)
def test_every_code_imports_as_its_marker(key, code, alt, prop, canonical, converted):
    for each in (code, *alt):
        found = marker_for_loinc(each)
        assert found is not None and found.key == key


def test_only_the_interpretation_code_is_ordinal():
    ordinal = {key for key, *_ in LOINC_TABLE if get_marker(key).kind is MarkerKind.ORDINAL}
    assert ordinal == {key for key, _, _, prop, *_ in LOINC_TABLE if prop == "Imp"}


@pytest.mark.parametrize(
    "code",
    [
        "53022-0",  # U1 snRNP Ab [Presence]: a presence term, not anti-RNP units
        "29958-6",  # Mayo's "RNP Ab, IgG, S": not verified
    ],
)
def test_unverified_or_other_scale_codes_are_not_mapped(code):
    assert marker_for_loinc(code) is None
