"""The stage contract: name, requires/provides, registration, and what it writes on hand-built tokens."""

from __future__ import annotations

import pytest

from khabar.analyse import Analyser
from khabar.document import Document, Token
from khabar.errors import PipelineError
from khabar.pipeline import STAGE_FACTORIES, Pipeline, build_stage


def test_analyse_declares_its_layers() -> None:
    stage = Analyser()
    assert stage.name == "analyse"
    assert stage.requires == {"tokens"}
    assert stage.provides == {"upos", "lemma"}


def test_analyse_is_registered() -> None:
    assert STAGE_FACTORIES["analyse"] == "khabar.analyse:Analyser"
    assert isinstance(build_stage("analyse"), Analyser)


def test_analyse_without_tokens_fails_when_the_pipeline_is_built() -> None:
    with pytest.raises(PipelineError, match="tokens"):
        Pipeline([Analyser()])


def test_analyse_rejects_an_unknown_convention() -> None:
    with pytest.raises(PipelineError, match="convention"):
        Analyser(convention="bijankhan")


def test_analyse_fills_every_token(build_doc) -> None:
    doc = Analyser()(build_doc("دانشجویان دیروز به تهران رفتند .", "او کتاب را خواند ."))
    assert all(t.upos and t.lemma for t in doc.tokens)
    assert doc.tokens[-1].upos == "PUNCT"
    assert doc.tokens[-1].feats is None


def test_analyse_tags_tokens_without_sentences() -> None:
    doc = Document.from_text("او رفت . ما ماندیم .")
    for start, end in ((0, 2), (3, 6), (7, 8), (9, 11), (12, 18), (19, 20)):
        doc.tokens.append(Token(doc, start, end))
    Analyser()(doc)
    assert [t.upos for t in doc.tokens] == ["PRON", "VERB", "PUNCT", "PRON", "VERB", "PUNCT"]
    assert doc.tokens[4].lemma == "ماند"


def test_analyse_to_dict_carries_the_analysis(build_doc) -> None:
    doc = Analyser()(build_doc("کتاب‌ها را خواندیم ."))
    first = doc.to_dict()["tokens"][0]
    assert (first["text"], first["upos"], first["lemma"]) == ("کتاب‌ها", "NOUN", "کتاب")
    assert first["feats"] == "Number=Plur"
