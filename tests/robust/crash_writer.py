"""A writer process for the crash test: writes batches of results through the repository
and prints "ready" once the file is open, then each batch number after its commit returned
(flushed at once)."""

from __future__ import annotations

import sys
from datetime import date, timedelta

from lupus_tracker.domain.records import LabEntry
from lupus_tracker.store.repository import Repository

BATCH = 5


def main(path: str, start: int) -> None:
    repo = Repository.open(path)
    print("ready", flush=True)  # the test times its kill from here, not from process start
    batch = start
    while True:
        day = date(2000, 1, 1) + timedelta(days=batch % 9000)
        entries = [
            LabEntry(day, "c3", f"1.{i}", "g/L", note=f"batch {batch}") for i in range(BATCH)
        ]
        repo.results.add_many(entries)
        print(batch, flush=True)
        batch += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
