"""Segment: repaired paragraphs → sentences and UD-style words, every one a view onto `Document.text`.

`doc.tokens` holds syntactic words (khabar.segment.tokens.Word): a written token that UD splits (کتابش →
کتاب + ش) becomes several words with exact offsets, the first marked with `fused`. `doc.sentences` index into
`doc.tokens`. Sentences never cross a paragraph boundary.
"""

from __future__ import annotations

from itertools import pairwise

from khabar.document import Document, Sentence
from khabar.segment.conllu import to_conllu
from khabar.segment.sentences import Words, boundaries
from khabar.segment.tokens import Tokenizer, Word

__all__ = ["Segmenter", "Tokenizer", "Word", "segment", "to_conllu"]


class Segmenter:
    """The pipeline stage: fills `doc.tokens` and `doc.sentences` from `doc.paragraphs`."""

    name = "segment"
    requires = frozenset({"paragraphs"})
    provides = frozenset({"sentences", "tokens"})

    def __init__(self, split_clitics: bool = True) -> None:
        self.tokenizer = Tokenizer(split_clitics)

    def __call__(self, doc: Document) -> Document:
        words: list[Word] = []
        sentences: list[Sentence] = []
        for para in doc.paragraphs:
            self._paragraph(doc, para.start, para.end, words, sentences)
        doc.tokens = words
        doc.sentences = sentences
        return doc

    def _paragraph(self, doc: Document, start: int, end: int, words: list[Word], sentences: list[Sentence]) -> None:
        text = doc.text
        spans, marks = self.tokenizer.scan(text, start, end)
        if not spans:
            return
        base = len(words)
        size = len(text)
        append = words.append
        for s, e, fused in spans:
            append(Word(doc, s, e, None, None, None, e == size or text[e].isspace(), fused))
        starts = [i for i in boundaries(Words(text, spans), marks) if spans[i][2] != 0]
        cuts = [0, *starts, len(spans)]
        for a, b in pairwise(cuts):
            sentences.append(Sentence(doc, spans[a][0], spans[b - 1][1], base + a, base + b))


_default: Segmenter | None = None


def segment(doc: Document) -> Document:
    """Segment one document with a shared Segmenter (the library mirror of the pipeline stage)."""
    global _default
    if _default is None:
        _default = Segmenter()
    return _default(doc)
