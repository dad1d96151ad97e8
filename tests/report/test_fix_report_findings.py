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


def test_anti_dsdna_previous_is_the_same_assay_not_the_last_other_one(repo, tmp_path, read_pdf):
    for day, value, unit, ref, assay in (
        (date(2026, 11, 3), "<10", "IU/mL", "<27", "CLIA"),
        (date(2026, 11, 4), ">300", "IU/mL", "<30", "ELISA"),
        (date(2026, 11, 4), "1:40", "titer", "<1:10", "Crithidia"),
        (date(2026, 11, 6), "45", "IU/mL", "<27", "CLIA"),
    ):
        repo.results.add(LabEntry(day, "anti_dsdna", value, unit, ref, "River Lab", assay))
    text = _pdf(repo, tmp_path, read_pdf)
    clia = text[text.index("CLIA · River Lab") - 80 : text.index("CLIA · River Lab")]
    assert "45 IU/mL" in clia and "<10 (03 Nov 2026)" in clia, clia
    assert "1:40 (04 Nov 2026) — not comparable" not in text


def test_previous_skips_another_labs_result(repo, tmp_path, read_pdf):
    # Albumin is lab-dependent (dye methods differ): another lab's result in between is
    # skipped. (This test used creatinine, then C3: both compare across labs now, since
    # fixt2t item 5 and rheum4 finding 3.)
    for day, value, ref, lab in (
        (date(2026, 11, 2), "30", "35-50", "City Lab"),
        (date(2026, 11, 9), "41", "34-48", "Other Lab"),
        (date(2026, 11, 20), "32", "35-50", "City Lab"),
    ):
        repo.results.add(LabEntry(day, "albumin", value, "g/L", ref, lab, ""))
    content = gather(repo, SINCE, UNTIL, with_charts=False, sections=[ReportSection.RESULTS])
    (row,) = [r for r in content.results.key if r.marker_key == "albumin"]
    assert row.value.previous.value_text == "30" and row.value.comparable
    assert round(row.value.change, 2) == 2
    text = _pdf(repo, tmp_path, read_pdf)
    assert "30 (02 Nov 2026)" in text and "41 (09 Nov 2026)" not in text


def test_creatinine_compares_across_labs_with_a_note(repo, tmp_path, read_pdf):
    for day, value, ref, lab in (
        (date(2026, 11, 2), "0.80", "0.51-1.02", "City Lab"),
        (date(2026, 11, 9), "1.40", "0.60-1.10", "Other Lab"),
        (date(2026, 11, 20), "0.90", "0.51-1.02", "City Lab"),
    ):
        repo.results.add(LabEntry(day, "creatinine", value, "mg/dL", ref, lab, ""))
    content = gather(repo, SINCE, UNTIL, with_charts=False, sections=[ReportSection.RESULTS])
    (row,) = [r for r in content.results.key if r.marker_key == "creatinine"]
    assert row.value.previous.value_text == "1.40" and row.value.comparable
    assert round(row.value.change, 2) == -0.5
    assert "previous value: different lab" in row.value.remark


def test_a_result_with_no_earlier_comparable_one_says_so(repo, tmp_path, read_pdf):
    repo.results.add(LabEntry(date(2026, 11, 2), "esr", "40", "mm/h", "<20", "City Lab", ""))
    repo.results.add(LabEntry(date(2026, 11, 9), "esr", "30", "mm/h", "<15", "Other Lab", ""))
    text = _pdf(repo, tmp_path, read_pdf)
    assert "no earlier comparable result (lab changed)" in text
    assert "40 (02 Nov 2026)" not in text


def test_converted_values_are_marked_and_the_lab_value_printed(repo, tmp_path, read_pdf):
    repo.results.add(
        LabEntry(date(2026, 11, 2), "creatinine", "75", "µmol/L", "45-90", "City Lab", "")
    )
    repo.settings.set_preferred_unit("creatinine", "mg/dL")
    text = _pdf(repo, tmp_path, read_pdf)
    assert "Values as printed by each lab" not in text
    assert "0.85 mg/dL †" in text
    assert "as printed by the lab: Creatinine 75 " in text  # µmol/L (NFKC folds µ)
    assert "mol/L." in text


