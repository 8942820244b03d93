"""Punctuation spacing: Persian punctuation sits on the word before it and is followed by one space.

Conservative on purpose: decimals (`۱۲.۵`), times (`12:30`), abbreviations (`ج.ا.ا`) and URLs are left alone,
so only the Persian marks ، ؛ ؟ and guillemets, parentheses and colons after words are touched.
"""

from __future__ import annotations

import re

from khabar.document import Edit

_LETTER = "\u0600-\u06ff\u200c"
# A space before a mark that closes on the word before it: `گفت :` → `گفت:`, `ایران ،` → `ایران،`.
_SPACE_BEFORE_RE = re.compile(r" +(?=[،؛؟!:»\)](?:\s|$))")
# A mark followed directly by a letter: `ایران،عراق` → `ایران، عراق`.
_MISSING_AFTER_RE = re.compile(rf"[،؛؟:!](?=[{_LETTER}«])")
# Space just inside guillemets and parentheses: `« متن »` → `«متن»`.
_INSIDE_RE = re.compile(r"[«\(] +| +[»\)]")
_WORD_END = re.compile(rf"[{_LETTER}0-9۰-۹\)»]")
_PERSIAN_LETTER = re.compile("[\u0600-\u06ff]")


def fix_punctuation_spacing(text: str) -> list[Edit]:
    """Attach punctuation to the word before it, put one space after it, and none inside «» or ()."""
    edits = [
        Edit(m.start(), m.end(), "", "fix_punctuation_spacing", "space before punctuation")
        for m in _SPACE_BEFORE_RE.finditer(text)
        if m.start() > 0 and _WORD_END.match(text, m.start() - 1)
    ]
    edits += [
        Edit(m.end(), m.end(), " ", "fix_punctuation_spacing", "missing space after punctuation")
        for m in _MISSING_AFTER_RE.finditer(text)
        if _attaches(text, m.start())
    ]
    for m in _INSIDE_RE.finditer(text):
        start, end = (m.start() + 1, m.end()) if m.group()[0] in "«(" else (m.start(), m.end() - 1)
        edits.append(Edit(start, end, "", "fix_punctuation_spacing", "space inside quotation marks or brackets"))
    return _without_overlaps(sorted(edits, key=lambda e: (e.start, e.end)))


def _attaches(text: str, pos: int) -> bool:
    """A comma-like mark after a Persian letter, or `:`/`!` after a Persian word of two letters or more
    (so times `12:30` and abbreviations `ج.ا` stay as they are)."""
    if text[pos] in "،؛؟":
        return pos > 0 and bool(_PERSIAN_LETTER.match(text, pos - 1))
    return pos > 1 and bool(_PERSIAN_LETTER.match(text, pos - 1)) and bool(_PERSIAN_LETTER.match(text, pos - 2))


def _without_overlaps(edits: list[Edit]) -> list[Edit]:
    out: list[Edit] = []
    for edit in edits:
        if out and (edit.start < out[-1].end or edit.start == out[-1].start):
            continue
        out.append(edit)
    return out
