"""Accuracy on slices of dev files, with floors below the measured numbers (see khabar/data/models/pos.md).

PerDT dev is training data, so its floor is high and catches a broken build (features that differ between
training and tagging, a missing table); iPerUDT dev is not trained on, so it measures informal text.
"""

from __future__ import annotations

import pytest

from khabar.analyse import load_analysis
from khabar.analyse.conllu import read_conllu

# Measured on the first 300 sentences: PerDT dev 99.98 / 99.55 (trained on), iPerUDT dev 93.64 / 93.60.
FLOOR_PERDT = 0.98
FLOOR_IPER = 0.92


def _accuracy(path, convention: str, limit: int) -> tuple[float, float]:
    analysis = load_analysis(convention)
    words = upos = lemma = 0
    for i, sent in enumerate(read_conllu(path)):
        if i >= limit:
            break
        for w, (p, lem, _) in zip(sent.words, analysis.analyse([w.form for w in sent.words])):
            words += 1
            upos += p == w.upos
            lemma += lem == w.lemma
    return upos / words, lemma / words


@pytest.mark.data
def test_analyse_accuracy_on_trained_perdt_dev(shared_data) -> None:
    upos, lemma = _accuracy(shared_data / "ud_persian_perdt" / "fa_perdt-ud-dev.conllu", "perdt", 300)
    assert upos >= FLOOR_PERDT
    assert lemma >= FLOOR_PERDT


@pytest.mark.data
def test_analyse_accuracy_on_unseen_informal_dev(shared_data) -> None:
    upos, lemma = _accuracy(shared_data / "iperudt_informal_treebank" / "iPerUDT_dev.conllu", "iper", 300)
    assert upos >= FLOOR_IPER
    assert lemma >= FLOOR_IPER
