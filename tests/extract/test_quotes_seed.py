"""The bundled seed story (a PDF extraction) after repair: who said what, its sources and its meeting."""

from __future__ import annotations

import pytest

from khabar.document import Document
from khabar.pipeline import load

AMIR = ("امیرعبداللهیان", "وزیر امور خارجه")
HANIYEH = ("هنیه", "رئیس دفتر سیاسی")


@pytest.fixture(scope="module")
def seed_doc(seed_text: str) -> Document:
    return load(["repair", "quotes"])(seed_text)


def _who(doc: Document, text: str) -> str:
    """Which of the two the speaker text names."""
    if any(n in text for n in AMIR):
        return "amir"
    return "haniyeh" if any(n in text for n in HANIYEH) else text


def test_quotes_seed_direct_quotes(seed_doc: Document) -> None:
    direct = [q for q in seed_doc.quotes if q.kind == "direct"]
    assert [_who(seed_doc, q.speaker.text) for q in direct] == ["amir", "amir", "haniyeh", "haniyeh"]
    assert direct[0].content.text.startswith("پیامدهای عملیات طوفان الاقصی")
    assert direct[-1].content.text.startswith("این یک پیروزی سیاسی است")


def test_quotes_seed_indirect_quotes(seed_doc: Document) -> None:
    indirect = {q.cue.text: q for q in seed_doc.quotes if q.kind == "indirect"}
    assert {"خواند", "تاکید کرد", "تشریح کرد", "توصیف کرد", "دانست"} <= set(indirect)
    assert _who(seed_doc, indirect["تاکید کرد"].speaker.text) == "amir"
    for cue in ("خواند", "تشریح کرد", "توصیف کرد", "دانست"):
        assert _who(seed_doc, indirect[cue].speaker.text) == "haniyeh", cue
    assert indirect["توصیف کرد"].content.text.endswith("را افتخارآمیز و دارای پیامی واضح به رژیم صهیونیستی و آمریکا")
    assert indirect["توصیف کرد"].content.text.startswith("حمایت‌های جهادی جریان‌های مقاومت در لبنان، یمن")
    assert indirect["خواند"].content.text == "تحقق آتش‌بس موقت آن را یک پیروزی سیاسی"


def test_quotes_seed_sources(seed_doc: Document) -> None:
    assert seed_doc.source == {"publisher": "اسپادانا خبر", "cited": ["ایسنا"]}


def test_quotes_seed_one_meeting_between_the_two(seed_doc: Document) -> None:
    [meeting] = seed_doc.meetings
    names = sorted(_who(seed_doc, p["name"] + " " + p["text"]) for p in meeting["participants"])
    assert names == ["amir", "haniyeh"]


@pytest.fixture(scope="module")
def full_seed_doc(seed_text: str) -> Document:
    return load()(seed_text)


def test_quotes_seed_full_pipeline_one_meeting_of_two_entities(full_seed_doc: Document) -> None:
    """With the entities layer the headline and the lead name the pair differently; still one meeting."""
    [meeting] = full_seed_doc.meetings
    names = {e.id: e.name for e in full_seed_doc.entities}
    parties = [p["entity"] for p in meeting["participants"]]
    assert sorted(names[p] for p in parties) == ["اسماعیل هنیه", "حسین امیرعبداللهیان"]
    assert sorted(p["name"] for p in meeting["participants"]) == ["اسماعیل هنیه", "حسین امیرعبداللهیان"]


def test_quotes_seed_full_pipeline_speakers_are_the_two_entities(full_seed_doc: Document) -> None:
    names = {e.id: e.name for e in full_seed_doc.entities}
    speakers = {names[q.speaker.entity] for q in full_seed_doc.quotes if q.speaker and q.speaker.entity}
    assert speakers == {"اسماعیل هنیه", "حسین امیرعبداللهیان"}
    assert all(q.speaker is not None and q.speaker.entity for q in full_seed_doc.quotes)
