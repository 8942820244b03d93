"""Unicode fixes: letter forms, presentation forms, invisible controls, odd spaces and stray half-spaces.

Each fix takes the current text and returns edits (offsets into that text); the repair runner composes them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Container, Iterable

from khabar.document import Edit
from khabar.repair.chars import ARABIC_TO_PERSIAN, DROPPED, NON_JOINING, ODD_SPACES, ZWNJ, presentation_form_table

_PRESENTATION = presentation_form_table()
_LETTER_MAP = {**_PRESENTATION, **ARABIC_TO_PERSIAN}
_LETTER_RE = re.compile("[" + re.escape("".join(_LETTER_MAP)) + "]")
_DROPPED_RE = re.compile("[" + "".join(DROPPED) + "]+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]+")
# A character reference as scraped HTML leaves it in text: `&zwnj;`, `&nbsp;`, `&#1740;`, `&#x6CC;` (the
# semicolon is required, so `AT&T` or `&` in prose never matches).
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_NEWLINE_RE = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_ODD_SPACE_RE = re.compile("[" + ODD_SPACES + "]")
# Every character that one of the character fixes below rewrites: one scan tells whether any of them has work.
CHARACTER_FIXES = (
    "decode_html_entities", "fix_line_endings", "remove_control_chars", "fix_letter_forms", "fix_odd_spaces",
)  # fmt: skip
_ANY_CHARACTER_FIX_RE = re.compile(
    "["
    + re.escape("".join(_LETTER_MAP) + "".join(DROPPED) + ODD_SPACES)
    + r"\x00-\x08\x0e-\x1f\x7f\r\u2028\u2029\x85&]"
)


def needs_character_fixes(text: str) -> bool:
    """Whether any of CHARACTER_FIXES would change the text (most clean text needs none)."""
    return _ANY_CHARACTER_FIX_RE.search(text) is not None
_LETTER = r"[^\W\d_]"
# A ZWNJ is only meaningful between two letters, once, after a letter that joins.
_STRAY_ZWNJ_RE = re.compile(
    rf"{ZWNJ}{{2,}}(?={_LETTER})|(?<!{_LETTER}){ZWNJ}+|{ZWNJ}+(?!{_LETTER})|(?<=[{''.join(NON_JOINING)}]){ZWNJ}+"
)


def _edits(matches: Iterable[re.Match[str]], replace, kind: str, reason) -> list[Edit]:
    out = []
    for m in matches:
        new = replace(m)
        if new != m.group():
            out.append(Edit(m.start(), m.end(), new, kind, reason(m) if callable(reason) else reason))
    return out


def decode_html_entities(text: str) -> list[Edit]:
    """`&zwnj;` → ZWNJ, `&nbsp;` → no-break space, `&laquo;` → «: text scraped from web pages keeps HTML's
    character references. Decoded first, so that the fixes after this one see the characters they stand for."""
    if "&" not in text:
        return []
    return _edits(_ENTITY_RE.finditer(text), _decoded, "decode_html_entities", lambda m: f"HTML entity {m.group()}")


def _decoded(m: re.Match[str]) -> str:
    """The character a reference stands for; an unknown name or an invalid code point stays as written."""
    decoded = html.unescape(m.group())
    return m.group() if "\ufffd" in decoded and "fffd" not in m.group().lower() else decoded


def fix_line_endings(text: str) -> list[Edit]:
    """CR LF, lone CR and Unicode line separators become "\\n" so that layout sees one kind of line break."""
    return _edits(_NEWLINE_RE.finditer(text), lambda m: "\n", "fix_line_endings", "line break normalised to \\n")


def remove_control_chars(text: str) -> list[Edit]:
    """Drop bidi marks, zero-width joiners, kashida, soft hyphens and C0 controls: invisible, meaningless here.

    The ZWNJ (U+200C) is not touched here: it is meaningful, and `fix_stray_zwnj` handles its misuse.
    """
    drops = _edits(
        _DROPPED_RE.finditer(text), lambda m: "", "remove_control_chars", lambda m: DROPPED[m.group()[0]]
    )
    controls = _edits(_CONTROL_RE.finditer(text), lambda m: "", "remove_control_chars", "C0 control character")
    return sorted(drops + controls, key=lambda e: e.start)


def fix_letter_forms(text: str) -> list[Edit]:
    """Arabic yeh/kaf and presentation-form glyphs become the Persian letters they stand for.

    Leaves ئ أ إ ؤ ة alone (Persian spelling uses them) and leaves digits as written.
    """

    def reason(m: re.Match[str]) -> str:
        if m.group() in _PRESENTATION:
            return f"presentation form U+{ord(m.group()):04X} to its base letter"
        return f"Arabic letter U+{ord(m.group()):04X} to its Persian form"

    return _edits(_LETTER_RE.finditer(text), lambda m: _LETTER_MAP[m.group()], "fix_letter_forms", reason)


def fix_odd_spaces(text: str) -> list[Edit]:
    """No-break, thin, ideographic spaces and tabs become a plain space."""
    return _edits(_ODD_SPACE_RE.finditer(text), lambda m: " ", "fix_odd_spaces", "unusual space character")


def fix_stray_zwnj(text: str) -> list[Edit]:
    """Remove half-spaces that do nothing: doubled, at a word edge, or after a letter that does not join."""
    if ZWNJ not in text:
        return []
    return _edits(_STRAY_ZWNJ_RE.finditer(text), _keep_one_inside, "fix_stray_zwnj", _stray_reason)


def _keep_one_inside(m: re.Match[str]) -> str:
    text, start, end = m.string, m.start(), m.end()
    inside = start > 0 and end < len(text) and text[start - 1].isalpha() and text[end].isalpha()
    joins = start > 0 and text[start - 1] not in NON_JOINING
    return ZWNJ if inside and joins else ""


def _stray_reason(m: re.Match[str]) -> str:
    if len(m.group()) > 1:
        return "doubled half-space"
    prev = m.string[m.start() - 1] if m.start() else ""
    if prev in NON_JOINING and prev:
        return f"half-space after {prev}, a letter that does not join, is invisible"
    return "half-space at a word edge"


def looks_visually_ordered(text: str, common_words: Container[str]) -> bool:
    """True when many words read as common words only backwards: text extracted in visual (reversed) order."""
    words = re.findall(r"[\u0600-\u06ff]{2,}", text[:1500])
    if len(words) < 20:  # too little text to tell
        return False
    forward = sum(w in common_words for w in words)
    if forward >= 0.5 * len(words):
        return False
    backward = sum(w[::-1] in common_words for w in words)
    return backward > 2 * forward and backward >= 0.2 * len(words)


_FAST_TABLE = str.maketrans({**_LETTER_MAP, **dict.fromkeys(DROPPED, None), **dict.fromkeys(ODD_SPACES, " ")})


def normalize_characters(text: str) -> str:
    """The character fixes above in one fast pass, without edits: for lexicon building and search keys."""
    text = _NEWLINE_RE.sub("\n", text.translate(_FAST_TABLE))
    return _STRAY_ZWNJ_RE.sub(_keep_one_inside, _CONTROL_RE.sub("", text))
