"""Batch ingest: read inputs, run the pipeline on every core, and write each document to the store.

The plan comes first: one pass over the inputs hashes every record and asks the store which it has, so the
progress bar knows its total and a re-run skips what an interrupted run committed. Then worker processes
(each builds the pipeline once) process small chunks and return prepared rows; the parent is the only writer
and commits every few documents, so Ctrl-C, `kill -9` or a power cut loses at most one uncommitted batch and
never leaves a half-written document.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from khabar.document import Document
from khabar.errors import StoreError
from khabar.pipeline import Pipeline, load
from khabar.store.corpus import Corpus, PreparedDocument, WriteResult, prepare
from khabar.store.readers import Failure, ReadOptions, Record, read_inputs

PipelineFactory = Callable[[], Pipeline]
Job = tuple[str, str, dict[str, Any]]  # raw text, origin, meta: what a worker needs for one record


@dataclass(frozen=True, slots=True)
class IngestOptions:
    workers: int = max(1, os.cpu_count() or 1)
    force: bool = False
    commit_every: int = 32  # documents per transaction: small, so an interrupt loses little
    commit_seconds: float = 2.0  # ...or this long, whichever comes first, for slow pipelines
    chunk_size: int = 8  # documents per worker task
    read: ReadOptions = field(default_factory=ReadOptions)


@dataclass(slots=True)
class IngestReport:
    """What an ingest did; `ok` is False when any input failed or the run was interrupted."""

    total: int = 0
    added: int = 0
    replaced: int = 0
    already_stored: int = 0
    duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0
    write_seconds: float = 0.0  # of `seconds`, the time the parent spent committing
    worker_peak_mb: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures and not self.interrupted

    @property
    def processed(self) -> int:
        return self.added + self.replaced

    def count(self, result: WriteResult) -> None:
        self.added += result.added
        self.replaced += result.replaced
        self.already_stored += result.skipped


@dataclass(slots=True)
class Plan:
    """Which record ids to process (first occurrence of each new text), and what the inputs held."""

    todo: set[str] = field(default_factory=set)
    failures: list[Failure] = field(default_factory=list)
    records: int = 0


def plan(paths: Sequence[str | Path], corpus: Corpus, options: IngestOptions) -> tuple[Plan, IngestReport]:
    """Hash every record and ask the store which it has; reading failures are collected here, once."""
    found, report = Plan(), IngestReport()
    ids: list[str] = []
    for item in read_inputs(paths, options.read):
        if isinstance(item, Failure):
            found.failures.append(item)
            continue
        found.records += 1
        ids.append(item.id)
    unique = list(dict.fromkeys(ids))
    report.duplicates = len(ids) - len(unique)
    stored = set() if options.force else corpus.known(unique)
    report.already_stored = len(stored)
    found.todo = set(unique) - stored
    report.total = len(found.todo)
    report.failures.extend(found.failures)
    return found, report


def jobs(paths: Sequence[str | Path], todo: set[str], options: ReadOptions) -> Iterator[Job]:
    """The records to process, read again in the same order (only the plan's ids, each once)."""
    pending = set(todo)
    for item in read_inputs(paths, options):
        if isinstance(item, Record) and item.id in pending:
            pending.discard(item.id)
            yield item.text, item.origin, item.meta


def chunked(items: Iterable[Job], size: int) -> Iterator[list[Job]]:
    chunk: list[Job] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --- the worker side: one pipeline per process, built once -------------------------------------------------

_pipeline: Pipeline | None = None


def init_worker(factory: PipelineFactory) -> None:
    """Build the pipeline once per process; Ctrl-C is the parent's to handle, so workers ignore it."""
    global _pipeline
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    _pipeline = factory()


def _exit_with_parent(parent: int) -> None:
    """A worker whose parent was killed (`kill -9`) would wait for work forever; leave instead."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def process_chunk(chunk: list[Job]) -> tuple[list[PreparedDocument | Failure], float]:
    """Run the pipeline on a chunk and prepare the rows; returns them with this process's peak memory (MB)."""
    if _pipeline is None:
        raise StoreError("internal error: ingest worker has no pipeline")
    results = _run(_pipeline, chunk)
    return results, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run(pipeline: Pipeline, chunk: list[Job]) -> list[PreparedDocument | Failure]:
    origins = {text: origin for text, origin, _ in chunk}
    failed: list[PreparedDocument | Failure] = []

    def on_error(doc: Document, exc: Exception) -> None:
        failed.append(Failure(origins.get(doc.raw, "?"), _reason(exc)))

    docs = [Document.from_text(text, **meta) for text, _, meta in chunk]
    try:
        processed = list(pipeline.pipe(docs, batch_size=len(docs), on_error=on_error))
    except Exception:  # a batch method failed: redo one by one, so only the culprit is lost
        failed, processed = [], []
        for doc in [Document.from_text(text, **meta) for text, _, meta in chunk]:
            try:
                processed.append(pipeline(doc))
            except Exception as exc:  # recorded as this input's failure
                failed.append(Failure(origins[doc.raw], _reason(exc)))
    return failed + [_prepared(doc, origins.get(doc.raw, "?"), pipeline.stage_names) for doc in processed]


def _prepared(doc: Document, origin: str, stages: list[str]) -> PreparedDocument | Failure:
    try:
        return prepare(doc, origin, stages)
    except Exception as exc:  # a stage produced a layer the store cannot read
        return Failure(origin, f"cannot store the processed document ({_reason(exc)})")


def _reason(exc: Exception) -> str:
    return f"pipeline failed: {type(exc).__name__}: {exc}"


# --- the parent side: schedule chunks, write batches -------------------------------------------------------


class _InProcess(Executor):
    """`--workers 1`: the same scheduling, run in this process (no pickling, easy to debug)."""

    def __init__(self, factory: PipelineFactory) -> None:
        self.pipeline = factory()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        future: Future = Future()
        results = _run(self.pipeline, args[0])
        future.set_result((results, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
        return future


def _executor(workers: int, factory: PipelineFactory) -> Executor:
    if workers <= 1:
        return _InProcess(factory)
    # spawn, not fork: a clean process that is a child of this one, so it can notice when this one is killed
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=init_worker, initargs=(factory,))


class _Writer:
    """Collects prepared documents and commits them in small batches (the only code that writes)."""

    def __init__(self, corpus: Corpus, options: IngestOptions, report: IngestReport, bar: tqdm) -> None:
        self.corpus, self.options, self.report, self.bar = corpus, options, report, bar
        self.pending: list[PreparedDocument] = []
        self.last_commit = time.monotonic()

    def take(self, results: list[PreparedDocument | Failure], peak_mb: float) -> None:
        self.report.worker_peak_mb = max(self.report.worker_peak_mb, peak_mb)
        for item in results:
            if isinstance(item, Failure):
                self.report.failures.append(item)
                _tell(self.bar, item)
            else:
                self.pending.append(item)
        self.bar.update(len(results))
        due = time.monotonic() - self.last_commit >= self.options.commit_seconds
        if len(self.pending) >= self.options.commit_every or (self.pending and due):
            self.flush()

    def flush(self) -> None:
        started = time.monotonic()
        if self.pending:
            self.report.count(self.corpus.write(self.pending, force=self.options.force))
            self.pending = []
        self.last_commit = time.monotonic()
        self.report.write_seconds += self.last_commit - started


def ingest(
    paths: Sequence[str | Path],
    corpus: Corpus,
    options: IngestOptions = IngestOptions(),
    pipeline: PipelineFactory = load,
    progress: bool = True,
) -> IngestReport:
    """Read `paths`, process every new document with `pipeline()` on `options.workers` processes, store it.

    Workers are spawned (fresh interpreters), so a script that calls this with more than one worker needs the
    usual `if __name__ == "__main__":` guard, and `pipeline` must be importable (a module-level function or a
    `functools.partial` of one).
    """
    started = time.monotonic()
    todo, report = plan(paths, corpus, options)
    bar = tqdm(total=report.total, unit="doc", desc="ingest", disable=not progress, dynamic_ncols=True)
    for failure in todo.failures:
        _tell(bar, failure)
    writer = _Writer(corpus, options, report, bar)
    try:
        if report.total:
            _run_all(jobs(paths, todo.todo, options.read), writer, options, pipeline)
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        bar.close()
        _flush_quietly(writer, report)
        report.seconds = time.monotonic() - started
    return report


def _tell(bar: tqdm, failure: Failure) -> None:
    """Report a skipped input as it happens, above the progress bar (only when there is a bar)."""
    if not bar.disable:
        bar.write(f"skipped {failure.origin}: {failure.reason}", file=sys.stderr)


def _flush_quietly(writer: _Writer, report: IngestReport) -> None:
    """Commit what finished before an interrupt; a second Ctrl-C here just gives it up (resume redoes it)."""
    try:
        writer.flush()
    except KeyboardInterrupt:
        report.interrupted = True


def _run_all(todo: Iterator[Job], writer: _Writer, options: IngestOptions, factory: PipelineFactory) -> None:
    executor = _executor(options.workers, factory)
    in_flight: set[Future] = set()
    limit = max(2, options.workers * 3)  # enough queued to cover a commit; bounded, so memory stays flat
    try:
        for chunk in chunked(todo, options.chunk_size):
            in_flight.add(executor.submit(process_chunk, chunk))
            while len(in_flight) >= limit:
                _collect(in_flight, writer)
        while in_flight:
            _collect(in_flight, writer)
    except KeyboardInterrupt:
        executor.shutdown(wait=True, cancel_futures=True)  # workers ignore Ctrl-C and finish their chunk
        _collect(in_flight, writer, timeout=0)  # keep what finished; the rest is redone on resume
        raise
    except BrokenProcessPool:
        raise StoreError(
            "an ingest worker died (out of memory, or its pipeline could not be built); what was committed is kept: "
            "re-run to resume, with fewer --workers"
        ) from None
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _collect(in_flight: set[Future], writer: _Writer, timeout: float | None = None) -> None:
    """Hand finished chunks to the writer, removing each from `in_flight` (so none is taken twice)."""
    done, _ = wait(in_flight, timeout=timeout, return_when=FIRST_COMPLETED)
    for future in done:
        in_flight.discard(future)
        if not future.cancelled() and future.exception() is None:
            writer.take(*future.result())
        elif not future.cancelled():
            raise future.exception()
