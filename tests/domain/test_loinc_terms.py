"""Every LOINC code the app uses against the LOINC term it names (issue 15 item 6).

The table (tests/domain/loinc_table.py) lists, per code, the property, scale and system of
its LOINC term and how it was verified. These tests tie the catalog and the FHIR exchange
to it: no code without a row, no code seen DEPRECATED in use, a marker takes only units
of its codes' properties (a titer code never gets a mass unit, a presence code is never
charted as a number), and an export writes, for each unit, a code whose property fits.
"""

from __future__ import annotations

import pytest

from lupus_tracker.domain.catalog import MARKERS, MarkerKind, get_marker, marker_for_loinc
from lupus_tracker.domain.measurement import interpret
from lupus_tracker.exchange import codes as exchange_codes
from lupus_tracker.exchange import fhir_export, fhir_import
from tests.domain.loinc_table import BY_CODE, DEPRECATED_SEEN, TERMS, Verdict

# LOINC property (Users' Guide, "Property" axis) -> UCUM codes of that kind in the catalog.
PROPERTY_UNITS: dict[str, set[str]] = {
    "MCnc": {"g/L", "mg/dL", "mg/L", "g/dL", "ng/mL"},
    "SCnc": {"mmol/L", "umol/L", "nmol/L"},
    "NCnc": {"10*9/L", "10*3/uL", "/mm3"},
    "CCnc": {"U/L", "ukat/L"},
    "ACnc": {"[IU]/mL", "U/mL", "{AI}", "[GPL'U]", "[MPL'U]"},
    "Titr": {"{titer}"},
    "MFr": {"%"},
    "SFr": {"mmol/mol"},
    "MRat": {"g/(24.h)", "mg/(24.h)"},
    "MRto": {"mg/mg", "mg/g"},
    "SRto": {"mg/mmol"},
    "Naric": {"/[HPF]", "/[LPF]"},
    "ArVRat": {"mL/min/{1.73_m2}"},
    "Vel": {"mm/h"},
    "M": {"kg", "[lb_av]"},
    "Len": {"cm", "[in_i]"},
    "Pres": {"mm[Hg]"},
    "Temp": {"Cel", "[degF]"},
}
QUANTITATIVE = {"Qn"}
NOT_A_NUMBER = {"Ord", "Nom", "Nar"}  # presence, interpretation, narrative

# Units a marker takes without a code of their own: a word result's unit, and the molar
# units whose LOINC term could not be verified (exported without a LOINC code,
# exchange/codes.py NO_VERIFIED_CODE). Hemoglobin, glucose, HbA1c and cholesterol molar
# results have their verified molar term (issue 13 item 1, round 4).
WORD_UNITS = {"{dipstick}", "{result}"}
CONVERTED_ONLY = {key: {unit} for key, unit in exchange_codes.NO_VERIFIED_CODE}


def _codes_in_use() -> set[str]:
    used = {code for m in MARKERS for code in (m.loinc, *m.alt_loinc)}
    used |= set(exchange_codes.EGFR_CODES.values())
    used |= set(exchange_codes.EGFR_DISPLAYS)
    used |= set(exchange_codes._BY_UNIT.values())
    used |= {"11013-0", "8061-4"}  # export_code's titer and word codes
    used |= set(fhir_import.METHOD_BY_CODE) | set(fhir_import.NOT_THE_SAME)
    used |= {fhir_import.PATTERN_LOINC, fhir_export.PATTERN_LOINC}
    return used


def test_every_code_in_use_has_exactly_one_row():
    codes = [term.code for term in TERMS]
    assert len(codes) == len(set(codes))
    assert _codes_in_use() == set(codes)


def test_export_codes_are_listed_in_the_table():
    # export_code's literals are not importable constants: read them from its source.
    import inspect

    source = inspect.getsource(exchange_codes.export_code)
    for code in ("11013-0", "8061-4"):
        assert f'"{code}"' in source
        assert code in BY_CODE


def test_no_code_seen_deprecated_is_in_use():
    assert not set(DEPRECATED_SEEN) & _codes_in_use()
    assert all(term.status in ("ACTIVE", "not shown") for term in TERMS)


