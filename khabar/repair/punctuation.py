"""Punctuation spacing: Persian punctuation sits on the word before it and is followed by one space.

Conservative on purpose: decimals (`۱۲.۵`), times (`12:30`), abbreviations (`ج.ا.ا`) and URLs are left alone,
so only the Persian marks ، ؛ ؟ and guillemets, parentheses and colons after words are touched.
"""

from __future__ import annotations

import re

from khabar.document import Edit

_LETTER = r"[\u0600-\u06ff\u200c]"
# A space before a mark that closes on the word before it: `گفت :` → `گفت:`, `ایران ،` → `ایران،`.
_SPACE_BEFORE_RE = re.compile(rf"(?<={_LETTER}|[0-9۰-۹\)»]) +(?=[،؛؟!:»\)](?:\s|$))")
# No space after a Persian comma-like mark before a letter: `ایران،عراق` → `ایران، عراق`.
_MISSING_AFTER_RE = re.compile(rf"(?<={_LETTER})(?<=[،؛؟])(?={_LETTER}|«)|(?<=[\u0600-\u06ff]{{2}}[:!])(?={_LETTER}|«)")
# Space just inside guillemets and parentheses: `« متن »` → `«متن»`.
_INSIDE_RE = re.compile(r"(?<=[«\(]) +| +(?=[»\)])")


def fix_punctuation_spacing(text: str) -> list[Edit]:
    """Attach punctuation to the word before it, put one space after it, and none inside «» or ()."""
    edits = [Edit(m.start(), m.end(), "", "fix_punctuation_spacing", "space before punctuation")
             for m in _SPACE_BEFORE_RE.finditer(text)]
    edits += [Edit(m.start(), m.end(), " ", "fix_punctuation_spacing", "missing space after punctuation")
              for m in _MISSING_AFTER_RE.finditer(text)]
    edits += [Edit(m.start(), m.end(), "", "fix_punctuation_spacing", "space inside quotation marks or brackets")
              for m in _INSIDE_RE.finditer(text)]
    return _without_overlaps(sorted(edits, key=lambda e: (e.start, e.end)))


def _without_overlaps(edits: list[Edit]) -> list[Edit]:
    out: list[Edit] = []
    for edit in edits:
        if out and (edit.start < out[-1].end or edit.start == out[-1].start):
            continue
        out.append(edit)
    return out
