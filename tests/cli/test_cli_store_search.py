"""`khabar search`, `entities`, `quotes --db` and `export`: listings, --json lines with document ids, and
user input that never ends in a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from khabar.cli import main
from khabar.document import Document, Entity, Quote, Speaker
from khabar.store.corpus import Corpus


def _quoted(text: str, speaker: str, said: str) -> Document:
    doc = Document.from_text(text, publisher="ایرنا", date="2024-02-01")
    s, c = text.index(speaker), text.index(said)
    doc.entities = [Entity("e1", "PER", speaker, [doc.span(s, s + len(speaker))])]
    speaker_ = Speaker(speaker, s, s + len(speaker), "e1")
    doc.quotes = [Quote("direct", doc.span(c, c + len(said)), doc.span(text.index("گفت"), text.index("گفت") + 3),
                        speaker_, 0.9)]  # fmt: skip
    return doc


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("corpus") / "c.db"
    with Corpus(path) as corpus:
        corpus.add(_quoted("اسماعیل هنیه گفت: «آتش‌بس برقرار می‌ماند».", "اسماعیل هنیه", "آتش‌بس برقرار می‌ماند"))
        corpus.add(_quoted("هنيه گفت: «مذاکره ادامه دارد».", "هنيه", "مذاکره ادامه دارد"))
        corpus.add(Document.from_text("آتشبس در كشور اعلام شد.", title="خبر فوری", publisher="فارس"))
    return str(path)


def _lines(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_cli_store_search_prints_ranked_highlighted_results(db: str) -> None:
    result = CliRunner().invoke(main, ["search", "آتش", "بس", "--db", db])
    assert result.exit_code == 0
    assert "1. " in result.stdout and "**آتشبس**" in result.stdout and "**آتش‌بس**" in result.stdout


def test_cli_store_search_json_and_filters(db: str) -> None:
    hits = _lines(CliRunner().invoke(main, ["search", "آتش‌بس", "--db", db, "--json", "--publisher", "فارس"]))
    assert [h["title"] for h in hits] == ["خبر فوری"] and set(hits[0]) >= {"id", "score", "snippet", "highlights"}


@pytest.mark.parametrize("query", ['"', "(((", "NEAR(آتش", 'آتش"*', "*", "AND OR", "{title}:x", "آتش)"])
def test_cli_store_search_fts_syntax_never_tracebacks(db: str, query: str) -> None:
    result = CliRunner().invoke(main, ["search", query, "--db", db])
    assert result.exit_code in (0, 1)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    if result.exit_code:
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1


def test_cli_store_search_missing_db_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["search", "خبر", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no corpus" in result.stderr and not (tmp_path / "none.db").exists()


def test_cli_store_quotes_by_speaker_merges_variants(db: str) -> None:
    rows = _lines(CliRunner().invoke(main, ["quotes", "--db", db, "--speaker", "هنیه", "--json"]))
    assert [r["content"] for r in rows] == ["آتش‌بس برقرار می‌ماند", "مذاکره ادامه دارد"]
    assert all(len(r["doc_id"]) == 32 for r in rows)
    table = CliRunner().invoke(main, ["quotes", "--db", db, "--speaker", "هنیه"]).stdout
    assert table.splitlines()[0].split() == ["doc", "speaker", "kind", "cue", "content"]


def test_cli_store_entities_top_merges_surname(db: str) -> None:
    rows = _lines(CliRunner().invoke(main, ["entities", "--db", db, "--top", "5", "--json"]))
    assert [(r["name"], r["documents"], len(r["doc_ids"])) for r in rows] == [("اسماعیل هنیه", 2, 2)]


def test_cli_store_export_jsonl_and_parquet(db: str, tmp_path: Path) -> None:
    docs = _lines(CliRunner().invoke(main, ["export", "--db", db]))
    assert len(docs) == 3 and {"id", "text", "meta", "quotes", "entities"} <= set(docs[0])
    out = tmp_path / "c.parquet"
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 0 and out.stat().st_size > 0
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "parquet"])
    assert result.exit_code == 2 and "--output" in result.stderr


@pytest.mark.parametrize("command", ["ingest", "search", "quotes", "entities", "export"])
def test_cli_store_commands_have_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Example" in result.output
