"""`khabar export`: write a corpus as JSON Lines, Parquet or CoNLL-U for pandas, DuckDB and UD tools."""

from __future__ import annotations

import click

from khabar.cli.errors import friendly_errors
from khabar.cli.search import db_option, filter_options, filters_from, open_corpus
from khabar.store.export import FORMATS, export_conllu, export_jsonl, export_parquet


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True, help="Format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write here (default stdout; Parquet needs it).")
@click.option("--raw", "include_raw", is_flag=True, help="Include each document's raw input (jsonl).")
@filter_options
@friendly_errors
def export_command(
    db: str, fmt: str, output: str | None, include_raw: bool, publisher: str | None, since: str | None,
    until: str | None,
) -> None:  # fmt: skip
    """Export every stored document (or those the filters select).

    jsonl: the document JSON, one per line, with its id. parquet: one row per document with
    entities and quotes as nested lists (needs pyarrow). conllu: sentences and tokens.

    Example: khabar export --db corpus.db --format parquet -o corpus.parquet
    """
    filters = filters_from(publisher, since, until)
    if fmt == "parquet" and not output:
        raise click.UsageError("Parquet is binary: give --output FILE.parquet")
    with open_corpus(db) as corpus:
        if fmt == "parquet":
            count = export_parquet(corpus, output, filters)
        else:
            with click.open_file(output or "-", "w", encoding="utf-8") as out:
                if fmt == "jsonl":
                    count = export_jsonl(corpus, out, filters, include_raw)
                else:
                    count = export_conllu(corpus, out, filters)
    click.echo(f"exported {count} documents ({fmt})", err=True)
