"""The visit report's content, gathered from the core as plain data (no Qt, no HTML).

The period defaults to "since my last visit": from the last event of kind visit before the
report's end date, else the three months before it. Only the sections asked for are
gathered (and drawn).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta

from lupus_tracker.analysis.symptom_summary import SymptomSummary, summarize_symptoms
from lupus_tracker.domain.records import Event, EventKind, Profile, SymptomEntry
from lupus_tracker.report.results import ReportResults, gather_results
from lupus_tracker.report.sections import ALL_SECTIONS, ReportSection
from lupus_tracker.report.treatment import Treatment, gather_treatment
from lupus_tracker.store.inputs import chart_records, diary_records
from lupus_tracker.store.photos_repo import Photo
from lupus_tracker.store.repository import Repository

DEFAULT_MONTHS_DAYS = 91
MAX_PHOTOS = 6
WORST_DAYS = 3
CHART_CONTEXT_DAYS = 365  # the trend charts show at least a year


@dataclass(frozen=True)
class WorstDay:
    day: date
    entries: tuple[SymptomEntry, ...]  # present symptoms, most severe first
    note: str


@dataclass(frozen=True)
class Image:
    """A picture for the report: PNG or JPEG bytes and its printed width in millimetres."""

    data: bytes
    width_mm: float
    caption: str = ""


@dataclass
class ReportContent:
    profile: Profile
    since: date
    until: date
    printed: date
    sections: frozenset[ReportSection] = ALL_SECTIONS
    notes: str = ""
    treatment: Treatment | None = None
    treat_to_target: str = ""  # filled by the treat-to-target hook; '' prints nothing
    results: ReportResults | None = None
    # (visit, before the period, score, items)
    sledai: list[tuple[date, bool, int, str]] = field(default_factory=list)
    activity_note: str = ""
    sparklines: dict[str, Image] = field(default_factory=dict)  # marker key -> image
    charts: list[Image] = field(default_factory=list)
    symptoms: SymptomSummary | None = None
    worst_days: list[WorstDay] = field(default_factory=list)
    photos: list[tuple[Photo, Image]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def days_in_period(self) -> int:
        return (self.until - self.since).days + 1

    def has(self, section: ReportSection) -> bool:
        return section in self.sections


def default_period(repo: Repository, until: date | None = None) -> tuple[date, date]:
    until = until or date.today()
    visits = [e for e in repo.events.all(until=until - timedelta(days=1), kinds=(EventKind.VISIT,))]
    since = visits[-1].occurred_on if visits else until - timedelta(days=DEFAULT_MONTHS_DAYS)
    return since, until


def gather(
    repo: Repository,
    since: date,
    until: date,
    *,
    printed: date | None = None,
    with_charts: bool = True,
    sections: Collection[ReportSection] = ALL_SECTIONS,
    photo_ids: Collection[int] | None = None,
) -> ReportContent:
    """Everything the report shows for the period ``since``..``until``.

    ``photo_ids`` are the photos the patient chose; without them the most recent ones."""
    if until < since:
        raise ValueError("The report period ends before it starts.")
    content = ReportContent(
        repo.profile.get(), since, until, printed or date.today(), frozenset(sections)
    )
    if content.has(ReportSection.QUESTIONS):
        content.notes = repo.report_notes.get(since, until)
    if content.has(ReportSection.TREATMENT):
        from lupus_tracker.report.treat_to_target import treat_to_target_line

        content.treatment = gather_treatment(repo.treatments.all(), since, until)
        content.treat_to_target = treat_to_target_line(repo, until, content.printed)
    if content.has(ReportSection.RESULTS):
        content.results = gather_results(repo, since, until)
        _add_activity(repo, content)
        if with_charts:
            from lupus_tracker.report.figures import sparkline_images

            content.sparklines = sparkline_images(
                chart_records(repo, since=since, until=until), content.results.key, since, until
            )
    if content.has(ReportSection.CHARTS) and with_charts:
        from lupus_tracker.report.figures import trend_chart_image

        start = chart_start(since, until)
        records = chart_records(repo, since=start, until=until)
        chart = trend_chart_image(records, start, since, until)
        content.charts = [chart] if chart is not None else []
    if content.has(ReportSection.SYMPTOMS):
        content.symptoms = summarize_symptoms(diary_records(repo, since, until))
        content.worst_days = worst_days(repo, since, until)
        content.photos = _photos(repo, since, until, photo_ids)
    if content.has(ReportSection.EVENTS):
        content.events = repo.events.all(since, until)
    return content


def chart_start(since: date, until: date) -> date:
    return min(since, until - timedelta(days=CHART_CONTEXT_DAYS))


_ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
BEFORE_PERIOD = "before the period"


def _day(day: date) -> str:
    """The report's one date format: 24 Jun 2026."""
    return day.strftime("%d %b %Y")


