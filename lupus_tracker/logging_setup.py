"""The app's log: a small rotating file in the user's log folder, owner-only.

Policy: log events and error *types* only, never health values, names or free text. The
filter below drops any record whose message contains a digit run next to a unit-like
token or a date (a last line of defence; the code logs no values to begin with).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path

from lupus_tracker.paths import keep_to_owner, log_dir

MAX_BYTES = 512 * 1024
BACKUPS = 3
_HEALTH_LIKE = re.compile(
    r"\d{4}-\d{2}-\d{2}|\d+([.,]\d+)?\s*(mg|g|mmol|umol|µmol|iu|u)/", re.IGNORECASE
)


class NoHealthValues(logging.Filter):
    """Drop a record that looks like it carries a date or a measured value."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return False
        return _HEALTH_LIKE.search(message) is None


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file handler whose files are created 0600."""

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        keep_to_owner(Path(self.baseFilename))
        return os.fdopen(fd, "a", encoding=self.encoding or "utf-8")


def setup_logging(folder: Path | None = None) -> Path:
    """Configure the ``lupus_tracker`` logger to write to the log folder; returns the file."""
    folder = folder or log_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / "lupus-tracker.log"
    handler = PrivateRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=False
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(NoHealthValues())
    logger = logging.getLogger("lupus_tracker")
    for old in [h for h in logger.handlers if isinstance(h, PrivateRotatingFileHandler)]:
        logger.removeHandler(old)
        old.close()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path
