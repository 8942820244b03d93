"""Character tables for the repair stage: which code points are rewritten, dropped or treated as space.

Data, not logic (ftfy's `chardata.py` habit): each table says in a comment why an entry is there.
"""

from __future__ import annotations

import unicodedata

ZWNJ = "\u200c"

# Letters that never join to the following letter: a ZWNJ after them is invisible, so khabar never writes one.
NON_JOINING = frozenset("اآأإٱدذرزژوؤةۀء")

# Arabic letter forms that Persian writes differently. ئ, أ, إ, ؤ and ة are kept: Persian spelling uses them.
ARABIC_TO_PERSIAN = {
    "\u064a": "ی",  # ARABIC LETTER YEH: Persian uses FARSI YEH (U+06CC)
    "\u0649": "ی",  # ARABIC LETTER ALEF MAKSURA: same shape at word end, Persian writes yeh
    "\u0643": "ک",  # ARABIC LETTER KAF: Persian uses KEHEH (U+06A9)
    "\u06d5": "ه",  # ARABIC LETTER AE: a Kurdish/Uyghur letter often produced for final heh
    "\u06c0": "هٔ",  # HEH WITH YEH ABOVE: written as heh + hamza above, the Academy's recommended form
    "\u06c1": "ه",  # HEH GOAL (Urdu) seen in some PDF fonts
    "\u0671": "ا",  # ALEF WASLA in running Persian text
}

# Arabic-Indic, Persian and ASCII digits are kept as written; these tables let later stages read any of them.
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
DIGIT_VALUES = {d: i for digits in (PERSIAN_DIGITS, ARABIC_DIGITS, "0123456789") for i, d in enumerate(digits)}

# Invisible characters that carry no meaning in running text and break word matching.
DROPPED = {
    "\u0640": "kashida (tatweel) only stretches a word",
    "\u200b": "zero width space splits words invisibly",
    "\u200d": "zero width joiner is not used in Persian words",
    "\u200e": "left-to-right mark is a bidi control, not text",
    "\u200f": "right-to-left mark is a bidi control, not text",
    "\u061c": "Arabic letter mark is a bidi control, not text",
    "\u00ad": "soft hyphen is invisible",
    "\ufeff": "byte order mark / zero width no-break space is invisible",
    **{chr(c): "bidi embedding/override control, not text" for c in range(0x202A, 0x202F)},
    **{chr(c): "bidi isolate control, not text" for c in range(0x2066, 0x206A)},
}

# Characters that are spaces in all but name.
ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\v\f"


def presentation_form_table() -> dict[str, str]:
    """Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFC) to base letters, then to Persian letters.

    PDF extractors emit these positional glyph forms; NFKC gives the base letter (ﻻ → لا).
    """
    table = {}
    for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFD)]:
        char = chr(code)
        if unicodedata.category(char) == "Cn":
            continue
        base = unicodedata.normalize("NFKC", char)
        if base != char:
            table[char] = "".join(ARABIC_TO_PERSIAN.get(c, c) for c in base)
    return table
