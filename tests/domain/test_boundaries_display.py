"""Boundary tables for the domain's wording rules that only UI, CLI and store tests reached
(issue 17: mutation testing found them with "no tests" in the fast core suite): how a unit
code, a dose, a stop reason, a custom symptom, a printed value, a range in base units and a
stored result's identity are written. Each row names its source: UCUM
(https://ucum.org/ucum), the module's documented rule, or "our choice, because ...".
"""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.domain import comparability
from lupus_tracker.domain.catalog import get_marker, unit_display
from lupus_tracker.domain.dosing import daily_total_text, dose_text, total_dose_text
from lupus_tracker.domain.measurement import interpret
from lupus_tracker.domain.records import Dose, LabEntry, LabResult, Source
from lupus_tracker.domain.result_key import result_key, stored_result_key
from lupus_tracker.domain.stop_note import note_before_stop, note_with_stop_reason
from lupus_tracker.domain.symptoms import (
    BODY_SITE_MAX,
    CUSTOM_NAME_MAX,
    SymptomError,
    builtin_named,
    check_body_site,
    check_custom_name,
    custom_key,
    custom_symptom,
    symptom_name,
)
from lupus_tracker.domain.units import readable_unit
from lupus_tracker.domain.wording import MAX_PRINTED_DIGITS, value_as_printed

DAY = date(2026, 3, 2)

# -- readable_unit: UCUM codes as a person reads them (UCUM; issue 11 item 17) --------------
UCUM_READ = [
    ("10*9/L", "×10⁹/L"),  # UCUM power of ten 10*N
    ("10*3/uL", "×10³/µL"),  # UCUM u = micro
    ("10*-3", "×10⁻³"),  # negative exponent
    ("mL/min/{1.73_m2}", "mL/min/1.73 m²"),  # eGFR's body-surface annotation
    ("{1.73 m2}", "1.73 m²"),
    ("[IU]/mL", "IU/mL"),  # UCUM special unit in brackets
    ("[iU]/L", "IU/L"),
    ("umol/L", "µmol/L"),
    ("ukat/L", "µkat/L"),
    ("ug/L", "µg/L"),
    ("uL", "µL"),
    ("mm[Hg]", "mmHg"),
    ("Cel", "°C"),
    ("[degF]", "°F"),
    ("[lb_av]", "lb"),
    ("/[HPF]", "/HPF"),
    ("/[LPF]", "/LPF"),
    ("[GPL'U]", "GPL"),
    ("[MPL'U]", "MPL"),
    ("{titer}", "titer"),
    ("{dipstick}", "dipstick"),
    ("{result}", "result"),
    ("{AI}", "AI"),
    ("g/(24.h)", "g/24h"),
    ("/mm3", "/mm³"),
    ("[arb'U]/mL", "arb'U/mL"),  # any other bracketed unit: its words
    ("{copies}/mL", "copies/mL"),  # any other annotation: its words
    ("mg/dL", "mg/dL"),  # plain text comes back unchanged
    ("Celsius", "Celsius"),  # "Cel" only as a whole word
    ("  mg  ", "mg"),
    (None, ""),
    ("", ""),
]


@pytest.mark.parametrize(("code", "shown"), UCUM_READ)
def test_readable_unit(code, shown):
    assert readable_unit(code) == shown


@pytest.mark.parametrize(
    ("marker", "unit", "shown"),
    [
        ("wbc", "10*9/L", "×10⁹/L"),  # the catalog's label for a listed unit
        ("wbc", "K/uL", "×10³/µL"),  # an alias finds the listed unit's label
        ("wbc", "weird/uL", "weird/µL"),  # not listed: the code made readable
        ("not_in_the_catalog", "umol/L", "µmol/L"),  # unknown marker: the code made readable
        ("wbc", "", ""),
        ("wbc", None, ""),
    ],
)
def test_unit_display(marker, unit, shown):
    assert unit_display(marker, unit) == shown


