"""The `khabar` command: a thin layer over the library, one module per command."""

from __future__ import annotations

import click

from khabar import __version__
from khabar.cli.entities import entities_command
from khabar.cli.export import export_command
from khabar.cli.ingest import ingest_command
from khabar.cli.process import process_command
from khabar.cli.quotes import quotes_command
from khabar.cli.repair import repair_command
from khabar.cli.search import search_command
from khabar.cli.serve import serve_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="khabar")
def main() -> None:
    """khabar: repair, segment, analyse and extract Persian news text."""


main.add_command(repair_command)
main.add_command(process_command)
main.add_command(ingest_command)
main.add_command(search_command)
main.add_command(quotes_command)
main.add_command(entities_command)
main.add_command(export_command)
main.add_command(serve_command)
