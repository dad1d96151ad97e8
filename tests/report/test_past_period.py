"""A report for a past period uses only what was recorded up to the period's end
(rheumatologist review, round 3): no later results in the activity signal, no later stop
note under the current treatment."""

from __future__ import annotations

from datetime import date, timedelta

from lupus_tracker.domain.records import Dose, LabEntry, Medication
from lupus_tracker.domain.stop_note import note_with_stop_reason
from lupus_tracker.report.content import gather
from lupus_tracker.report.render_qt import write_pdf
from lupus_tracker.report.sections import ReportSection

SINCE, UNTIL = date(2025, 6, 9), date(2025, 9, 6)
PRINTED = date(2026, 11, 29)


def _flat(repo, tmp_path, read_pdf, sections) -> str:
    content = gather(repo, SINCE, UNTIL, printed=PRINTED, with_charts=False, sections=sections)
    out = tmp_path / "past.pdf"
    write_pdf(content, out)
    return read_pdf(out).flat()


def test_the_activity_signal_stops_at_the_end_of_the_period(repo, tmp_path, read_pdf):
    later = [(date(2025, 9, 1) + timedelta(days=30 * i), "120", "80") for i in range(1, 6)]
    for day, dsdna, c3 in [
        (date(2025, 7, 31), "594", "35"),
        (date(2025, 8, 30), "373", "52"),
        *later,  # after the period, close enough to merge into one span with it
        (date(2026, 2, 26), "97", "82"),
    ]:
        repo.results.add(LabEntry(day, "anti_dsdna", dsdna, "IU/mL", "<30", "City Lab", "ELISA"))
        repo.results.add(LabEntry(day, "c3", c3, "mg/dL", "90-180", "City Lab", ""))
    text = _flat(repo, tmp_path, read_pdf, [ReportSection.RESULTS])
    assert "Possible activity signals" in text
    signal = text[text.index("Possible activity signals") :]
    assert "2026" not in signal, signal
    assert "anti-dsDNA 373 IU/mL" in signal and "30 Aug 2025" in signal, signal


def test_a_medication_stopped_after_the_period_is_current_without_its_stop_note(
    repo, tmp_path, read_pdf
):
    start = date(2025, 3, 30)
    repo.treatments.add(
        Medication(
            None,
            "Tacrolimus",
            start,
            date(2025, 9, 16),
            note_with_stop_reason("trough 5-8", "no response, tremor"),
            (Dose(start, 2, "mg", "twice daily"),),
        )
    )
    text = _flat(repo, tmp_path, read_pdf, [ReportSection.TREATMENT])
    assert "Current treatment on 06 Sep 2025" in text, text
    assert "Tacrolimus" in text and "trough 5-8" in text
    assert "no response" not in text and "Stopped" not in text, text
    assert "prednisone-equivalent on 06 Sep 2025" in text, text
