"""Number cases kept as data: tests/cases/numbers.jsonl (what find_quantities reports), numbers_negative.jsonl
(text with no number in it) and number_words.jsonl (parse_number_words)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from khabar.extract.numbers import find_quantities, parse_number_words

CASES = Path(__file__).resolve().parent.parent / "cases"


def load(name: str) -> list[Any]:
    """One pytest param per JSONL record, a known failure marked xfail(strict=True)."""
    records = [json.loads(line) for line in (CASES / name).read_text(encoding="utf-8").splitlines() if line]
    marks = {"fail": pytest.mark.xfail(strict=True, reason="known failure")}
    return [pytest.param(r, id=r["label"], marks=marks.get(r["expect"], ())) for r in records]


def found(text: str) -> list[dict[str, Any]]:
    return [
        {
            "text": text[q.start : q.end],
            "value": q.value,
            "kind": q.kind,
            "unit": q.unit,
            "approximate": q.approximate,
        }
        for q in find_quantities(text)
    ]


@pytest.mark.parametrize("case", load("numbers.jsonl"))
def test_numbers_case(case: dict[str, Any]) -> None:
    expected = [{**q, "value": pytest.approx(q["value"])} for q in case["expected"]]
    assert found(case["input"]) == expected


@pytest.mark.parametrize("case", load("numbers_negative.jsonl"))
def test_numbers_negative_case(case: dict[str, Any]) -> None:
    assert found(case["input"]) == []


@pytest.mark.parametrize("case", load("number_words.jsonl"))
def test_numbers_words_case(case: dict[str, Any]) -> None:
    value = parse_number_words(case["input"])
    if case["expected"] is None:
        assert value is None
    else:
        assert value == pytest.approx(case["expected"])
        assert isinstance(value, int) == isinstance(case["expected"], int)
