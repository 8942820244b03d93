"""`khabar entities`: the entities a corpus mentions most, spelling variants and bare surnames merged."""

from __future__ import annotations

import click

from khabar.cli.errors import friendly_errors
from khabar.cli.quotes import table
from khabar.cli.search import db_option, emit_json, filter_options, filters_from, json_option, open_corpus

COLUMNS = ("rank", "label", "documents", "mentions", "name", "variants")


@click.command("entities")
@db_option
@click.option("--top", "-n", default=20, show_default=True, type=click.IntRange(1), help="How many entities.")
@click.option("--label", metavar="LABEL", help="Only this entity type (PER, ORG, LOC, ...).")
@filter_options
@json_option
@friendly_errors
def entities_command(
    db: str, top: int, label: str | None, publisher: str | None, since: str | None, until: str | None,
    as_json: bool,
) -> None:  # fmt: skip
    """List the entities mentioned in the most documents.

    Names are merged across documents by their folded spelling (هنيه = هنیه), and a name
    that only one longer name contains is merged into it (هنیه into اسماعیل هنیه).

    Example: khabar entities --db corpus.db --top 20 --label PER
    """
    with open_corpus(db) as corpus:
        groups = corpus.entities(top, label, filters_from(publisher, since, until))
    if as_json:
        emit_json({k: g[k] for k in ("name", "label", "documents", "mentions", "names", "doc_ids")} for g in groups)
        return
    if not groups:
        click.echo("no entities stored (were documents ingested with the entities stage?)", err=True)
        return
    rows = [
        {**g, "rank": rank, "variants": "، ".join(n for n in g["names"] if n != g["name"])}
        for rank, g in enumerate(groups, start=1)
    ]
    click.echo(table(rows, COLUMNS))
