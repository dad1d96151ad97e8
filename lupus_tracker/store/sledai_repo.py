"""SLEDAI-2K assessments: one per visit date, the confirmed descriptors and the score, and
the physician global assessment (PGA, 0-3) as typed from the visit letter."""

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
    pga: float | None = None  # physician global assessment 0-3, from the doctor's letter

    @property
    def score(self) -> int:
        return score(self.items)


class SledaiManager(Manager):
    """SLEDAI-2K assessments, one per visit date: ``repo.sledai``."""

    def save(self, assessment: SledaiAssessment) -> SledaiAssessment | None:
        """Save (or replace) the assessment of a visit; returns the one it replaced."""
        # here, not at the top: opening a file (the window's start) needs none of it
        from lupus_tracker.domain.treat_to_target import PgaError, check_pga

        try:
            total = assessment.score
            pga = check_pga(assessment.pga)
        except (SledaiError, PgaError) as error:
            raise InvalidEntryError(str(error)) from None
        previous = self.get(assessment.visit_on)
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO sledai_assessments (visit_on, score, items, note, pga) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (visit_on) DO UPDATE SET "
                "score = excluded.score, items = excluded.items, note = excluded.note, "
                "pga = excluded.pga, updated_at = ?",
                (
                    assessment.visit_on.isoformat(),
                    total,
                    json.dumps(sorted(assessment.items)),
                    (assessment.note or "").strip() or None,
                    pga,
                    now_stamp(),
                ),
            )
        self._changed("sledai_assessments")
        return previous

    def delete(self, visit_on: date) -> SledaiAssessment | None:
        previous = self.get(visit_on)
        with self.db.transaction() as conn:
            conn.execute(
                "DELETE FROM sledai_assessments WHERE visit_on = ?", (visit_on.isoformat(),)
            )
        self._changed("sledai_assessments")
        return previous

    def get(self, visit_on: date) -> SledaiAssessment | None:
        found = [a for a in self.all() if a.visit_on == visit_on]
        return found[0] if found else None

    def all(self) -> list[SledaiAssessment]:
        rows = self.db.query(
            "SELECT visit_on, items, note, pga FROM sledai_assessments ORDER BY visit_on"
        )
        return [
            SledaiAssessment(
                date.fromisoformat(r["visit_on"]),
                frozenset(json.loads(r["items"])),
                r["note"],
                r["pga"],
            )
            for r in rows
        ]
