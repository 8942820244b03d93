"""The numbers stage: what it puts into a Document, its JSON, its place in the pipeline, and the seed story."""

from __future__ import annotations

from khabar.document import Document
from khabar.extract.numbers import NumberExtractor
from khabar.pipeline import DEFAULT_STAGES, STAGE_FACTORIES, build_stage


def run(text: str) -> Document:
    return NumberExtractor()(Document.from_text(text))


def test_numbers_stage_fills_numbers_and_dates() -> None:
    doc = run("در ۱۴ شهریور ۱۴۰۴ قیمت ۲۰ درصد بالا رفت و به ۵۰ هزار تومان رسید.")
    assert [(q.span.text, q.value, q.kind, q.unit) for q in doc.numbers] == [
        ("۲۰ درصد", 20, "percent", "%"),
        ("۵۰ هزار تومان", 50000, "money", "IRT"),
    ]
    assert [(d.span.text, d.value, d.calendar) for d in doc.dates] == [("۱۴ شهریور ۱۴۰۴", "2025-09-05", "jalali")]


def test_numbers_stage_json() -> None:
    out = run("دو میلیون و پانصد هزار نفر در 1402/07/15").to_dict()
    assert out["numbers"] == [
        {
            "start": 0,
            "end": 22,
            "text": "دو میلیون و پانصد هزار",
            "value": 2500000,
            "kind": "number",
            "unit": None,
            "approximate": False,
        }
    ]
    assert out["dates"] == [{"start": 30, "end": 40, "text": "1402/07/15", "value": "2023-10-07", "calendar": "jalali"}]


def test_numbers_stage_empty_text() -> None:
    doc = run("")
    assert doc.numbers == [] and doc.dates == []


def test_numbers_stage_registered() -> None:
    stage = build_stage("numbers")
    assert STAGE_FACTORIES["numbers"] == "khabar.extract.numbers:NumberExtractor"
    assert "numbers" in DEFAULT_STAGES
    assert (stage.name, stage.requires, stage.provides) == ("numbers", {"text"}, {"numbers", "dates"})


def test_numbers_seed(seed_text: str) -> None:
    doc = run(seed_text)
    found = {(q.span.text, q.value, q.approximate) for q in doc.numbers}
    assert ("۱۲۰", 120, False) in found
    assert ("دهها هزار", 10000, True) in found
    assert ("یکماه و نیم", 1.5, False) in found
