"""Tokeniser cases: half-space words, punctuation, numbers, abbreviations, URLs, emoji, clitic splitting."""

from __future__ import annotations

import pytest
from segment_helpers import load_cases

from khabar.document import Document


def written(doc: Document) -> list[str]:
    """Word texts, the words of one multi-word token joined by '+'."""
    out: list[str] = []
    for word in doc.tokens:
        if word.fused == 0:
            out[-1] += "+" + word.text
        else:
            out.append(word.text)
    return out


@pytest.mark.parametrize("case", load_cases("tokens.jsonl"))
def test_segment_tokens_cases(case: dict, segment) -> None:
    assert written(segment(case["input"])) == case["expected"], case["comment"]


@pytest.mark.parametrize("case", load_cases("tokens_whole.jsonl"))
def test_segment_tokens_whole_words_stay_whole(case: dict, segment) -> None:
    assert written(segment(case["input"])) == case["expected"], case["comment"]


def test_segment_tokens_fused_marks(segment) -> None:
    doc = segment("کتابش را دید.")
    assert [(w.text, w.fused, w.space_after) for w in doc.tokens[:3]] == [
        ("کتاب", 2, False),
        ("ش", 0, True),
        ("را", 1, True),
    ]


def test_segment_tokens_without_clitic_splitting() -> None:
    from segment_helpers import make_doc

    from khabar.segment import Segmenter

    doc = Segmenter(split_clitics=False)(make_doc("کتابش را دید."))
    assert [w.text for w in doc.tokens] == ["کتابش", "را", "دید", "."]
