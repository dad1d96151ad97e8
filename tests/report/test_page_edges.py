"""Text that runs over a page edge is printed once: a long table cell (an event's note) or a
long paragraph split by a page is found exactly once in the PDF, every word of it."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from lupus_tracker.domain.records import Event, EventKind
from lupus_tracker.report.content import gather
from lupus_tracker.report.render_qt import write_pdf
from lupus_tracker.report.sections import ReportSection

WORDS_PER_NOTE = 60


def _note(index: int) -> str:
    return " ".join(f"n{index}w{word}" for word in range(WORDS_PER_NOTE))


@pytest.mark.parametrize("events", [12, 16, 30])
def test_a_cell_split_by_a_page_is_printed_once(repo, tmp_path, read_pdf, events):
    for index in range(events):
        repo.events.add(
            Event(
                None,
                date(2026, 5, 1) + timedelta(days=index),
                EventKind.FLARE,
                f"Flare {index}",
                _note(index),
            )
        )
    content = gather(
        repo,
        date(2026, 4, 1),
        date(2026, 6, 30),
        with_charts=False,
        sections=[ReportSection.EVENTS],
    )
    out = tmp_path / "events.pdf"
    pages = write_pdf(content, out)
    assert pages >= 2
    printed = Counter(" ".join(read_pdf(out).pages(layout=False)).split())
    expected = [f"n{i}w{w}" for i in range(events) for w in range(WORDS_PER_NOTE)]
    assert {word: printed[word] for word in expected if printed[word] != 1} == {}


def test_a_long_question_split_by_a_page_is_printed_once(repo, tmp_path, read_pdf):
    text = " ".join(_note(index) for index in range(25))  # one paragraph of 1,500 words
    repo.report_notes.set(date(2026, 4, 1), date(2026, 6, 30), text)
    content = gather(
        repo,
        date(2026, 4, 1),
        date(2026, 6, 30),
        with_charts=False,
        sections=[ReportSection.QUESTIONS],
    )
    out = tmp_path / "questions.pdf"
    assert write_pdf(content, out) >= 2
    printed = Counter(" ".join(read_pdf(out).pages(layout=False)).split())
    assert {w: printed[w] for w in text.split() if printed[w] != 1} == {}
