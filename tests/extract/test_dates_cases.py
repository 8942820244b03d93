"""Date cases kept as data: tests/cases/dates.jsonl (what find_dates reports, and that the date's digits are not
numbers too)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from khabar.extract.dates import find_dates
from khabar.extract.numbers import extract

CASES = Path(__file__).resolve().parent.parent / "cases"


def load(name: str, known_failures: bool = True) -> list[Any]:
    """One pytest param per JSONL record; a known failure is marked xfail(strict=True) if `known_failures`."""
    records = [json.loads(line) for line in (CASES / name).read_text(encoding="utf-8").splitlines() if line]
    marks = {"fail": pytest.mark.xfail(strict=True, reason="known failure")} if known_failures else {}
    return [pytest.param(r, id=r["label"], marks=marks.get(r["expect"], ())) for r in records]


@pytest.mark.parametrize("case", load("dates.jsonl"))
def test_dates_case(case: dict[str, Any]) -> None:
    text = case["input"]
    got = [{"text": text[d.start : d.end], "value": d.value, "calendar": d.calendar} for d in find_dates(text)]
    assert got == case["expected"]


@pytest.mark.parametrize("case", load("dates.jsonl", known_failures=False))
def test_dates_digits_are_not_numbers(case: dict[str, Any]) -> None:
    numbers, dates = extract(case["input"])
    for d in dates:
        assert all(n.end <= d.start or n.start >= d.end for n in numbers), case["input"]
