"""Anti-dsDNA in the key results: one row per assay (comparable series), each named by its
assay and lab, the previous value and the change from the same assay only."""

from __future__ import annotations

import re
from datetime import date

from lupus_tracker.domain.records import LabEntry
from lupus_tracker.report.content import gather
from lupus_tracker.report.render_qt import write_pdf
from lupus_tracker.report.sections import ReportSection

SINCE, UNTIL = date(2026, 1, 1), date(2026, 6, 30)


def _add(repo, *entries) -> None:
    for day, value, unit, ref, lab, assay in entries:
        repo.results.add(LabEntry(day, "anti_dsdna", value, unit, ref, lab, assay))


def _rows(repo):
    content = gather(repo, SINCE, UNTIL, with_charts=False, sections=[ReportSection.RESULTS])
    return [r for r in content.results.key if r.marker_key == "anti_dsdna"]


def test_two_assays_in_the_period_are_two_named_rows(repo):
    _add(
        repo,
        (date(2025, 12, 1), "160", "IU/mL", "<30", "City Lab", "ELISA"),
        (date(2026, 2, 1), "120", "IU/mL", "<30", "City Lab", "ELISA"),
        (date(2026, 4, 1), "60", "IU/mL", "<27", "River Lab", "CLIA"),
        (date(2026, 6, 1), "48", "IU/mL", "<27", "River Lab", "CLIA"),
    )
    clia, elisa = _rows(repo)
    assert (clia.series, elisa.series) == ("CLIA · River Lab", "ELISA · City Lab")
    assert clia.value.latest.value_text == "48" and clia.value.previous.value_text == "60"
    assert clia.value.change == -12 and clia.value.comparable
    assert elisa.value.latest.value_text == "120" and elisa.value.previous.value_text == "160"
    assert elisa.value.change == -40
    assert clia.name != elisa.name  # each row its own trend picture


def test_a_first_result_of_a_new_assay_is_never_compared_with_the_old_one(repo):
    _add(
        repo,
        (date(2025, 11, 1), "200", "IU/mL", "<30", "City Lab", "ELISA"),
        (date(2026, 5, 1), "40", "IU/mL", "<27", "River Lab", "CLIA"),
    )
    (row,) = _rows(repo)  # the ELISA series has no result in the period
    assert row.series == "CLIA · River Lab"
    assert row.value.previous is None and row.value.change is None and row.others_before


def test_unit_families_are_separate_rows(repo):
    _add(
        repo,
        (date(2026, 2, 1), "1:80", "titer", "<1:10", "City Lab", "Crithidia"),
        (date(2026, 3, 1), "45", "IU/mL", "<30", "City Lab", ""),
        (date(2026, 4, 1), "1:40", "titer", "<1:10", "City Lab", "Crithidia"),
    )
    rows = _rows(repo)
    assert [r.series for r in rows] == ["Crithidia · City Lab", "assay not named · City Lab"]
    assert rows[0].value.previous.value_text == "1:80"
    assert rows[1].value.previous is None


def test_the_pdf_names_each_assay_and_compares_within_it(repo, tmp_path, read_pdf):
    _add(
        repo,
        (date(2025, 12, 1), "160", "IU/mL", "<30", "City Lab", "ELISA"),
        (date(2026, 2, 1), "120", "IU/mL", "<30", "City Lab", "ELISA"),
        (date(2026, 4, 1), "60", "IU/mL", "<27", "River Lab", "CLIA"),
        (date(2026, 6, 1), "48", "IU/mL", "<27", "River Lab", "CLIA"),
    )
    out = tmp_path / "report.pdf"
    write_pdf(gather(repo, SINCE, UNTIL, sections=[ReportSection.RESULTS]), out)
    flat = read_pdf(out).flat()
    # each row: name, values, then (the name cell's second line) its assay and lab
    assert re.search(
        r"anti-dsDNA 48 IU/mL 01 Jun 2026 HIGH <27 60 \(01 Apr 2026\) "
        r"↓ −12 CLIA · River Lab anti-dsDNA 120 IU/mL 01 Feb 2026 HIGH "
        r"<30 160 \(01 Dec 2025\) ↓ −40 ELISA · City Lab",
        flat,
    ), flat
    assert "one row per assay" in flat
