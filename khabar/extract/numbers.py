"""Numbers in Persian news text: digits in any script, number words (دو میلیون و پانصد هزار, یک و نیم, ۳ میلیون,
ده‌ها هزار), percentages and money, plus the `numbers` stage that also fills the dates layer.

The word parser is hand-written because the packaged ones misread compounds (the issue reports persian-tools reading
دو میلیون و پانصد هزار as 2,000,500,000). The scanning itself lives in `numscan`, shared with `dates`.
"""

from __future__ import annotations

from dataclasses import dataclass

from khabar.document import DateMention, Document, Quantity
from khabar.extract.dates import DateMatch, calendar_words, resolve_dates
from khabar.extract.numscan import Scan, as_number, atoms, grammar, parse_run, scan

__all__ = ["NumberExtractor", "NumberMatch", "extract", "find_quantities", "parse_number_words"]


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number found in text: span, value, kind ('number', 'percent', 'money', 'ordinal'), unit, approximate."""

    start: int
    end: int
    value: int | float
    kind: str
    unit: str | None
    approximate: bool


def parse_number_words(text: str) -> int | float | None:
    """The value of `text` when all of it is one number in words, digits or both; else None.

    >>> parse_number_words("دو میلیون و پانصد هزار")
    2500000
    >>> parse_number_words("یک و نیم")
    1.5
    """
    text = text.strip()
    if not text or grammar().chain.fullmatch(text) is None:
        return None
    pieces = parse_run(list(atoms(text, 0, len(text))))
    if len(pieces) != 1 or (pieces[0].start, pieces[0].end) != (0, len(text)):
        return None
    return as_number(pieces[0].value)


def find_quantities(text: str) -> list[NumberMatch]:
    """Every number, percentage and amount of money in `text`, leaving out the days and years of dates."""
    return extract(text)[0]


def extract(text: str) -> tuple[list[NumberMatch], list[DateMatch]]:
    """Numbers and dates of `text` from one scan; a date's digits are not also reported as numbers."""
    found: Scan = scan(text)
    dates, used = resolve_dates(text, found)
    numbers = [
        NumberMatch(p.start, p.end, as_number(p.value), p.kind, p.unit, p.approx)
        for i, p in enumerate(found.pieces)
        if i not in used and not p.weak and not p.date_only
    ]
    return numbers, dates


class NumberExtractor:
    """The `numbers` stage: fills `doc.numbers` and `doc.dates` from the repaired text."""

    name = "numbers"
    requires = frozenset({"text"})
    provides = frozenset({"numbers", "dates"})

    def __init__(self) -> None:
        grammar()  # load the lexicons now, so a missing file fails when the pipeline is built
        calendar_words()

    def __call__(self, doc: Document) -> Document:
        numbers, dates = extract(doc.text)
        doc.numbers = [Quantity(doc.span(n.start, n.end), n.value, n.kind, n.unit, n.approximate) for n in numbers]
        doc.dates = [DateMention(doc.span(d.start, d.end), d.value, d.calendar) for d in dates]
        return doc