def _figure(repo, start=date(2025, 12, 1)):
    from lupus_tracker.report.figures import trend_figure
    from lupus_tracker.store.inputs import chart_records

    return trend_figure(chart_records(repo, since=start, until=UNTIL), start, SINCE, UNTIL)


def test_a_lone_result_shows_its_range_across_the_panel(repo):
    repo.results.add(LabEntry(date(2026, 11, 10), "c3", "0.7", "g/L", "0.9-1.8", "City Lab", ""))
    figure = _figure(repo)
    panel = next(ax for ax in figure.axes if ax.get_title(loc="left").startswith("C3"))
    band = next(c for c in panel.collections if str(c.get_gid()).startswith("band:"))
    xs = band.get_paths()[0].vertices[:, 0]
    left, right = panel.get_xlim()
    assert xs.min() <= left + 1 and xs.max() >= right - 1  # not a sliver around the point


def test_the_pulse_marker_never_sits_on_the_dose_strip_label(repo):
    from lupus_tracker.domain.records import Dose, Medication

    repo.treatments.add(
        Medication(
            None,
            "Methylprednisolone IV pulse",
            date(2026, 11, 3),
            date(2026, 11, 5),
            "pulse",
            (Dose(date(2026, 11, 3), 500, "mg", "once daily"),),
        )
    )
    repo.results.add(LabEntry(date(2026, 11, 10), "c3", "0.7", "g/L", "0.9-1.8", "", ""))
    figure = _figure(repo, start=SINCE)
    strip = next(ax for ax in figure.axes if ax.get_label() == "dose strip")
    assert "prednisone-equivalent" in strip.get_title(loc="left")
    assert not [t for t in strip.texts if "prednisone" in t.get_text()]  # not inside


def test_legend_names_series_assay_then_lab(repo):
    for day, value, lab, assay in (
        (date(2026, 11, 2), "45", "City Lab", "ELISA"),
        (date(2026, 11, 9), "60", "River Lab", "CLIA"),
    ):
        repo.results.add(LabEntry(day, "anti_dsdna", value, "IU/mL", "<30", lab, assay))
    for day, lab in ((date(2026, 11, 2), "City Lab"), (date(2026, 11, 9), "River Lab")):
        repo.results.add(LabEntry(day, "albumin", "30", "g/L", "35-50", lab, ""))
    figure = _figure(repo)
    names = {t.get_text() for legend in figure.legends for t in legend.get_texts()}
    assert {
        "ELISA · City Lab",
        "CLIA · River Lab",
        "assay not named · City Lab",
        "assay not named · River Lab",
    } <= names, names


def test_stopped_medications_are_in_date_order(repo):
    from lupus_tracker.domain.records import Dose, Medication
    from lupus_tracker.report.treatment import gather_treatment

    for name, start, stop in (
        ("Azathioprine", date(2026, 1, 1), date(2026, 11, 20)),
        ("Tacrolimus", date(2026, 1, 1), date(2026, 11, 3)),
    ):
        repo.treatments.add(
            Medication(
                None, name, start, stop, "side effects", (Dose(start, 50, "mg", "once daily"),)
            )
        )
    stopped = gather_treatment(repo.treatments.all(), SINCE, UNTIL).stopped
    assert [s.name for s in stopped] == ["Tacrolimus", "Azathioprine"]


def test_the_chart_caption_says_why_it_starts_before_the_period(repo, tmp_path, read_pdf):
    repo.results.add(LabEntry(date(2026, 11, 10), "c3", "0.7", "g/L", "0.9-1.8", "", ""))
    out = tmp_path / "r.pdf"
    write_pdf(gather(repo, SINCE, UNTIL, sections=[ReportSection.CHARTS]), out)
    text = read_pdf(out).flat()
    assert "Trends from Nov 2025 to Nov 2026" in text
    assert (
        "Drawn from 30 Nov 2025, a year for context (the period starts on 01 Nov 2026)."
    ) in text
