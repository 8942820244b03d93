"""Stored layers give back exactly what `Document.to_dict` wrote, tokens packed or not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from khabar.document import Document, Token
from khabar.pipeline import load
from khabar.store.corpus import Corpus, prepare
from khabar.store.layers import pack, unpack


def _round_trip(doc: Document) -> dict[str, Any]:
    _, blob = pack(doc)
    return {"text": doc.text, "meta": doc.meta, **unpack(blob, doc.text)}


def test_store_layers_segmented_document_round_trips(seed_text: str) -> None:
    doc = load(("repair", "segment"))(seed_text)
    assert doc.tokens
    expected = doc.to_dict()
    assert _round_trip(doc) == {k: expected[k] for k in ("text", "meta")} | {
        k: v for k, v in expected.items() if k not in ("text", "raw", "meta")
    }


@dataclass(slots=True)
class Shouting(Token):
    """A token whose JSON is not its fields: packing must notice and store it as written."""

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text.upper()}


def test_store_layers_token_class_that_cannot_be_packed_is_kept_as_dicts(fresh_db: Corpus) -> None:
    doc = Document.from_text("ab cd")
    doc.tokens = [Shouting(doc, 0, 2), Shouting(doc, 3, 5)]
    fresh_db.add(doc)
    assert fresh_db.document(prepare(doc).id)["tokens"] == [t.to_dict() for t in doc.tokens]


def test_store_layers_integer_beyond_64_bits_is_kept_exactly() -> None:
    """orjson writes the blob but refuses integers beyond 64 bits; those documents go through `json`."""
    doc = Document.from_text("عدد")
    doc.source = {"publisher": None, "count": 10**30}
    assert _round_trip(doc)["source"]["count"] == 10**30
