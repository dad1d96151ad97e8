"""SLEDAI-2K assessments: one per visit date, the confirmed descriptors and the score."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from lupus_tracker.domain.records import InvalidEntryError
from lupus_tracker.domain.sledai import SledaiError, score
from lupus_tracker.store.base import Manager, now_stamp


@dataclass(frozen=True)
class SledaiAssessment:
    visit_on: date
    items: frozenset[str]
    note: str | None = None

    @property
    def score(self) -> int:
        return score(self.items)


class SledaiManager(Manager):
    """SLEDAI-2K assessments, one per visit date: ``repo.sledai``."""

    def save(self, assessment: SledaiAssessment) -> SledaiAssessment | None:
        """Save (or replace) the assessment of a visit; returns the one it replaced."""
        try:
            total = assessment.score
        except SledaiError as error:
            raise InvalidEntryError(str(error)) from None
        previous = self.get(assessment.visit_on)
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO sledai_assessments (visit_on, score, items, note) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (visit_on) DO UPDATE SET score = excluded.score, "
                "items = excluded.items, note = excluded.note, updated_at = ?",
                (assessment.visit_on.isoformat(), total, json.dumps(sorted(assessment.items)),
                 (assessment.note or "").strip() or None, now_stamp()),
            )
        self._changed("sledai_assessments")
        return previous

    def delete(self, visit_on: date) -> SledaiAssessment | None:
        previous = self.get(visit_on)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM sledai_assessments WHERE visit_on = ?",
                         (visit_on.isoformat(),))
        self._changed("sledai_assessments")
        return previous

    def get(self, visit_on: date) -> SledaiAssessment | None:
        found = [a for a in self.all() if a.visit_on == visit_on]
        return found[0] if found else None

    def all(self) -> list[SledaiAssessment]:
        rows = self.db.query("SELECT visit_on, items, note FROM sledai_assessments "
                             "ORDER BY visit_on")
        return [SledaiAssessment(date.fromisoformat(r["visit_on"]),
                                 frozenset(json.loads(r["items"])), r["note"]) for r in rows]
