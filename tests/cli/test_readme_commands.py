"""The README's command list names every subcommand the CLI has (and every kind of `add`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from lupus_tracker.cli import build_parser

README = Path(__file__).resolve().parents[2] / "README.md"


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _command_lines() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Command line", 1)[1].split("\n## ", 1)[0]
    return [line.strip() for line in section.splitlines() if line.startswith("lupus-tracker ")]


def test_every_subcommand_and_add_kind_is_in_the_readme() -> None:
    lines = _command_lines()
    commands = _subcommands(build_parser())
    assert commands
    missing = [name for name in commands if not any(line.split()[1] == name for line in lines)]
    add_kinds = _subcommands(commands["add"])
    assert "assessment" in add_kinds
    missing += [
        f"add {kind}"
        for kind in add_kinds
        if not any(line.split()[1:3] == ["add", kind] for line in lines)
    ]
    assert missing == []


def test_add_help_names_every_kind() -> None:
    add = _subcommands(build_parser())["add"]
    usage = add.format_usage()
    for kind in _subcommands(add):
        assert kind in usage