def _span_text(start: date, end: date, since: date) -> str:
    """A signal's span in the report's date format; a start before the period is said."""
    first = _day(start) + (f" ({BEFORE_PERIOD})" if start < since else "")
    return first if start == end else f"{first} to {_day(end)}"


def _add_activity(repo: Repository, content: ReportContent) -> None:
    """SLEDAI-2K at the visits of the period (and the one before), and the activity signal
    for the period."""
    from lupus_tracker.analysis.serology import (
        ACTIVITY_MARKERS,
        DISCLAIMER,
        activity_periods,
        latest_of_kind,
        periods_in,
    )
    from lupus_tracker.domain.sledai import descriptor

    # Only what was known at the period's end: a past period's report never quotes later results.
    activity_results = repo.results.all(ACTIVITY_MARKERS, until=content.until)
    periods = periods_in(activity_periods(activity_results), content.since, content.until)
    by_kind: dict[str, list] = {}
    for period in periods:
        by_kind.setdefault(period.kind, []).append(period)
    # One sentence per kind of signal: its spans and the latest evidence only (the full
    # evidence is in the app's dashboard; on paper it would fill half a page).
    lines = []
    for kind_periods in by_kind.values():
        what = kind_periods[0].text().split(": ", 1)[1].split(" (", 1)[0]
        spans = ", ".join(_span_text(p.start, p.end, content.since) for p in kind_periods)

        def days(text: str) -> str:
            return _ISO_DAY.sub(lambda m: _day(date.fromisoformat(m.group(0))), text)

        above = kind_periods[-1].evidence[-1]
        latest = latest_of_kind(activity_results, kind_periods[-1].kind, content.until)
        later = latest is not None and latest[0] > kind_periods[-1].end
        tail = f"; latest {days(latest[1])}" if latest is not None and later else ""
        lines.append(f"{what}: {spans} (last above-threshold result: {days(above)}{tail})")
    if lines:
        content.activity_note = (
            "Possible activity signals from the logged labs \u2014 "
            + "; ".join(lines)
            + f". {DISCLAIMER}"
        )
    assessments = [a for a in repo.sledai.all() if a.visit_on <= content.until]
    inside = [a for a in assessments if a.visit_on >= content.since]
    before = [a for a in assessments if a.visit_on < content.since][-1:]
    content.sledai = [
        (
            a.visit_on,
            a.visit_on < content.since,
            a.score,
            ", ".join(
                f"{descriptor(i).name} {descriptor(i).weight}"
                for i in sorted(a.items, key=lambda k: (-descriptor(k).weight, k))
            )
            or "no items",
        )
        for a in (before + inside)[-5:]
    ]


def worst_days(
    repo: Repository, since: date, until: date, count: int = WORST_DAYS
) -> list[WorstDay]:
    """The days with the highest summed severity (ties: the later day), with their notes."""
    by_day: dict[date, list[SymptomEntry]] = {}
    for entry in repo.diary.symptoms(since, until):
        if entry.severity > 0:
            by_day.setdefault(entry.day, []).append(entry)
    ranked = sorted(by_day, key=lambda d: (sum(e.severity for e in by_day[d]), d), reverse=True)[
        :count
    ]
    notes = dict(repo.diary.notes(since, until))
    return [
        WorstDay(
            d, tuple(sorted(by_day[d], key=lambda e: -e.severity)), (notes.get(d) or "").strip()
        )
        for d in sorted(ranked)
    ]


PHOTO_WIDTH_MM = 28.0


def _photos(
    repo: Repository, since: date, until: date, chosen: Collection[int] | None
) -> list[tuple[Photo, Image]]:
    photos = repo.photos.all(since, until)
    if chosen is not None:
        photos = [p for p in photos if p.id in set(chosen)]
    picked = photos[-MAX_PHOTOS:]
    return [(p, Image(p.data, PHOTO_WIDTH_MM, p.caption or "")) for p in picked]
