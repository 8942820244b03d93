"""Input formats: each yields records, and each broken input becomes a failure with its path and reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.store.readers import Failure, ReadOptions, Record, iso_date, read_inputs


def _read(*paths: Path, **options) -> tuple[list[Record], list[Failure]]:
    items = list(read_inputs(paths, ReadOptions(**options)))
    return [i for i in items if isinstance(i, Record)], [i for i in items if isinstance(i, Failure)]


def test_store_readers_folder_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("خبر الف", encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text("\ufeffخبر ج", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("پنهان", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00")
    records, failures = _read(tmp_path)
    assert [r.text for r in records] == ["خبر الف", "خبر ج"]
    assert not failures


def test_store_readers_jsonl_reports_the_bad_line_and_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"title": "ت", "body": "متن یک", "url": "u", "date": "1402/12/11"}), "{broken", '"متن دو"', ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    records, failures = _read(path)
    assert [r.text for r in records] == ["متن یک", "متن دو"]
    assert records[0].meta == {"title": "ت", "url": "u", "date": "2024-03-01", "date_written": "1402/12/11"}
    assert [(f.origin, f.reason.split(" (")[0]) for f in failures] == [(f"{path}:2", "malformed JSON line")]


def test_store_readers_json_array_of_fars_articles(tmp_path: Path) -> None:
    article = {"title": "عنوان", "abstract": "خلاصه", "paragraphs": ["بند یک", "", "بند دو"], "link": "https://x"}
    path = tmp_path / "news.json"
    path.write_text(json.dumps([article, {"title": "بدون متن"}], ensure_ascii=False), encoding="utf-8")
    records, failures = _read(path)
    assert records[0].text == "خلاصه\n\nبند یک\n\nبند دو"
    assert records[0].meta == {"title": "عنوان", "url": "https://x"}
    assert records[0].origin == f"{path}#1"
    assert failures[0].origin == f"{path}#2" and "no text field" in failures[0].reason


def test_store_readers_csv_uses_the_chosen_text_column(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("headline,story,date\nعنوان,متن خبر,2024-01-02\nدوم,,\n", encoding="utf-8")
    records, failures = _read(path, text_column="story")
    assert [(r.text, r.meta) for r in records] == [("متن خبر", {"title": "عنوان", "date": "2024-01-02"})]
    assert failures == [Failure(f"{path}:3", "empty (no text)")]
    _, failures = _read(path)
    assert "--text-column" in failures[0].reason and "story" in failures[0].reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        ("خبر".encode("cp1256", errors="replace") + b"\xff\xfe\xfd", "not UTF-8"),
        (b"x" * 2000, "too large"),
    ],
)
def test_store_readers_broken_text_files_are_failures(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    records, failures = _read(path, max_bytes=1000)
    assert not records
    assert failures[0].origin == str(path) and reason in failures[0].reason


def test_store_readers_missing_path_is_a_failure(tmp_path: Path) -> None:
    assert _read(tmp_path / "nope.txt")[1] == [Failure(str(tmp_path / "nope.txt"), "no such file or folder")]


def test_store_readers_same_text_gives_the_same_id(tmp_path: Path) -> None:
    assert Record("متن", "a").id == Record("متن", "b").id != Record("متن ", "a").id


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2024-03-01", "2024-03-01"),
        ("2024-03-01T10:20:00+03:30", "2024-03-01"),
        ("۱۴۰۲/۱۲/۱۱", "2024-03-01"),
        ("Fri, 01 Mar 2024 10:00:00 +0000", "2024-03-01"),
        ("دیروز", None),
        ("2024-13-40", None),
    ],
)
def test_store_readers_dates_become_iso(written: str, iso: str | None) -> None:
    assert iso_date(written) == iso
