"""``mypy lupus_tracker`` reports no errors (configured in pyproject.toml [tool.mypy]: strict
for domain/ and store/). ``.ci/run`` runs mypy too; this test makes the quick local run
catch a type error before it lands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("mypy")


def test_mypy_reports_no_errors():
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "lupus_tracker"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
