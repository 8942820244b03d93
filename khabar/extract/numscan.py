"""The number scanner that `numbers` and `dates` share: precompiled regexes find runs of number atoms (digits in
any script, Persian number words), and a small parser turns each run into exact values.

Why one scanner for both layers: a date's day and year are numbers too, so `dates` builds dates from the pieces
found here, and `numbers` then leaves those pieces out. Values stay exact (int or Fraction) until the end, so
`۱.۱ هزار` is 1100 and not 1100.0000000000002.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from importlib import resources

from khabar.errors import ModelError

ZWNJ = "\u200c"
Number = int | Fraction  # exact: an int when whole (fast), a Fraction otherwise
DIGITS = "0-9۰-۹٠-٩"
_TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٫/", "01234567890123456789..", ",٬")

# A gap inside a number or between a number and its unit: spaces and at most one line break (never a
# paragraph break), after an optional stray ZWNJ. Possessive, so a long run of spaces costs linear time.
SP = r"\u200c?(?:[^\S\n]++(?:\n[^\S\n]*+)?+|\n[^\S\n]*+)"
# Word edges for Persian: ZWNJ joins a word, so `یک‌شنبه` is not `یک` and `ده‌ها` is not `ده`; so do the short
# vowel marks (not \w to Python), so `بنَفْسی` does not end in `سی`.
MARKS = "\u064b-\u065f\u0670"
JOINERS = f"\u200c{MARKS}"
WORD_BEFORE = rf"(?<![^\W\d_])(?<![{JOINERS}])"
WORD_AFTER = rf"(?![\w{MARKS}]|\u200c\w)"  # a stray ZWNJ before a space does not join
_D = f"[{DIGITS}]"
# Digits are not part of a Latin code (F16, COVID-19) or the tail of a longer number. The lookahead comes first
# because it fails fastest, and this runs at every position of the text.
_DIGIT_BEFORE = rf"(?={_D})(?<![{DIGITS}A-Za-z_.٫/])(?<![A-Za-z]-)"
_DIGNUM = rf"(?:{_D}{{1,3}}(?:[,٬]{_D}{{3}})+|{_D}+)(?:[.٫/]{_D}+)?"
_DIGIT_ORDINAL = rf"\u200c?(?:امین|ام|مین){WORD_AFTER}"


def _digit_start(consumed: bool) -> str:
    """The check at a number's first digit; `consumed`: the scan has already read that digit."""
    if consumed:
        return rf"(?<![{DIGITS}A-Za-z_.٫/]{_D})(?<![A-Za-z]-{_D})"
    return _DIGIT_BEFORE


def _digits(low: int, high: int, consumed: bool) -> str:
    """A run of `low`-`high` digits, one fewer when the first is already read."""
    return f"{_D}{{{low - consumed},{high - consumed}}}"


def _numeric_date_pattern(consumed: bool = False, tag: str = "") -> str:
    """Digit dates: yyyy/m/d, d/m/yyyy (separator / . or -, the same twice) and yy/mm/dd with slashes."""
    sep, dm, y4 = r"[/.\-]", f"{_D}{{1,2}}", f"{_D}{{4}}"
    return (
        rf"{_digit_start(consumed)}(?:(?P<y1{tag}>{_digits(4, 4, consumed)})(?P<s1{tag}>{sep})(?P<m1{tag}>{dm})"
        rf"(?P=s1{tag})(?P<d1{tag}>{dm})"
        rf"|(?P<d2{tag}>{_digits(1, 2, consumed)})(?P<s2{tag}>{sep})(?P<m2{tag}>{dm})(?P=s2{tag})(?P<y2{tag}>{y4})"
        rf"|(?P<y3{tag}>{_digits(2, 2, consumed)})/(?P<m3{tag}>{dm})/(?P<d3{tag}>{dm}))(?!{_D})"
    )


def _clock_pattern(consumed: bool = False) -> str:
    """Clock times and scores with a colon: not quantities, but matching them keeps their digits out."""
    return rf"{_digit_start(consumed)}{_digits(1, 2, consumed)}:{_D}{{2}}(?::{_D}{{2}})?(?:[.٫]{_D}+)?(?!{_D})"


