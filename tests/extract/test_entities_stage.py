"""The entities stage with the shipped model: the seed story's people, places and roles, and the JSON layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.document import Document, Token
from khabar.errors import ModelError
from khabar.extract.entities import EntityRecognizer, mark_proper_nouns
from khabar.pipeline import STAGE_FACTORIES, Pipeline


@pytest.fixture(scope="module")
def seed_doc(seed_text: str) -> Document:
    return Pipeline(["repair", "segment", EntityRecognizer()])(seed_text)


def _person(doc: Document, name: str):
    found = [e for e in doc.entities if e.label == "PER" and e.name == name]
    assert len(found) == 1, [(e.label, e.name) for e in doc.entities]
    return found[0]


def test_entities_stage_declares_its_layers() -> None:
    stage = EntityRecognizer()
    assert (stage.name, stage.requires, stage.provides) == ("entities", {"tokens"}, {"entities"})
    assert STAGE_FACTORIES["entities"] == "khabar.extract.entities:EntityRecognizer"


def test_entities_seed_foreign_minister_is_one_entity(seed_doc: Document) -> None:
    minister = _person(seed_doc, "حسین امیرعبداللهیان")
    texts = [m.text for m in minister.mentions]
    assert texts.count("امیرعبداللهیان") >= 2
    assert "وزیر امور خارجه جمهوری اسلامی ایران" in texts
    assert "وزیر امور خارجه جمهوری اسلامی ایران" in minister.roles
    assert not any(e.label == "PER" and "امیرعبداللهیان" in e.name and e is not minister for e in seed_doc.entities)


def test_entities_seed_haniyeh_is_one_entity_with_his_office(seed_doc: Document) -> None:
    haniyeh = _person(seed_doc, "اسماعیل هنیه")
    texts = [m.text for m in haniyeh.mentions]
    assert texts.count("اسماعیل هنیه") == 2 and "هنیه" in texts
    assert "رئیس دفتر سیاسی جنبش حماس" in haniyeh.roles
    assert texts.count("رئیس دفتر سیاسی جنبش حماس") >= 3


@pytest.mark.parametrize("place", ["غزه", "فلسطین", "لبنان", "یمن", "عراق", "سوریه", "آمریکا"])
def test_entities_seed_places_are_found(seed_doc: Document, place: str) -> None:
    assert any(e.label == "LOC" and place in [m.text for m in e.mentions] for e in seed_doc.entities)


def test_entities_mentions_are_views_into_the_text(seed_doc: Document) -> None:
    for ent in seed_doc.entities:
        for m in ent.mentions:
            assert seed_doc.text[m.start : m.end] == m.text
            raw_start, raw_end = m.raw_span()
            assert 0 <= raw_start <= raw_end <= len(seed_doc.raw)
    ids = [e.to_dict()["id"] for e in seed_doc.entities]
    assert ids == [f"E{n}" for n in range(1, len(ids) + 1)]


def test_entities_stage_copes_with_tokens_but_no_sentences() -> None:
    doc = Pipeline(["repair", "segment"])("خبرگزاری ایسنا گزارش داد که حسن روحانی به تهران رفت.")
    doc.sentences = []
    EntityRecognizer()(doc)
    assert any(e.label == "PER" for e in doc.entities)


def test_entities_empty_document_has_no_entities() -> None:
    doc = Pipeline(["repair", "segment", EntityRecognizer()])("")
    assert doc.entities == []


def test_entities_missing_model_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"train_ner\.py"):
        EntityRecognizer(tmp_path / "absent.crfsuite")


def test_entities_stage_corrects_proper_nouns_from_the_names_it_finds() -> None:
    """PerDT tags every word of a name PROPN: the entity tags correct the word-by-word POS tagger."""
    doc = Document.from_text("مجلس شورای اسلامی تصویب کرد و آرش گفت")
    spans = [(0, 4), (5, 10), (11, 17), (18, 23), (24, 27), (28, 29), (30, 33), (34, 37)]
    tokens = [Token(doc, a, b) for a, b in spans]
    for token, upos in zip(tokens, ["NOUN", "NOUN", "ADJ", "NOUN", "VERB", "CCONJ", "PROPN", "VERB"], strict=True):
        token.upos = upos
    tags = ["B-ORG", "I-ORG", "I-ORG", "O", "O", "O", "O", "O"]
    mark_proper_nouns(tokens, [t.text for t in tokens], tags)
    assert [t.upos for t in tokens] == ["PROPN", "PROPN", "PROPN", "NOUN", "VERB", "CCONJ", "NOUN", "VERB"]
    assert tokens[0].lemma == "مجلس"


def test_entities_stage_leaves_a_tag_set_without_proper_nouns_alone() -> None:
    doc = Document.from_text("مجلس شورا")
    tokens = [Token(doc, 0, 4), Token(doc, 5, 9)]
    for token in tokens:
        token.upos = "NOUN"
    mark_proper_nouns(tokens, ["مجلس", "شورا"], ["B-ORG", "I-ORG"])
    assert [t.upos for t in tokens] == ["NOUN", "NOUN"]
