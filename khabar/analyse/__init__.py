"""The analyse stage: UPOS, lemma and FEATS for every token, sentence by sentence.

    >>> from khabar.analyse import Analyser
    >>> doc = Analyser()(doc)          # doc.tokens now carry upos, lemma, feats

Models and tables are built by train/train_pos.py (card: khabar/data/models/pos.md) and loaded once per
process and convention, on first use.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from khabar.analyse.lemma import Lemmatiser
from khabar.analyse.lexicon import Lexicon
from khabar.analyse.morph import FeatsTagger
from khabar.analyse.pos import CONVENTIONS, PosTagger
from khabar.document import Document, Token
from khabar.errors import ModelError, PipelineError

__all__ = ["CONVENTIONS", "Analyser", "Analysis", "build_analysis", "load_analysis"]

DATA = Path(__file__).resolve().parent.parent / "data"
SENTENCE_END = frozenset({".", "!", "؟", "?", "…"})
CACHE_SIZE = 200_000


@dataclass(frozen=True, slots=True)
class Analysis:
    """The three models for one convention, and a cache of (form, UPOS) → (UPOS, lemma, FEATS)."""

    tagger: PosTagger
    lemmatiser: Lemmatiser
    feats: FeatsTagger
    cache: dict[tuple[str, str], tuple[str, str, str]] = field(default_factory=dict)

    def analyse(self, forms: list[str]) -> list[tuple[str, str, str]]:
        """(UPOS, lemma, FEATS) for each word form of one sentence."""
        return [self.word(form, upos) for form, upos in zip(forms, self.tagger.tag(forms))]

    def word(self, form: str, upos: str) -> tuple[str, str, str]:
        """(UPOS, lemma, FEATS) of a form given its UPOS: for a tag another stage corrects."""
        hit = self.cache.get((form, upos))
        return hit if hit is not None else self._word(form, upos)

    def _word(self, form: str, upos: str) -> tuple[str, str, str]:
        lemma = self.lemmatiser(form, upos)
        hit = (upos, lemma, self.feats(form, upos, lemma))
        if len(self.cache) >= CACHE_SIZE:
            self.cache.clear()
        self.cache[(form, upos)] = hit
        return hit


@functools.cache
def _lexicon(path: Path) -> Lexicon:
    return Lexicon.load(path)


def build_analysis(models: Path, lexicons: Path, convention: str) -> Analysis:
    """The models for `convention` from the given folders (training scores held-out models this way)."""
    _check(convention)
    if not (models / "pos.crfsuite").exists():
        raise ModelError(f"{models / 'pos.crfsuite'} is missing; build it with train/train_pos.py")
    lexicon = _lexicon(lexicons / "pos_words.tsv.gz")
    lemmatiser = Lemmatiser(lexicons / "lemmas.tsv.gz", models / "lemma.crfsuite", lexicon, convention)
    return Analysis(
        PosTagger(models / "pos.crfsuite", lexicon, convention),
        lemmatiser,
        FeatsTagger(lemmatiser.feats, models / "feats.crfsuite", convention),
    )


@functools.cache
def load_analysis(convention: str = "perdt") -> Analysis:
    """The packaged models for `convention`, loaded once per process."""
    return build_analysis(DATA / "models", DATA / "lexicons", convention)


class Analyser:
    """Pipeline stage: fills Token.upos, Token.lemma and Token.feats (None when a word has no features)."""

    name = "analyse"
    requires = frozenset({"tokens"})
    provides = frozenset({"upos", "lemma"})

    def __init__(self, convention: str = "perdt") -> None:
        self.convention = _check(convention)

    def __call__(self, doc: Document) -> Document:
        analysis = load_analysis(self.convention)
        text = doc.text
        for tokens in _sentences(doc):
            forms = [text[t.start : t.end] for t in tokens]
            for token, (upos, lemma, feats) in zip(tokens, analysis.analyse(forms)):
                token.upos, token.lemma, token.feats = upos, lemma, feats or None
        return doc


def _check(convention: str) -> str:
    if convention not in CONVENTIONS:
        raise PipelineError(f"unknown analysis convention {convention!r}; use one of {', '.join(CONVENTIONS)}")
    return convention


def _sentences(doc: Document) -> Iterator[list[Token]]:
    """The token lists to tag: the document's sentences, or, without them, runs ending in final punctuation."""
    if doc.sentences:
        for sent in doc.sentences:
            yield doc.tokens[sent.token_start : sent.token_end]
        return
    run: list[Token] = []
    for token in doc.tokens:
        run.append(token)
        if token.text in SENTENCE_END:
            yield run
            run = []
    if run:
        yield run
