"""The visit report read back from the PDF: order on page 1, header and footer on every page,
page counts for the demo, results limited to the period, images, fonts, privacy."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QLocale

from lupus_tracker.cli import main
from lupus_tracker.domain.records import Event, EventKind, LabEntry
from lupus_tracker.report.content import default_period, gather
from lupus_tracker.report.render_qt import page_size, write_pdf

UNTIL = date(2026, 6, 30)
HEADER = "Demo Patient (Maria Example) · born 14 Mar 1992 · period"


def test_default_period_is_since_the_last_visit(demo_repo, repo):
    since, until = default_period(demo_repo, UNTIL)
    visits = demo_repo.events.all(kinds=(EventKind.VISIT,), until=date(2026, 6, 29))
    assert (since, until) == (visits[-1].occurred_on, UNTIL)
    assert default_period(repo, UNTIL) == (date(2026, 3, 31), UNTIL)  # no visit: 3 months


def test_pdf_holds_the_values_flags_dates_and_notes(demo_repo, tmp_path, read_pdf):
    demo_repo.results.add(LabEntry(date(2026, 6, 29), "c3", "<0.5", "g/L", "0.9-1.8"))
    demo_repo.events.add(
        Event(
            None, date(2026, 6, 1), EventKind.FLARE, "Knee flare", "Both knees swollen for a week"
        )
    )
    since, until = default_period(demo_repo, UNTIL)
    demo_repo.report_notes.set(since, until, "Can I lower the prednisone?\nHair loss?")
    out = tmp_path / "visit.pdf"
    pages = write_pdf(gather(demo_repo, since, until, printed=date(2026, 7, 1)), out)
    assert pages == 2
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert not list(tmp_path.glob(".visit.pdf.*"))  # no temporary file left behind
    pdf = read_pdf(out)
    text = pdf.text()
    assert "Born 14 Mar 1992 (age 34)" in text and "Sex: Female" in text
    assert "02 Apr 2026 to 30 Jun 2026 (90 days)" in text and "Printed 01 Jul 2026" in text
    c3 = next(line for line in text.splitlines() if line.strip().startswith("C3 "))
    # Another lab and range, no assay: C3 is calibrated to ERM-DA470k/IFCC and compares
    # across labs (rheum4 finding 3): the demo's 0.95 is its previous one, and "<0.5" has
    # no exact change.
    assert re.search(r"C3\s+<0.5 g/L\s+29 Jun 2026\s+LOW\s+0.9-1.8\s+0\.95 \(24 Jun 2026\)\s+—", c3)
    assert re.search(
        r"anti-dsDNA\s+41 IU/mL\s+24 Jun 2026\s+HIGH\s+<27\s+56 \(25 May 2026\)"
        r"\s+↓ −15",
        text,
    )
    flat = pdf.flat()
    for needle in (
        "Hydroxychloroquine 200 mg once daily 200 mg/day",
        "Prednisone 5 mg once daily 5 mg/day",
        "Knee flare",
        "Both knees swollen for a week",
        "Can I lower the prednisone?",
        "Hair loss?",
        "SLEDAI-2K",
        "not medical advice",
        "Fatigue",
        "logged days",
    ):
        assert needle in flat, needle


def test_page_one_reads_questions_treatment_then_results(demo_repo, tmp_path, read_pdf):
    since, until = default_period(demo_repo, UNTIL)
    demo_repo.report_notes.set(since, until, "Is the hair loss from the mycophenolate?")
    out = tmp_path / "visit.pdf"
    write_pdf(gather(demo_repo, since, until), out)
    pages = read_pdf(out).pages()
    first = " ".join(pages[0].split())
    order = [
        first.index(s)
        for s in (
            "Lupus (SLE) visit summary",
            "My questions and notes for this visit",
            "Is the hair loss from the mycophenolate?",
            "Current treatment",
            "Key results in the period",
            "anti-dsDNA",
            "C3",
            "C4",
            "Proteinuria 24h",
            "UPCR",
            "Albumin",
            "Creatinine",
            "eGFR",
            "Hemoglobin",
            "WBC",
            "Lymphocytes",
            "Platelets",
            "Urine RBC",
            "Other results in the period",
        )
    ]
    assert order == sorted(order)
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[0].startswith(HEADER) and "02 Apr 2026 to 30 Jun 2026" in lines[0]
        assert lines[-1].endswith(f"page {number} of {len(pages)}")


@pytest.mark.parametrize(("months", "most"), [(3, 2), (12, 2), (18, 3)])
def test_page_count_for_the_demo(demo_repo, tmp_path, read_pdf, months, most):
    since = UNTIL - timedelta(days=round(months * 30.44))
    out = tmp_path / "visit.pdf"
    pages = write_pdf(gather(demo_repo, since, UNTIL), out)
    assert pages <= most
    assert len(read_pdf(out).pages()) == pages


HEADINGS = (
    "My questions and notes for this visit",
    "Current treatment",
    "Changes in the period",
    "Stopped in the period",
    "Key results in the period",
    "Other results in the period",
    "Trends from",
    "Symptoms",
    "Worst days",
    "Photos",
    "Events in the period",
)


@pytest.mark.slow
def test_no_heading_ends_a_page(demo_repo, tmp_path, read_pdf):
    for months in (3, 6, 12, 18, 24):
        out = tmp_path / f"visit-{months}.pdf"
        write_pdf(gather(demo_repo, UNTIL - timedelta(days=months * 30), UNTIL), out)
        pdf = read_pdf(out)
        chart_pages = {int(row[0]) for row in pdf.images() if int(row[3]) > 1000}
        for number, page in enumerate(pdf.pages(), start=1):
            lines = [line.strip() for line in page.splitlines() if line.strip()]
            last = lines[-2]  # the line above the footer
            if last.startswith("Trends from") and number in chart_pages:
                continue  # the chart (an image: no text) is under its heading
            assert not last.startswith(HEADINGS), (months, last)


def test_results_are_those_of_the_period_older_ones_apart_and_unflagged(
    demo_repo, tmp_path, read_pdf
):
    """Issue 12 item 14: a 2025 temperature is not today's fever."""
    demo_repo.results.add(LabEntry(date(2025, 2, 8), "temperature", "39.2", "°C"))
    out = tmp_path / "visit.pdf"
    write_pdf(gather(demo_repo, date(2026, 4, 1), UNTIL), out)
    text = read_pdf(out).text()
    key = text[text.index("Key results in the period") : text.index("Last measured before")]
    assert "Temperature" not in key and "39.2" not in key
    earlier = text[text.index("Last measured before this period") :]
    earlier = earlier[: earlier.index("Trends from")]
    assert (
        "(not flagged: not current): ANA 1:640 titer (04 Jul 2024) · Temperature 39.2 °C "
        "(08 Feb 2025)"
    ) in " ".join(earlier.split())
    assert "HIGH" not in earlier and "LOW" not in earlier


