"""`khabar ingest`: process files, folders, JSON Lines, CSV and JSON article arrays into a corpus database."""

from __future__ import annotations

import functools
import os

import click

from khabar.cli.errors import friendly_errors
from khabar.cli.search import db_option
from khabar.pipeline import DEFAULT_STAGES, load
from khabar.store.corpus import Corpus
from khabar.store.ingest import IngestOptions, IngestReport, ingest
from khabar.store.readers import MAX_DOCUMENT_BYTES, ReadOptions

INTERRUPTED_EXIT = 130


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@click.option(
    "--workers", "-j", type=click.IntRange(1, 256), default=max(1, os.cpu_count() or 1), show_default="all cores",
    help="Worker processes (1 runs the pipeline in this process).",
)  # fmt: skip
@click.option("--force", is_flag=True, help="Process and replace documents that are stored already.")
@click.option("--text-column", metavar="NAME", help="CSV column holding the text (default: text, body or content).")
@click.option(
    "--max-bytes", type=click.IntRange(1), default=MAX_DOCUMENT_BYTES, show_default=True,
    help="Skip documents larger than this.",
)  # fmt: skip
@click.option("--stages", default=",".join(DEFAULT_STAGES), show_default=True, help="Comma-separated stages.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@friendly_errors
def ingest_command(
    paths: tuple[str, ...], db: str, workers: int, force: bool, text_column: str | None, max_bytes: int,
    stages: str, quiet: bool,
) -> None:  # fmt: skip
    """Process documents and store them in a corpus database (SQLite).

    Re-running skips documents already stored (identified by a hash of their text), so an
    interrupted ingest resumes where it stopped. Broken inputs are reported and skipped; the
    exit status is 1 if any input failed.

    Example: khabar ingest news/ feed.jsonl --db corpus.db --workers 4
    """
    names = tuple(s.strip() for s in stages.split(",") if s.strip())
    load(names)  # fail here, with one line, if the stages do not fit together
    options = IngestOptions(
        workers=workers, force=force, read=ReadOptions(text_column=text_column, max_bytes=max_bytes)
    )
    with Corpus(db) as corpus:
        report = ingest(paths, corpus, options, pipeline=functools.partial(load, names), progress=not quiet)
        stored = corpus.stats()
    click.echo(summary(report, stored, db), err=True)
    if report.interrupted:
        raise SystemExit(INTERRUPTED_EXIT)
    if report.failures:
        raise SystemExit(1)


def summary(report: IngestReport, stored: dict[str, int], db: str) -> str:
    """The closing lines: counts, speed, every failure with its path and reason, and what to do next."""
    rate = report.processed / report.seconds if report.seconds else 0.0
    lines = [
        f"{report.processed} processed ({report.added} new, {report.replaced} replaced), "
        f"{report.already_stored} already stored, {report.duplicates} duplicate(s) in the input, "
        f"{len(report.failures)} failed; {report.seconds:.1f} s ({rate:.1f} docs/s)",
        f"{db} holds " + ", ".join(f"{count} {table}" for table, count in stored.items()),
    ]
    if report.failures:
        lines.append("failed inputs:")
        lines += [f"  {f.origin}: {f.reason}" for f in report.failures]
    if report.interrupted:
        lines.append("interrupted: everything committed is kept; run the same command again to resume")
    return "\n".join(lines)
