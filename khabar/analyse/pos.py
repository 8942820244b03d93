"""The POS tagger: a linear-chain CRF trained with python-crfsuite, decoded here from cached per-word scores.

One model serves every treebank convention: each word feature has a shared copy and a copy specific to the
convention (see features.DOMAIN_OWN), and a tagger is built for one convention (`perdt` by default: it has
PROPN, which the entity stage wants; `seraji` folds proper nouns into NOUN and tags را as PART).

Why not `pycrfsuite.Tagger.tag`: every feature describes one word, so a token's label scores are the sum of five
per-word-type vectors (the word's own features, its neighbours' as seen from one and two away). Those vectors
are computed once per word type from the model's weights and cached, so tagging a token costs five list
lookups and a Viterbi step over the labels in reach: within `MARGIN` of the word's best own score, then within
`CONTEXT_MARGIN` of the best score with its neighbours (about two of sixteen). Against crfsuite's own Viterbi:
the same held-out scores, the same labels on all but 5 of 43,137 tokens (Fars news, iPerUDT dev), twice as fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from khabar.analyse.crf import CrfWeights
from khabar.analyse.features import BOS, EOS, WordFeaturizer
from khabar.analyse.lexicon import Lexicon

CONVENTIONS = ("perdt", "seraji", "iper")
UNUSED_LABELS = {"seraji": frozenset({"PROPN"})}  # the model shares weights across conventions
_ZEROS = [[0] * n for n in range(64)]  # shared, never written: back-pointers when there is one way in
MARGIN = 10.0
CONTEXT_MARGIN = 10.0


class WordScores(NamedTuple):
    """Label-score vectors one word type contributes: as the token itself, as a neighbour one and two away.

    All tuples, so a cached entry leaves the garbage collector's watch (see crf.py)."""

    own: tuple[float, ...]
    left: tuple[float, ...]
    right: tuple[float, ...]
    far_left: tuple[float, ...]
    far_right: tuple[float, ...]
    candidates: tuple[int, ...]


class PosTagger:
    """Tags a sentence (a list of word forms) with UD UPOS."""

    def __init__(self, model: Path, lexicon: Lexicon, convention: str = "perdt", max_cache: int = 200_000) -> None:
        self.weights = CrfWeights(model)
        self.featurizer = WordFeaturizer(lexicon, domain=f"{convention}|", keep=frozenset(self.weights.state))
        zero = (0.0,) * len(self.weights.labels)
        bos, eos = self.weights.vector(BOS), self.weights.vector(EOS)
        self._pad_left = (WordScores(zero, zero, zero, zero, zero, ()), WordScores(zero, bos, zero, zero, zero, ()))
        self._pad_right = (WordScores(zero, zero, eos, zero, zero, ()), WordScores(zero, zero, zero, zero, zero, ()))
        self._cache: dict[str, WordScores] = {}
        self._max_cache = max_cache
        # Labels the convention never uses (Seraji folds proper nouns into NOUN): never candidates.
        unused = UNUSED_LABELS.get(convention, frozenset())
        self._allowed = [k for k, label in enumerate(self.weights.labels) if label not in unused]

    def scores(self, form: str) -> WordScores:
        hit = self._cache.get(form)
        if hit is None:
            own, left, right, far_left, far_right = map(self.weights.vector, self.featurizer.compute(form))
            best = max(own[k] for k in self._allowed)
            candidates = tuple(k for k in self._allowed if own[k] >= best - MARGIN)
            hit = WordScores(own, left, right, far_left, far_right, candidates)
            if len(self._cache) >= self._max_cache:
                self._cache.clear()
            self._cache[form] = hit
        return hit

    def tag(self, forms: list[str]) -> list[str]:
        """The Viterbi labels of the sentence `forms`."""
        if not forms:
            return []
        words = [*self._pad_left, *map(self.scores, forms), *self._pad_right]
        into = self.weights.into
        steps: list[tuple[Sequence[int], Sequence[int]]] = []
        prev: Sequence[int] = ()
        totals: list[float] = []
        for two_back, one_back, w, one_on, two_on in zip(words, words[1:], words[2:], words[3:], words[4:]):
            own, left, right, far_left, far_right = (
                w.own,
                one_back.left,
                one_on.right,
                two_back.far_left,
                two_on.far_right,
            )
            cands = w.candidates
            if len(cands) == 1:
                k = cands[0]
                emit = [own[k] + left[k] + right[k] + far_left[k] + far_right[k]]
            else:
                emit = [own[k] + left[k] + right[k] + far_left[k] + far_right[k] for k in cands]
                floor = max(emit) - CONTEXT_MARGIN
                if min(emit) < floor:
                    kept = [i for i, e in enumerate(emit) if e >= floor]
                    cands, emit = [cands[i] for i in kept], [emit[i] for i in kept]
            if len(prev) == 1:
                base, p = totals[0], prev[0]
                totals, back = [base + into[k][p] + e for k, e in zip(cands, emit)], _ZEROS[len(cands)]
            elif prev:
                totals, back = _step(prev, totals, cands, emit, into)
            else:
                totals, back = emit, _ZEROS[len(cands)]
            steps.append((cands, back))
            prev = cands
        j = totals.index(max(totals))
        labels = self.weights.labels
        out = []
        for cands, back in reversed(steps):
            out.append(labels[cands[j]])
            j = back[j]
        out.reverse()
        return out


def _step(
    prev: Sequence[int], totals: list[float], cands: Sequence[int], emit: list[float], into: list[list[float]]
) -> tuple[list[float], list[int]]:
    """One Viterbi step from several previous candidates: best total and back-pointer for each candidate.
    `into[k][p]` is the weight of the transition p → k."""
    new, back = [], []
    pairs = list(zip(totals, prev))
    for k, e in zip(cands, emit):
        row = into[k]
        scores = [t + row[p] for t, p in pairs]
        best = max(scores)
        new.append(best + e)
        back.append(scores.index(best))
    return new, back
