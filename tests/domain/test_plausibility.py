"""Issue 12 item 2: impossible values are refused naming the unit that would make them
plausible; real extremes stay accepted; one bad stored creatinine never stops eGFR."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.domain.entry import MAX_NOTE_CHARS, check_entry, check_note
from lupus_tracker.domain.records import InvalidEntryError, LabEntry, Profile, Sex, Source
from lupus_tracker.domain.values import MAX_SIGNIFICANT_DIGITS
from lupus_tracker.store.derived_egfr import derived_egfr_entries

D = date(2024, 1, 1)


# Source: issue 12 item 2 (each row is one of its cases).
@pytest.mark.parametrize(
    ("marker", "value", "unit", "message"),
    [
        ("hemoglobin", "125", "g/dL", "did you mean 125 g/L = 12.5 g/dL?"),
        ("c3", "78", "g/L", "78 g/L is not a possible C3; did you mean 78 mg/dL = 0.78 g/L?"),
        ("c4", "500", "g/L", "did you mean 500 mg/L = 0.5 g/L?"),
        ("creatinine", "80", "mg/dL", "did you mean 80 µmol/L = 0.9 mg/dL?"),
        ("temperature", "100", "Cel", "did you mean 100 °F = 37.8 °C?"),
        ("albumin", "3.5", "g/L", "did you mean 3.5 g/dL = 35 g/L?"),
        ("hemoglobin", "0.5", "g/dL", "possible: 1-26 g/dL"),
    ],
)
def test_impossible_values_are_refused_with_the_plausible_unit(marker, value, unit, message):
    with pytest.raises(InvalidEntryError) as error:
        check_entry(LabEntry(D, marker, value, unit))
    assert message in str(error.value)


# Source: issue 12 item 2, "real extremes stay accepted".
@pytest.mark.parametrize(
    ("marker", "value", "unit"),
    [
        ("hemoglobin", "4.5", "g/dL"),
        ("creatinine", "12", "mg/dL"),
        ("platelets", "5", "10*9/L"),
        ("crp", "350", "mg/L"),
        ("anti_dsdna", "3000", "IU/mL"),
        ("urine_protein_24h", "15", "g/24h"),
        ("urine_protein_24h", "15000", "mg/24h"),
        ("upcr", "12", "mg/mg"),
        ("c3", "<0.01", "g/L"),
        ("anti_dsdna", ">100000", "IU/mL"),
        ("anti_dsdna", "250000", "U/mL"),  # kit units: no limit can be known
    ],
)
def test_real_extremes_are_accepted(marker, value, unit):
    check_entry(LabEntry(D, marker, value, unit))


def test_digits_and_note_length():
    sixteen = "1." + "1" * (MAX_SIGNIFICANT_DIGITS)
    with pytest.raises(InvalidEntryError, match="significant digits"):
        check_entry(LabEntry(D, "c3", sixteen, "g/L"))
    check_entry(LabEntry(D, "c3", "1." + "1" * (MAX_SIGNIFICANT_DIGITS - 1), "g/L"))
    # a FHIR file's double keeps its 17 digits (it is not typed)
    check_entry(LabEntry(D, "c3", "0.91151464896873820", "g/L", source=Source.IMPORTED))
    check_entry(LabEntry(D, "c3", "1", "g/L", note="x" * MAX_NOTE_CHARS))
    with pytest.raises(InvalidEntryError, match="10,000"):
        check_entry(LabEntry(D, "c3", "1", "g/L", note="x" * (MAX_NOTE_CHARS + 1)))
    check_note("x" * MAX_NOTE_CHARS)
    with pytest.raises(InvalidEntryError):
        check_note("x" * (MAX_NOTE_CHARS + 1))


def test_one_impossible_stored_creatinine_never_stops_egfr(repo):
    repo.profile.set(Profile("A", date(1980, 1, 1), Sex.FEMALE))
    repo.results.add_many(
        [
            LabEntry(date(2024, 1, 1), "creatinine", "0.9", "mg/dL"),
            LabEntry(date(2024, 2, 1), "creatinine", "1.0", "mg/dL"),
        ]
    )
    # a value stored before plausibility checks existed
    repo.db.conn.execute(
        "UPDATE results SET number = 80, value_text = '80', base_value = 80 "
        "WHERE taken_on = '2024-02-01'"
    )
    entries = derived_egfr_entries(repo.profile.get(), repo.results.all(["creatinine"]))
    assert [e.taken_on for e in entries] == [date(2024, 1, 1)]
    assert repo.results.refresh_egfr() == 1


def test_a_count_misread_1000x_is_refused_naming_the_plausible_reading():
    from lupus_tracker.domain.catalog import get_marker
    from lupus_tracker.domain.measurement import interpret
    from lupus_tracker.domain.plausibility import implausible

    message = implausible(interpret(get_marker("platelets"), "250", "/uL"))
    assert "not a possible Platelets" in message and "did you mean 250" in message
    assert implausible(interpret(get_marker("platelets"), "5", "10*9/L")) == ""
    assert implausible(interpret(get_marker("wbc"), "4.5", "/uL"))