def test_stopped_medication_shows_its_stop_date_and_reason_not_a_current_dose(
    demo_repo, tmp_path, read_pdf
):
    tacrolimus = next(m for m in demo_repo.treatments.all() if m.name == "Tacrolimus")
    out = tmp_path / "visit.pdf"
    write_pdf(gather(demo_repo, tacrolimus.stopped_on - timedelta(days=30), UNTIL), out)
    text = read_pdf(out).text()
    current = text[text.index("Current treatment") : text.index("Changes in the period")]
    assert "Tacrolimus" not in current
    stopped = " ".join(text[text.index("Stopped in the period") :].split())
    day = tacrolimus.stopped_on.strftime("%d %b %Y")
    assert f"{day} Tacrolimus 2 mg twice daily Stopped: no response, tremor" in stopped


def test_images_charts_sparklines_and_photos(demo_repo, tmp_path, read_pdf, png_bytes):
    from lupus_tracker.store.photos_repo import Photo

    for day in range(1, 9):  # eight photos: the six most recent are printed
        demo_repo.photos.add(
            Photo(None, date(2026, 6, day), png_bytes, "image/png", f"rash day {day}", "rash")
        )
    out = tmp_path / "visit.pdf"
    content = gather(demo_repo, date(2026, 4, 1), UNTIL)
    assert [p.day.day for p, _ in content.photos] == [3, 4, 5, 6, 7, 8]
    write_pdf(content, out)
    pdf = read_pdf(out)
    images = pdf.images()
    big = [row for row in images if int(row[3]) > 1500]  # the trend chart, 18 cm at 250 dpi
    assert len(big) == 1
    sparks = [row for row in images if 200 <= int(row[3]) <= 230 and int(row[4]) < 60]
    assert len(sparks) == len(content.sparklines) >= 12
    assert len(images) == len(content.sparklines) + 1 + 6
    flat = pdf.flat()
    assert "Photos" in flat and "08 Jun 2026" in flat and "rash day 8" in flat
    assert "rash day 2" not in flat


