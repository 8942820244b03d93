"""The search fold: every spelling variant the issue names folds to one form, and offsets map back."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from khabar.store.normalize import TABLE, fold, fold_with_offsets, index_text, words


def test_store_normalize_folds_arabic_letters_digits_and_diacritics() -> None:
    assert fold("كشور") == fold("کشور") == "کشور"
    assert fold("بين‌المللي") == fold("بین‌المللی") == "بین المللی"
    assert fold("۱۴۰۲") == fold("١٤٠٢") == fold("1402") == "1402"
    assert fold("کِشوَرْ") == "کشور"
    assert fold("مدرسة") == fold("مدرسه")
    assert fold("خانۀ") == fold("خانهٔ") == "خانه"
    assert fold("ﻻ") == "لا"  # presentation forms from PDFs


def test_store_normalize_zwnj_is_a_word_break() -> None:
    assert words("آتش‌بس") == words("آتش بس") == ["آتش", "بس"]
    assert index_text("آتش‌بس در «غزه»، IRAN!") == "آتش بس در غزه iran"


def test_store_normalize_leaves_plain_persian_alone() -> None:
    text = "خبرگزاری فارس گزارش داد"
    assert fold(text) == text


ALPHABET = "ابپتکيكی‌ۀةًٌٍَُِّْـ۱١1 \u200d\ufeffﻻﷲ،."


@given(st.text(alphabet=ALPHABET, max_size=40))
def test_store_normalize_offsets_map_each_folded_char_to_its_source(text: str) -> None:
    folded = fold_with_offsets(text)
    assert folded.folded == fold(text)
    for i, char in enumerate(folded.folded):
        start, end = folded.to_original(i, i + 1)
        assert char in fold(text[start:end])


@given(st.text(alphabet=ALPHABET + "abcA\u064b\u0670\u06c0\ufb8e\ufef5\u0660", max_size=60))
def test_store_normalize_fold_is_the_table_translation(text: str) -> None:
    """`fold` visits only the characters that change; it must agree with translating every character."""
    assert fold(text) == text.translate(TABLE)
