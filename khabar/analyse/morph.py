"""Morphological features (UD FEATS) for a word given its form, UPOS and lemma.

Forms seen in training take their most frequent FEATS; other words go to a small maxent classifier over FEATS
strings (feats.crfsuite) that sees the UPOS, the word's ending and beginning (personal endings, می/ن/ب, ها/ان),
and how the lemma differs from the form (a stripped plural suffix means Number=Plur).
"""

from __future__ import annotations

from pathlib import Path

import pycrfsuite

from khabar.analyse.features import ZWNJ, normalise
from khabar.analyse.lemma import rule_of

NO_FEATS = frozenset({"PUNCT", "ADP", "CCONJ", "SCONJ", "X"})


def feats_features(form: str, upos: str, lemma: str, tb: str) -> list[str]:
    """What the FEATS classifier sees (shared by training and tagging)."""
    w = normalise(form)
    rule = rule_of(form, lemma)
    change = "irregular" if rule is None else f"{rule[0]}>{rule[1]}"
    feats = [f"u={upos}", f"tu={tb}|{upos}", f"r={upos}|{change}", f"tr={tb}|{upos}|{change}"]
    for n in (1, 2, 3, 4):
        feats += [f"s{n}={upos}|{w[-n:]}", f"p{n}={upos}|{w[:n]}"]
    feats.append(f"same={w == normalise(lemma)}")
    if ZWNJ in w:
        parts = w.split(ZWNJ)
        feats += [f"zf={upos}|{parts[0]}", f"zl={upos}|{parts[-1]}"]
    return feats


class FeatsTagger:
    """Form + UPOS + lemma → FEATS string ('' for none) under one treebank's conventions."""

    def __init__(self, table: dict[tuple[str, str], str], model: Path | None, tb: str) -> None:
        self.table = table
        self.tb = tb
        self._tagger: pycrfsuite.Tagger | None = None
        if model is not None and model.exists():
            self._tagger = pycrfsuite.Tagger()
            self._tagger.open(str(model))

    def __call__(self, form: str, upos: str, lemma: str) -> str:
        """The FEATS string (not cached here: `Analysis` caches the whole analysis of each form and UPOS)."""
        known = self.table.get((form, upos))
        if known is not None:
            return known
        if upos in NO_FEATS or self._tagger is None:
            return ""
        label = self._tagger.tag([feats_features(form, upos, lemma, self.tb)])[0]
        return "" if label == "_" else label
