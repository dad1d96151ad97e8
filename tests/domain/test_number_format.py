"""Issue 12 item 1: no 1000x misreadings. Ambiguous numbers are read by the file's number
format and refused, naming both readings, when it is not set."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.cli import main
from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.entry import check_entry
from lupus_tracker.domain.measurement import interpret
from lupus_tracker.domain.records import InvalidEntryError, LabEntry, NumberFormat
from lupus_tracker.domain.values import (
    AMBIGUOUS_NUMBER,
    ValueParseError,
    localized,
    parse_number,
    parse_value,
)
from lupus_tracker.domain.wording import understood
from lupus_tracker.store.repository import Repository

P, C = NumberFormat.POINT, NumberFormat.COMMA


# Source for every row: issue 12 item 1 (the rule), our choice for the grouping forms.
@pytest.mark.parametrize(
    ("text", "fmt", "number"),
    [
        ("1.250", P, 1.25),
        ("1.250", C, 1250),
        ("1,250", P, 1250),
        ("1,250", C, 1.25),
        ("250.000", C, 250000),
        ("250,000", P, 250000),
        ("250.000", P, 250),
        ("999.999", C, 999999),
        # unambiguous forms keep working whatever the format (and with none)
        ("0,62", None, 0.62),
        ("1.25", None, 1.25),
        ("1,250.5", None, 1250.5),
        ("1.250,5", None, 1250.5),
        ("0.250", None, 0.25),
        ("0,250", None, 0.25),
        ("1,2500", None, 1.25),
        ("1250.000", None, 1250),
        ("1,250,000", None, 1250000),
        ("1.250.000", None, 1250000),
        ("12,5", None, 12.5),
        ("<1,250.5", None, 1250.5),
        ("1,25", C, 1.25),
        ("1.25", C, 1.25),  # two decimals are never a thousands group
    ],
)
def test_numbers_are_read_by_the_format(text, fmt, number):
    assert parse_number(text, fmt)[1] == pytest.approx(number)


@pytest.mark.parametrize(
    ("text", "decimal", "thousands"),
    [
        ("1.250", "1.25", "1250"),
        ("1,250", "1.25", "1250"),
        ("250.000", "250", "250000"),
        ("250,000", "250", "250000"),
        ("<1.250", "1.25", "1250"),
    ],
)
def test_ambiguous_without_a_format_is_refused_naming_both_readings(text, decimal, thousands):
    with pytest.raises(ValueParseError) as error:
        parse_value(text, marker_name="x")
    message = str(error.value)
    assert "ambiguous" in message and decimal in message and thousands in message
    assert "250.000" not in message.replace(text, "")  # no longer recommends 250.000


@pytest.mark.parametrize(
    ("text", "ambiguous"),
    [
        ("1.250", True),
        ("999,999", True),
        ("0.250", False),
        ("1.25", False),
        ("1.2500", False),
        ("1250.000", False),
        ("01.250", False),
        ("1.250.000", False),
    ],
)
def test_the_ambiguous_pattern(text, ambiguous):
    assert bool(AMBIGUOUS_NUMBER.match(text)) is ambiguous


def test_canonical_text_is_stored_and_read_back_with_a_point():
    m = interpret(get_marker("urine_protein_24h"), "1.250", "mg/24h", "<150", None, C)
    assert m.value.text == "1250" and m.base_value == pytest.approx(1.25)
    kept = interpret(get_marker("c3"), "0,620", "g/L", None, None, C)
    assert kept.value.text == "0.620"  # the typed decimals are kept
    assert interpret(get_marker("c3"), kept.value.text, "g/L").value.number == 0.62
    assert localized("0.620", C) == "0,620" and localized("0.620", P) == "0.620"


@pytest.mark.parametrize(
    ("marker", "value", "unit", "fmt", "text"),
    [
        ("urine_protein_24h", "1.250", "mg/24h", C, "= 1250 mg/24h = 1.25 g/24h"),
        ("platelets", "250.000", "/uL", C, "= 250000 /mm³ = 250 ×10⁹/L"),
        ("c3", "<0,5", "g/L", None, "= <0.5 g/L"),
        ("ana", "1:160", None, None, "= 1:160"),
        ("ana", "positive", None, None, "= positive"),
    ],
)
def test_every_entry_says_what_it_understood(marker, value, unit, fmt, text):
    assert (
        understood(check_entry(LabEntry(date(2024, 1, 1), marker, value, unit), None, fmt)) == text
    )


def test_entry_format_wins_over_the_file_format():
    entry = LabEntry(date(2024, 1, 1), "c3", "1.125", "g/L", number_format=P)
    assert check_entry(entry, None, C).value.number == 1.125
    with pytest.raises(InvalidEntryError, match="ambiguous"):
        check_entry(LabEntry(date(2024, 1, 1), "c3", "1.125", "g/L"))


def test_ambiguous_ranges_follow_the_format():
    m = interpret(get_marker("platelets"), "250.000", "/uL", "150.000-400.000", None, C)
    assert m.ref is not None and (m.ref.low, m.ref.high) == (150000, 400000)


@pytest.mark.parametrize(("point", "fmt"), [(",", C), (".", P), ("\u066b", P)])
def test_format_from_the_locale(point, fmt):
    assert NumberFormat.from_decimal_point(point) is fmt


def test_store_reads_ambiguous_entries_by_the_file_format(tmp_path):
    with Repository.open(tmp_path / "f.sqlite") as repo:
        entry = LabEntry(date(2024, 1, 1), "urine_protein_24h", "1.250", "mg/24h")
        with pytest.raises(InvalidEntryError, match="ambiguous"):
            repo.results.add(entry)
        assert repo.results.all() == []
        repo.settings.set_number_format(C)
        saved = repo.results.add(entry)
        assert saved.value_text == "1250" and saved.base_value == pytest.approx(1.25)
        repo.settings.set_number_format(P)  # a stored result is canonical: format-proof
        assert repo.results.update(saved.id, saved.entry()).base_value == pytest.approx(1.25)


def test_cli_profile_and_add_lab(tmp_path, capsys):
    db = str(tmp_path / "c.sqlite")
    args = [
        "add",
        "lab",
        "--db",
        db,
        "--date",
        "2024-01-05",
        "--marker",
        "urine_protein_24h",
        "--value",
        "1.250",
        "--unit",
        "mg/24h",
    ]
    assert main(args) == 2
    assert "1.25 if '.' is the decimal mark, 1250 if" in capsys.readouterr().err
    assert not (tmp_path / "c.sqlite").exists()
    assert (
        main(
            [
                "profile",
                "--db",
                db,
                "--number-format",
                "comma",
                "--sex",
                "female",
                "--birth-date",
                "1990-03-14",
                "--name",
                "Ana",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Sex:           female" in out and "decimal comma" in out and "1990-03-14" in out
    assert main(args) == 0
    assert "= 1250 mg/24h = 1.25 g/24h" in capsys.readouterr().out
    with pytest.raises(SystemExit) as refused:
        main(["profile", "--db", db, "--sex", "other"])
    assert refused.value.code == 2
    assert main(["profile", "--db", str(tmp_path / "none.sqlite")]) == 2
