"""Helpers for the segmenter tests: documents built by hand (one paragraph per line) and the JSONL cases."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from khabar.document import Document

CASES = Path(__file__).resolve().parent / "cases"


def load_cases(name: str) -> list[dict]:
    """The records of tests/segment/cases/<name>, as pytest params with the label as id."""
    rows = [json.loads(line) for line in (CASES / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    marks = {"fail": [pytest.mark.xfail(strict=True)]}
    return [pytest.param(r, id=r["label"], marks=marks.get(r.get("expect", "pass"), [])) for r in rows]


def make_doc(text: str) -> Document:
    """What the repair stage hands over: the text, and one paragraph per non-empty line."""
    doc = Document.from_text(text)
    doc.paragraphs = [doc.span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    return doc
