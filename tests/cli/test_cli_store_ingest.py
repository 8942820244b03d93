"""`khabar ingest`: a summary with every failure, exit 1 when anything failed, and a re-run that skips."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from khabar.cli import main


def _inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("خبر نخست درباره آتش‌بس", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\xff\xfe\x00\x00\x00binary")
    articles = [{"title": "دوم", "paragraphs": ["بند یک", "بند دو"], "url": "https://www.farsnews.ir/2"}]
    (folder / "c.json").write_text(json.dumps(articles, ensure_ascii=False), encoding="utf-8")
    (folder / "d.csv").write_text("body,date\nخبر سوم,1402/12/11\n", encoding="utf-8")
    return folder


def test_cli_store_ingest_reports_failures_and_exits_nonzero(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    args = ["ingest", str(_inputs(tmp_path)), "--db", str(db), "-j", "1", "--stages", "repair", "-q"]
    (tmp_path / "news" / "b.txt").write_bytes(b"\xc3\x28 not utf-8")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "3 processed (3 new, 0 replaced)" in result.stderr and "1 failed" in result.stderr
    assert f"{tmp_path / 'news' / 'b.txt'}: not UTF-8" in result.stderr
    again = CliRunner().invoke(main, args)
    assert "0 processed" in again.stderr and "3 already stored" in again.stderr


def test_cli_store_ingest_clean_run_exits_zero_and_search_finds_it(tmp_path: Path) -> None:
    folder = _inputs(tmp_path)
    (folder / "b.txt").unlink()
    db = str(tmp_path / "c.db")
    assert CliRunner().invoke(main, ["ingest", str(folder), "--db", db, "-j", "1", "--stages", "repair"]).exit_code == 0
    result = CliRunner().invoke(main, ["search", "آتشبس", "--db", db, "--json"])
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(hits) == 1 and len(hits[0]["id"]) == 32
    dated = CliRunner().invoke(main, ["search", "خبر", "--db", db, "--since", "۱۴۰۲/۱۲/۰۱", "--json"])
    assert [json.loads(line)["date"] for line in dated.stdout.splitlines()] == ["2024-03-01"]


def test_cli_store_ingest_unknown_stage_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", str(tmp_path / "c.db"), "--stages", "nope"])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "unknown stage" in result.stderr
