"""Dates in Persian news text: Jalali, Gregorian and Hijri-qamari dates, with a month name (۱۴ شهریور ۱۴۰۴,
بیست و دوم بهمن ۵۷, ۷ اکتبر ۲۰۲۳, ۱۲ ربیع‌الاول ۱۴۴۵) or in digits (1402/07/15, ۱۴۰۴-۶-۱۴), and years named as
such (سال ۱۴۰۲, ۲۰۲۳ میلادی).

A date's value is its ISO Gregorian day (Jalali converted with jdatetime) when the text names a whole day, else
None; Hijri-qamari dates are not converted (the civil and the astronomical calendars differ by a day or two), so
their value is None too, with the calendar recorded. Days and years come from the number scanner, so the stage can
leave them out of the numbers layer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

import jdatetime

from khabar.extract.numscan import (
    DIGITS,
    JOINERS,
    SP,
    WORD_AFTER,
    WORD_BEFORE,
    NumericDate,
    Piece,
    Scan,
    read_lexicon,
    scan,
    spellings,
    trie_pattern,
)

# Four-digit years a calendar's dates may carry; outside these a number after a month is not its year.
_YEARS = {"jalali": range(1200, 1500), "gregorian": range(1000, 2200), "hijri": range(1000, 1500)}


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in text: span, ISO Gregorian value (or None), and the calendar it is written in."""

    start: int
    end: int
    value: str | None
    calendar: str


@dataclass(frozen=True, slots=True)
class Month:
    calendar: str
    number: int
    needs_year: bool


@dataclass(frozen=True)
class CalendarWords:
    """months.tsv and the regexes compiled from it."""

    months: dict[str, Month]
    eras: dict[str, str]
    month: re.Pattern[str]
    month_at_start: re.Pattern[str]
    era_after: re.Pattern[str]
    relative_after: re.Pattern[str]
    year_gap: re.Pattern[str]
    year_cue_before: re.Pattern[str]
    month_cue_before: re.Pattern[str]
    clause_end: re.Pattern[str]


@cache
def calendar_words() -> CalendarWords:
    """Load months.tsv and compile the date regexes (once)."""
    months: dict[str, Month] = {}
    eras: dict[str, str] = {}
    relative: list[str] = []
    for row in read_lexicon("months.tsv"):
        form, kind = row[0], row[1]
        if kind == "month":
            month = Month(row[2], int(row[3]), len(row) > 4 and row[4] == "year")
            months.update(dict.fromkeys(spellings(form), month))
        elif kind == "era":
            eras.update(dict.fromkeys(spellings(form), row[2]))
        else:
            relative.extend(spellings(form))
    month = rf"(?P<m>{trie_pattern(months)})(?:\u200c?ماه|[^\S\n]+ماه)?{WORD_AFTER}"
    return CalendarWords(
        months=months,
        eras=eras,
        # Starts at the character before the month, as the number scan does (fast; a month may follow a digit:
        # ۲۶مرداد); `month_at_start` finds one at the very start of the text.
        month=re.compile(rf"[\W{DIGITS}](?<![{JOINERS}]){month}"),
        month_at_start=re.compile(month),
        era_after=re.compile(rf"{SP}(?P<era>{trie_pattern(eras)}){WORD_AFTER}"),
        relative_after=re.compile(rf"{SP}(?:{trie_pattern(relative)}){WORD_AFTER}"),
        year_gap=re.compile(rf"(?:{SP}سال)?{SP}"),
        # ماه صفر, محرم و صفر: a month named as such, without a day or year.
        month_cue_before=re.compile(rf"{WORD_BEFORE}(?:ماه|{trie_pattern(months)}){SP}(?:و{SP})?\Z"),
        year_cue_before=re.compile(rf"{WORD_BEFORE}سال(?:\u200c?های|[^\S\n]+های)?{SP}\Z"),
        clause_end=re.compile(r"[^\S\n]*(?:[.،,؛;:!؟?)»\]\n]|\Z)"),
    )


def find_dates(text: str) -> list[DateMatch]:
    """Every date in `text`, in text order."""
    return resolve_dates(text, scan(text))[0]


def resolve_dates(text: str, found: Scan) -> tuple[list[DateMatch], set[int]]:
    """The dates in `text`, and the indices of the scanned pieces they use as days and years."""
    words = calendar_words()
    finder = _DateFinder(text, found.pieces, words)
    dates = [d for d in (finder.numeric(nd) for nd in found.numeric_dates) if d is not None]
    first = words.month_at_start.match(text)
    for m in ([first] if first else []) + list(words.month.finditer(text)):
        if (date := finder.named(m)) is not None:
            dates.append(date)
    for i in range(len(found.pieces)):
        if i not in finder.used and (date := finder.year_only(i)) is not None:
            dates.append(date)
    dates.sort(key=lambda d: d.start)
    return dates, finder.used


def iso_day(calendar: str, year: int, month: int, day: int) -> str | None:
    """The ISO Gregorian date of a day in `calendar`, or None if that day does not exist (or is Hijri)."""
    try:
        if calendar == "jalali":
            return jdatetime.date(year, month, day).togregorian().isoformat()
        if calendar == "gregorian":
            return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
    return None


