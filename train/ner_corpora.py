"""Read the NER corpora in ../shared/data, map their tags to khabar's labels, and re-tokenise them like khabar.

Shared by train_ner.py, build_gazetteers.py and eval_ner.py (training code only; never imported at run time).

Label mapping: IOB prefixes are kept, and every corpus is rewritten to `B-LABEL` / `I-LABEL`.
- PEYMA (split_overfit-ir and 600K): PER, ORG, LOC as is; DAT→DATE, TIM→TIME, MON→MONEY, PCT→PERCENT.
- Arman: pers→PER, org→ORG, loc→LOC, fac→FAC, event→EVENT, pro→PRODUCT.
- ParsNER news and wiki: PERS→PER, ORG→ORG, LOC→LOC; MISC mixes dates, events and products, so a sentence with
  a MISC tag is left out rather than taught as O.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from khabar.document import Document, Edit
from khabar.extract.entities import token_spans as entity_spans  # one IOB reader for training and use
from khabar.extract.gazetteers import fold
from khabar.repair import Repairer, repair_text
from khabar.segment import Segmenter

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
PEYMA = DATA / "peyma_nsurl2019_ner"
ARMAN = DATA / "arman_personer" / "ArmanPersoNERCorpus"
PARSNER = DATA / "parsner_repo_ner_corpora"

LABELS = ("PER", "ORG", "LOC", "FAC", "EVENT", "PRODUCT", "DATE", "TIME", "MONEY", "PERCENT")
TAG_MAPS: dict[str, dict[str, str | None]] = {
    "peyma": {
        "PER": "PER",
        "ORG": "ORG",
        "LOC": "LOC",
        "DAT": "DATE",
        "TIM": "TIME",
        "MON": "MONEY",
        "PCT": "PERCENT",
    },
    "arman": {"pers": "PER", "org": "ORG", "loc": "LOC", "fac": "FAC", "event": "EVENT", "pro": "PRODUCT"},
    "parsner": {"PERS": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": None},
}
# The labels each corpus annotates: a label outside this set is unannotated there, not absent.
CORPUS_LABELS = {
    "peyma": frozenset({"PER", "ORG", "LOC", "DATE", "TIME", "MONEY", "PERCENT"}),
    "arman": frozenset({"PER", "ORG", "LOC", "FAC", "EVENT", "PRODUCT"}),
    "parsner": frozenset({"PER", "ORG", "LOC"}),
}
_GLUED_TAG = re.compile(r"^(.+?)(O|[BI][-_][A-Z]{3})$")


@dataclass
class Sentence:
    """One annotated sentence: tokens and their IOB tags in khabar labels."""

    tokens: list[str]
    tags: list[str]
    corpus: str

    def key(self) -> str:
        """A spelling key for finding the same sentence in two corpora (spaces and half-spaces ignored)."""
        return fold("".join(self.tokens).replace(" ", ""))


@cache
def tidy(text: str) -> str:
    """A name or phrase as khabar's repair stage writes it (the one normalisation call for corpus strings)."""
    return repair_text(text).strip()


def _split_line(line: str, sep: str) -> tuple[str, str]:
    if sep == "|":
        token, _, tag = line.rpartition("|")
        return token, tag
    if sep == "\t" and "\t" not in line:
        m = _GLUED_TAG.match(line)  # 600K: a few lines lost their TAB («شدO»)
        return (m.group(1), m.group(2)) if m else (line, "O")
    parts = line.split(sep)
    return parts[0], parts[-1]


def _map_tag(tag: str, corpus: str) -> str | None:
    """The khabar tag for a corpus tag; None marks a tag that cannot be mapped (the sentence is dropped)."""
    tag = tag.strip()
    if tag == "O" or len(tag) < 3 or tag[1] not in "-_" or tag[0] not in "BI":
        return "O"
    label = TAG_MAPS[corpus].get(tag[2:], "O")
    return None if label is None else f"{tag[0]}-{label}"


def read_conll(path: Path, sep: str, corpus: str) -> Iterator[Sentence]:
    """Sentences of one file (blank-line separated `token<sep>tag`), unmappable ones skipped."""
    tokens: list[str] = []
    tags: list[str | None] = []
    for raw in path.open(encoding="utf-8-sig"):
        line = raw.rstrip("\r\n")
        if not line.strip():
            if tokens and None not in tags:
                yield Sentence(tokens, tags, corpus)  # type: ignore[arg-type]
            tokens, tags = [], []
            continue
        token, tag = _split_line(line, sep)
        if token.strip():
            tokens.append(token.strip())
            tags.append(_map_tag(tag, corpus))
    if tokens and None not in tags:
        yield Sentence(tokens, tags, corpus)  # type: ignore[arg-type]


