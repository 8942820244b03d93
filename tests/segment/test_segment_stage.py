"""The segment stage in the pipeline: registered after repair, declared layers, JSON of its words."""

from __future__ import annotations

import pytest

from khabar.errors import PipelineError
from khabar.pipeline import DEFAULT_STAGES, STAGE_FACTORIES, Pipeline, build_stage
from khabar.segment import Segmenter


def test_segment_stage_registered_after_repair() -> None:
    assert STAGE_FACTORIES["segment"] == "khabar.segment:Segmenter"
    assert DEFAULT_STAGES.index("segment") == DEFAULT_STAGES.index("repair") + 1
    stage = build_stage("segment")
    assert (stage.name, stage.requires, stage.provides) == (
        "segment",
        frozenset({"paragraphs"}),
        frozenset({"sentences", "tokens"}),
    )


def test_segment_stage_needs_paragraphs() -> None:
    with pytest.raises(PipelineError, match="paragraphs"):
        Pipeline([Segmenter()])


def test_segment_stage_json(segment) -> None:
    doc = segment("کتابش آمد.")
    out = doc.to_dict()
    assert out["sentences"] == [{"start": 0, "end": 10, "tokens": [0, 4]}]
    assert out["tokens"][0] == {
        "start": 0,
        "end": 4,
        "text": "کتاب",
        "upos": None,
        "lemma": None,
        "feats": None,
        "space_after": False,
        "fused": 2,
    }