@pytest.mark.parametrize(
    ("marker", "text"),
    [
        ("creatinine", "F 0.5-1.1; M 0.7-1.3"),  # by sex, ../shared/domain.md
        ("hemoglobin", "F 12-16; M 13.5-17.5"),
        ("crp", "<5"),  # one range for everyone
        ("weight", ""),  # no default range
    ],
)
def test_default_range_text(marker, text):
    assert get_marker(marker).default_range_text() == text


# -- doses (domain/dosing.py: "200 mg ×2 = 400 mg/day"; a daily total only for doses taken
# a whole number of times a day, our choice: a weekly dose has no meaningful daily total) ---
DOSES = [
    # (dose, unit, frequency) -> dose_text, total_dose_text, daily_total_text
    ((200, "mg", "twice daily"), "200 mg twice daily", "200 mg ×2 = 400 mg/day", "400 mg/day"),
    ((200, "mg", "bid"), "200 mg bid", "200 mg ×2 = 400 mg/day", "400 mg/day"),
    ((15, "mg", "once daily"), "15 mg once daily", "15 mg/day", "15 mg/day"),
    (
        (2.5, "mg", "four times daily"),
        "2.5 mg four times daily",
        "2.5 mg ×4 = 10 mg/day",
        "10 mg/day",
    ),
    ((200, None, "three times daily"), "200 three times daily", "200 ×3 = 600/day", "600/day"),
    (
        (500, "mg", "every 2 weeks"),
        "500 mg every 2 weeks",
        "500 mg every 2 weeks",
        "500 mg every 2 weeks",
    ),
    (
        (400, "mg", "every other day"),  # 0.5 a day: below once a day, no daily total
        "400 mg every other day",
        "400 mg every other day",
        "400 mg every other day",
    ),
    ((1, "g", "once"), "1 g once", "1 g once", "1 g once"),  # a single administration
    ((3, "mg", "nonsense"), "3 mg nonsense", "3 mg nonsense", "3 mg nonsense"),
    ((2, "tablet", None), "2 tablet", "2 tablet", "2 tablet"),
    ((None, None, "as needed"), "as needed", "as needed", "as needed"),
    ((None, None, None), "—", "", ""),
]


@pytest.mark.parametrize(("given", "as_taken", "total", "daily"), DOSES)
def test_dose_wording(given, as_taken, total, daily):
    dose = Dose(DAY, *given)
    assert dose_text(dose) == as_taken
    assert total_dose_text(dose) == total
    assert daily_total_text(dose) == daily


def test_no_dose_recorded():
    assert dose_text(None) == "no dose recorded"


# -- stop reasons (domain/stop_note.py: "note; Stopped: why") ------------------------------
@pytest.mark.parametrize(
    ("note", "reason", "written"),
    [
        ("n", "why", "n; Stopped: why"),
        (None, "why", "Stopped: why"),
        ("", " why ", "Stopped: why"),
        ("n", "  ", "n"),  # no reason: the note unchanged
        ("n", None, "n"),
        (None, None, None),
    ],
)
def test_note_with_stop_reason(note, reason, written):
    assert note_with_stop_reason(note, reason) == written


@pytest.mark.parametrize(
    ("note", "before"),
    [
        ("n; Stopped: why", "n"),
        ("Stopped: why", ""),
        ("a; b; Stopped: c", "a; b"),
        (" n ", "n"),
        ("n; stopped: lower case is not the mark", "n; stopped: lower case is not the mark"),
        (None, ""),
    ],
)
def test_note_before_stop(note, before):
    assert note_before_stop(note) == before


# -- custom symptoms (domain/symptoms.py; issue 11) ----------------------------------------
@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("joint pain", "joint_pain"),  # the name, any case and spacing
        ("JOINT_PAIN", "joint_pain"),  # the key
        ("Joint  Pain", "joint_pain"),
        ("Rash", "rash"),
        ("itching", None),
        ("  ", None),
    ],
)
def test_builtin_named(text, key):
    found = builtin_named(text)
    assert (found.key if found else None) == key


