"""Ingest: every document stored once, broken inputs reported, interrupted runs resumed."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from khabar.document import Document
from khabar.pipeline import Pipeline, load
from khabar.store.corpus import Corpus
from khabar.store.ingest import IngestOptions, ingest

REPAIR_ONLY = functools.partial(load, ("repair",))


def _inputs(tmp_path: Path, n: int = 12) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:02}.txt").write_text(f"خبر شماره {i}: مذاكرات آتش‌بس ادامه دارد.", encoding="utf-8")
    rows = [{"title": "تکراری", "body": "خبر شماره 0: مذاكرات آتش‌بس ادامه دارد."}, {"body": "خبر جدید"}]
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n{bad\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


class Flaky:
    """A stage that fails on one text and can raise Ctrl-C after some documents."""

    name = "flaky"
    requires = frozenset()
    provides = frozenset({"text"})

    def __init__(self, interrupt_after: int | None = None) -> None:
        self.seen = 0
        self.interrupt_after = interrupt_after

    def __call__(self, doc: Document) -> Document:
        self.seen += 1
        if self.interrupt_after is not None and self.seen > self.interrupt_after:
            raise KeyboardInterrupt
        if "شماره 3:" in doc.raw:
            raise ValueError("stage broke")
        return doc


def test_store_ingest_stores_each_document_once_across_workers_and_reruns(tmp_path: Path) -> None:
    folder = _inputs(tmp_path)
    with Corpus(tmp_path / "c.db") as corpus:
        first = ingest([folder], corpus, IngestOptions(workers=2, commit_every=4), REPAIR_ONLY, progress=False)
        assert (first.added, first.duplicates, first.total) == (13, 1, 13)
        assert sorted(f.reason.split(" (")[0] for f in first.failures) == ["empty", "malformed JSON line"]
        assert not first.ok and first.worker_peak_mb > 0
        again = ingest([folder], corpus, IngestOptions(workers=1), REPAIR_ONLY, progress=False)
        assert (again.added, again.already_stored, again.total) == (0, 13, 0)
        forced = ingest([folder], corpus, IngestOptions(workers=1, force=True), REPAIR_ONLY, progress=False)
        assert (forced.replaced, len(corpus)) == (13, 13)
        assert len(corpus.search("مذاکرات آتشبس", limit=50)) == 12


def test_store_ingest_pipeline_failure_skips_only_that_document(tmp_path: Path) -> None:
    folder = _inputs(tmp_path)
    with Corpus() as corpus:
        report = ingest([folder], corpus, IngestOptions(workers=1), lambda: Pipeline([Flaky()]), progress=False)
        failed = [f for f in report.failures if "stage broke" in f.reason]
        assert [f.origin for f in failed] == [str(folder / "03.txt")]
        assert report.added == 12 and len(corpus) == 12


def test_store_ingest_ctrl_c_keeps_committed_documents_and_resumes(tmp_path: Path) -> None:
    folder = _inputs(tmp_path)
    path = tmp_path / "c.db"
    options = IngestOptions(workers=1, commit_every=2, chunk_size=1)
    with Corpus(path) as corpus:
        report = ingest([folder], corpus, options, lambda: Pipeline([Flaky(interrupt_after=5)]), progress=False)
        assert report.interrupted and report.added == len(corpus) == 4
    with Corpus(path) as corpus:
        report = ingest([folder], corpus, options, lambda: Pipeline([Flaky()]), progress=False)
        assert report.already_stored == 4 and len(corpus) == 12
