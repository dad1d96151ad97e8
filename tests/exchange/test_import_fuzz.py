"""Generated bad input for CSV and FHIR import: never a crash, every rejection an
``ExchangeError``, and nothing written unless the plan is applied."""

from __future__ import annotations

import json
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lupus_tracker.exchange.csv_format import neutralise
from lupus_tracker.exchange.csv_format import restore as unneutralise
from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.formats import read_plan

HEADER = "date,kind,item,value,unit,ref_low,ref_high,lab,note"
SETTINGS = settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
cells = st.one_of(
    st.sampled_from(
        [
            "2025-01-01",
            "2025-02-30",
            "01/02/2025",
            "2024-W10-1",
            "lab",
            "vital",
            "symptom",
            "medication",
            "event",
            "c3",
            "ana",
            "fatigue",
            "rash",
            "1:160",
            "<0.5",
            "nan",
            "inf",
            "1e309",
            "1_000",
            "١٢",
            "１２",
            "−5",
            "≤5",
            "1.234,5",
            "0\u00a05",
            "=1+1",
            "-3",
            "g/L",
            "K/uL",
            "",
        ]
    ),
    st.text(alphabet=string.printable + "éü\u00a0\u2212", max_size=12),
)
rows = st.lists(
    st.lists(cells, min_size=7, max_size=11).map(
        lambda cs: ",".join(
            f'"{c}"' if ("," in c or '"' in c or "\n" in c or "\r" in c) and '"' not in c else c
            for c in cs
        )
    ),
    max_size=6,
)


def _check(repo, path) -> None:
    try:
        plan = read_plan(path, repo)
    except ExchangeError as error:
        assert str(error).strip()
    else:
        assert plan.total + plan.duplicates + len(plan.skipped) >= 0
    assert repo.is_empty()


@SETTINGS
@given(body=rows)
def test_generated_csv_rows(repo, tmp_path, body):
    path = tmp_path / "fuzz.csv"
    path.write_text(HEADER + "\n" + "\n".join(body), "utf-8", newline="")
    _check(repo, path)


@SETTINGS
@given(data=st.binary(max_size=300))
def test_random_bytes(repo, tmp_path, data):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(HEADER.encode() + b"\n" + data)
    _check(repo, path)


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**6), 10**6),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=8),
        st.sampled_from(
            ["4485-9", "http://loinc.org", "g/L", "2024-01-01", ">", "Observation", "K/uL"]
        ),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(
            st.sampled_from(
                [
                    "code",
                    "coding",
                    "system",
                    "value",
                    "unit",
                    "valueQuantity",
                    "comparator",
                    "effectiveDateTime",
                    "referenceRange",
                    "low",
                    "high",
                    "component",
                    "hasMember",
                    "result",
                    "reference",
                    "status",
                    "valueRatio",
                    "valueString",
                    "text",
                    "resource",
                    "entry",
                ]
            ),
            children,
            max_size=4,
        ),
    ),
    max_leaves=12,
)


@SETTINGS
@given(body=json_values, kind=st.sampled_from(["Observation", "Bundle", "DiagnosticReport"]))
def test_generated_fhir_shapes(repo, tmp_path, body, kind):
    resource = dict(body) if isinstance(body, dict) else {"value": body}
    resource["resourceType"] = kind
    if kind == "Bundle":
        resource["entry"] = [{"resource": {**resource, "resourceType": "Observation"}}]
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(resource), "utf-8")
    _check(repo, path)


@SETTINGS
@given(text=st.text(max_size=20))
def test_neutralise_is_reversible_and_safe(text):
    safe = neutralise(text)
    assert unneutralise(safe) == text
    assert not safe.startswith(("=", "+", "@", "\t", "\r"))
    if safe.startswith("-"):
        assert safe.lstrip("-").replace(".", "", 1).isdigit()