@pytest.mark.parametrize(
    ("name", "cleaned"),
    [
        ("itching", "Itching"),  # a capital first letter, as the built-in names have
        ("  dry   eyes ", "Dry eyes"),
        ("a" * CUSTOM_NAME_MAX, "A" + "a" * (CUSTOM_NAME_MAX - 1)),  # at the limit
        ("Ok -'()/,&.", "Ok -'()/,&."),  # every allowed sign
        ("9 lives", "9 lives"),
    ],
)
def test_custom_name_accepted(name, cleaned):
    assert check_custom_name(name) == cleaned


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Type a name for your symptom, such as itching."),
        ("   ", "Type a name for your symptom, such as itching."),
        ("fatigue", "Fatigue is already on the list; log it there."),
        ("Joint pain", "Joint pain is already on the list; log it there."),
        ("a" * (CUSTOM_NAME_MAX + 1), f"A symptom name has at most {CUSTOM_NAME_MAX} characters."),
        (
            "x@y",
            "A symptom name has letters, digits, spaces and - ' ( ) / , & . only, not 'X@y'.",
        ),
        ("123", "A symptom name needs a letter, not '123'."),
        ("(1)", "A symptom name needs a letter, not '(1)'."),
    ],
)
def test_custom_name_refused(name, message):
    with pytest.raises(SymptomError) as raised:
        check_custom_name(name)
    assert str(raised.value) == message


def test_custom_symptom_and_key():
    symptom = custom_symptom("itching")
    assert (symptom.key, symptom.name, symptom.description) == (
        "custom:Itching",
        "Itching",
        "A symptom you added",
    )
    assert symptom.is_custom
    assert custom_key("dry  eyes") == "custom:Dry eyes"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        (None, None),
        ("", None),
        ("  left   arm ", "left arm"),
        ("a" * BODY_SITE_MAX, "a" * BODY_SITE_MAX),  # at the limit
    ],
)
def test_body_site_accepted(typed, kept):
    assert check_body_site(typed) == kept


def test_body_site_too_long():
    with pytest.raises(SymptomError) as raised:
        check_body_site("a" * (BODY_SITE_MAX + 1))
    assert str(raised.value) == f"Where on the body has at most {BODY_SITE_MAX} characters."


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("fatigue", "Fatigue"),
        ("joint_pain", "Joint pain"),
        ("custom:itching", "Itching"),
        ("custom:Itching", "Itching"),
        ("old_symptom", "old symptom"),  # a key this version does not know: never refused
        ("custom:@@", "@@"),
    ],
)
def test_symptom_name(key, name):
    assert symptom_name(key) == name


# -- value as printed (domain/wording.py: more than MAX_PRINTED_DIGITS digits is a machine-
# written number, shown at the unit's usual precision; our choice: no lab prints 7 digits) --
@pytest.mark.parametrize(
    ("marker", "value", "unit", "printed"),
    [
        ("creatinine", "1.90", "mg/dL", "1.90"),  # the lab's trailing zero kept
        ("creatinine", "0.654321", "mg/dL", "0.654321"),  # 6 digits: as printed
        ("creatinine", "0.6543219", "mg/dL", "0.65"),  # 7 digits: mg/dL's 2 decimals
        ("creatinine", "000.6543219", "mg/dL", "0.65"),  # leading zeros are not digits
        ("creatinine", "<0.6543219", "mg/dL", "<0.65"),  # the comparator kept
        ("creatinine", "1234567", "umol/L", "1234567"),
        ("crp", "<5", "mg/L", "<5"),
        ("ana", "1:160", None, "1:160"),  # a titer as printed
        ("ana", "positive", None, "positive"),  # a word as printed
    ],
)
def test_value_as_printed(marker, value, unit, printed):
    assert MAX_PRINTED_DIGITS == 6
    assert value_as_printed(interpret(get_marker(marker), value, unit)) == printed


