"""Visit-report findings of a fresh-eyes rheumatologist (issue 16 follow-up): the previous
value is the previous comparable one, converted values are marked with the lab's own value."""

from __future__ import annotations

from datetime import date

from lupus_tracker.domain.records import LabEntry
from lupus_tracker.report.content import gather
from lupus_tracker.report.render_qt import write_pdf
from lupus_tracker.report.sections import ReportSection

SINCE, UNTIL = date(2026, 11, 1), date(2026, 11, 30)


def _pdf(repo, tmp_path, read_pdf):
    content = gather(repo, SINCE, UNTIL, with_charts=False, sections=[ReportSection.RESULTS])
    out = tmp_path / "r.pdf"
    write_pdf(content, out)
    return read_pdf(out).flat()


def test_anti_dsdna_previous_is_the_same_assay_not_the_last_other_one(repo, tmp_path,
                                                                      read_pdf):
    for day, value, unit, ref, assay in (
            (date(2026, 11, 3), "<10", "IU/mL", "<27", "CLIA"),
            (date(2026, 11, 4), ">300", "IU/mL", "<30", "ELISA"),
            (date(2026, 11, 4), "1:40", "titer", "<1:10", "Crithidia"),
            (date(2026, 11, 6), "45", "IU/mL", "<27", "CLIA")):
        repo.results.add(LabEntry(day, "anti_dsdna", value, unit, ref, "River Lab", assay))
    text = _pdf(repo, tmp_path, read_pdf)
    clia = text[text.index("CLIA · River Lab") - 80:text.index("CLIA · River Lab")]
    assert "45 IU/mL" in clia and "<10 (03 Nov 2026)" in clia, clia
    assert "1:40 (04 Nov 2026) — not comparable" not in text


def test_creatinine_previous_skips_another_labs_result(repo, tmp_path, read_pdf):
    for day, value, ref, lab in ((date(2026, 11, 2), "0.80", "0.51-1.02", "City Lab"),
                                 (date(2026, 11, 9), "1.40", "0.60-1.10", "Other Lab"),
                                 (date(2026, 11, 20), "0.90", "0.51-1.02", "City Lab")):
        repo.results.add(LabEntry(day, "creatinine", value, "mg/dL", ref, lab, ""))
    content = gather(repo, SINCE, UNTIL, with_charts=False, sections=[ReportSection.RESULTS])
    (row,) = [r for r in content.results.key if r.marker_key == "creatinine"]
    assert row.value.previous.value_text == "0.80" and row.value.comparable
    assert round(row.value.change, 2) == 0.1
    text = _pdf(repo, tmp_path, read_pdf)
    assert "0.80 (02 Nov 2026)" in text and "1.40 (09 Nov 2026)" not in text


def test_a_result_with_no_earlier_comparable_one_says_so(repo, tmp_path, read_pdf):
    repo.results.add(LabEntry(date(2026, 11, 2), "c3", "0.9", "g/L", "0.9-1.8", "City Lab", ""))
    repo.results.add(LabEntry(date(2026, 11, 9), "c3", "0.7", "g/L", "0.8-1.6", "Other Lab", ""))
    text = _pdf(repo, tmp_path, read_pdf)
    assert "no earlier comparable result (lab changed)" in text
    assert "0.9 (02 Nov 2026)" not in text


def test_converted_values_are_marked_and_the_lab_value_printed(repo, tmp_path, read_pdf):
    repo.results.add(LabEntry(date(2026, 11, 2), "creatinine", "75", "µmol/L", "45-90",
                              "City Lab", ""))
    repo.settings.set_preferred_unit("creatinine", "mg/dL")
    text = _pdf(repo, tmp_path, read_pdf)
    assert "Values as printed by each lab" not in text
    assert "0.85 mg/dL †" in text
    assert "as printed by the lab: Creatinine 75 " in text  # µmol/L (NFKC folds µ)
    assert "mol/L." in text
