"""The visit report's content, gathered from the core as plain data (no Qt, no HTML).

The period defaults to "since my last visit": from the last event of kind visit before the
report's end date, else the three months before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from lupus_tracker.analysis.latest import LatestValue, latest_values
from lupus_tracker.analysis.symptom_summary import SymptomSummary, summarize_symptoms
from lupus_tracker.domain.records import Dose, Event, EventKind, Medication, Profile
from lupus_tracker.store.repository import Repository

DEFAULT_MONTHS_DAYS = 91
PANELS = ("serology", "kidney")


@dataclass(frozen=True)
class MedicationLine:
    medication: Medication
    current: Dose | None
    changes: tuple[Dose, ...]  # dose changes inside the period
    stopped_in_period: bool


@dataclass(frozen=True)
class Section:
    """An extra titled table (SLEDAI-2K history, treatment response, ...)."""

    title: str
    headers: tuple[str, ...]
    widths: tuple[int, ...]  # percent of the page width per column
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


@dataclass
class ReportContent:
    profile: Profile
    since: date
    until: date
    printed: date
    latest: list[LatestValue]
    symptoms: SymptomSummary
    medications: list[MedicationLine]
    events: list[Event]
    notes: str
    activity_note: str = ""
    sections: list[Section] = field(default_factory=list)
    charts: list[tuple[str, bytes]] = field(default_factory=list)  # (title, PNG)


def default_period(repo: Repository, until: date | None = None) -> tuple[date, date]:
    until = until or date.today()
    visits = [e for e in repo.events.all(until=until - timedelta(days=1),
                                          kinds=(EventKind.VISIT,))]
    since = visits[-1].occurred_on if visits else until - timedelta(days=DEFAULT_MONTHS_DAYS)
    return since, until


def _medications(repo: Repository, since: date, until: date) -> list[MedicationLine]:
    lines = []
    for med in repo.treatments.all():
        active = med.started_on <= until and (med.stopped_on is None or med.stopped_on >= since)
        if not active:
            continue
        changes = tuple(d for d in med.doses if since <= d.from_date <= until)
        stopped = med.stopped_on is not None and since <= med.stopped_on <= until
        lines.append(MedicationLine(med, med.dose_on(until), changes, stopped))
    return lines


def gather(repo: Repository, since: date, until: date, *, printed: date | None = None,
           with_charts: bool = True) -> ReportContent:
    """Everything the report shows for the period ``since``..``until``."""
    if until < since:
        raise ValueError("The report period ends before it starts.")
    content = ReportContent(
        profile=repo.profile.get(), since=since, until=until, printed=printed or date.today(),
        latest=latest_values(repo, until=until),
        symptoms=summarize_symptoms(repo, since, until),
        medications=_medications(repo, since, until),
        events=repo.events.all(since, until),
        notes=repo.report_notes.get(since, until),
    )
    add_insight_sections(repo, content)
    if with_charts:
        content.charts = panel_images(repo, since, until)
    return content


def add_insight_sections(repo: Repository, content: ReportContent) -> None:
    """SLEDAI-2K history and the activity signal."""
    from lupus_tracker.analysis.serology import activity_note
    from lupus_tracker.domain.sledai import band_guideline, classify_change
    from lupus_tracker.report.html import day_text

    content.activity_note = activity_note(repo, since=content.since, until=content.until)
    assessments = [a for a in repo.sledai.all() if a.visit_on <= content.until][-4:]
    if assessments:
        rows = []
        previous = None
        for a in assessments:
            change = classify_change(previous, a.score).value if previous is not None else ""
            rows.append((day_text(a.visit_on), str(a.score), band_guideline(a.score), change,
                         ", ".join(sorted(i.replace("_", " ") for i in a.items)) or "none"))
            previous = a.score
        content.sections.append(Section(
            "SLEDAI-2K at recent visits", ("Visit", "Score", "Activity", "Change", "Items"),
            (14, 7, 11, 18, 50),
            tuple(rows), "Bands: 0 remission, 1-4 low, 5-10 moderate, >10 high; change by "
                         "Gladman (>3 points)."))


def panel_images(repo: Repository, since: date, until: date) -> list[tuple[str, bytes]]:
    """The key panels as PNG images at print resolution (charts module, no Qt)."""
    import io

    from lupus_tracker.charts.panels import PANELS as CHART_PANELS
    from lupus_tracker.charts.panels import panel_figure

    chart_since = min(since, until - timedelta(days=365))  # a year of context
    images = []
    for panel in PANELS:
        figure = panel_figure(repo, panel, chart_since, until, width_in=7.2)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=150)
        images.append((CHART_PANELS[panel][0], buffer.getvalue()))
    return images