def test_an_empty_file_gives_one_honest_page(repo, tmp_path, read_pdf):
    from lupus_tracker.store.photos_repo import Photo

    repo.photos.add(Photo(None, date(2026, 6, 1), b"\x89PNG\r\n\x1a\nnot a png", "image/png"))
    out = tmp_path / "visit.pdf"
    assert write_pdf(gather(repo, date(2026, 4, 1), UNTIL), out) == 1
    flat = read_pdf(out).flat()
    for needle in (
        "Patient · birth date not set · period 01 Apr 2026 to 30 Jun 2026",
        "Born not set Sex: not set",
        "No medications recorded",
        "No results in this period",
        "No key results to chart",
        "No diary entries",
        "No events recorded",
        "page 1 of 1",
    ):
        assert needle in flat, needle
    assert len(read_pdf(out).images()) == 1  # the unreadable photo's placeholder only


def test_fonts_are_embedded(demo_repo, tmp_path, read_pdf):
    out = tmp_path / "visit.pdf"
    write_pdf(gather(demo_repo, date(2026, 4, 1), UNTIL, with_charts=False), out)
    fonts = read_pdf(out).fonts()
    assert fonts and all(row[-5] == "yes" for row in fonts), fonts


def test_no_verdict_words(demo_repo, tmp_path, read_pdf):
    """Information, never a verdict: "remission" only as the name of the DORIS definition
    whose criteria are listed; nothing said to have worked."""
    out = tmp_path / "visit.pdf"
    write_pdf(gather(demo_repo, UNTIL - timedelta(days=730), UNTIL), out)
    flat = read_pdf(out).flat().casefold()
    assert len(re.findall(r"remission", flat)) == len(re.findall(r"doris remission", flat))
    for words in (
        "in remission",
        "remission achieved",
        "worked",
        "responded",
        "effective",
        "cured",
        "response to",
    ):
        assert words not in flat, words


def test_letter_paper_in_the_us_and_a4_elsewhere():
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    de = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert page_size(us).id().name == "Letter"
    assert page_size(de).id().name == "A4"


def test_letter_report_keeps_header_and_footer(demo_repo, tmp_path, read_pdf):
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    out = tmp_path / "letter.pdf"
    pages = write_pdf(gather(demo_repo, date(2026, 4, 1), UNTIL), out, locale=us)
    assert re.search(rb"/MediaBox \[0 0 612(\.0+)? 792(\.0+)?\]", out.read_bytes())
    texts = read_pdf(out).pages()
    assert len(texts) == pages <= 2
    assert all(f"page {n} of {pages}" in t for n, t in enumerate(texts, start=1))


def test_report_command(demo_file, tmp_path, capsys, read_pdf):
    out = tmp_path / "r.pdf"
    assert (
        main(
            [
                "report",
                "--db",
                str(demo_file),
                "--out",
                str(out),
                "--since",
                "2026-01-01",
                "--until",
                "2026-06-30",
            ]
        )
        == 0
    )
    assert "01 Jan 2026 to 30 Jun 2026" in read_pdf(out).text()
    assert (
        main(
            [
                "report",
                "--db",
                str(demo_file),
                "--out",
                str(out),
                "--since",
                "2026-07-01",
                "--until",
                "2026-06-30",
            ]
        )
        == 2
    )
    assert main(["report", "--db", str(tmp_path / "none.sqlite"), "--out", str(out)]) == 2
    assert (
        main(["report", "--db", str(demo_file), "--out", str(tmp_path / "no" / "such" / "dir.pdf")])
        == 2
    )
    assert "does not exist" in capsys.readouterr().err


