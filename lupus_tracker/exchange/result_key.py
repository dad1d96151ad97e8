"""When two results are the same result: the rule lives in
:mod:`lupus_tracker.domain.result_key` (the store's undo checks it too); re-exported here
for the importer."""

from __future__ import annotations

from lupus_tracker.domain.result_key import (
    ResultKey,
    measured_key,
    result_key,
    stored_result_key,
)

__all__ = ["ResultKey", "measured_key", "result_key", "stored_result_key"]
