"""Build khabar/data/lexicons/ner_clusters.tsv: distributional word clusters for the NER tagger's features.

A word seen once in the annotated data still shares a cluster with many words that were annotated, so clusters
carry what the tagger learned to unseen names. Method: left/right-neighbour counts over raw text, PPMI, SVD to
100 dimensions, spherical k-means at three granularities (the functions of train_pos.py's clustering, here with
float32 and a larger text). Deterministic.

Text (../shared/data): PerDT and Seraji raw *train* text, the Fars/Varzesh3 news, and the tokens of the NER
training corpora (no labels used); every sentence of PEYMA dev/test and Arman test_fold1 is removed first.

    .venv/bin/python train/build_ner_clusters.py
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import glob
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_gazetteers
import ner_corpora as nc

from khabar.extract.gazetteers import fold

OUT = nc.REPO / "khabar" / "data" / "lexicons" / "ner_clusters.tsv"
KS = (64, 256, 1024)
MIN_COUNT = 3
N_CONTEXT = 800
DIM = 100
_TOKEN = re.compile("[\\w\u200c\u0654]+|[^\\w\\s]")
RAW_TEXT = (
    "ud_persian_perdt/raw_train_text_from_history/fa_dadegan-ud-train.txt",
    "ud_persian_seraji/raw_train_text_from_history/fa_seraji-ud-train.txt",
)
IPER = "iperudt_informal_treebank/iPerUDT_train.conllu"


def cluster_lines() -> Iterator[str]:
    """Raw text lines, in a fixed order: UD raw train text, iPerUDT train sentences, Fars/Varzesh3 articles."""
    for rel in RAW_TEXT:
        yield from (nc.DATA / rel).read_text(encoding="utf-8").splitlines()
    words: list[str] = []
    for line in (nc.DATA / IPER).read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) > 1 and cols[0].isdigit():
            words.append(cols[1])
        elif not line.strip() and words:
            yield " ".join(words)
            words = []
    if words:
        yield " ".join(words)
    for path in sorted(glob.glob(str(nc.DATA / "fars_varzesh3_news_json" / "*" / "*.json"))):
        for article in json.loads(Path(path).read_text(encoding="utf-8")):
            yield article.get("title") or ""
            yield article.get("abstract") or ""
            yield from article.get("paragraphs") or []


def sentences() -> Iterator[list[str]]:
    """Folded token lists: raw news text first, then the NER training sentences."""
    held_out = {s.key() for s in nc.peyma("dev") + nc.peyma("test") + nc.arman("test", 1)}
    for line in cluster_lines():
        words = [fold(t) for t in _TOKEN.findall(line)]
        if words and fold("".join(words)) not in held_out:
            yield words
    for sent in build_gazetteers.training_sentences():
        yield [fold(t) for t in sent.tokens]


def context_matrix(sents: list[list[str]]) -> tuple[list[str], np.ndarray]:
    """Vocabulary (frequent words) and their left/right neighbour counts over the N_CONTEXT commonest words."""
    counts = Counter(w for s in sents for w in s)
    vocab = sorted((w for w, c in counts.items() if c >= MIN_COUNT), key=lambda w: (-counts[w], w))
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[:N_CONTEXT])}
    mat = np.zeros((len(vocab), 2 * N_CONTEXT + 2), dtype=np.float32)
    for s in sents:
        padded = ["<s>", *s, "</s>"]
        for i in range(1, len(padded) - 1):
            row = index.get(padded[i])
            if row is not None:
                mat[row, ctx.get(padded[i - 1], N_CONTEXT)] += 1
                mat[row, N_CONTEXT + 1 + ctx.get(padded[i + 1], N_CONTEXT)] += 1
    return vocab, mat


def embed(mat: np.ndarray) -> np.ndarray:
    """PPMI (context distribution smoothed) then a rank-DIM projection, rows normalised."""
    total = mat.sum()
    rows = mat.sum(axis=1, keepdims=True)
    cols = mat.sum(axis=0, keepdims=True) ** 0.75
    cols = cols / cols.sum() * total
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(mat * total / (rows * cols))
    pmi = np.nan_to_num(np.maximum(pmi, 0.0), nan=0.0, posinf=0.0, neginf=0.0).astype(np.float32)
    vals, vecs = np.linalg.eigh((pmi.T @ pmi).astype(np.float64))
    top = vecs[:, np.argsort(-vals)[:DIM]]
    top = top * np.sign(top[np.abs(top).argmax(axis=0), range(DIM)])
    emb = pmi @ top.astype(np.float32)
    return emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-9)


def kmeans(vecs: np.ndarray, k: int, iters: int = 20) -> np.ndarray:
    """Spherical k-means seeded with the k most frequent words (deterministic)."""
    centres = vecs[:k].copy()
    labels = np.zeros(len(vecs), dtype=np.int64)
    for _ in range(iters):
        labels = np.argmax(vecs @ centres.T, axis=1)
        for j in range(k):
            members = vecs[labels == j]
            if len(members):
                c = members.sum(axis=0)
                centres[j] = c / max(float(np.linalg.norm(c)), 1e-9)
    return labels


def main() -> None:
    sents = list(sentences())
    vocab, mat = context_matrix(sents)
    print(f"{len(sents)} sentences, {sum(map(len, sents))} tokens, {len(vocab)} words", flush=True)
    vecs = embed(mat)
    labels = [kmeans(vecs, k) for k in KS]
    lines = [
        "# Built by train/build_ner_clusters.py (see its docstring for the text used); provenance in PROVENANCE.md.",
        f"# folded word<TAB>cluster ids at k = {', '.join(map(str, KS))}, space-separated",
    ]
    lines += [f"{w}\t{' '.join(str(int(lab[i])) for lab in labels)}" for i, w in enumerate(vocab)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(vocab)} words)")


if __name__ == "__main__":
    main()
