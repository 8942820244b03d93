"""Lemmas and tags on hand-built sentences: verbs get their past stem, plurals their singular, clitics their
pronoun."""

from __future__ import annotations

import pytest

from khabar.analyse import Analyser


@pytest.mark.parametrize(
    ("sentence", "index", "upos", "lemma"),
    [
        ("آنها نتوانسته‌اند به موقع برسند .", 1, "VERB", "توانست"),
        ("آنها نتوانسته‌اند به موقع برسند .", 4, "VERB", "رسید"),
        ("وزیر گفت که دولت این طرح را اجرا می‌کند .", 1, "VERB", "گفت"),
        ("وزیر گفت که دولت این طرح را اجرا می‌کند .", 8, "VERB", "کرد"),
        ("مردم به خانه‌هایشان برمی‌گردند .", 3, "VERB", "گشت"),
        ("بچه‌ها فردا به مدرسه می‌روند .", 0, "NOUN", "بچه"),
        ("دانشجویان در کلاس‌ها نشسته بودند .", 0, "NOUN", "دانشجو"),
        ("دانشجویان در کلاس‌ها نشسته بودند .", 2, "NOUN", "کلاس"),
        ("نمایندگان مجلس با این لایحه مخالفت کردند .", 0, "NOUN", "نماینده"),
        ("این بزرگ‌ترین شهر کشور است .", 1, "ADJ", "بزرگ"),
    ],
)
def test_analyse_tags_and_lemmatises(build_doc, sentence: str, index: int, upos: str, lemma: str) -> None:
    token = Analyser()(build_doc(sentence)).tokens[index]
    assert (token.text, token.upos, token.lemma) == (sentence.split(" ")[index], upos, lemma)


def test_analyse_gives_a_clitic_its_pronoun(build_doc) -> None:
    doc = Analyser()(build_doc("کتاب ش را خواند ."))
    assert (doc.tokens[1].upos, doc.tokens[1].lemma) == ("PRON", "او")


def test_analyse_seraji_convention_has_no_proper_nouns(build_doc) -> None:
    sentence = "علی دیروز از تهران به مشهد رفت ."
    perdt = [t.upos for t in Analyser()(build_doc(sentence)).tokens]
    seraji = [t.upos for t in Analyser(convention="seraji")(build_doc(sentence)).tokens]
    assert "PROPN" in perdt
    assert "PROPN" not in seraji
