"""The dashboard shows exactly what it showed before it was made faster (issue 10, Speed):
every cell, colour, spoken text and label on benchmark-like data (active, calm and rising
spells, a day long after the last results) and on the demo patient, against the content
written by the code before the change (tests/ui/data/dashboard_content.json, made by
``tests/ui/dashboard_content.py`` at commit 46eb8a8)."""

from __future__ import annotations

import json

import pytest

from tests.ui.dashboard_content import CASES, GOLDEN, content_of, make_database

_GOLDEN = json.loads(GOLDEN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    """One file per kind of data (the benchmark's ten years serve its five days)."""
    folder = tmp_path_factory.mktemp("dashboards")
    made = {}
    for _name, years, today in CASES:
        key = "benchmark" if years else "demo"
        if key not in made:
            made[key] = folder / f"{key}.sqlite"
            make_database(made[key], years, today)
    return made


@pytest.mark.parametrize(("name", "years", "today"), CASES, ids=[c[0] for c in CASES])
def test_the_dashboard_shows_the_same_content(qtbot, databases, monkeypatch, name, years, today):
    path = databases["benchmark" if years else "demo"]
    assert content_of(path, today, monkeypatch) == _GOLDEN[name]


def test_the_golden_content_has_what_it_pins():
    """The pinned content is not empty: signals with a rise and complement, proteinuria,
    greyed old results, medications and symptoms."""
    signals = " ".join(str(case["signal"][0]) for case in _GOLDEN.values())
    assert "rising from" in signals and "low C3" in signals and "C4" in signals
    assert "proteinuria" in signals.lower() and "months ago" in json.dumps(_GOLDEN)
    assert all(case["tables"]["medications"] for case in _GOLDEN.values())
