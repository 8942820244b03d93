"""The store: migrations, idempotent writes, the rows each layer becomes, and readers beside a writer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from khabar.document import Document
from khabar.errors import StoreError
from khabar.store import schema
from khabar.store.corpus import Corpus, prepare
from khabar.store.search import Filters
from khabar.store.sql import quote_identifier


def test_store_schema_new_store_is_at_latest_version_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with Corpus(path) as corpus:
        assert schema.version(corpus.conn) == schema.LATEST
        assert corpus.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Corpus(path) as corpus:  # re-opening migrates nothing and keeps the data
        assert schema.version(corpus.conn) == schema.LATEST


def test_store_schema_refuses_a_store_from_a_newer_khabar(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Corpus(path)


def test_store_schema_migrations_are_numbered_in_order() -> None:
    assert [m.version for m in schema.MIGRATIONS] == list(range(1, len(schema.MIGRATIONS) + 1))


def test_store_corpus_rejects_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database " * 100)
    with pytest.raises(StoreError, match=r"notes\.db"):
        Corpus(path)


def test_store_corpus_listing_commands_never_create_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no corpus"):
        Corpus(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_store_corpus_add_is_idempotent_and_force_replaces(fresh_db: Corpus) -> None:
    doc = Document.from_text("متن یک خبر", title="الف")
    assert fresh_db.add(doc) is True
    assert fresh_db.add(doc) is False
    doc.meta["title"] = "ب"
    assert fresh_db.add(doc, force=True) is True
    assert len(fresh_db) == 1
    assert fresh_db.conn.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == 1
    assert [h.title for h in fresh_db.search("خبر")] == ["ب"]


def test_store_corpus_document_round_trips_the_json_contract(fresh_db: Corpus, make_quoted_doc) -> None:
    doc = make_quoted_doc("هنیه گفت: «ما پیروز می‌شویم».", "هنیه", "ما پیروز می‌شویم", url="https://x.ir/1")
    fresh_db.add(doc)
    stored = fresh_db.document(prepare(doc).id)
    assert stored == {"id": prepare(doc).id, **doc.to_dict()}
    assert fresh_db.document(stored["id"][:8])["id"] == stored["id"]
    with pytest.raises(StoreError, match="no document"):
        fresh_db.document("ffffffffff")


def test_store_corpus_layers_become_rows(fresh_db: Corpus, make_quoted_doc) -> None:
    fresh_db.add(make_quoted_doc("اسماعیل هنيه گفت: «مقاومت ادامه دارد».", "اسماعیل هنيه", "مقاومت ادامه دارد"))
    assert fresh_db.stats() == {
        "documents": 1, "entities": 1, "mentions": 1, "quotes": 1, "speakers": 1, "sources": 2,
    }  # fmt: skip
    assert fresh_db.conn.execute("SELECT name, key FROM entities").fetchone() == ("اسماعیل هنيه", "اسماعیل هنیه")
    assert fresh_db.conn.execute("SELECT publisher FROM documents").fetchone() == ("خبرگزاری فارس",)


def test_store_corpus_quotes_by_speaker_merge_name_variants(fresh_db: Corpus, make_quoted_doc) -> None:
    fresh_db.add(make_quoted_doc("اسماعیل هنیه گفت: «الف».", "اسماعیل هنیه", "الف"))
    fresh_db.add(make_quoted_doc("هنيه گفت: «ب».", "هنيه", "ب"))
    fresh_db.add(make_quoted_doc("عباس گفت: «ج».", "عباس", "ج"))
    assert sorted(q["content"] for q in fresh_db.quotes("هنیه")) == ["الف", "ب"]
    assert [q["content"] for q in fresh_db.quotes("اسماعیل هنیه")] == ["الف"]
    assert len(fresh_db.quotes()) == 3


def test_store_corpus_top_entities_merge_spelling_and_surnames(fresh_db: Corpus, make_quoted_doc) -> None:
    fresh_db.add(make_quoted_doc("اسماعیل هنیه گفت: «الف».", "اسماعیل هنیه", "الف"))
    fresh_db.add(make_quoted_doc("هنيه گفت: «ب».", "هنيه", "ب"))
    fresh_db.add(make_quoted_doc("علی لاریجانی گفت: «ج».", "علی لاریجانی", "ج"))
    fresh_db.add(make_quoted_doc("علی خامنه‌ای گفت: «د».", "علی خامنه‌ای", "د"))
    fresh_db.add(make_quoted_doc("علی گفت: «ه».", "علی", "ه"))
    top = fresh_db.entities(top=10)
    assert (top[0]["name"], top[0]["documents"]) == ("اسماعیل هنیه", 2)
    assert sorted(g["name"] for g in top) == sorted(["اسماعیل هنیه", "علی لاریجانی", "علی خامنه‌ای", "علی"])


def test_store_corpus_top_entities_merge_places_only_by_descriptors(fresh_db: Corpus, make_quoted_doc) -> None:
    """`غزه` is `نوار غزه` (a descriptor in front), but `ایران` is not the magazine `ایران بانو`; a place is
    shown by the form written most."""
    for n, (text, name) in enumerate([("نوار غزه", "نوار غزه"), ("غزه", "غزه"), ("غزه", "غزه")]):
        fresh_db.add(make_quoted_doc(f"{text} {n} گفت: «الف».", text, "الف", label="LOC", name=name))
    fresh_db.add(make_quoted_doc("ایران گفت: «ب».", "ایران", "ب", label="LOC"))
    fresh_db.add(make_quoted_doc("ایران بانو گفت: «ج».", "ایران بانو", "ج", label="LOC"))
    top = {g["name"]: g["documents"] for g in fresh_db.entities(top=10)}
    assert top == {"غزه": 3, "ایران": 1, "ایران بانو": 1}


def test_store_corpus_filters_by_publisher_and_date(fresh_db: Corpus) -> None:
    fresh_db.add(Document.from_text("نفت یک", publisher="ایسنا", date="2024-01-05"))
    fresh_db.add(Document.from_text("نفت دو", publisher="خبرگزاری فارس", date="2024-03-01"))
    fresh_db.add(Document.from_text("نفت سه", url="https://www.farsnews.ir/x"))
    assert len(fresh_db.search("نفت", Filters(publisher="فارس"))) == 1
    assert len(fresh_db.search("نفت", Filters(publisher="farsnews"))) == 1
    assert [h.date for h in fresh_db.search("نفت", Filters(since="2024-02-01"))] == ["2024-03-01"]
    assert [h.date for h in fresh_db.search("نفت", Filters(until="2024-01-05"))] == ["2024-01-05"]


def test_store_corpus_reader_queries_while_a_writer_holds_a_transaction(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with Corpus(path) as writer, Corpus(path, create=False) as reader:
        writer.add(Document.from_text("نخستین خبر"))
        with writer.transaction() as conn:
            conn.execute("UPDATE documents SET title = 'در حال نوشتن'")
            assert [h.title for h in reader.search("خبر")] == [None]  # sees the last commit, not blocked
        assert [h.title for h in reader.search("خبر")] == ["در حال نوشتن"]


def test_store_corpus_failed_write_leaves_nothing_behind(fresh_db: Corpus) -> None:
    good = prepare(Document.from_text("خبر سالم"))
    broken = prepare(Document.from_text("خبر دیگر"))
    broken.row = broken.row[:3]  # wrong number of values: the insert fails
    with pytest.raises(sqlite3.ProgrammingError):
        fresh_db.write([good, broken])
    assert len(fresh_db) == 0
    assert fresh_db.conn.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == 0


def test_store_sql_quote_identifier_doubles_quotes() -> None:
    assert quote_identifier('a"b') == '"a""b"'
