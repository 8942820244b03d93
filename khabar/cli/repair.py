"""`khabar repair`: write the repaired text, optionally with every fix explained."""

from __future__ import annotations

import click

from khabar.cli.errors import friendly_errors
from khabar.cli.inputs import iter_lines
from khabar.document import Document
from khabar.repair import explain_edits, repair, repair_text, text_blocks


@click.command("repair")
@click.argument("source", default="-", metavar="[FILE|-]")
@click.option("--explain", is_flag=True, help="List every fix with its raw position and reason (on stderr).")
@friendly_errors
def repair_command(source: str, explain: bool) -> None:
    """Repair Persian text: letters, layout, half-spaces, punctuation.

    Writes the repaired text to stdout, one paragraph per line. Large files are
    repaired block by block, in memory proportional to a block.

    Example: khabar repair article.txt --explain
    """
    out = click.get_text_stream("stdout")
    for block, offset in text_blocks(iter_lines(source)):
        if explain:
            doc = repair(Document.from_text(block))
            text = doc.text
            for line in explain_edits(doc, offset):
                click.echo(line, err=True)
        else:
            text = repair_text(block)
        if text:
            out.write(text + "\n")
