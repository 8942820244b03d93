"""Sentence splitter cases: end marks, closers, abbreviations, decimals, headlines, datelines, colons."""

from __future__ import annotations

import pytest
from segment_helpers import load_cases


@pytest.mark.parametrize("case", load_cases("sentences.jsonl"))
def test_segment_sentences_cases(case: dict, segment) -> None:
    doc = segment(case["input"])
    assert [s.text for s in doc.sentences] == case["expected"], case["comment"]


def test_segment_sentences_index_their_tokens(segment) -> None:
    doc = segment("او آمد. کتابش را برد.\nتیتر دوم")
    assert [(s.token_start, s.token_end) for s in doc.sentences] == [(0, 3), (3, 8), (8, 10)]
    for sent in doc.sentences:
        assert sent.tokens[0].start == sent.start and sent.tokens[-1].end == sent.end


def test_segment_sentences_never_cross_paragraphs(segment) -> None:
    doc = segment("بدون نقطه\nو ادامه\n")
    assert [s.text for s in doc.sentences] == ["بدون نقطه", "و ادامه"]


def test_segment_sentences_empty_document(segment) -> None:
    doc = segment("")
    assert doc.tokens == [] and doc.sentences == []
