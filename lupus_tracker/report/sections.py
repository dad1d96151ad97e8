"""The sections of the visit report a person can turn off (Print / Export PDF dialog and
``report --sections``)."""

from __future__ import annotations

import enum


class ReportSection(enum.StrEnum):
    QUESTIONS = "questions"
    TREATMENT = "treatment"
    RESULTS = "results"
    CHARTS = "charts"
    SYMPTOMS = "symptoms"
    EVENTS = "events"

    @property
    def label(self) -> str:
        return SECTION_LABELS[self]


SECTION_LABELS = {
    ReportSection.QUESTIONS: "My questions and notes",
    ReportSection.TREATMENT: "Current treatment",
    ReportSection.RESULTS: "Results",
    ReportSection.CHARTS: "Trend charts",
    ReportSection.SYMPTOMS: "Symptoms and photos",
    ReportSection.EVENTS: "Events",
}
ALL_SECTIONS = frozenset(ReportSection)


def parse_sections(text: str) -> frozenset[ReportSection]:
    """``questions,results`` -> those sections; an unknown or empty list is refused."""
    names = [part.strip().casefold() for part in text.split(",") if part.strip()]
    if not names:
        raise ValueError("Name at least one section: " + ",".join(ReportSection) + ".")
    unknown = [n for n in names if n not in ReportSection.__members__.values()]
    if unknown:
        raise ValueError(
            f"Unknown report section {unknown[0]!r}; choose from " + ",".join(ReportSection) + "."
        )
    return frozenset(ReportSection(n) for n in names)
