"""The verb analyser on a hand-made stem list: prefixes, glides, perfect endings and preverbs."""

from __future__ import annotations

import pytest

from khabar.analyse.lemma import VerbAnalyser, rule_of

STEMS = [
    ("گفت", "گو", 5.0),
    ("توانست", "توان", 3.0),
    ("آمد", "آ", 4.0),
    ("گشت", "گرد", 1.0),
    ("کرد", "کن", 9.0),
    ("کند", "کن", 0.5),
    ("اندیشید", "اندیش", 1.0),
]


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("می‌گویند", "گفت"),
        ("میگویند", "گفت"),
        ("نتوانسته‌اند", "توانست"),
        ("بیاید", "آمد"),
        ("نیامد", "آمد"),
        ("برمی‌گردد", "گشت"),
        ("بیندیشد", "اندیشید"),
        ("کند", "کرد"),
        ("گفته‌ام", "گفت"),
        ("میکنه", "کرد"),
    ],
)
def test_analyse_verb_analyser_finds_the_past_stem(form: str, lemma: str) -> None:
    assert VerbAnalyser.from_pairs(STEMS).lemma(form) == lemma


def test_analyse_verb_analyser_leaves_non_verbs() -> None:
    assert VerbAnalyser.from_pairs(STEMS).lemma("کتاب") is None


@pytest.mark.parametrize(
    ("form", "lemma", "rule"),
    [("کتاب‌ها", "کتاب", ("‌ها", "")), ("فرشتگان", "فرشته", ("گان", "ه")), ("احزاب", "حزب", None)],
)
def test_analyse_suffix_rule_of_a_pair(form: str, lemma: str, rule: tuple[str, str] | None) -> None:
    assert rule_of(form, lemma) == rule
