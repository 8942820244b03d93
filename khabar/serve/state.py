"""What one running server holds: the store (one read connection per worker thread) and the pipeline.

SQLite connections are not shared between threads here: FastAPI runs each request handler on a pool thread,
and each pool thread opens its own `Corpus` once and keeps it (WAL lets them all read while an ingest writes).
The pipeline is built and warmed once, at start-up, and runs one text at a time under a lock, since stages
that hold a model make no promise about threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from fastapi import Request

from khabar.document import Document
from khabar.pipeline import Pipeline, load
from khabar.store.corpus import Corpus

WARM_UP = "رئیس‌جمهور در دیدار با وزیر خارجه گفت: «این یک پیروزی است.» به گزارش ایسنا، ۱۲ نفر حاضر بودند."


class Corpora:
    """One `Corpus` per thread for the store at `path`, all closed together at shutdown."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Corpus] = []

    def get(self) -> Corpus:
        corpus = getattr(self._local, "corpus", None)
        if corpus is None:
            corpus = Corpus(self.path, create=False)
            self._local.corpus = corpus
            with self._lock:
                self._opened.append(corpus)
        return corpus

    def close(self) -> None:
        with self._lock:
            for corpus in self._opened:
                corpus.close()
            self._opened.clear()


class Processor:
    """The pipeline behind POST /v1/process: built once, warmed up, one text at a time."""

    def __init__(self, factory: Callable[[], Pipeline] = load) -> None:
        self._factory = factory
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def warm(self) -> None:
        """Build the pipeline and run it once, so the first request does not pay for loading models."""
        self(WARM_UP, {})

    def __call__(self, text: str, meta: dict[str, Any]) -> Document:
        with self._lock:
            if self._pipeline is None:
                self._pipeline = self._factory()
            return self._pipeline(text, **meta)


class State:
    """The server's shared objects, kept on `app.state.khabar`."""

    def __init__(self, db: str, max_bytes: int, pipeline: Callable[[], Pipeline] = load) -> None:
        self.corpora = Corpora(db)
        self.processor = Processor(pipeline)
        self.max_bytes = max_bytes

    def corpus(self) -> Corpus:
        return self.corpora.get()


def state(request: Request) -> State:
    return request.app.state.khabar
