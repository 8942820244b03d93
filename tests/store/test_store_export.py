"""Export: JSON Lines keeps the document contract, Parquet is readable with nested layers, CoNLL-U works."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from khabar.document import Document
from khabar.errors import StoreError
from khabar.pipeline import load
from khabar.store.corpus import Corpus
from khabar.store.export import document_from_dict, export_conllu, export_jsonl, export_parquet


def test_store_export_jsonl_is_the_document_json_with_its_id(fresh_db: Corpus, make_quoted_doc) -> None:
    doc = make_quoted_doc("هنیه گفت: «ادامه می‌دهیم».", "هنیه", "ادامه می‌دهیم", title="عنوان")
    fresh_db.add(doc)
    out = io.StringIO()
    assert export_jsonl(fresh_db, out) == 1
    row = json.loads(out.getvalue())
    assert row.pop("id") == fresh_db.documents().__next__()["id"]
    assert row == json.loads(json.dumps(doc.to_dict()))


def test_store_export_parquet_has_nested_entities_and_quotes(tmp_path: Path, fresh_db: Corpus, make_quoted_doc) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    fresh_db.add(make_quoted_doc("هنیه گفت: «الف».", "هنیه", "الف", title="ت", date="2024-01-01"))
    fresh_db.add(Document.from_text("خبری بی نقل قول"))
    path = tmp_path / "c.parquet"
    assert export_parquet(fresh_db, path) == 2
    rows = pq.read_table(path).to_pylist()
    assert [r["date"] for r in rows] == ["2024-01-01", None]
    assert rows[0]["publisher"] == "خبرگزاری فارس" and rows[0]["cited"] == ["رویترز"]
    assert rows[0]["entities"][0]["name"] == "هنیه" and rows[0]["quotes"][0]["content"] == "الف"
    assert rows[1]["quotes"] == []


def test_store_export_parquet_without_pyarrow_says_how_to_install(monkeypatch, fresh_db: Corpus) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # what `import pyarrow` sees when it is not installed
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(StoreError, match=r"khabar\[export\]"):
        export_parquet(fresh_db, "x.parquet")


def test_store_export_conllu_from_stored_documents(fresh_db: Corpus) -> None:
    pipeline = load(("repair", "segment"))
    fresh_db.add(pipeline("خبر اول. خبر دوم."))
    out = io.StringIO()
    assert export_conllu(fresh_db, out) == 1
    text = out.getvalue()
    assert text.startswith("# newdoc id = ") and "# text = خبر دوم." in text


def test_store_export_conllu_without_sentences_is_a_clear_error(fresh_db: Corpus) -> None:
    fresh_db.add(Document.from_text("بدون جمله‌بندی"))
    with pytest.raises(StoreError, match="segment"):
        export_conllu(fresh_db, io.StringIO())


def test_store_export_document_from_dict_round_trips(fresh_db: Corpus) -> None:
    doc = load(("repair", "segment"))("گفت:  «سلام»   دنیا.")
    data = {"id": "x", **doc.to_dict(include_raw=True)}
    assert document_from_dict(data).to_dict(include_raw=True) == {**doc.to_dict(include_raw=True), "meta": {"id": "x"}}
