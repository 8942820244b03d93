"""Gazetteers for named entities: titles, offices, news outlets and places, and a token-sequence matcher.

The lists live in khabar/data/lexicons/{titles,offices,outlets,places}.txt (built by train/build_gazetteers.py,
provenance in PROVENANCE.md there). Matching is done on folded spellings (`fold`), so «رئيس‌جمهور»,
«رئیسجمهور» and «رئیس جمهور» all find the same entry. Other stages (quotes, sources) use the word sets through
`outlet_names()`, `title_words()`, `office_phrases()` and `place_names()`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources

__all__ = [
    "PhraseMatcher",
    "fold",
    "load_list",
    "matcher",
    "office_phrases",
    "outlet_names",
    "place_names",
    "title_words",
]

LEXICONS = "khabar.data.lexicons"
_END = 0  # the trie key that marks a phrase end (never a token: tokens are strings)
KINDS = ("titles", "offices", "outlets", "places", "given_names")

# Letter variants that news text mixes freely: Arabic yeh/kaf/teh marbuta/hamza forms and Arabic-Indic digits.
_FOLD_TABLE = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        **{chr(0x06F0 + d): str(d) for d in range(10)},
        **{chr(0x0660 + d): str(d) for d in range(10)},
    }
)
# Marks that do not change which word is written: diacritics, tatweel, zero-width characters, hamza above.
_DROP = re.compile("[\u064b-\u065f\u0670\u0640\u200b-\u200f\u2066-\u2069\ufeff]")


def fold(text: str) -> str:
    """The spelling key used for matching: letter variants unified, ZWNJ and diacritics removed, Latin lowered.

    >>> fold("رئيس‌جمهور") == fold("رئیسجمهور")
    True
    """
    return _DROP.sub("", text.translate(_FOLD_TABLE)).lower()


def _entry_token_variants(entry: str) -> list[tuple[str, ...]]:
    """Token sequences an entry may appear as: as written, and with each half-space opened into a space."""
    written = tuple(fold(t) for t in entry.split())
    opened = tuple(fold(p) for t in entry.split() for p in t.split("\u200c") if p)
    return [written] if opened == written else [written, opened]


@cache
def load_list(kind: str) -> dict[str, str]:
    """Entries of one gazetteer file as {entry: tag}; the tag is the second column (or the kind itself)."""
    if kind not in KINDS:
        raise ValueError(f"unknown gazetteer {kind!r}; known: {', '.join(KINDS)}")
    text = resources.files(LEXICONS).joinpath(f"{kind}.txt").read_text(encoding="utf-8")
    entries: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, tag = line.partition("\t")
        entries.setdefault(name.strip(), tag.strip() or kind)
    return entries


def outlet_names() -> frozenset[str]:
    """News outlets as written (ایسنا، خبرگزاری فارس، رویترز ...), for source attribution."""
    return frozenset(load_list("outlets"))


def title_words() -> frozenset[str]:
    """Honorifics and ranks written before names (آیت‌الله، دکتر، سردار ...)."""
    return frozenset(load_list("titles"))


def office_phrases() -> frozenset[str]:
    """Office heads that open a role phrase (وزیر امور خارجه، رئیس دفتر سیاسی، سخنگوی ...)."""
    return frozenset(load_list("offices"))


@cache
def given_names() -> frozenset[str]:
    """Folded words that open or continue a person's name but seldom end it (علی، محمد، حبیب)."""
    return frozenset(fold(w) for w in load_list("given_names"))


def place_names() -> dict[str, str]:
    """Countries, cities and regions as {name: kind}."""
    return dict(load_list("places"))


class PhraseMatcher:
    """Finds the longest gazetteer phrase starting at each position of a folded token sequence.

    Phrases are stored in a token trie; `find` scans left to right and never returns overlapping matches.
    """

    def __init__(self, phrases: Iterable[str], tag_of: dict[str, str] | None = None) -> None:
        self._root: dict = {}
        for phrase in phrases:
            tag = (tag_of or {}).get(phrase, "1")
            for variant in _entry_token_variants(phrase):
                if variant:
                    self._add(variant, tag)

    def _add(self, tokens: tuple[str, ...], tag: str) -> None:
        node = self._root
        for tok in tokens:
            node = node.setdefault(tok, {})
        node.setdefault(_END, tag)

    def longest_at(self, folded: Sequence[str], start: int) -> tuple[int, str] | None:
        """(end, tag) of the longest phrase that starts at `start`, or None."""
        node, best = self._root, None
        for i in range(start, len(folded)):
            node = node.get(folded[i])
            if node is None:
                break
            if _END in node:
                best = (i + 1, node[_END])
        return best

    def find(self, folded: Sequence[str]) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, tag) matches, longest first at each position."""
        out: list[tuple[int, int, str]] = []
        root, end = self._root, 0
        for i in [i for i, word in enumerate(folded) if word in root]:  # few words start a phrase: skip the rest
            if i < end:
                continue
            hit = self.longest_at(folded, i)
            if hit is not None:
                out.append((i, hit[0], hit[1]))
                end = hit[0]
        return out

    def starts(self, word: str) -> bool:
        """Whether some phrase begins with this folded word (a cheap test before `longest_at`)."""
        return word in self._root

    def __contains__(self, phrase: str) -> bool:
        tokens = tuple(fold(t) for t in phrase.split())
        hit = self.longest_at(tokens, 0) if tokens else None
        return hit is not None and hit[0] == len(tokens)


@cache
def matcher(kind: str) -> PhraseMatcher:
    """The phrase matcher over one gazetteer (built once per process)."""
    entries = load_list(kind)
    return PhraseMatcher(entries, entries)
