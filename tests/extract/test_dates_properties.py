"""Property tests: any Jalali or Gregorian day, written the ways Persian news writes it (month names, digits in any
script, ordinal days, yyyy/mm/dd), is found with its ISO Gregorian value from jdatetime, and its digits are not
reported as numbers too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import jdatetime
from hypothesis import given, settings
from hypothesis import strategies as st
from persian_numerals import SCRIPTS, in_digits, to_ordinal

from khabar.extract.numbers import extract

JALALI = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]
GREGORIAN = ["ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"]

# Jalali years 1200-1499, the range the date finder reads as Jalali.
JALALI_DAYS = st.dates(dt.date(1821, 3, 22), dt.date(2121, 3, 19))
Format = Callable[[int, int, int, str], str]
JALALI_FORMATS: list[Format] = [
    lambda y, m, d, s: f"{in_digits(d, s)} {JALALI[m - 1]} {in_digits(y, s)}",
    lambda y, m, d, s: f"{in_digits(d, s)} {JALALI[m - 1]}\u200cماه {in_digits(y, s)}",
    lambda y, m, d, s: f"{in_digits(d, s)} {JALALI[m - 1]} ماه سال {in_digits(y, s)}",
    lambda y, m, d, s: f"{to_ordinal(d)} {JALALI[m - 1]} {in_digits(y, s)}",
    lambda y, m, d, s: in_digits(f"{y}/{m:02d}/{d:02d}", s),
    lambda y, m, d, s: in_digits(f"{y}-{m}-{d}", s),
    lambda y, m, d, s: in_digits(f"{d:02d}/{m:02d}/{y}", s),
]

dates_settings = settings(max_examples=400, deadline=None)


def only_date(text: str) -> tuple[str, str | None, str]:
    """The one date in a sentence around `text` (and no number besides it)."""
    sentence = f"این مراسم در {text} برگزار شد."
    numbers, dates = extract(sentence)
    assert numbers == []
    [date] = dates
    return sentence[date.start : date.end], date.value, date.calendar


@dates_settings
@given(JALALI_DAYS, st.sampled_from(SCRIPTS), st.sampled_from(JALALI_FORMATS))
def test_dates_jalali_round_trip(day: dt.date, script: str, form: Format) -> None:
    j = jdatetime.date.fromgregorian(date=day)
    text = form(j.year, j.month, j.day, script)
    assert only_date(text) == (text, day.isoformat(), "jalali")


@dates_settings
@given(st.dates(dt.date(1600, 1, 1), dt.date(2199, 12, 31)), st.sampled_from(SCRIPTS), st.booleans())
def test_dates_gregorian_round_trip(day: dt.date, script: str, named: bool) -> None:
    if named:
        text = f"{in_digits(day.day, script)} {GREGORIAN[day.month - 1]} {in_digits(day.year, script)}"
    else:
        text = in_digits(day.isoformat(), script)
    assert only_date(text) == (text, day.isoformat(), "gregorian")


@dates_settings
@given(st.integers(1200, 1499), st.integers(1, 12), st.integers(1, 31))
def test_dates_jalali_value_matches_jdatetime(year: int, month: int, day: int) -> None:
    """Impossible days (31 Mehr, 30 Esfand of a common year) keep the date but have no value."""
    try:
        expected: str | None = jdatetime.date(year, month, day).togregorian().isoformat()
    except ValueError:
        expected = None
    text = in_digits(f"{day} {JALALI[month - 1]} {year}", SCRIPTS[1])
    assert only_date(text) == (text, expected, "jalali")