def test_report_command_sections(demo_file, tmp_path, capsys, read_pdf):
    out = tmp_path / "r.pdf"
    assert (
        main(
            [
                "report",
                "--db",
                str(demo_file),
                "--out",
                str(out),
                "--until",
                "2026-06-30",
                "--sections",
                "questions,results",
            ]
        )
        == 0
    )
    pdf = read_pdf(out)
    flat = pdf.flat()
    assert "My questions and notes" in flat and "Key results in the period" in flat
    for absent in ("Current treatment", "Trends from", "Symptoms", "Events in the period"):
        assert absent not in flat, absent
    assert not [row for row in pdf.images() if int(row[3]) > 1500]  # no trend chart
    assert len(pdf.pages()) == 1
    capsys.readouterr()
    before = out.read_bytes()
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "--db", str(demo_file), "--out", str(out), "--sections", "labs"])
    assert exit_info.value.code == 2
    assert "Unknown report section 'labs'" in capsys.readouterr().err
    assert out.read_bytes() == before


def _words(html_text: str, *, cells_only: bool) -> Counter:
    """Every word of the report's HTML (or only those inside table cells)."""
    from html.parser import HTMLParser

    words: Counter = Counter()

    class Text(HTMLParser):
        cells = 0
        style = False

        def handle_starttag(self, tag, attrs):
            self.cells += tag in ("td", "th")
            self.style = self.style or tag == "style"

        def handle_endtag(self, tag):
            self.cells -= tag in ("td", "th")
            self.style = self.style and tag != "style"

        def handle_data(self, data):
            if not self.style and (self.cells or not cells_only):
                words.update(unicodedata.normalize("NFKC", data).split())

    parser = Text(convert_charrefs=True)
    parser.feed(html_text)
    return words


@pytest.mark.parametrize("months", [3, 18])
def test_every_word_is_printed_once_and_whole(demo_repo, tmp_path, read_pdf, months):
    """Each word of every table cell is found whole in the PDF (a word broken over two
    lines, such as "Scor" / "e", is missing once); no text of the report is lost or
    printed twice at a page edge."""
    from lupus_tracker.report.html import to_html

    since, until = default_period(demo_repo, UNTIL)
    demo_repo.report_notes.set(since, until, "Ask about hydroxychloroquine eye screening")
    content = gather(demo_repo, UNTIL - timedelta(days=round(months * 30.44)), UNTIL)
    out = tmp_path / "visit.pdf"
    write_pdf(content, out)
    pages = read_pdf(out).pages(layout=False)
    printed = Counter(" ".join(pages).split())
    html_text = to_html(content)
    assert not _words(html_text, cells_only=True) - printed
    assert not _words(html_text, cells_only=False) - printed
    headers = {
        " ".join(re.findall(r"<th[^>]*>([^<]*)</th>", row))  # repeated on a new page
        for row in re.findall(r"<thead><tr>(.*?)</tr></thead>", html_text)
    }
    lines = [
        line.strip()
        for page in pages
        for line in page.splitlines()
        if len(line.strip()) > 25
        and not line.startswith("Demo Patient (Maria")
        and line.strip() not in headers
    ]
    assert len(lines) == len(set(lines)), [x for x in lines if lines.count(x) > 1]


def test_report_never_overwrites_the_database(demo_repo, capsys):
    path = demo_repo.db.path
    before = path.read_bytes()[:16]
    for out in (path, f"{path}-wal"):
        assert main(["report", "--db", str(path), "--out", str(out)]) == 2
        assert "is the database" in capsys.readouterr().err
    assert path.read_bytes()[:16] == before == b"SQLite format 3\x00"
