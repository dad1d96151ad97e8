"""Malformed CSV files: a clear message naming the row, and nothing written."""

from __future__ import annotations

import codecs

import pytest

from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.formats import read_plan
from lupus_tracker.exchange.plan import apply_plan

HEADER = "date,kind,item,value,unit,ref_low,ref_high,lab,note"
GOOD = "2024-03-05,lab,c3,0.62,g/L,0.9,1.8,City Lab,fasting"


def write(tmp_path, text: str | bytes, name: str = "in.csv"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (f"{HEADER}\n2024-03-05,lab,c3,abc,g/L,,,,\n", "Row 2"),
        (f"{HEADER}\n05/03/2024,lab,c3,0.6,g/L,,,,\n", "YYYY-MM-DD"),
        (f"{HEADER}\n2024-W10-1,lab,c3,0.6,g/L,,,,\n", "YYYY-MM-DD"),
        (f"{HEADER}\n2024-03-05,lab,c3,0.6,g/L,low,,,\n", "ref_low"),
        (
            f"{HEADER}\n2024-03-05,symptom,fatigue,high,,,,,\n",
            "(?i)severity",
        ),  # the message of check_severity, as add symptom
        (f"{HEADER}\n2024-03-05,symptom,fatigue,11,,,,,\n", "10"),
        (f"{HEADER}\n2024-03-05,lab,c3,0.6,mmol/L,,,,\n", "not known"),
        (f"{HEADER}\n2024-03-05,gossip,c3,0.6,g/L,,,,\n", "unknown kind"),
        (f"{HEADER}\n{GOOD}\n2024-03-05,lab,c3\n", "Row 3 has 3 cells"),
        ("date,kind,item,value\n2024-03-05,lab,c3,0.6\n", "lacks the column"),
        (f"{HEADER},note\n{GOOD},x\n", "twice"),
        ("", "empty"),
        (f"{HEADER}\n{GOOD}\n2024-03-05,lab,nan,1,,,,,\n", "Unknown marker"),
        (f"{HEADER}\n2024-03-05,lab,c3,nan,g/L,,,,\n", "Row 2"),
    ],
)
def test_bad_rows_refuse_the_whole_file(repo, tmp_path, body, message):
    path = write(tmp_path, body)
    with pytest.raises(ExchangeError, match=message):
        read_plan(path, repo)
    assert repo.counts()["results"] == 0


def test_nul_bytes_and_truncated_quotes(repo, tmp_path):
    with pytest.raises(ExchangeError, match="NUL"):
        read_plan(write(tmp_path, f"{HEADER}\n{GOOD}\x00\n".encode()), repo)
    with pytest.raises(ExchangeError):
        read_plan(write(tmp_path, f'{HEADER}\n2024-03-05,lab,c3,0.6,g/L,,,,"open'), repo)


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        ((HEADER + "\n" + GOOD + "\n").encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + (HEADER + "\r\n" + GOOD + "\r\n").encode("utf-8"), "utf-8-sig"),
        ((HEADER + "\n" + GOOD + "\n").encode("utf-16"), "utf-16"),
        ((HEADER + "\r" + GOOD.replace("fasting", "caf\u00e9") + "\r").encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_and_line_ends(repo, tmp_path, encoded, encoding):
    plan = read_plan(write(tmp_path, encoded), repo)
    assert plan.encoding.startswith(encoding)
    (entry,) = plan.results
    assert entry.value == "0.62" and entry.ref_range == "0.9-1.8"
    assert entry.note in ("fasting", "caf\u00e9")


def test_an_import_lands_whole_or_not_at_all(repo, tmp_path):
    # Both rows are valid alone; the second repeats a (day, symptom) inside the same file,
    # which the plan drops as a duplicate rather than failing halfway.
    fatigue = "2024-03-05,symptom,fatigue,4,,,,,\n"
    body = f"{HEADER}\n{GOOD}\n{fatigue}{fatigue}"
    plan = read_plan(write(tmp_path, body), repo)
    assert len(plan.symptoms) == 1
    apply_plan(repo, plan)
    assert repo.counts()["results"] == 1 and repo.counts()["symptoms"] == 1
