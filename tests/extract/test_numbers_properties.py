"""Property tests: the number-to-words generator in persian_numerals.py (written independently of the parser) and
the parser must read back every number it writes: cardinals, ordinals, digits mixed with words, every digit
script, alone and in a sentence."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st
from persian_numerals import SCRIPTS, UPPER, in_digits, to_ordinal, to_words

from khabar.extract.numbers import find_quantities, parse_number_words

sentence_settings = settings(max_examples=300, deadline=None)
round_trip_settings = settings(max_examples=2000, deadline=None)


def test_numbers_generator_examples() -> None:
    """The generator itself, on the issue's example and a few edges (so a wrong generator cannot pass)."""
    assert to_words(2_500_000) == "دو میلیون و پانصد هزار"
    assert to_words(1000) == "هزار"
    assert to_words(1_000_000) == "یک میلیون"
    assert to_words(125) == "صد و بیست و پنج"
    assert to_words(2_500_000, digits=SCRIPTS[1]) == "۲ میلیون و ۵۰۰ هزار"
    assert to_ordinal(33) == "سی و سوم"


@round_trip_settings
@given(st.integers(0, UPPER))
def test_numbers_words_round_trip(n: int) -> None:
    assert parse_number_words(to_words(n)) == n


@round_trip_settings
@given(st.integers(0, UPPER), st.sampled_from([" و ", " "]))
def test_numbers_words_variants_round_trip(n: int, after_scale: str) -> None:
    assert parse_number_words(to_words(n, variants=True, after_scale=after_scale)) == n


@round_trip_settings
@given(st.integers(1, UPPER), st.sampled_from(SCRIPTS))
def test_numbers_digits_and_scales_round_trip(n: int, script: str) -> None:
    assert parse_number_words(to_words(n, digits=script)) == n


@round_trip_settings
@given(st.integers(1, 10**9))
def test_numbers_ordinals_round_trip(n: int) -> None:
    ordinal = to_ordinal(n)
    assert parse_number_words(ordinal) == n
    assert parse_number_words(ordinal + "ین") == n


@given(st.integers(1, 999), st.sampled_from(["نیم", "ربع"]))
def test_numbers_fraction_after_and(n: int, fraction: str) -> None:
    value = Fraction(1, 2) if fraction == "نیم" else Fraction(1, 4)
    assert parse_number_words(f"{to_words(n)} و {fraction}") == n + value
    assert parse_number_words(f"{to_words(n)} و {fraction} میلیون") == (n + value) * 10**6


@sentence_settings
@given(st.integers(0, UPPER).filter(lambda n: n not in (1, 9)), st.booleans())
def test_numbers_found_in_sentence(n: int, hedge: bool) -> None:
    words = to_words(n)
    prefix = "گزارش شد که حدود " if hedge else "گزارش شد که "
    text = f"{prefix}{words} نفر آمدند."
    [q] = find_quantities(text)
    assert (text[q.start : q.end], q.value, q.kind, q.approximate) == (words, n, "number", hedge)


@sentence_settings
@given(st.integers(1, UPPER), st.sampled_from([("تومان", "IRT"), ("ریال", "IRR"), ("دلار", "USD")]))
def test_numbers_money_in_sentence(n: int, currency: tuple[str, str]) -> None:
    amount = f"{to_words(n)} {currency[0]}"
    [q] = find_quantities(f"قیمت به {amount} رسید")
    assert (q.value, q.kind, q.unit) == (n, "money", currency[1])


@sentence_settings
@given(
    st.decimals(0, 10**6, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(SCRIPTS),
    st.sampled_from([".", "٫", "/"]),
    st.sampled_from([" درصد", "٪", "%", " درصدی"]),
)
def test_numbers_percent_any_script(value: Decimal, script: str, point: str, sign: str) -> None:
    written = in_digits(format(value, "f"), script).replace(".", point)
    [q] = find_quantities(f"نرخ {written}{sign} افزایش یافت")
    assert q.kind == "percent" and q.unit == "%"
    assert Fraction(str(q.value)) == Fraction(value)


@sentence_settings
@given(st.integers(1000, 10**12), st.sampled_from(SCRIPTS), st.sampled_from([",", "٬"]))
def test_numbers_thousands_separators(n: int, script: str, separator: str) -> None:
    written = in_digits(f"{n:,}", script).replace(",", separator)
    [q] = find_quantities(f"تعداد {written} نفر")
    assert q.value == n