def jalali_short_year(yy: int) -> int:
    """A two-digit Jalali year (۵۷, ۹۸, ۰۲): 20-99 are 1320-1399, 00-19 are 1400-1419."""
    return 1300 + yy if yy >= 20 else 1400 + yy


class _DateFinder:
    """Builds dates around month names and year cues from the scanned pieces, marking the pieces it uses."""

    def __init__(self, text: str, pieces: list[Piece], words: CalendarWords) -> None:
        self.text, self.pieces, self.words = text, pieces, words
        self.by_start = {p.start: i for i, p in enumerate(pieces)}
        self.by_end = {p.end: i for i, p in enumerate(pieces)}
        self.used: set[int] = set()

    def numeric(self, nd: NumericDate) -> DateMatch | None:
        year = jalali_short_year(nd.year) if nd.short_year else nd.year
        calendar = "jalali" if year in _YEARS["jalali"] else "gregorian" if year in range(1600, 2200) else None
        if calendar is None or (nd.short_year and not (1 <= nd.month <= 12 and 1 <= nd.day <= 31)):
            return None
        end = nd.end
        if era := self.words.era_after.match(self.text, end):
            calendar, end = self.words.eras[era.group("era")], era.end()
        return DateMatch(nd.start, end, iso_day(calendar, year, nd.month, nd.day), calendar)

    def named(self, m: re.Match[str]) -> DateMatch | None:
        month = self.words.months[m.group("m")]
        day = self._day_before(m.start("m"))
        year, end = self._year_after(m.end(), month.calendar)
        if year is None and (rel := self.words.relative_after.match(self.text, m.end())):
            end = rel.end()
        named_month = self.words.month_cue_before.search(self.text, max(0, m.start("m") - 24), m.start("m"))
        if (day is None and end == m.end() and not named_month) or (month.needs_year and year is None):
            return None
        if (same := self.by_start.get(m.start("m"))) is not None:
            self.used.add(same)  # ماه صفر: the month, not zero
        start = m.start("m")
        if day is not None:
            self.used.add(day)
            start = self.pieces[day].start
        value = None
        if day is not None and year is not None:
            value = iso_day(month.calendar, year, month.number, int(self.pieces[day].value))
        return DateMatch(start, end, value, month.calendar)

    def _day_before(self, pos: int) -> int | None:
        """The piece just before a month name, if it can be a day: 1-31 in digits or as an ordinal word."""
        while pos and self.text[pos - 1] in " \t\u00a0\u200c":
            pos -= 1
        i = self.by_end.get(pos)
        if i is None or i in self.used:
            return None
        p = self.pieces[i]
        plain = p.unit is None and not p.approx and p.value.denominator == 1
        return i if plain and 1 <= p.value <= 31 and (p.ordinal or not p.words) else None

    def _year_after(self, pos: int, calendar: str) -> tuple[int | None, int]:
        """The year written after a month (digits, maybe after سال) and where the date ends."""
        gap = self.words.year_gap.match(self.text, pos)
        i = self.by_start.get(gap.end()) if gap else None
        if gap is None or i is None or i in self.used:
            return None, pos
        p = self.pieces[i]
        year = self._year_value(p, calendar, cued="سال" in gap.group())
        if year is None:
            return None, pos
        self.used.add(i)
        era = self.words.era_after.match(self.text, p.end)
        return year, era.end() if era else p.end

    def _year_value(self, p: Piece, calendar: str, cued: bool) -> int | None:
        if not self._plain_digits(p):
            return None
        year, width = int(p.value), p.end - p.start
        if width == 4:
            return year if year in _YEARS[calendar] else None
        if width == 2 and calendar == "jalali":
            ends = cued or self.words.clause_end.match(self.text, p.end) or self.words.era_after.match(self.text, p.end)
            return jalali_short_year(year) if ends else None
        return None

    def _plain_digits(self, p: Piece) -> bool:
        return not (p.words or p.ordinal or p.approx or p.unit) and p.value.denominator == 1 and p.value > 0

    def year_only(self, i: int) -> DateMatch | None:
        """A year on its own: after سال (سال ۱۴۰۲, سال‌های ۱۳۵۷) or before an era (۲۰۲۳ میلادی)."""
        p = self.pieces[i]
        if not self._plain_digits(p):
            return None
        era = self.words.era_after.match(self.text, p.end)
        year, width = int(p.value), p.end - p.start
        if era:
            calendar = self.words.eras[era.group("era")]
        elif self.words.year_cue_before.search(self.text, max(0, p.start - 12), p.start):
            calendar = self._calendar_of_year(year, width, self.text[p.start])
        else:
            return None
        if calendar is None:
            return None
        self.used.add(i)
        return DateMatch(p.start, era.end() if era else p.end, None, calendar)

    @staticmethod
    def _calendar_of_year(year: int, width: int, first_digit: str) -> str | None:
        """Which calendar a bare year after سال is in: by its size, Persian-news style (۹۸ is 1398)."""
        if width == 4:
            return "jalali" if year in _YEARS["jalali"] else "gregorian" if year in range(1600, 2200) else None
        if width == 2 and (year >= 40 or first_digit in "0۰٠"):
            return "jalali"
        return None
