"""Export a corpus for other tools: JSON Lines (the document contract), Parquet (pandas, DuckDB), CoNLL-U.

Parquet needs pyarrow (`pip install khabar[export]`), imported only when asked for; CoNLL-U uses the segment
stage's writer on documents rebuilt from the store.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from khabar.document import Document, Edit, Sentence, Span, Token
from khabar.errors import StoreError
from khabar.store.corpus import Corpus
from khabar.store.search import NO_FILTERS, Filters

FORMATS = ("jsonl", "parquet", "conllu")
PARQUET_BATCH = 500


def export_jsonl(corpus: Corpus, out: TextIO, filters: Filters = NO_FILTERS, include_raw: bool = False) -> int:
    """One document JSON per line (`Document.to_dict` plus `id`); returns how many were written."""
    count = 0
    for doc in corpus.documents(filters, include_raw):
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        count += 1
    return count


def export_conllu(corpus: Corpus, out: TextIO, filters: Filters = NO_FILTERS) -> int:
    """Every document's sentences as CoNLL-U (`# newdoc id` is the document id); returns documents written."""
    to_conllu = _conllu_writer()
    count = 0
    for data in corpus.documents(filters, include_raw=True):
        block = to_conllu(document_from_dict(data))
        if block:
            out.write(block)
            count += 1
    if count == 0 and len(corpus):
        raise StoreError(
            "no stored document has sentences: they were ingested without the segment stage; "
            "re-run `khabar ingest --force` with it"
        )
    return count


def _conllu_writer() -> Any:
    writer = getattr(_optional("khabar.segment.conllu"), "to_conllu", None)
    if writer is None:
        raise StoreError("CoNLL-U export needs khabar.segment.conllu, which this khabar does not have yet")
    return writer


def document_from_dict(data: dict[str, Any]) -> Document:
    """A `Document` rebuilt from its stored JSON: text, edits, paragraphs, sentences and tokens as objects;
    the other layers stay the plain dicts they were stored as (`to_dict` passes them through)."""
    text = data["text"]
    doc = Document(raw=data.get("raw", text), text=text, meta={**data.get("meta", {}), "id": data.get("id")})
    doc.edits = [Edit(f["start"], f["end"], f["text"], f["kind"], f["reason"]) for f in data.get("fixes", [])]
    doc.warnings = list(data.get("warnings", []))
    doc.paragraphs = [Span(doc, p["start"], p["end"]) for p in data.get("paragraphs", [])]
    doc.tokens = [_token(doc, t) for t in data.get("tokens", [])]
    doc.sentences = [Sentence(doc, s["start"], s["end"], *s["tokens"]) for s in data.get("sentences", [])]
    for layer in ("entities", "numbers", "dates", "quotes", "meetings"):
        setattr(doc, layer, list(data.get(layer, [])))
    doc.source = data.get("source")
    return doc


def _token(doc: Document, t: dict[str, Any]) -> Token:
    """A stored token back as an object: the segment stage's `Word` when it was one (it has `fused`)."""
    args = (doc, t["start"], t["end"], t.get("upos"), t.get("lemma"), t.get("feats"), t.get("space_after", True))
    if "fused" in t:
        word = getattr(_optional("khabar.segment.tokens"), "Word", None)
        if word is not None:
            return word(*args, t["fused"])
    return Token(*args)


def _optional(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def export_parquet(corpus: Corpus, path: str | Path, filters: Filters = NO_FILTERS) -> int:
    """One row per document with entities and quotes as nested lists; written in batches (bounded memory)."""
    pa, pq = _pyarrow()
    schema = parquet_schema(pa)
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for batch in _batches(corpus.records(filters), PARQUET_BATCH):
            writer.write_table(pa.Table.from_pylist([parquet_row(c, d) for c, d in batch], schema=schema))
            count += len(batch)
    return count


def _pyarrow() -> tuple[Any, Any]:
    try:
        return importlib.import_module("pyarrow"), importlib.import_module("pyarrow.parquet")
    except ImportError:
        raise StoreError("Parquet export needs pyarrow: pip install 'khabar[export]'") from None


def _batches(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def parquet_schema(pa: Any) -> Any:
    entity = pa.struct(
        [("id", pa.string()), ("label", pa.string()), ("name", pa.string()), ("mentions", pa.int32()),
         ("roles", pa.list_(pa.string()))]
    )  # fmt: skip
    quote = pa.struct(
        [("kind", pa.string()), ("content", pa.string()), ("cue", pa.string()), ("speaker", pa.string()),
         ("speaker_entity", pa.string()), ("confidence", pa.float64())]
    )  # fmt: skip
    return pa.schema(
        [("id", pa.string()), ("title", pa.string()), ("url", pa.string()), ("publisher", pa.string()),
         ("date", pa.string()), ("origin", pa.string()), ("text", pa.string()), ("meta", pa.string()),
         ("warnings", pa.list_(pa.string())), ("sentences", pa.int32()), ("tokens", pa.int32()),
         ("entities", pa.list_(entity)), ("quotes", pa.list_(quote)), ("cited", pa.list_(pa.string()))]
    )  # fmt: skip


def parquet_row(columns: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    source = doc.get("source") if isinstance(doc.get("source"), dict) else {}
    return {
        "id": doc["id"],
        **columns,
        "text": doc["text"],
        "meta": json.dumps(doc.get("meta", {}), ensure_ascii=False),
        "warnings": [str(w) for w in doc.get("warnings", [])],
        "sentences": len(doc.get("sentences", [])),
        "tokens": len(doc.get("tokens", [])),
        "entities": [_entity(e) for e in doc.get("entities", [])],
        "quotes": [_quote(q) for q in doc.get("quotes", [])],
        "cited": [_name(c) for c in source.get("cited") or [] if _name(c)],
    }


def _entity(e: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(e.get("id")),
        "label": e.get("label"),
        "name": e.get("name"),
        "mentions": len(e.get("mentions") or []),
        "roles": [str(r) for r in e.get("roles") or []],
    }


def _quote(q: dict[str, Any]) -> dict[str, Any]:
    speaker = q.get("speaker") or {}
    return {
        "kind": q.get("kind"),
        "content": (q.get("content") or {}).get("text"),
        "cue": (q.get("cue") or {}).get("text"),
        "speaker": speaker.get("text"),
        "speaker_entity": None if speaker.get("entity") is None else str(speaker["entity"]),
        "confidence": q.get("confidence"),
    }


def _name(item: Any) -> str | None:
    if isinstance(item, dict):
        return item.get("name") or item.get("text")
    return item if isinstance(item, str) else None
