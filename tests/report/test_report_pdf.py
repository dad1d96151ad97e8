"""The visit report: content, the PDF read back as text, page size, privacy."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from datetime import date

import pytest
from PySide6.QtCore import QLocale

from lupus_tracker.cli import main
from lupus_tracker.domain.records import Event, EventKind, LabEntry
from lupus_tracker.report.content import default_period, gather
from lupus_tracker.report.render_qt import page_size, write_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext (poppler-utils) is needed to read PDFs back")
UNTIL = date(2026, 6, 30)


def pdf_text(path) -> str:
    """The PDF's text, with typographic ligatures (ﬂ, ﬁ) folded back into letters."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return unicodedata.normalize("NFKC", out)


def test_default_period_is_since_the_last_visit(demo_repo, repo):
    since, until = default_period(demo_repo, UNTIL)
    visits = demo_repo.events.all(kinds=(EventKind.VISIT,), until=date(2026, 6, 29))
    assert (since, until) == (visits[-1].occurred_on, UNTIL)
    assert default_period(repo, UNTIL) == (date(2026, 3, 31), UNTIL)  # no visit: 3 months


def test_pdf_holds_the_values_flags_dates_and_notes(demo_repo, tmp_path):
    demo_repo.results.add(LabEntry(date(2026, 6, 29), "c3", "<0.5", "g/L", "0.9-1.8"))
    demo_repo.events.add(Event(None, date(2026, 6, 1), EventKind.FLARE, "Knee flare"))
    since, until = default_period(demo_repo, UNTIL)
    demo_repo.report_notes.set(since, until, "Can I lower the prednisone?")
    content = gather(demo_repo, since, until, printed=date(2026, 7, 1))
    out = tmp_path / "visit.pdf"
    pages = write_pdf(content, out)
    assert 1 <= pages <= 2
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert not list(tmp_path.glob(".visit.pdf.*"))  # no temporary file left behind
    text = pdf_text(out)
    assert "Demo Patient (Maria Example)" in text and "14 Mar 1992" in text
    assert "02 Apr 2026 to 30 Jun 2026" in text and "Printed 01 Jul 2026" in text
    c3 = next(line for line in text.splitlines() if line.strip().startswith("C3 "))
    assert "<0.5 g/L" in c3 and "LOW" in c3 and "0.82-1.67" not in c3
    ana = next(line for line in text.splitlines() if line.strip().startswith("ANA"))
    assert "1:160" in ana and "HIGH" in ana
    assert re.search(r"anti-dsDNA\s+48 IU/mL\s+24 Jun 2026\s+<27\s+HIGH", text)
    flat = " ".join(text.split())  # sentences may wrap across lines
    for needle in ("Prednisone", "5 mg once daily", "Knee flare", "Fatigue",
                   "Can I lower the prednisone?", "SLEDAI-2K", "Trends over the last year",
                   "not medical advice"):
        assert needle in flat, needle
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True,
                            check=True).stdout.strip().splitlines()[2:]
    assert len(images) >= 2  # the serology and kidney panels


def test_letter_paper_in_the_us_and_a4_elsewhere():
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    de = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert page_size(us).id().name == "Letter"
    assert page_size(de).id().name == "A4"


def test_report_command(demo_file, tmp_path, capsys):
    out = tmp_path / "r.pdf"
    assert main(["report", "--db", str(demo_file), "--out", str(out),
                 "--since", "2026-01-01", "--until", "2026-06-30"]) == 0
    assert "01 Jan 2026 to 30 Jun 2026" in pdf_text(out)
    assert main(["report", "--db", str(demo_file), "--out", str(out),
                 "--since", "2026-07-01", "--until", "2026-06-30"]) == 2
    assert main(["report", "--db", str(tmp_path / "none.sqlite"), "--out", str(out)]) == 2
    assert main(["report", "--db", str(demo_file), "--out",
                 str(tmp_path / "no" / "such" / "dir.pdf")]) == 2
    assert "does not exist" in capsys.readouterr().err
