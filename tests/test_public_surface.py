"""The public surface is explicit: `khabar.__all__` is pinned, and every CLI command has help and docs."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import khabar
from khabar.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_public_names_are_exactly_these() -> None:
    assert sorted(khabar.__all__) == sorted(
        ["Corpus", "Document", "Edit", "KhabarError", "Pipeline", "Sentence", "Span", "Token", "load", "process"]
    )
    for name in khabar.__all__:
        assert getattr(khabar, name) is not None


def test_every_command_has_help_and_is_in_the_readme() -> None:
    for name, command in main.commands.items():
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help and len(command.help.strip()) > 10, name
        assert f"khabar {name}" in README, f"`khabar {name}` is not documented in README.md"
