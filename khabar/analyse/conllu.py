"""A small CoNLL-U reader: the gold words that the analyser is trained and scored on.

Only what analysis needs is kept (form, lemma, UPOS, feats, and the multi-word token a word belongs to), so
training, evaluation and the data tests read treebanks the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(slots=True)
class Word:
    """One syntactic word of a treebank sentence."""

    form: str
    lemma: str
    upos: str
    feats: str
    misc: str = ""


@dataclass(slots=True)
class Fused:
    """A multi-word token: the surface `form` written for words `first..last` (0-based, inclusive)."""

    form: str
    first: int
    last: int


@dataclass(slots=True)
class Sentence:
    """A treebank sentence: its id, its words and the multi-word tokens over them."""

    sent_id: str
    words: list[Word] = field(default_factory=list)
    fused: list[Fused] = field(default_factory=list)


def read_conllu(path: str | Path) -> Iterator[Sentence]:
    """Yield the sentences of a CoNLL-U file (empty nodes are skipped)."""
    sent = Sentence("")
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if sent.words:
                    yield sent
                sent = Sentence("")
            elif line.startswith("# sent_id"):
                sent.sent_id = line.split("=", 1)[1].strip()
            elif not line.startswith("#"):
                _add_line(sent, line.split("\t"))
    if sent.words:
        yield sent


def _add_line(sent: Sentence, cols: list[str]) -> None:
    ident = cols[0]
    if "-" in ident:
        first, last = (int(x) for x in ident.split("-"))
        sent.fused.append(Fused(cols[1], first - 1, last - 1))
    elif "." not in ident:
        feats = "" if cols[5] == "_" else cols[5]
        misc = "" if cols[9] == "_" else cols[9]
        sent.words.append(Word(cols[1], cols[2], cols[3], feats, misc))
