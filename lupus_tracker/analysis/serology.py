"""The serological activity signal: periods where anti-dsDNA rises while C3 or C4 is below
its lab's range, and periods of proteinuria above 0.5 g/24 h (or UPCR above 0.5 mg/mg).

This is information to discuss with the doctor, never advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lupus_tracker.analysis.sledai_suggest import _above
from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.measurement import Measurement, interpret
from lupus_tracker.domain.ranges import Flag
from lupus_tracker.domain.records import LabResult
from lupus_tracker.store.repository import Repository

NEARBY_DAYS = 15  # complement counts as low "at the same time" within this many days
MERGE_DAYS = 45  # flagged dates closer than this form one period
MIN_RISE = 1.25  # a rise of at least 25% over the previous comparable result (not noise)
DISCLAIMER = "Information to discuss with your doctor, not advice."


@dataclass(frozen=True)
class Period:
    kind: str  # "serological" or "proteinuria"
    start: date
    end: date
    evidence: tuple[str, ...]

    def text(self) -> str:
        what = ("anti-dsDNA rising while complement is low" if self.kind == "serological"
                else "proteinuria above 0.5 g/24 h")
        span = self.start.isoformat() if self.start == self.end else \
            f"{self.start.isoformat()} to {self.end.isoformat()}"
        return f"{span}: {what}"


def _measured(repo: Repository, keys: tuple[str, ...]) -> list[tuple[LabResult, Measurement]]:
    sex = repo.profile.get().sex
    return [(r, interpret(get_marker(r.marker), r.value_text, r.unit, r.ref_range, sex))
            for r in repo.results.all(keys)]


def _merge(kind: str, hits: list[tuple[date, str]]) -> list[Period]:
    periods: list[Period] = []
    for day, why in sorted(hits):
        if periods and (day - periods[-1].end).days <= MERGE_DAYS:
            last = periods[-1]
            periods[-1] = Period(kind, last.start, day, (*last.evidence, why))
        else:
            periods.append(Period(kind, day, day, (why,)))
    return periods


def activity_periods(repo: Repository) -> list[Period]:
    results = _measured(repo, ("anti_dsdna", "c3", "c4", "urine_protein_24h", "upcr"))
    low_complement = [r.taken_on for r, m in results
                      if r.marker in ("c3", "c4") and m.flag is Flag.LOW]
    serological: list[tuple[date, str]] = []
    previous: tuple[LabResult, Measurement] | None = None
    for r, m in ((r, m) for r, m in results if r.marker == "anti_dsdna"):
        if previous is not None:
            p, pm = previous
            comparable = (pm.unit.family == m.unit.family
                          and (p.assay or "").casefold() == (r.assay or "").casefold())
            rising = (comparable and m.base_value is not None and pm.base_value is not None
                      and m.value.comparator is None and m.base_value >= MIN_RISE * pm.base_value
                      and m.flag in (Flag.HIGH, Flag.ABNORMAL))
            near = any(abs((day - r.taken_on).days) <= NEARBY_DAYS for day in low_complement)
            if rising and near:
                serological.append((r.taken_on, f"{r.taken_on}: anti-dsDNA {p.value_text} -> "
                                                f"{r.value_text} {m.unit.label}, C3/C4 low"))
        previous = (r, m)
    proteinuria = [(r.taken_on, f"{r.taken_on}: {get_marker(r.marker).label} {r.value_text} "
                                f"{m.unit.label}")
                   for r, m in results
                   if r.marker in ("urine_protein_24h", "upcr") and _above(m, 0.5)]
    return _merge("serological", serological) + _merge("proteinuria", proteinuria)


def activity_note(repo: Repository, since: date | None = None) -> str:
    """A short note for the dashboard and the report ('' when nothing to say)."""
    since = since or date.today() - timedelta(days=365)
    periods = [p for p in activity_periods(repo) if p.end >= since]
    if not periods:
        return ""
    lines = "; ".join(p.text() for p in periods)
    return f"Possible lupus activity signals: {lines}. {DISCLAIMER}"
