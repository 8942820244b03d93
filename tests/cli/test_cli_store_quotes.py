"""`khabar quotes FILE`: the pipeline's quotes of one file as a who-said-what table."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from khabar.cli import main
from khabar.document import Document, Entity, Quote, Speaker
from khabar.pipeline import Pipeline


class OneQuote:
    """Stands in for the quotes stage: one quote attributed to an entity."""

    name = "quotes"
    requires = frozenset()
    provides = frozenset({"quotes", "entities"})

    def __call__(self, doc: Document) -> Document:
        said, cue = doc.text.index("ما می"), doc.text.index("گفت")
        doc.entities = [Entity("e1", "PER", "اسماعیل هنیه", [doc.span(0, 4)])]
        content = doc.span(said, said + len("ما می‌مانیم"))
        doc.quotes = [Quote("direct", content, doc.span(cue, cue + 3), Speaker("هنیه", 0, 4, "e1"), 0.9)]
        return doc


def test_cli_store_quotes_file_prints_speaker_entity_kind_cue_content(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("هنیه گفت: «ما می‌مانیم» و رفت.", encoding="utf-8")
    monkeypatch.setattr("khabar.cli.quotes.load", lambda stages: Pipeline([OneQuote()]))
    result = CliRunner().invoke(main, ["quotes", str(path)])
    assert result.exit_code == 0
    header, _, row = result.stdout.splitlines()
    assert header.split() == ["speaker", "kind", "cue", "content"]
    assert row.split("  ")[0] == "اسماعیل هنیه" and "direct" in row and "گفت" in row and row.endswith("ما می‌مانیم")
    rows = [json.loads(line) for line in CliRunner().invoke(main, ["quotes", str(path), "--json"]).stdout.splitlines()]
    assert rows[0]["speaker"] == "اسماعیل هنیه" and rows[0]["speaker_text"] == "هنیه"


def test_cli_store_quotes_file_with_the_real_pipeline(seed_text: str, tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    result = CliRunner().invoke(main, ["quotes", str(path)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].split() == ["speaker", "kind", "cue", "content"]


def test_cli_store_quotes_needs_a_file_or_a_db() -> None:
    result = CliRunner().invoke(main, ["quotes"])
    assert result.exit_code == 2 and "--db" in result.stderr
    result = CliRunner().invoke(main, ["quotes", "x.txt", "--db", "c.db"])
    assert result.exit_code == 2 and "not both" in result.stderr


def test_cli_store_quotes_file_wins_over_khabar_db_env(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("هنیه گفت: «ما می‌مانیم» و رفت.", encoding="utf-8")
    monkeypatch.setattr("khabar.cli.quotes.load", lambda stages: Pipeline([OneQuote()]))
    result = CliRunner().invoke(main, ["quotes", str(path)], env={"KHABAR_DB": str(tmp_path / "none.db")})
    assert result.exit_code == 0 and "اسماعیل هنیه" in result.stdout
