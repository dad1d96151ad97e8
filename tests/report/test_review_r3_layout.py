"""Visit-report layout findings of the round-3 rheumatologist review: a long remark in the
narrow result column is shortened (its full text under the table)."""

from __future__ import annotations

from datetime import date

from lupus_tracker.domain.records import LabEntry, Profile, Sex
from lupus_tracker.report.content import gather
from lupus_tracker.report.render_qt import write_pdf
from lupus_tracker.report.sections import ReportSection

SINCE, UNTIL = date(2026, 9, 1), date(2026, 11, 29)


def test_the_under_18_creatinine_note_is_short_in_its_row(repo, tmp_path, read_pdf):
    repo.profile.set(Profile("Teen", date(2010, 6, 1), Sex.FEMALE))
    repo.results.add(LabEntry(date(2026, 11, 1), "creatinine", "2.0", "mg/dL", "0.5-1.1", "", ""))
    content = gather(
        repo, SINCE, UNTIL, printed=UNTIL, with_charts=False, sections=[ReportSection.RESULTS]
    )
    out = tmp_path / "teen.pdf"
    write_pdf(content, out)
    pdf = read_pdf(out)
    lines = [line for line in pdf.text().splitlines() if line.strip()]
    first = next(i for i, line in enumerate(lines) if line.startswith("Creatinine "))
    after = next(i for i, line in enumerate(lines) if line.startswith("Note 1, Creatinine"))
    assert after - first <= 3, lines[first:after]
    flat = pdf.flat()
    assert "CKD-EPI is for adults (note 1)" in flat, flat
    assert "Note 1, Creatinine: CKD-EPI is for adults; the bedside Schwartz equation needs" in flat


def _pages_of_chart_and_caption(pdf_path, read_pdf) -> tuple[list[int], list[int]]:
    import subprocess

    pages = read_pdf(pdf_path).pages()
    caption = [number for number, page in enumerate(pages, 1) if "Grey band" in page]
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf_path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    charts = [int(row.split()[0]) for row in listing if int(row.split()[3]) > 1000]
    return charts, caption


def test_a_24_month_chart_keeps_its_caption_on_its_page(repo, tmp_path, read_pdf):
    """Questions of growing length push the chart down the first page: at some length the
    caption used to start the next page, away from the chart it explains."""
    from datetime import timedelta

    for month in range(12):
        day = date(2025, 12, 1) + timedelta(days=30 * month)
        repo.results.add(LabEntry(day, "c3", f"{0.6 + month * 0.03:.2f}", "g/L", "0.9-1.8", "", ""))
        repo.results.add(LabEntry(day, "anti_dsdna", str(100 - month * 5), "IU/mL", "<30", "", ""))
    since, until = date(2024, 11, 29), date(2026, 11, 29)  # 24 months
    apart = {}
    for questions in range(36, 48, 2):
        repo.report_notes.set(
            since, until, "\n".join(f"Question number {n} about my care?" for n in range(questions))
        )
        content = gather(
            repo,
            since,
            until,
            printed=until,
            sections=[ReportSection.QUESTIONS, ReportSection.CHARTS],
        )
        out = tmp_path / f"q{questions}.pdf"
        write_pdf(content, out)
        charts, caption = _pages_of_chart_and_caption(out, read_pdf)
        assert len(charts) == 1 and len(caption) == 1
        if charts != caption:
            apart[questions] = (charts, caption)
    assert apart == {}


def _trend(repo):
    from lupus_tracker.report.figures import trend_figure
    from lupus_tracker.store.inputs import chart_records

    start = date(2025, 11, 29)
    return trend_figure(chart_records(repo, since=start, until=UNTIL), start, SINCE, UNTIL)


def test_every_symbol_drawn_is_in_the_legend_and_the_ring_is_not_an_event(repo):
    from lupus_tracker.domain.records import Event, EventKind

    repo.results.add(LabEntry(date(2026, 10, 1), "c3", "0.6", "g/L", "0.9-1.8", "", ""))
    repo.results.add(LabEntry(date(2026, 11, 1), "c3", "1.0", "g/L", "0.9-1.8", "", ""))
    repo.events.add(Event(None, date(2026, 10, 5), EventKind.OTHER, "Moved"))
    figure = _trend(repo)
    (legend,) = figure.legends
    entries = {
        text.get_text(): handle
        for text, handle in zip(legend.get_texts(), legend.legend_handles, strict=True)
    }
    plain = next(label for label in entries if label.startswith("values"))
    assert entries[plain].get_marker() == "o" and entries[plain].get_markerfacecolor() != "none"
    ring = next(label for label in entries if label.startswith("ring"))
    assert entries[ring].get_marker() == "o" and entries[ring].get_markerfacecolor() == "none"
    assert entries["other"].get_marker() != "o"


def test_gfr_category_labels_never_cover_a_point(repo):
    # eGFR values on the category lines at the right end, where the labels used to sit.
    for day, value in (
        (date(2026, 9, 1), "62"),
        (date(2026, 10, 1), "75"),
        (date(2026, 11, 10), "90"),
        (date(2026, 11, 20), "60"),
        (date(2026, 11, 28), "46"),
    ):
        repo.results.add(LabEntry(day, "egfr", value, "mL/min/1.73m2", ">=60", "", ""))
    figure = _trend(repo)
    renderer = figure.canvas.get_renderer()
    panel = next(ax for ax in figure.axes if ax.get_title(loc="left").startswith("eGFR"))
    labels = [t for t in panel.texts if str(t.get_gid()).startswith("kdigo-label:")]
    assert labels
    covered = []
    for label in labels:
        if not label.get_visible():
            continue
        box = label.get_window_extent(renderer)
        for collection in panel.collections:
            offsets = collection.get_offsets()
            for x, y in collection.get_offset_transform().transform(offsets):
                if box.x0 - 3 <= x <= box.x1 + 3 and box.y0 - 3 <= y <= box.y1 + 3:
                    covered.append((label.get_text(), x, y))
    assert covered == []
    assert sum(label.get_visible() for label in labels) >= 2  # moved, not just hidden
