"""`khabar quotes`: who said what, in one file (run through the pipeline) or across a corpus (`--db`)."""

from __future__ import annotations

import unicodedata
from typing import Any

import click
from click.core import ParameterSource

from khabar.cli.errors import friendly_errors
from khabar.cli.inputs import read_text
from khabar.cli.search import DB_ENV, emit_json, filter_options, filters_from, json_option, open_corpus
from khabar.document import Document
from khabar.pipeline import DEFAULT_STAGES, load

COLUMNS = ("speaker", "kind", "cue", "content")


@click.command("quotes")
@click.argument("source", required=False, metavar="[FILE|-]")
@click.option("--db", metavar="FILE", envvar=DB_ENV, help=f"Query this corpus instead of a file (also ${DB_ENV}).")
@click.option("--speaker", metavar="NAME", help="Only quotes by this speaker (any of its names; with --db).")
@click.option("--limit", "-n", type=click.IntRange(1), help="At most this many quotes.")
@click.option("--stages", default=",".join(DEFAULT_STAGES), show_default=True, help="Stages for FILE.")
@filter_options
@json_option
@friendly_errors
def quotes_command(
    source: str | None, db: str | None, speaker: str | None, limit: int | None, stages: str,
    publisher: str | None, since: str | None, until: str | None, as_json: bool,
) -> None:  # fmt: skip
    """Print who said what: speaker, kind (direct/indirect), cue verb and the quote.

    With FILE, process it and list its quotes. With --db, list quotes across the corpus;
    --speaker matches every name a speaker goes by (هنیه finds اسماعیل هنيه).

    Examples: khabar quotes article.txt | khabar quotes --db corpus.db --speaker هنیه --json
    """
    if source is not None and db is not None:
        if click.get_current_context().get_parameter_source("db") == ParameterSource.ENVIRONMENT:
            db = None  # a FILE on the command line wins over $KHABAR_DB
        else:
            raise click.UsageError("give either FILE or --db, not both")
    if source is None and db is None:
        raise click.UsageError("give a FILE to process, or --db corpus.db to query a corpus")
    if db is not None:
        with open_corpus(db) as corpus:
            rows = corpus.quotes(speaker, filters_from(publisher, since, until), limit)
        _print(rows, as_json, empty="no quotes match", columns=("doc", *COLUMNS))
        return
    if speaker is not None:
        raise click.UsageError("--speaker needs --db (a corpus); for one file, read its table")
    names = [s.strip() for s in stages.split(",") if s.strip()]
    pipeline = load(names)
    if not any("quotes" in stage.provides for stage in pipeline.stages):
        click.echo("note: no stage in this pipeline finds quotes yet", err=True)
    doc = pipeline(read_text(source), source=source)
    rows = file_quotes(doc)[:limit]
    _print(rows, as_json, empty="no quotes found", columns=COLUMNS)


def file_quotes(doc: Document) -> list[dict[str, Any]]:
    """A document's quotes as rows: the speaker is the entity's name where the quote resolves to one."""
    entities = {}
    for entity in doc.entities:
        data = entity.to_dict() if hasattr(entity, "to_dict") else entity
        entities[str(data.get("id"))] = data
    rows = []
    for quote in doc.quotes:
        q = quote.to_dict() if hasattr(quote, "to_dict") else quote
        speaker = q.get("speaker") or {}
        entity = entities.get(str(speaker.get("entity"))) if speaker.get("entity") is not None else None
        rows.append({
            "speaker": entity["name"] if entity else speaker.get("text"),
            "speaker_text": speaker.get("text"),
            "speaker_label": entity.get("label") if entity else None,
            "kind": q.get("kind"),
            "cue": (q.get("cue") or {}).get("text"),
            "content": (q.get("content") or {}).get("text"),
            "confidence": q.get("confidence"),
        })  # fmt: skip
    return rows


def _print(rows: list[dict[str, Any]], as_json: bool, empty: str, columns: tuple[str, ...]) -> None:
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo(empty, err=True)
        return
    shown = [{**r, "doc": r["doc_id"][:8]} if "doc_id" in r else r for r in rows]
    click.echo(table(shown, columns))


def table(rows: list[dict[str, Any]], columns: tuple[str, ...] = COLUMNS) -> str:
    """A plain-text table; the last column (the quote itself) is not padded, so it can run long."""
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(_width(x) for x in [c, *(row[i] for row in cells)]) for i, c in enumerate(columns)]
    rules = ["-" * w for w in widths[:-1]] + ["-" * min(widths[-1], 40)]
    lines = [_line(list(columns), widths), _line(rules, widths)]
    lines += [_line(row, widths) for row in cells]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    return "-" if value in (None, "") else " ".join(str(value).split())


def _width(text: str) -> int:
    """Display width: combining marks and invisible joiners take no column."""
    return sum(0 if unicodedata.combining(ch) or unicodedata.category(ch) == "Cf" else 1 for ch in text)


def _line(cells: list[str], widths: list[int]) -> str:
    padded = [c + " " * (w - _width(c)) for c, w in zip(cells[:-1], widths[:-1])]
    return "  ".join([*padded, cells[-1]])
