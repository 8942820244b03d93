"""`khabar search`: ranked full-text search over a corpus, spelling variants folded, matches highlighted.

This module also defines the options every corpus command shares (`--db`, `--json`, the publisher and date
filters), so they are written once.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from typing import Any

import click

from khabar.cli.errors import friendly_errors
from khabar.store.corpus import Corpus, Hit
from khabar.store.readers import iso_date
from khabar.store.search import Filters

DB_ENV = "KHABAR_DB"
OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


def db_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db", "db", default="corpus.db", show_default=True, envvar=DB_ENV, metavar="FILE",
        help=f"The corpus database (also ${DB_ENV}).",
    )(command)  # fmt: skip


def json_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="One JSON object per line, for scripts.")(command)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    iso = iso_date(value)
    if iso is None:
        raise click.BadParameter(f"{value!r} is not a date; write 2024-03-01 or 1402/12/11")
    return iso


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--publisher, --since, --until: the same document filters for every listing command."""
    command = click.option("--until", callback=_date, metavar="DATE", help="Only documents dated on or before.")(
        command
    )
    command = click.option("--since", callback=_date, metavar="DATE", help="Only documents dated on or after.")(command)
    return click.option("--publisher", metavar="NAME", help="Only documents whose publisher contains NAME.")(command)


def filters_from(publisher: str | None, since: str | None, until: str | None) -> Filters:
    return Filters(publisher=publisher, since=since, until=until)


def open_corpus(db: str) -> Corpus:
    """An existing corpus (listing commands never create one)."""
    return Corpus(db, create=False)


def emit_json(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False))


def highlighter() -> tuple[str, str]:
    """Bold yellow on a terminal; `**` marks when piped, so highlights survive into files."""
    if sys.stdout.isatty():
        return "\x1b[1;33m", "\x1b[0m"
    return "**", "**"


@click.command("search")
@click.argument("query", nargs=-1, required=True)
@db_option
@click.option("--limit", "-n", default=10, show_default=True, type=click.IntRange(1, 10_000), help="Results.")
@filter_options
@json_option
@friendly_errors
def search_command(
    query: tuple[str, ...], db: str, limit: int, publisher: str | None, since: str | None, until: str | None,
    as_json: bool,
) -> None:  # fmt: skip
    """Search the corpus; آتش بس, آتش‌بس and آتشبس (and ي/ی, ك/ک, ۱/1) find the same documents.

    All words must occur. "a phrase" in double quotes must occur as written; word* matches a prefix.
    Other FTS syntax is taken as plain text.

    Example: khabar search آتش بس --db corpus.db --since 2024-01-01
    """
    with open_corpus(db) as corpus:
        hits = corpus.search(" ".join(query), filters_from(publisher, since, until), limit=limit)
    if as_json:
        emit_json(h.to_dict() for h in hits)
        return
    if not hits:
        click.echo("no documents match" + _operator_hint(query), err=True)
    for rank, hit in enumerate(hits, start=1):
        _print_hit(rank, hit)


def _operator_hint(query: tuple[str, ...]) -> str:
    """FTS users may expect AND/OR/NOT/NEAR to work; say that khabar searches them as words."""
    used = sorted({w for part in query for w in part.replace("(", " ").split() if w in OPERATORS})
    return f" (note: {', '.join(used)} are searched as words; every word is required)" if used else ""


def _print_hit(rank: int, hit: Hit) -> None:
    details = ", ".join(x for x in (hit.date, hit.publisher) if x)
    click.echo(f"{rank}. {hit.title or '(untitled)'}" + (f"  [{details}]" if details else "") + f"  {hit.id[:12]}")
    click.echo("   " + hit.snippet.marked(*highlighter()))