def _digit_number(consumed: bool = False) -> str:
    """A number in digits: thousands separators, a decimal part, an ordinal suffix (۲۰مین)."""
    whole = rf"(?:{_digits(1, 3, consumed)}(?:[,٬]{_D}{{3}})+|{_D}{'*' if consumed else '+'})"
    return rf"{_digit_start(consumed)}{whole}(?:[.٫/]{_D}+)?(?:{_DIGIT_ORDINAL})?"


_NUMERIC_DATE = re.compile(_numeric_date_pattern())
# A number inside a run must not start something like a digit date or a clock time (۱۴۰۴ و 1402/07/15: the run
# stops there, and the scan reads the date on its own).
_NOT_DATE = (
    rf"(?!{_D}{{4}}[/.\-]{_D}{{1,2}}[/.\-]{_D}|{_D}{{1,2}}[/.\-]{_D}{{1,2}}[/.\-]{_D}{{4}}"
    rf"|{_D}{{2}}/{_D}{{1,2}}/{_D}|{_D}{{1,2}}:{_D}{{2}})"
)

ADDITIVE = frozenset({"unit", "teen", "ten", "hundred", "digit"})
_MAX_DIGITS = 40  # longer digit strings (with separators) are identifiers, not quantities
_SIMPLE = ADDITIVE | {"scale", "fraction"}  # kinds that are a whole number on their own
NUMBER_KINDS = ADDITIVE | {"scale", "fraction", "several", "negative", "point"}
# Denominators of spoken fractions (دو سوم, سه چهارم, ۳۶ صدم); a digit numerator only takes دهم and صدم.
_DENOMINATORS = frozenset(range(2, 21)) | {100}


@dataclass(frozen=True, slots=True)
class Word:
    """A number word from numbers.tsv: its value, kind and flags (see the file's header)."""

    value: Number
    kind: str
    flags: frozenset[str]


@dataclass(slots=True)
class Atom:
    """One number word or digit string inside a run; `join` is the gap before it: 'and', 'space' or 'none'."""

    start: int
    end: int
    join: str
    value: Number
    kind: str
    flags: frozenset[str]
    digits: bool


@dataclass(slots=True)
class Piece:
    """A number found in text: span, exact value, and what the text around it says about it."""

    start: int
    end: int
    value: Number
    ordinal: bool = False
    approx: bool = False
    words: bool = False  # written (partly) in words: a date's day must be digits or an ordinal
    weak: bool = False  # a lone یک or نه: an article or 'no' unless a unit follows
    date_only: bool = False  # اول: a number only as the day of a date
    unit: str | None = None  # '%' or a currency code

    @property
    def kind(self) -> str:
        if self.ordinal:
            return "ordinal"
        if self.unit == "%":
            return "percent"
        return "number" if self.unit is None else "money"


@dataclass(frozen=True, slots=True)
class NumericDate:
    """A date written in digits only (1402/07/15, ۱۴۰۴-۶-۱۴, 15.07.2023); `short_year` for yy/mm/dd."""

    start: int
    end: int
    year: int
    month: int
    day: int
    short_year: bool


@dataclass(slots=True)
class Scan:
    """Everything the scanner found in one text, in text order."""

    pieces: list[Piece]
    numeric_dates: list[NumericDate]


