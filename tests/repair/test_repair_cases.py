"""Repair cases kept as data (tests/cases/repair/*.jsonl): each must repair to its expected text, and the
recorded edits must replay to the same text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar import Document
from khabar.document import apply_edits
from khabar.repair import repair

CASES = Path(__file__).resolve().parents[1] / "cases" / "repair"


def _cases() -> list:
    out = []
    for path in sorted(CASES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            out.append(pytest.param(case, id=f"{path.stem}:{case['label']}"))
    return out


@pytest.mark.parametrize("case", _cases())
def test_repair_case(case: dict) -> None:
    doc = repair(Document.from_text(case["input"]))
    assert doc.text == case["expected"], case["comment"]
    assert apply_edits(doc.raw, doc.edits) == doc.text


@pytest.mark.parametrize("case", _cases())
def test_repair_is_idempotent(case: dict) -> None:
    once = repair(Document.from_text(case["input"])).text
    assert repair(Document.from_text(once)).text == once
