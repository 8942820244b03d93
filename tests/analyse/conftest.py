"""Hand-built documents for the analyse tests: words joined by spaces, one sentence, no model for segmenting."""

from __future__ import annotations

import pytest

from khabar.document import Document, Sentence, Token


def make_doc(*sentences: str) -> Document:
    """A document whose tokens are the space-separated words of each sentence (each one Sentence)."""
    doc = Document.from_text(" ".join(sentences))
    pos = 0
    for text in sentences:
        first = len(doc.tokens)
        start = pos
        for word in text.split(" "):
            doc.tokens.append(Token(doc, pos, pos + len(word)))
            pos += len(word) + 1
        doc.sentences.append(Sentence(doc, start, pos - 1, first, len(doc.tokens)))
    return doc


@pytest.fixture
def build_doc():
    return make_doc
