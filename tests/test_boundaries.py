"""The core never imports Qt: domain, store, analysis, charts and exchange stay plain
Python (checked in a fresh interpreter, so nothing else has loaded Qt first)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import lupus_tracker

CORE_PACKAGES = ("domain", "store", "analysis", "charts", "exchange", "commands")


def _core_modules() -> list[str]:
    names = []
    for package in CORE_PACKAGES:
        module = __import__(f"lupus_tracker.{package}", fromlist=["_"])
        names.append(module.__name__)
        prefix = module.__name__ + "."
        names += [info.name for info in pkgutil.walk_packages(module.__path__, prefix)]
    names += ["lupus_tracker.cli", "lupus_tracker.demo", "lupus_tracker.paths"]
    return names


def test_core_modules_do_not_import_qt():
    modules = _core_modules()
    assert "lupus_tracker.domain.catalog" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'lupus_tracker.ui')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"the core imported Qt: {out.stdout}"


def test_package_version():
    assert lupus_tracker.__version__


def test_import_contracts_hold():
    """The import-linter contracts in pyproject.toml (layers, no Qt in the core, a
    self-contained domain) hold; a broken contract names the offending import chain."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(lint_imports), "--no-cache"], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:]
