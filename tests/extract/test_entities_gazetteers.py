"""The gazetteers: folding, phrase matching, and the word sets other stages import."""

from __future__ import annotations

import pytest

from khabar.extract.gazetteers import (
    PhraseMatcher,
    fold,
    load_list,
    office_phrases,
    outlet_names,
    place_names,
    title_words,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [("رئيس‌جمهور", "رئیسجمهور"), ("كشور", "کشور"), ("۱۴۰۲", "1402"), ("ایـران", "ایران"), ("Reuters", "reuters")],
)
def test_entities_fold_unifies_spellings(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_entities_fold_keeps_different_words_apart() -> None:
    assert fold("ایران") != fold("ایرانی")


def test_entities_matcher_prefers_longest_phrase() -> None:
    m = PhraseMatcher(["وزیر", "وزیر امور خارجه"])
    words = [fold(w) for w in ["گفت", "وزیر", "امور", "خارجه", "ایران"]]
    assert m.find(words) == [(1, 4, "1")]


def test_entities_matcher_finds_half_space_entry_written_with_space() -> None:
    m = PhraseMatcher(["رئیس‌جمهور"])
    assert m.find([fold(w) for w in ["رئیس", "جمهور"]]) == [(0, 2, "1")]
    assert m.find([fold("رئیسجمهور")]) == [(0, 1, "1")]
    assert "رئیس جمهور" in m
    assert "رئیس" not in m


def test_entities_gazetteers_hold_the_issue_examples() -> None:
    assert {"ایسنا", "ایرنا", "فارس", "تسنیم", "مهر", "ایلنا", "باشگاه خبرنگاران جوان", "خبرآنلاین"} <= outlet_names()
    assert {"همشهری", "رویترز"} <= outlet_names()
    assert {"آیت‌الله", "حجت‌الاسلام", "سردار", "دکتر", "مهندس"} <= title_words()
    assert {"وزیر امور خارجه", "رئیس‌جمهور", "رئیس دفتر سیاسی"} <= office_phrases()
    places = place_names()
    assert places["ایران"] == "country" and places["غزه"] == "city"


def test_entities_unknown_gazetteer_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown gazetteer"):
        load_list("rivers")


def test_entities_matcher_survives_empty_tokens() -> None:
    m = PhraseMatcher(["نوار غزه"])
    assert m.find(["نوار", "", "نوار", "غزه"]) == [(2, 4, "1")]