def read_lexicon(name: str) -> list[list[str]]:
    """The rows of a TSV lexicon under khabar/data/lexicons, without comments and blank lines."""
    path = resources.files("khabar").joinpath("data", "lexicons", name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError(f"lexicon {name} cannot be read ({exc}); reinstall khabar") from None
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def spellings(form: str, space: bool = True) -> list[str]:
    """A form as written, without its ZWNJ, and (if `space`) with a space for it: texts have all three."""
    if ZWNJ not in form:
        return [form]
    out = [form, form.replace(ZWNJ, "")]
    return [*out, form.replace(ZWNJ, " ")] if space else out


def spellings_of(forms: Iterable[str]) -> list[str]:
    """Every spelling of every form."""
    return [s for form in forms for s in spellings(form)]


def trie_pattern(forms: Iterable[str]) -> str:
    """One regex alternation for many literal forms, as a trie: fast to scan, and the longest form wins."""
    trie: dict[str, dict] = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_node(trie)


def _trie_node(node: dict[str, dict]) -> str:
    branches = [re.escape(ch) + _trie_node(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def to_ascii(digits: str) -> str:
    """Digits of any script as ASCII, thousands separators dropped, decimal separators as '.'."""
    return digits.translate(_TO_ASCII)


def exact(text: str) -> Number:
    """An exact number from a decimal string ('12', '12.5')."""
    return int(text) if "." not in text else _whole_or_fraction(Fraction(text))


def _whole_or_fraction(value: Fraction) -> Number:
    return int(value) if value.denominator == 1 else value


def as_number(value: Number) -> int | float:
    """The JSON value of an exact number: an int when whole, else a float."""
    return int(value) if value.denominator == 1 else float(value)


@dataclass(frozen=True)
class Grammar:
    """The lexicons and the regexes compiled from them, built once per process."""

    words: dict[str, Word]
    currencies: dict[str, str]
    symbols: dict[str, str]
    master: re.Pattern[str]
    at_start: re.Pattern[str]
    chain: re.Pattern[str]
    atom: re.Pattern[str]
    unit_after: re.Pattern[str]
    half_after: re.Pattern[str]
    and_half: re.Pattern[str]
    fused_half_before: re.Pattern[str]
    hedge_before: re.Pattern[str]
    letter_numbers: frozenset[str]
    letter_before: re.Pattern[str]
    letter_after: re.Pattern[str]


def _load_words() -> tuple[dict[str, Word], dict[str, list[str]]]:
    """Number words by spelling, and the other rows of numbers.tsv (percent, hedge, measure) by kind."""
    words: dict[str, Word] = {}
    others: dict[str, list[str]] = {}
    for row in read_lexicon("numbers.tsv"):
        form, value, kind = row[0], row[1], row[2]
        flags = frozenset(row[3].split(",")) if len(row) > 3 and row[3] else frozenset()
        if kind not in NUMBER_KINDS:
            others.setdefault(kind, []).append(form)
            continue
        word = Word(_whole_or_fraction(Fraction(value)) if value else 0, kind, flags)
        for spelling in spellings(form, space=bool(flags & {"approx", "ordinal"})):
            words[spelling] = word
            if "ordinal" in flags and spelling.endswith("م"):
                words[spelling + "ین"] = word
    return words, others


def _load_currencies() -> tuple[dict[str, str], dict[str, str]]:
    """Currency words and symbols, each mapped to its code."""
    names: dict[str, str] = {}
    symbols: dict[str, str] = {}
    for row in read_lexicon("currencies.tsv"):
        if len(row) > 2 and row[2] == "symbol":
            symbols[row[0]] = row[1]
        else:
            names.update(dict.fromkeys(spellings(row[0]), row[1]))
    return names, symbols


def _atom_pattern(word_re: str, named: bool) -> str:
    """One atom of a run: a number in digits or a number word."""

    def g(name: str) -> str:
        return f"(?P<{name}>" if named else "(?:"

    digit = rf"{_DIGIT_BEFORE}{g('dn')}{_DIGNUM})(?:{g('do')}{_DIGIT_ORDINAL}))?"
    return rf"(?:{digit}|{WORD_BEFORE}{g('w')}{word_re}){WORD_AFTER})"


def _digit_paths(tail: str, consumed: bool) -> str:
    """What may start at a digit: a digit date, a clock time, or a run of atoms; group names end in _c when the
    scan has already read the first digit."""
    c = "_c" if consumed else ""
    return (
        rf"(?P<ndate{c}>{_numeric_date_pattern(consumed, c)})|(?P<clock{c}>{_clock_pattern(consumed)})"
        rf"|(?P<chain{c}>{_digit_number(consumed)}{tail})"
    )


def _scan_patterns(word_re: str) -> tuple[str, str, str]:
    """The scan regex, its variant for position 0, and a run of atoms (for parse_number_words)."""
    tail = rf"(?:(?:{SP}و{SP}|{SP})?{_NOT_DATE}{_atom_pattern(word_re, named=False)})*"
    at_start = rf"(?={_D})(?:{_digit_paths(tail, consumed=False)})|(?P<wchain>{word_re}{WORD_AFTER}{tail})"
    # A match starts with the character before the number (a space, a mark) or with its first digit, so the
    # regex engine skips every position inside a word in C, without trying the alternatives there.
    scan_re = (
        rf"[\W{DIGITS}](?:(?<={_D})(?:{_digit_paths(tail, consumed=True)})"
        rf"|(?<![{DIGITS}{JOINERS}])(?:{at_start}))"
    )
    return scan_re, at_start, _atom_pattern(word_re, named=False) + tail


@cache
def grammar() -> Grammar:
    """Load the lexicons and compile the scanner's regexes (once)."""
    words, others = _load_words()
    currencies, symbols = _load_currencies()
    symbols.update({f: "%" for f in others["percent"] if len(f) == 1})
    word_re = trie_pattern(words)
    measures = trie_pattern(others["measure"])
    small = trie_pattern(f for f, w in words.items() if w.kind in ADDITIVE and not w.flags & {"ordinal", "approx"})
    scan_re, at_start, chain = _scan_patterns(word_re)
    percent = trie_pattern(spellings_of(f for f in others["percent"] if len(f) > 1))
    unit_after = (
        rf"(?:{SP})?(?:(?P<pct>{percent})ی?{WORD_AFTER}"
        rf"|(?P<cur>{trie_pattern(currencies)})ی?{WORD_AFTER}|(?P<sym>[{re.escape(''.join(symbols))}]))"
    )
    return Grammar(
        words=words,
        currencies=currencies,
        symbols=symbols,
        master=re.compile(scan_re),
        at_start=re.compile(at_start),
        chain=re.compile(chain),
        atom=re.compile(_atom_pattern(word_re, named=True)),
        unit_after=re.compile(unit_after),
        half_after=re.compile(rf"(?:{SP}|\u200c)?(?:{measures}){SP}و{SP}نیم{WORD_AFTER}"),
        and_half=re.compile(rf"و{SP}نیم{WORD_AFTER}"),
        fused_half_before=re.compile(rf"{WORD_BEFORE}(?P<n>{small})\u200c?(?:{measures}){SP}\Z"),
        hedge_before=re.compile(rf"{WORD_BEFORE}(?:{trie_pattern(others['hedge'])}){SP}\Z"),
        letter_numbers=frozenset(f for f, w in words.items() if "letter" in w.flags),
        letter_before=re.compile(rf"{WORD_BEFORE}(?:{trie_pattern(others['letter'])}){SP}\Z"),
        letter_after=re.compile(rf"{SP}(?:{trie_pattern(others['letter'])}){WORD_AFTER}"),
    )


def scan(text: str) -> Scan:
    """Find every number and digit-only date in `text` (numbers include days and years of named dates)."""
    g = grammar()
    pieces: list[Piece] = []
    dates: list[NumericDate] = []
    first = g.at_start.match(text)
    matches = g.master.finditer(text, first.end() if first else 0)
    for m in ([first] if first else []) + list(matches):
        kind = m.lastgroup or ""
        start = m.start() if kind.endswith("_c") else m.start(kind)
        if kind.startswith(("chain", "wchain")):
            pieces.extend(parse_run(list(atoms(text, start, m.end()))))
        elif kind.startswith("ndate"):
            dates.append(_numeric_date(_NUMERIC_DATE.match(text, start)))
    pieces.extend(_fused_halves(text, g))
    pieces.sort(key=lambda p: p.start)
    return Scan(_decorate(text, pieces, g), dates)


def _fused_halves(text: str, g: Grammar) -> Iterator[Piece]:
    """یکماه و نیم, یک‌سال و نیم: a number word fused to its measure, then و نیم (one and a half months)."""
    for m in g.and_half.finditer(text):
        before = g.fused_half_before.search(text, max(0, m.start() - 24), m.start())
        if before:
            value = g.words[before.group("n")].value + Fraction(1, 2)
            yield Piece(before.start(), m.end(), value, words=True)


def _numeric_date(m: re.Match[str] | None) -> NumericDate:
    assert m is not None, "the scan regex and _NUMERIC_DATE disagree"
    for y, mo, d in (("y1", "m1", "d1"), ("y2", "m2", "d2"), ("y3", "m3", "d3")):
        if m.group(y):
            parts = [int(to_ascii(m.group(k))) for k in (y, mo, d)]
            return NumericDate(m.start(), m.end(), *parts, short_year=y == "y3")
    raise AssertionError("numeric date without a year")


def atoms(text: str, start: int, end: int) -> Iterator[Atom]:
    """The atoms of one run text[start:end], each with the gap before it classified."""
    g = grammar()
    prev = start
    for m in g.atom.finditer(text, start, end):
        gap = text[prev : m.start()]
        join = "none" if not gap else ("and" if "و" in gap else "space")
        prev = m.end()
        if m.group("w") is not None:
            word = g.words[m.group("w")]
            yield Atom(m.start(), m.end(), join, word.value, word.kind, word.flags, digits=False)
        elif len(m.group("dn")) > _MAX_DIGITS:  # an identifier or a hash, not a quantity: it splits the run
            yield Atom(m.start(), m.end(), join, 0, "break", frozenset(), digits=True)
        else:
            flags = frozenset({"ordinal"}) if m.group("do") else frozenset()
            yield Atom(m.start(), m.end(), join, exact(to_ascii(m.group("dn"))), "digit", flags, digits=True)


def parse_run(run: list[Atom]) -> list[Piece]:
    """Split a run of atoms into numbers: each number takes atoms while the grammar allows."""
    if len(run) == 1 and run[0].kind in _SIMPLE:  # most runs: one number in digits
        a, flags = run[0], run[0].flags
        ordinal, approx, weak, date_only = ("ordinal" in flags, "approx" in flags, "weak" in flags, "date" in flags)
        return [Piece(a.start, a.end, a.value, ordinal, approx, not a.digits, weak, date_only)]
    pieces = []
    i = 0
    while i < len(run):
        reader = _Reader()
        k = i
        while k < len(run):
            verdict = reader.take(run[k], k)
            if verdict == _BACK:
                k = reader.undo_group()
            if verdict != _OK:
                break
            k += 1
        piece = reader.finish(run, i)
        if piece is not None:
            pieces.append(piece)
        i = max(k, i + 1)
    return pieces


_OK, _STOP, _BACK = "ok", "stop", "back"


def _place(group: Number) -> int:
    """The smallest place a number fills: a word added after `group` must be below it (صد و بیست و پنج)."""
    n, place = int(group), 1
    while n and n % 10 == 0:
        n //= 10
        place *= 10
    return place


class _Reader:
    """Reads one number from atoms: `take` says whether the next atom still belongs to it.

    `total` holds what the scales have closed (دو میلیون), `group` the part below the last scale (پانصد).
    """

    def __init__(self) -> None:
        self.total: Number = 0
        self.group: Number | None = None
        self.scale: int | None = None
        self.group_digits = self.group_fraction = self.group_and = False
        self.closed = self.ordinal = self.approx = self.words = self.weak = self.date_only = False
        self.pending: str | None = None  # 'negative', 'several' or 'point': needs a number after it
        self.sign = 1
        self.point: Number | None = None
        self.last: int | None = None
        self.count = 0
        self.group_start = 0
        self.saved: tuple[Number, int | None, int | None] = (0, None, None)

    @property
    def fresh(self) -> bool:
        return self.group is None and self.scale is None and self.total == 0

    def take(self, a: Atom, i: int) -> str:
        if self.closed:
            return _STOP
        if self.pending:
            return self._after_pending(a, i)
        if a.kind in ADDITIVE:
            return self._add(a, i)
        if a.kind == "scale":
            return self._scale(a, i)
        if a.kind == "fraction":
            return self._fraction(a, i)
        if a.kind in ("negative", "several") and self.fresh and self.last is None:
            self.pending = a.kind
            self.sign = -1 if a.kind == "negative" else 1
            self.approx = a.kind == "several"
            return _OK
        if a.kind == "point" and a.join == "space" and self._whole():
            self.point, self.total, self.group, self.scale = self.total + (self.group or 0), 0, None, None
            self.pending = "point"
            return _OK
        return _STOP

    def _whole(self) -> bool:
        return self.last is not None and not self.ordinal and (self.total + (self.group or 0)).denominator == 1

    def _after_pending(self, a: Atom, i: int) -> str:
        kind, self.pending = self.pending, None
        if a.join != "space":
            return _STOP
        if kind == "negative" and (a.kind in ADDITIVE or a.kind in ("scale", "fraction")):
            return self.take(a, i)
        if kind == "several" and (a.kind == "scale" or (a.kind == "hundred" and a.value == 100)):
            return self.take(a, i)
        if kind == "point" and a.kind in ADDITIVE and not a.digits and "ordinal" not in a.flags:
            return self.take(a, i)
        return _STOP

    def _add(self, a: Atom, i: int) -> str:
        if self.group is not None:
            return self._add_to_group(a, i)
        if self.scale is not None:
            if a.join == "none" or a.value >= self.scale:
                return _STOP
            self.saved, self.group_start = (self.total, self.scale, self.last), i
            self.group_and = a.join == "and"
        self.group, self.group_digits = a.value, a.digits
        return self._took(a, i)

    def _add_to_group(self, a: Atom, i: int) -> str:
        group = self.group or 0
        if a.join == "space" and "ordinal" in a.flags and a.kind != "scale":
            return self._denominator(a, i)
        if a.join == "space" and a.kind == "hundred" and a.value == 100 and not self.group_digits:
            if group.denominator == 1 and 1 <= group <= 9 and "ordinal" not in a.flags:  # دو صد (Dari) = 200
                self.group = group * 100
                return self._took(a, i)
            return _STOP
        if a.join != "and" or a.digits or self.group_digits or self.group_fraction:
            return _STOP
        if not 0 < a.value < _place(group) or (self.scale is not None and group + a.value >= self.scale):
            return _STOP
        self.group = group + a.value
        return self._took(a, i)

    def _denominator(self, a: Atom, i: int) -> str:
        """دو سوم = 2/3, ۳۶ صدم = 0.36: a whole count, a space, then an ordinal."""
        group = self.group or 0
        small = group.denominator == 1 and 0 < group <= (99 if self.group_digits else 20)
        if self.scale is not None or self.group_fraction or not small or a.value not in _DENOMINATORS:
            return _STOP
        if self.group_digits and a.value not in (10, 100):
            return _STOP
        self.group = Fraction(group, a.value)
        self.group_fraction = self.closed = True
        self.last, self.count = i, self.count + 1
        return _OK

    def _scale(self, a: Atom, i: int) -> str:
        verdict = self._scaled(int(a.value), a.join)
        if verdict != _OK:
            return verdict
        self.group_digits = self.group_fraction = self.group_and = False
        self.closed = self.closed or "adj" in a.flags
        return self._took(a, i)

    def _scaled(self, size: int, join: str) -> str:
        """Apply a scale word (هزار, میلیون, ...) to the number read so far."""
        if self.point is not None:
            if self.group is None or join == "and":
                return _STOP
            self.total, self.point = (self.point + _decimal(self.group)) * size, None  # دو ممیز پنج میلیون
            self.closed = True
        elif self.group is None:
            if self.fresh and join != "and":
                self.total = size
            elif self.scale is not None and size < self.scale:  # چهار میلیون و هزار
                self.total += size
            elif self.scale is not None and join != "and" and size > self.scale:  # هزار میلیارد
                self.total *= size
            else:
                return _STOP
        elif join == "and":
            return _STOP
        elif self.scale is None or size < self.scale:
            if self.scale is not None and self.group * size >= self.scale:
                return _BACK
            self.total += self.group * size
        elif size > self.scale and self.group_and:  # هزار و پانصد میلیارد
            self.total = (self.total + self.group) * size
        else:
            return _BACK
        self.group, self.scale = None, size
        return _OK

    def _fraction(self, a: Atom, i: int) -> str:
        if self.fresh and self.point is None:
            self.group, self.group_fraction = a.value, True
        elif a.join == "and" and self.group is not None and not self.group_fraction and self.point is None:
            if self.group.denominator != 1:
                return _STOP
            self.group += a.value  # یک و نیم
            self.group_fraction = True
        elif a.join == "and" and self.group is None and self.scale is not None:
            self.total += a.value * self.scale  # دو میلیون و نیم
            self.closed = True
        elif a.join == "space" and "count" in a.flags and self.group is not None and self.scale is None:
            if self.group_fraction or self.point is not None:
                return _STOP
            self.group *= a.value  # سه ربع
            self.group_fraction = True
        else:
            return _STOP
        return self._took(a, i)

    def _took(self, a: Atom, i: int) -> str:
        if "ordinal" in a.flags:
            self.ordinal = self.closed = True
        self.approx = self.approx or "approx" in a.flags
        self.words = self.words or not a.digits
        self.weak = self.count == 0 and "weak" in a.flags
        self.date_only = self.date_only or "date" in a.flags
        self.last, self.count = i, self.count + 1
        return _OK

    def undo_group(self) -> int:
        """Give back the group read since the last scale (it starts the next number); its first index."""
        self.total, self.scale, self.last = self.saved
        self.group = None
        self.closed = self.ordinal = False
        return self.group_start

    def finish(self, run: list[Atom], first: int) -> Piece | None:
        if self.last is None:
            return None
        value = self.total + (self.group or 0)
        if self.point is not None:
            value = self.point + (_decimal(self.group) if self.group is not None else 0)
        return Piece(
            run[first].start,
            run[self.last].end,
            value * self.sign,
            ordinal=self.ordinal,
            approx=self.approx,
            words=self.words,
            weak=self.weak and self.count == 1,
            date_only=self.date_only,
        )


def _decimal(digits: Number) -> Fraction:
    """The words after ممیز as a decimal fraction: پنج → 0.5, بیست و پنج → 0.25."""
    n = int(digits)
    return Fraction(n, 10 ** len(str(n)))


def _decorate(text: str, pieces: list[Piece], g: Grammar) -> list[Piece]:
    """Attach what follows or precedes each number (و نیم, a unit, a hedge); drop pieces a unit swallowed."""
    out: list[Piece] = []
    for p in pieces:
        if out and p.start < out[-1].end:
            continue
        if not p.ordinal and not p.date_only:
            _attach(text, p, g)
        if text[p.start : p.end] in g.letter_numbers and _among_letters(text, p, g):
            p.weak = True  # بی بی سی: the letter C, not 30
        out.append(p)
    return out


def _among_letters(text: str, p: Piece, g: Grammar) -> bool:
    before = g.letter_before.search(text, max(0, p.start - 12), p.start)
    return before is not None or g.letter_after.match(text, p.end) is not None


def _attach(text: str, p: Piece, g: Grammar) -> None:
    half = g.half_after.match(text, p.end)
    if half and p.value.denominator == 1 and not p.approx:
        p.value += Fraction(1, 2)  # یک ماه و نیم
        p.end, p.weak = half.end(), False
    elif unit := g.unit_after.match(text, p.end):
        p.end, p.weak = unit.end(), False
        if unit.group("pct"):
            p.unit = "%"
        elif unit.group("cur"):
            p.unit = g.currencies[unit.group("cur")]
        else:
            p.unit = g.symbols[unit.group("sym")]
    elif p.start and text[p.start - 1] in g.symbols:
        p.start, p.weak = p.start - 1, False
        p.unit = g.symbols[text[p.start]]
    if g.hedge_before.search(text, max(0, p.start - 16), p.start):
        p.approx = True
