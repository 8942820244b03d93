"""Token features for the NER tagger: one function shared by training (train/train_ner.py) and tagging.

Features are strings (python-crfsuite binary attributes). What a word contributes on its own (spelling, affixes,
shape, lexicon membership) is computed once per distinct word and cached; each sentence then only adds its
context (neighbours, bigrams) and its gazetteer matches. That keeps tagging fast enough for the pipeline.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache
from importlib import resources

from khabar.extract.gazetteers import PhraseMatcher, fold, load_list

__all__ = ["FeatureExtractor", "word_classes", "word_clusters", "word_shape"]

_CACHE_LIMIT = 300_000  # distinct words kept; the cache is cleared past this (long-running servers)
_NEIGHBOURS = (-2, -1, 1, 2)
_GAZETTEERS = (("T", "titles"), ("F", "offices"), ("O", "outlets"), ("P", "places"))
_OFFSET = {-1: b"-1", 1: b"1"}
_BOS, _EOS = (b"BOS",), (b"EOS",)


@cache
def word_classes() -> dict[str, str]:
    """Folded word → 's' (stopword) or its frequency decade in a general word list ('0' rare ... '7' common).

    A word that is missing, or rare, is more often a name: this generalises beyond the words seen in training.
    """
    text = resources.files("khabar.data.lexicons").joinpath("ner_words.tsv").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {word: cls for word, cls in pairs}


@cache
def word_clusters() -> dict[str, tuple[str, ...]]:
    """Folded word → its distributional cluster ids, coarse to fine (train/build_ner_clusters.py).

    Names of one kind share contexts, so a name seen once still shares a cluster with many annotated ones.
    """
    text = resources.files("khabar.data.lexicons").joinpath("ner_clusters.tsv").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {word: tuple(ids.split()) for word, ids in pairs}


def _char_class(ch: str) -> str:
    if ch.isdigit():
        return "d"
    if "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff":
        return "a"
    if ch.isalpha():
        return "X" if ch.isupper() else "x"
    if ch == "\u200c":
        return "z"
    return "p" if unicodedata.category(ch).startswith("P") else "s"


def word_shape(word: str) -> str:
    """Character classes with runs collapsed: «۱۴۰۲» → 'd', «ایران» → 'a', «G7» → 'Xd', «،» → 'p'."""
    out: list[str] = []
    for ch in word:
        c = _char_class(ch)
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out[:6])


class FeatureExtractor:
    """Turns a sentence's token texts into crfsuite attribute lists.

    Attributes are UTF-8 bytes: crfsuite stores names as bytes, so handing it bytes skips one encoding per
    attribute per call (the same names as the equivalent strings, so models do not depend on the choice).
    """

    def __init__(self) -> None:
        # token → (folded form, its bytes, own attributes, attributes lent to the neighbours at _NEIGHBOURS)
        # (tuples throughout: the garbage collector stops watching them once seen, see analyse/crf.py)
        self._own: dict[str, tuple[str, bytes, tuple[bytes, ...], tuple[tuple[bytes, ...], ...]]] = {}
        self._lexicon = word_classes()
        self._clusters = word_clusters()
        self._matchers = [(code, PhraseMatcher(load_list(kind), load_list(kind))) for code, kind in _GAZETTEERS]

    def _word(self, token: str) -> tuple[str, bytes, tuple[bytes, ...], tuple[tuple[bytes, ...], ...]]:
        """The word's folded form (and its bytes), its own attributes, and those it lends to each neighbour."""
        entry = self._own.get(token)
        if entry is not None:
            return entry
        if len(self._own) >= _CACHE_LIMIT:
            self._own.clear()
        w = fold(token)
        shape = word_shape(token)
        lex = self._lexicon.get(w, "-")
        own = [
            "bias",
            "w=" + w,
            "sh=" + shape,
            "p2=" + w[:2],
            "p3=" + w[:3],
            "s1=" + w[-1:],
            "s2=" + w[-2:],
            "s3=" + w[-3:],
            "s4=" + w[-4:],
            "len=" + str(min(len(w), 9)),
            "lex=" + lex,
        ]
        clusters = self._clusters.get(w)
        if clusters:
            own += [f"c{n}={c}" for n, c in enumerate(clusters)]
        if "\u200c" in token:
            own.append("zwnj")
            own.append("zw1=" + fold(token.split("\u200c", 1)[0]))
        ctx = []
        for off in _NEIGHBOURS:
            feats = [f"{off}w={w}"]
            if off in (-1, 1):
                feats += [f"{off}sh={shape}", f"{off}s2={w[-2:]}", f"{off}lex={lex}"]
                if clusters:
                    feats.append(f"{off}c1={clusters[1]}")
            ctx.append(tuple(f.encode() for f in feats))
        entry = (w, w.encode(), tuple(f.encode() for f in own), tuple(ctx))
        self._own[token] = entry
        return entry

    def _gazetteer_marks(self, folded: Sequence[str]) -> list[list[bytes]]:
        """Per token: which gazetteer phrase covers it (B at its first token, I inside), with the place kind."""
        marks: list[list[bytes]] = [[] for _ in folded]
        for code, m in self._matchers:
            for start, end, tag in m.find(folded):
                marks[start].append(f"g{code}=B".encode())
                if code == "P":
                    marks[start].append(("gP:" + tag).encode())
                for i in range(start + 1, end):
                    marks[i].append(f"g{code}=I".encode())
        return marks

    def folded(self, tokens: Sequence[str]) -> list[str]:
        """`fold` of each token, through the per-word cache."""
        cache = self._own
        return [(cache.get(t) or self._word(t))[0] for t in tokens]

    def sentence(self, tokens: Sequence[str]) -> list[list[bytes]]:
        """Attribute lists for every token of one sentence (the order of a token's attributes is immaterial)."""
        cache = self._own
        entries = [cache.get(t) or self._word(t) for t in tokens]
        marks = self._gazetteer_marks([e[0] for e in entries])
        keys = [e[1] for e in entries]
        n = len(entries)
        out: list[list[bytes]] = []
        for i, (_, key, own, _) in enumerate(entries):
            feats = [
                *own,
                *(entries[i - 2][3][0] if i >= 2 else ()),
                *(entries[i - 1][3][1] if i >= 1 else _BOS),
                *(entries[i + 1][3][2] if i + 1 < n else _EOS),
                *(entries[i + 2][3][3] if i + 2 < n else ()),
            ]
            if i:
                feats.append(b"bw-=" + keys[i - 1] + b"|" + key)
            if i + 1 < n:
                feats.append(b"bw+=" + key + b"|" + keys[i + 1])
            if marks[i]:
                feats += marks[i]
            if i and marks[i - 1]:
                feats += [_OFFSET[-1] + m for m in marks[i - 1]]
            if i + 1 < n and marks[i + 1]:
                feats += [_OFFSET[1] + m for m in marks[i + 1]]
            out.append(feats)
        return out
