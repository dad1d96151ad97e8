"""Shared fixtures: every test gets its own data folder and databases under tmp_path."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from lupus_tracker.demo import write_demo
from lupus_tracker.store.repository import Repository

DEMO_END = date(2026, 6, 30)

# Mutation runs (tools/mutation.sh) execute each test on a slowed, instrumented copy of the
# code on a shared machine: a Hypothesis deadline there reports timing, not a bug.
hypothesis_settings.register_profile("mutation", deadline=None)
if os.environ.get("LUPUS_TRACKER_HYPOTHESIS_PROFILE") == "mutation":
    hypothesis_settings.load_profile("mutation")


@pytest.fixture(autouse=True)
def _no_background_task_left():
    """A test's background tasks end with it: matplotlib is not thread-safe, and a chart
    still drawing in a worker must not overlap the next test's drawing."""
    yield
    import sys

    tasks = sys.modules.get("lupus_tracker.ui.tasks")
    if tasks is not None:
        assert tasks.wait_idle(60), "a background task did not finish"


@pytest.fixture(autouse=True)
def _restore_python_temp_folder():
    """A command run in-process (``main([...])``) keeps Python's temporary files in the
    app's private folder under this test's tmp_path (output_files.use_private_temp); the
    next test, or the next in-process pytest run of a mutation tool, must not use a
    folder that pytest may since have deleted."""
    saved = tempfile.tempdir
    yield
    tempfile.tempdir = saved


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the user's real data folder."""
    folder = tmp_path / "userdata"
    monkeypatch.setenv("LUPUS_TRACKER_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def repo(tmp_path: Path):
    """A new, empty database in tmp_path."""
    with Repository.open(tmp_path / "test.sqlite") as repository:
        yield repository


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo patient (ending on DEMO_END), written once per test session."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with Repository.open(path) as repository:
        write_demo(repository, end=DEMO_END)
    return path


@pytest.fixture
def demo_repo(demo_file: Path, tmp_path: Path):
    """A private copy of the demo patient that a test may change."""
    copy = tmp_path / "demo-copy.sqlite"
    shutil.copyfile(demo_file, copy)
    with Repository.open(copy) as repository:
        yield repository
