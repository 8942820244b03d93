"""The one spelling fold for search: the index and every query go through `fold`, so they always agree.

Persian news is written with Arabic yeh and kaf (`كشور`) as often as Persian ones (`کشور`), with three digit
sets, with or without diacritics, and with compounds written three ways (`آتش بس`, `آتش‌بس`, `آتشبس`). SQLite
FTS5 splits words at ZWNJ and folds none of these letters, so khabar folds text itself before it reaches FTS5:

    >>> fold("كشور ٢٠ بين‌المللي")
    'کشور 20 بین المللی'

ZWNJ becomes a space, so `آتش‌بس` and `آتش بس` index the same two words; a query decides how to look for the
fused `آتشبس` (khabar/store/search.py). `words` is what the index holds and what a query is cut into.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

# Letters folded to one spelling. Each entry says why it is there.
LETTERS = {
    "\u064a": "ی",  # ARABIC YEH: Arabic keyboards and old Persian sites write it for Persian yeh
    "\u0649": "ی",  # ALEF MAKSURA: looks like final yeh
    "\u06d0": "ی",  # YEH WITH TWO DOTS BELOW (Pashto/Uyghur) produced by some fonts
    "\u0643": "ک",  # ARABIC KAF: written for Persian keheh
    "\u06aa": "ک",  # SWASH KAF: a PDF-font variant of kaf
    "\u0629": "ه",  # TEH MARBUTA: `مدرسة` and `مدرسه` are the same word to a reader
    "\u06c0": "ه",  # HEH WITH YEH ABOVE: ezafe on heh, `خانۀ` is searched as `خانه`
    "\u06c1": "ه",  # HEH GOAL (Urdu) seen in some PDF fonts
    "\u06d5": "ه",  # AE: produced for final heh by some fonts
    "\u0623": "ا",  # ALEF WITH HAMZA ABOVE: `مسأله` and `مساله` are both written
    "\u0625": "ا",  # ALEF WITH HAMZA BELOW: `إسلام` and `اسلام`
    "\u0671": "ا",  # ALEF WASLA: Arabic orthography in running Persian
}

# Digits: Persian (U+06F0..) and Arabic-Indic (U+0660..) read the same as ASCII.
DIGITS = {chr(0x06F0 + i): str(i) for i in range(10)} | {chr(0x0660 + i): str(i) for i in range(10)}

# Characters that separate words although they are not spaces: ZWNJ is the Persian half-space, which FTS5
# splits at anyway; the zero width space is a break by definition.
WORD_BREAKS = {
    "\u200c": " ",  # ZERO WIDTH NON-JOINER: the half-space inside compounds
    "\u200b": " ",  # ZERO WIDTH SPACE: an invisible word break
}

# Characters that carry no spelling: diacritics, kashida, joiners and bidi controls are removed.
REMOVED = (
    [chr(c) for c in range(0x064B, 0x0660)]  # harakat, tanwin, shadda, sukun, hamza above/below
    + ["\u0670"]  # SUPERSCRIPT ALEF
    + ["\u0640"]  # TATWEEL (kashida) only stretches a word
    + ["\u200d", "\u00ad", "\ufeff", "\u061c", "\u200e", "\u200f"]  # joiner, soft hyphen, BOM, bidi marks
    + [chr(c) for c in range(0x202A, 0x202F)]  # bidi embeddings and overrides
    + [chr(c) for c in range(0x2066, 0x206A)]  # bidi isolates
)


def _presentation_forms() -> dict[str, str]:
    """Arabic presentation forms (what PDF extraction produces) to base letters via NFKC, then folded."""
    table = {}
    for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFD)]:
        char = chr(code)
        base = unicodedata.normalize("NFKC", char)
        if base != char:
            table[char] = "".join(LETTERS.get(c, c) for c in base if c not in REMOVED)
    return table


def _build_table() -> dict[int, str]:
    mapping: dict[str, str] = {**_presentation_forms(), **LETTERS, **DIGITS, **WORD_BREAKS}
    mapping.update({c: "" for c in REMOVED})
    return {ord(k): v for k, v in mapping.items()}


TABLE = _build_table()
_LENGTH_CHANGING = re.compile("[" + "".join(re.escape(chr(k)) for k, v in TABLE.items() if len(v) != 1) + "]")
WORD = re.compile(r"[^\W_]+")  # what FTS5 unicode61 counts as a word: letters and digits


_FOLDED = re.compile("[" + "".join(re.escape(chr(k)) for k in TABLE) + "]")


def fold(text: str) -> str:
    """Fold spelling variants: one yeh, one kaf, one heh, ASCII digits, no diacritics, ZWNJ as a space.

    The same as `text.translate(TABLE)`, but visiting only the characters that change (a few in a hundred):
    `str.translate` looks every character up in the table's dict, eight times slower on news text.
    """
    return _FOLDED.sub(_fold_match, text)


def _fold_match(match: re.Match[str]) -> str:
    return TABLE[ord(match.group())]


def words(text: str) -> list[str]:
    """The words of a text as the index holds them: folded, lower-cased, letters and digits only."""
    return WORD.findall(fold(text).lower())


def index_text(text: str) -> str:
    """What the search index holds for a text: its `words`, one space between each.

    The store's FTS5 table uses the `ascii` tokenizer, which splits only at ASCII spaces and punctuation, so it
    keeps exactly these words: the index and `words(query)` cannot disagree about where a word ends.
    """
    return " ".join(words(text))


@dataclass(frozen=True, slots=True)
class FoldedText:
    """Folded text with a map back to the original, so that snippets show what the author wrote."""

    original: str
    folded: str
    _folded_at: tuple[int, ...]
    _original_at: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span that the folded span [start, end) came from."""
        if start >= end:
            point = self._point(start)
            return point, point
        return self._point(start), self._point(end - 1) + 1

    def _point(self, pos: int) -> int:
        k = bisect_right(self._folded_at, pos) - 1
        if k < 0:
            return min(pos, len(self.original))
        return min(self._original_at[k] + (pos - self._folded_at[k]), len(self.original))


def fold_with_offsets(text: str) -> FoldedText:
    """`fold(text)` plus anchors at each removed or expanded character (rare, so the map stays short)."""
    folded_at: list[int] = []
    original_at: list[int] = []
    shift = 0  # len(folded prefix) - len(original prefix)
    for match in _LENGTH_CHANGING.finditer(text):
        o = match.start()
        f = o + shift
        out = TABLE[ord(match.group())]
        for i in range(len(out)):
            folded_at.append(f + i)
            original_at.append(o)
        shift += len(out) - 1
        folded_at.append(o + 1 + shift)
        original_at.append(o + 1)
    return FoldedText(text, fold(text), tuple(folded_at), tuple(original_at))