# -- a range in the family's base unit (domain/comparability.py: 3.5-5.0 g/dL is 35-50 g/L) --
@pytest.mark.parametrize(
    ("marker", "unit", "text", "base"),
    [
        ("albumin", "g/dL", "3.41-5.13", "34.1-51.3"),  # 1 g/dL = 10 g/L
        ("albumin", "g/L", "35-50", "35-50"),
        ("albumin", None, "3.5-5", "3.5-5"),  # no unit: the canonical unit
        ("creatinine", "umol/L", "45-90", "0.508935-1.017869"),  # 88.42 µmol/L per mg/dL
        ("ana", None, "<1:80", "<1:80"),  # a titer range is not scaled
        ("crp", "mg/L", "negative", "negative"),  # a word range is not scaled
        ("albumin", "g/dL", "Garbage  TEXT", "garbage text"),  # unreadable: its words
        ("albumin", "g/dL", "  ", ""),
        ("albumin", "furlongs", "3.5-5", "3.5-5"),  # unknown unit: not scaled
    ],
)
def test_range_in_base_units(marker, unit, text, base):
    entry = LabEntry(DAY, marker, "1", unit, text)
    assert comparability._base_range(entry, text) == base


def test_series_label_is_the_assay_else_the_lab():
    key = comparability.SeriesKey
    assert key("crp", "default", "elisa", "lab a", "").label() == "elisa"
    assert key("crp", "default", "", "lab a", "").label() == "lab a"
    assert key("crp", "default", "", "", "").label() == ""


# -- a stored result's identity (domain/result_key.py: the same rule as for an entry) ------
def _stored(**changes: object) -> LabResult:
    fields: dict[str, object] = dict(
        id=1,
        taken_on=DAY,
        marker="crp",
        value_text="12",
        comparator=None,
        number=12.0,
        unit="mg/L",
        base_value=12.0,
        base_unit="mg/L",
        ref_range="<5",
        lab="  City   Lab ",
        assay="ELISA",
        pattern=None,
        note="fasting  sample",
        source=Source.ENTERED,
        created_at="",
        updated_at="",
        taken_at="08:30",
        source_id="lab|42",
    )
    fields.update(changes)
    return LabResult(**fields)  # type: ignore[arg-type]


def test_stored_result_key_reads_every_stored_column():
    assert stored_result_key(_stored()) == (
        DAY,
        "08:30",
        "crp",
        12.0,
        None,
        None,
        "mg/L",
        "elisa",
        False,
        "city lab",
        "fasting sample",
        "lab|42",
    )


def test_stored_result_key_equals_the_entry_key():
    entry = LabEntry(
        DAY,
        "crp",
        "12",
        "mg/L",
        "<5",
        lab="City Lab",
        assay="elisa",
        note="fasting sample",
        taken_at="08:30",
        source_id="lab|42",
    )
    assert stored_result_key(_stored()) == result_key(entry)


@pytest.mark.parametrize(
    ("changes", "part", "value"),
    [
        ({"number": None, "value_text": "Negative", "comparator": None}, 5, "negative"),
        ({"number": 5.0, "value_text": "<5", "comparator": "<"}, 4, "<"),
        ({"number": 12.0000000001}, 3, 12.0),  # KEY_DECIMALS: one value
        ({"source": Source.COMPUTED}, 8, True),
        ({"lab": None}, 9, ""),
        ({"assay": None}, 7, ""),
        ({"note": None}, 10, ""),
        ({"source_id": ""}, 11, None),
        ({"taken_at": None}, 1, None),
    ],
)
def test_stored_result_key_parts(changes, part, value):
    assert stored_result_key(_stored(**changes))[part] == value
