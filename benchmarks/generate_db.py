"""Generate a 30-year patient for benchmarks: about 11,000 days of symptoms (10 a day,
>100,000 rows), ~3,000 lab results, medications with tapers, events and SLEDAI visits.

    python benchmarks/generate_db.py OUT.sqlite [--years 30] [--seed 1]

Everything goes through the repository (checked like real entries), in bulk.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lupus_tracker.domain.records import (
    Dose,
    Event,
    EventKind,
    LabEntry,
    Medication,
    Profile,
    SymptomEntry,
)
from lupus_tracker.store.repository import Repository

SYMPTOMS = (
    "fatigue",
    "joint_pain",
    "rash",
    "muscle_pain",
    "hair_loss",
    "mouth_ulcers",
    "headache",
    "swelling",
    "raynauds",
    "nausea",
)
LABS = (
    ("c3", 0.55, 1.1, "g/L", "0.9-1.8", 2),
    ("c4", 0.07, 0.22, "g/L", "0.1-0.4", 2),
    ("anti_dsdna", 300, 20, "IU/mL", "<30", 0),
    ("albumin", 28, 41, "g/L", "35-50", 0),
    ("upcr", 2.0, 0.15, "mg/mg", "<0.2", 2),
    ("creatinine", 1.2, 0.85, "mg/dL", "0.5-1.1", 2),
    ("hemoglobin", 10.5, 13.0, "g/dL", "12-16", 1),
    ("platelets", 130, 240, "10*9/L", "150-400", 0),
)
END = date(2026, 6, 30)


def generate(path: Path, years: int = 30, seed: int = 1) -> dict[str, int]:
    rng = random.Random(seed)
    days = years * 365
    start = END - timedelta(days=days - 1)
    with Repository.open(path) as repo:
        repo.profile.set(Profile("Benchmark Patient", date(1975, 5, 5), "female"))
        labs, symptoms = [], []
        for offset in range(days):
            day = start + timedelta(days=offset)
            wave = 0.5 + 0.5 * math.sin(offset / 400)  # flares come and go over years
            if offset % 30 == 0:
                for key, active, calm, unit, ref, digits in LABS:
                    level = calm + (active - calm) * wave
                    value = max(level * (1 + rng.gauss(0, 0.08)), 0.01)
                    labs.append(
                        LabEntry(day, key, f"{value:.{digits}f}", unit, ref, "Benchmark Lab")
                    )
            for key in SYMPTOMS:
                severity = max(0, min(10, round(rng.gauss(6 * wave, 1.5))))
                symptoms.append(
                    SymptomEntry(day, key, severity, "malar/butterfly" if key == "rash" else None)
                )
        with repo.db.transaction():
            repo.results.add_many(labs)
            repo.diary.log_many(symptoms)
            for year in range(years):
                first = start + timedelta(days=365 * year)
                repo.events.add(
                    Event(None, first + timedelta(days=100), EventKind.VISIT, "Rheumatology visit")
                )
                repo.events.add(
                    Event(None, first + timedelta(days=280), EventKind.VISIT, "Rheumatology visit")
                )
                if year % 5 == 2:
                    repo.events.add(
                        Event(None, first + timedelta(days=150), EventKind.FLARE, "Flare")
                    )
            repo.treatments.add(
                Medication(
                    None,
                    "Hydroxychloroquine",
                    start,
                    doses=(Dose(start, 200, "mg", "twice daily"),),
                )
            )
            repo.treatments.add(
                Medication(
                    None,
                    "Prednisone",
                    start,
                    doses=tuple(
                        Dose(start + timedelta(days=200 * i), mg, "mg", "once daily")
                        for i, mg in enumerate((40, 30, 20, 15, 10, 7.5, 5))
                    ),
                )
            )
        return repo.counts()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--years", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.out.exists():
        parser.error(f"{args.out} exists; give a new file name")
    print(generate(args.out, args.years, args.seed))


if __name__ == "__main__":
    main()