def test_every_row_names_its_source_or_says_unverified():
    for term in TERMS:
        if term.verdict is Verdict.UNVERIFIED:
            assert term.source == "none found", term.code
            assert term.seen, term.code
        else:
            assert term.source.startswith(("https://", "HL7 FHIR")), term.code


def test_a_verified_row_names_the_term_its_page_showed():
    # A verified code carries the long common name (or display) seen on its page; a
    # LOINC-table copy always prints the term's status, and it must be ACTIVE.
    for term in TERMS:
        if term.verdict is Verdict.UNVERIFIED:
            continue
        assert term.name != "not seen", term.code
        assert term.seen, term.code
        if term.verdict is Verdict.TABLE_COPY:
            assert term.status == "ACTIVE", term.code
            assert term.source.startswith("https://www.healthassure.in/codes/loinc-" + term.code)


def _marker_rows():
    return [(t, marker_for_loinc(t.code)) for t in TERMS if marker_for_loinc(t.code)]


@pytest.mark.parametrize(("term", "marker"), _marker_rows(), ids=lambda x: getattr(x, "code", ""))
def test_marker_takes_a_unit_of_each_code_it_maps(term, marker):
    unit_codes = {u.code for u in marker.units.units}
    if term.scale in NOT_A_NUMBER:
        # A presence or interpretation code: the marker must store a word for it.
        assert marker.words, (term.code, marker.key)
    else:
        assert unit_codes & PROPERTY_UNITS[term.prop], (term.code, marker.key)


@pytest.mark.parametrize("marker", MARKERS, ids=lambda m: m.key)
def test_every_unit_of_a_marker_is_one_of_its_codes_properties(marker):
    """A titer code never gets a mass unit, a mass code never U/mL: every unit the marker
    accepts belongs to the property of one of its codes (or is a documented conversion)."""
    props = {BY_CODE[c].prop for c in (marker.loinc, *marker.alt_loinc)}
    allowed = set().union(*(PROPERTY_UNITS.get(p, set()) for p in props))
    allowed |= CONVERTED_ONLY.get(marker.key, set()) | WORD_UNITS
    kit = {u.code for u in marker.units.units if u.family in ("kit", "index")}
    if "ACnc" in props:
        allowed |= kit
    assert {u.code for u in marker.units.units} <= allowed, marker.key


@pytest.mark.parametrize("marker", MARKERS, ids=lambda m: m.key)
def test_main_code_scale_fits_how_the_marker_is_charted(marker):
    term = BY_CODE[marker.loinc]
    if term.scale in NOT_A_NUMBER:
        assert marker.kind is MarkerKind.ORDINAL, marker.key  # never charted as a number
    else:
        assert term.scale in QUANTITATIVE
        assert marker.kind is not MarkerKind.ORDINAL, marker.key
    if term.prop == "Titr":
        assert marker.kind is MarkerKind.TITER and marker.accepts_titer


def _export_cases():
    cases = []
    for marker in MARKERS:
        for unit in marker.units.units:
            if unit.family == "titer":
                value = "1:160"
            elif unit.family in ("ordinal",):
                value = marker.words[0]
            else:
                value = "12"
            cases.append((marker.key, value, unit.code))
        if marker.words and marker.kind is not MarkerKind.ORDINAL:
            cases.append((marker.key, "positive", marker.canonical_unit.code))
    return cases


@pytest.mark.parametrize(("key", "value", "unit"), _export_cases())
def test_export_code_fits_the_unit_it_carries(key, value, unit):
    marker = get_marker(key)
    try:
        m = interpret(marker, value, unit)
    except ValueError:
        pytest.skip("not a value this unit takes")
    code = exchange_codes.export_code(marker, m, None)
    if code is None:  # no verified term: the name alone, never a wrong code
        assert (key, unit) in exchange_codes.NO_VERIFIED_CODE, (key, unit)
        return
    term = BY_CODE[code]
    if m.value.word is not None:
        # A word result: a presence code, or the marker's own code when it has words.
        assert term.scale in NOT_A_NUMBER or marker.words, (key, code)
        return
    if m.value.is_titer:
        assert term.prop == "Titr" or marker.kind is MarkerKind.TITER, (key, code)
        return
    kit = {u.code for u in marker.units.units if u.family in ("kit", "index")}
    assert unit in PROPERTY_UNITS[term.prop] | (kit if term.prop == "ACnc" else set()), (
        key,
        unit,
        code,
    )