def peyma(split: str) -> list[Sentence]:
    """PEYMA as re-split by overfit-ir: 'train', 'dev' or 'test'."""
    return list(read_conll(PEYMA / "split_overfit-ir" / f"{split}.txt", "|", "peyma"))


def peyma_600k() -> list[Sentence]:
    """The NSURL-2019 extra news documents (file order fixed by name)."""
    folder = PEYMA / "Farsi-NER-TrainingDataFixed" / "600K"
    return [s for f in sorted(folder.iterdir()) for s in read_conll(f, "\t", "peyma")]


def arman(part: str, fold_no: int = 1) -> list[Sentence]:
    """Arman fold `fold_no`: part 'train' or 'test'."""
    return list(read_conll(ARMAN / f"{part}_fold{fold_no}.txt", " ", "arman"))


def parsner(kind: str) -> list[Sentence]:
    """ParsNER 'news' or 'wiki', train and test files together (neither is one of our evaluation sets)."""
    ext = "col" if kind == "news" else "pos"
    return [
        s for part in ("train", "test") for s in read_conll(PARSNER / kind / f"{part}_{kind}.{ext}", "\t", "parsner")
    ]


def without(sentences: Iterable[Sentence], held_out: Iterable[Sentence]) -> list[Sentence]:
    """`sentences` minus any sentence whose text also appears in `held_out`."""
    keys = {s.key() for s in held_out}
    return [s for s in sentences if s.key() not in keys]


class _RawToText:
    """Maps raw offsets to repaired-text offsets through a document's edits (the inverse of Document.to_raw)."""

    def __init__(self, edits: list[Edit]) -> None:
        self.edits = edits
        self.ends = [e.end for e in edits]
        self.delta_before: list[int] = []
        delta = 0
        for e in edits:
            self.delta_before.append(delta)
            delta += len(e.text) - (e.end - e.start)
        self.total = delta

    def point(self, pos: int, is_end: bool) -> int:
        k = bisect_right(self.ends, pos - 1 if is_end else pos)
        if k == len(self.edits):
            return pos + self.total
        e, d = self.edits[k], self.delta_before[k]
        if e.start < pos or (not is_end and e.start == pos and e.end > pos):
            return e.start + d + (len(e.text) if is_end else 0)
        return pos + d


def khabar_tokenise(sentences: list[Sentence], chunk: int = 200) -> Iterator[Sentence]:
    """The sentences as khabar sees them: joined into text, repaired, segmented, and the gold spans projected.

    Each corpus sentence is a paragraph; khabar's own sentence split decides the sequences. A token takes the
    label of the gold entity that covers most of its characters.
    """
    repairer, segmenter = Repairer(), Segmenter()
    for k in range(0, len(sentences), chunk):
        group = sentences[k : k + chunk]
        raw, spans = as_raw_text(group)
        doc = segmenter(repairer(Document.from_text(raw)))
        mapping = _RawToText(doc.edits)
        owner = [-1] * len(doc.text)
        labels = []
        for n, (s, e, label) in enumerate(spans):
            for c in range(mapping.point(s, False), mapping.point(e, True)):
                owner[c] = n
            labels.append(label)
        for sent in doc.sentences:
            yield _labelled(sent.tokens, owner, labels, group[0].corpus)


def as_raw_text(group: list[Sentence]) -> tuple[str, list[tuple[int, int, str]]]:
    parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for sent in group:
        starts = []
        for tok in sent.tokens:
            starts.append(pos)
            pos += len(tok) + 1
        for a, b, label in entity_spans(sent.tags):
            spans.append((starts[a], starts[b - 1] + len(sent.tokens[b - 1]), label))
        parts.append(" ".join(sent.tokens))
        pos += 1  # the second newline between paragraphs
    return "\n\n".join(parts), spans


def _labelled(tokens: list, owner: list[int], labels: list[str], corpus: str) -> Sentence:
    texts, tags = [], []
    previous = -1
    for tok in tokens:
        votes = owner[tok.start : tok.end]
        best = max(set(votes), key=votes.count) if votes else -1
        if best < 0:
            tags.append("O")
        else:
            tags.append(("I-" if best == previous else "B-") + labels[best])
        previous = best
        texts.append(tok.text)
    return Sentence(texts, tags, corpus)
