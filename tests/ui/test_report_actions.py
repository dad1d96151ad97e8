"""File › Export visit report as PDF from the app (period dialog, worker, PDF)."""

from __future__ import annotations

from datetime import date

from lupus_tracker.ui.report_actions import ReportDialog, export_pdf


def test_export_pdf_from_the_window(make_window, demo_repo, tmp_path, monkeypatch):
    window = make_window(demo_repo)

    def accept(dialog) -> bool:
        if isinstance(dialog, ReportDialog):
            dialog.since.set_value(date(2026, 4, 1))
            dialog.until.set_value(date(2026, 6, 30))
            dialog.notes.setPlainText("Ask about hair loss")
            dialog.save_if_valid()
        return True

    monkeypatch.setattr(window, "exec_dialog", accept)
    out = export_pdf(window, tmp_path / "visit.pdf")
    assert out is not None and out.read_bytes()[:4] == b"%PDF"
    assert demo_repo.report_notes.get(date(2026, 4, 1), date(2026, 6, 30)) == "Ask about hair loss"
