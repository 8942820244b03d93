"""Fixtures for the store tests: an in-memory corpus, and documents with entities and quotes built by hand."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from khabar.document import Document, Entity, Quote, Speaker
from khabar.store.corpus import Corpus


@pytest.fixture
def fresh_db() -> Iterator[Corpus]:
    """An empty corpus in memory."""
    with Corpus() as corpus:
        yield corpus


@pytest.fixture
def make_quoted_doc():
    """Builds a document with one speaker entity and one direct quote (see `quoted_doc`)."""
    return quoted_doc


def quoted_doc(text: str, speaker: str, said: str, label: str = "PER", name: str | None = None, **meta) -> Document:
    """A document whose text holds `speaker` once and `said` once, with one entity and one direct quote."""
    doc = Document.from_text(text, **meta)
    s = text.index(speaker)
    c = text.index(said)
    entity = Entity("e1", label, name or speaker, [doc.span(s, s + len(speaker))])
    doc.entities = [entity]
    cue = text.find("گفت")
    doc.quotes = [
        Quote(
            "direct",
            doc.span(c, c + len(said)),
            doc.span(cue, cue + 3) if cue >= 0 else None,
            Speaker(speaker, s, s + len(speaker), "e1"),
            0.9,
        )
    ]
    doc.source = {"publisher": "خبرگزاری فارس", "cited": [{"name": "رویترز", "entity": None}]}
    return doc
