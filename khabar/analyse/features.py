"""Tagger features: what a word looks like and what the word lists say about it.

Every feature describes one word on its own, so the features of a word type are computed once and cached; a
token's features are its own list plus its neighbours' lists (the CRF transitions carry the label context).
Training and tagging both go through `WordFeaturizer`, so the two can never disagree, and the tagger can turn
each list into label scores once per word type (see pos.py).
"""

from __future__ import annotations

import re
import unicodedata

from khabar.analyse.lexicon import Lexicon

ZWNJ = "\u200c"

# Letter variants that the word lists and treebanks spell one way (Arabic yeh/kaf, heh with yeh above).
_CHAR_MAP = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ۀ": "هٔ",
        "ە": "ه",
        "ـ": None,  # tatweel
        "\u200d": None,  # zero width joiner
        "\u200f": None,
        "\u200e": None,
        "\u202a": None,
        "\u202b": None,
        "\u202c": None,
        **{chr(c): None for c in range(0x064B, 0x0653)},  # harakat and tanwin (the ezafe hamza U+0654 stays)
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        **{chr(0x0660 + i): str(i) for i in range(10)},
    }
)
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_DIGITS = re.compile(r"\d")
_LATIN = re.compile(r"[A-Za-z]")
_PERSIAN = re.compile("[\u0600-\u06ff]")

# Suffixes whose removal often leaves a word-list entry: plural, ezafe, indefinite, comparative, clitics.
STRIP_SUFFIXES = (
    "های",
    "هایی",
    "ها",
    "ان",
    "ات",
    "ی",
    "ای",
    "یی",
    "ترین",
    "تر",
    "ش",
    "م",
    "ت",
    "اش",
    "ام",
    "شان",
    "مان",
    "تان",
)
# Verb prefixes: durative, negated durative, subjunctive, negation.
STRIP_PREFIXES = ("می", "نمی", "ب", "ن")

# Features that also get a copy specific to the treebank convention being tagged (feature augmentation for
# domain adaptation, Daumé 2007): the shared copy learns what the treebanks agree on, the specific copy the rest.
DOMAIN_OWN = ("b", "w=", "s2=", "s3=", "hz=", "ll=")
DOMAIN_NEAR = ("-1w=", "+1w=")


BOS, EOS = ["-1BOS"], ["+1EOS"]


def normalise(form: str) -> str:
    """The spelling used as a feature key: Persian letters, ASCII digits, no harakat or stray joiners."""
    if _PRESENTATION.search(form):
        form = unicodedata.normalize("NFKC", form)
    out = form.translate(_CHAR_MAP)
    return out.strip(ZWNJ) or out


def shape(form: str) -> str:
    """A coarse class for words that are not Persian letters (numbers, punctuation, Latin)."""
    if _DIGITS.search(form):
        return "D" if not _PERSIAN.search(form) else "DP"
    if _LATIN.search(form):
        return "L"
    if not _PERSIAN.search(form):
        return "P"
    return ""


FeatureLists = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
"""(own, as left neighbour, as right neighbour, as second left, as second right): tuples, which the garbage
collector stops watching once seen (a cache of lists is rescanned at every full collection)."""


class WordFeaturizer:
    """Turns a word form into its own feature list and the lists its neighbours see, with a cache per type."""

    def __init__(
        self, lexicon: Lexicon, domain: str = "", keep: frozenset[str] | None = None, max_cache: int = 200_000
    ) -> None:
        self.lexicon = lexicon
        self.domain = domain
        self.keep = keep  # the attributes a trained model has weights for: the rest are dropped once, here
        self._cache: dict[str, FeatureLists] = {}
        self._max_cache = max_cache

    def lists(self, form: str) -> FeatureLists:
        """(own, as left neighbour, as right neighbour, as second left, as second right) feature lists."""
        hit = self._cache.get(form)
        if hit is None:
            hit = self.compute(form)
            if len(self._cache) >= self._max_cache:
                self._cache.clear()
            self._cache[form] = hit
        return hit

    def compute(self, form: str) -> FeatureLists:
        """`lists` without the cache (for callers that cache something derived from it)."""
        w = normalise(form)
        info = self.lexicon.get(w)
        near = [f"w={w}", f"s3={w[-3:]}", *info.own]
        far = [f"w={w}"]
        own = self._own(w, info.own, bool(info.tags))
        left, right = ["-1" + f for f in near], ["+1" + f for f in near]
        if self.domain:
            own = own + [self.domain + f for f in own if f.startswith(DOMAIN_OWN)]
            left = left + [self.domain + f for f in left if f.startswith(DOMAIN_NEAR)]
            right = right + [self.domain + f for f in right if f.startswith(DOMAIN_NEAR)]
        lists = (own, left, right, ["-2" + f for f in far], ["+2" + f for f in far])
        keep = self.keep
        if keep is None:
            return tuple(map(tuple, lists))  # type: ignore[return-value]
        return tuple(tuple(f for f in fs if f in keep) for fs in lists)  # type: ignore[return-value]

    def _own(self, w: str, lex: list[str], listed: bool) -> list[str]:
        feats = ["b", f"w={w}", f"s1={w[-1:]}", f"s2={w[-2:]}", f"s3={w[-3:]}", f"s4={w[-4:]}"]
        feats += [f"p1={w[:1]}", f"p2={w[:2]}", f"p3={w[:3]}"]
        feats += lex
        sh = shape(w)
        if sh:
            feats.append(f"sh={sh}")
        feats.append(f"len={min(len(w), 6)}")
        if ZWNJ in w:
            parts = w.split(ZWNJ)
            feats += [f"zf={parts[0]}", f"zl={parts[-1]}", f"zn={min(len(parts), 3)}"]
        if not listed:
            feats += self._stripped(w)
        return feats

    def _stripped(self, w: str) -> list[str]:
        """For words the lists miss: what the lists say once a suffix or a verb prefix is taken off."""
        out = []
        for suffix in STRIP_SUFFIXES:
            if len(w) > len(suffix) + 1 and w.endswith(suffix):
                base = w[: -len(suffix)].rstrip(ZWNJ)
                info = self.lexicon.get(base)
                out += [f"x{suffix}:{t}" for t in info.tags[:3]]
        for prefix in STRIP_PREFIXES:
            if len(w) > len(prefix) + 2 and w.startswith(prefix):
                info = self.lexicon.get(w[len(prefix) :].lstrip(ZWNJ))
                out += [f"{prefix}x:{t}" for t in info.tags[:3]]
        return out


def sentence_features(featurizer: WordFeaturizer, forms: list[str]) -> list[list[str]]:
    """The CRF input for one sentence: each token's own features plus two neighbours either side."""
    lists = featurizer.lists
    rows = [lists(f) for f in forms]
    n = len(rows)
    out = []
    for i, row in enumerate(rows):
        feats = [*row[0], *(rows[i - 1][1] if i > 0 else BOS), *(rows[i + 1][2] if i + 1 < n else EOS)]
        if i > 1:
            feats += rows[i - 2][3]
        if i + 2 < n:
            feats += rows[i + 2][4]
        out.append(feats)
    return out
