"""Build the analyse stage's artifacts: the word table, the CRF POS model, the lemma and feats tables, the card.

    .venv/bin/python train/train_pos.py            # full build (about 10 minutes on one core)
    .venv/bin/python train/train_pos.py --select   # also score c1/c2 choices on the held-out dev parts

Data (../shared/data, read-only): UD PerDT and Seraji *dev* files and iPerUDT train (the UD train files are not
available), the hazm / Lilak / hunspell word lists, and raw text for word clusters (PerDT and Seraji raw *train*
text, iPerUDT train text, Fars/Varzesh3 news), with every line that shares a 6-gram with a PerDT or Seraji test
sentence removed. Test files are read only by train/eval_pos.py.

Every fifth sentence of each dev file (index % 5 == 4) is held out for model selection; the shipped model is
then trained on all of the dev files. The build is deterministic: fixed seeds, sorted inputs, one thread.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import glob
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pycrfsuite

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from khabar.analyse.conllu import Sentence, read_conllu  # noqa: E402
from khabar.analyse.features import WordFeaturizer, normalise, sentence_features  # noqa: E402
from khabar.analyse.lexicon import Lexicon  # noqa: E402

SHARED = Path(os.environ.get("KHABAR_SHARED", REPO.parent / "shared")) / "data"
MODELS = REPO / "khabar" / "data" / "models"
LEXICONS = REPO / "khabar" / "data" / "lexicons"

TREEBANKS = {
    "perdt": ("ud_persian_perdt/fa_perdt-ud-dev.conllu", True),
    "seraji": ("ud_persian_seraji/fa_seraji-ud-dev.conllu", True),
    "iper": ("iperudt_informal_treebank/iPerUDT_train.conllu", False),
}
TEST_RAW = (
    "ud_persian_perdt/raw_train_text_from_history/fa_dadegan-ud-test.txt",
    "ud_persian_seraji/raw_train_text_from_history/fa_seraji-ud-test.txt",
    "ud_persian_perdt/fa_perdt-ud-test.conllu",
    "ud_persian_seraji/fa_seraji-ud-test.conllu",
)
CLUSTER_TEXT = (
    "ud_persian_perdt/raw_train_text_from_history/fa_dadegan-ud-train.txt",
    "ud_persian_seraji/raw_train_text_from_history/fa_seraji-ud-train.txt",
)
_TOKEN = re.compile("[\\w\u200c\u0654]+|[^\\w\\s]")


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------- word lists


def word_list_tags() -> dict[str, set[str]]:
    """Word → the POS feature strings the hazm, Lilak and hunspell lists give it."""
    tags: dict[str, set[str]] = defaultdict(set)
    for word, pos in _hazm_words():
        tags[word].add("hz=" + pos)
        tags[word].update("h:" + p for p in pos.split(","))
    for word, pos in _lilak_words():
        tags[word].add("ll=" + pos)
    for word, flags in _hunspell_words():
        tags[word].add("hu=" + flags[:4])
    for word in _verb_forms():
        tags[word].add("vf")
    for past, present in sorted(verb_stems()):
        tags[past].add("vpast")
        tags[present].add("vpres")
    return tags


def _hazm_words() -> Iterator[tuple[str, str]]:
    for line in (SHARED / "hazm_lexicon" / "words.dat").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[2] != "0":
            yield normalise(parts[0]), parts[2]


def _lilak_words() -> Iterator[tuple[str, str]]:
    for line in (SHARED / "lilak_lexicon" / "lexicon").read_text(encoding="utf-8").splitlines():
        parts = line.split(",")
        if not line.startswith("#") and len(parts) >= 2 and parts[1]:
            yield normalise(parts[0]), parts[1]


def _hunspell_words() -> Iterator[tuple[str, str]]:
    path = SHARED / "reza1615_persian_spellchecker_wordlists" / "fa_IR.dic"
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        word, _, flags = line.partition("/")
        if flags:
            yield normalise(word), flags


def _verb_forms() -> Iterator[str]:
    path = SHARED / "reza1615_persian_spellchecker_wordlists" / "Persian Verbs List"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield normalise(line.strip())


def verb_stems() -> set[tuple[str, str]]:
    """(past stem, present stem) pairs from hazm verbs.dat, Lilak verbs.htm and the hunspell verb table."""
    pairs: set[tuple[str, str]] = set()
    for line in (SHARED / "hazm_lexicon" / "verbs.dat").read_text(encoding="utf-8").splitlines():
        past, _, present = line.partition("#")
        if past and present:
            pairs.add((normalise(past), normalise(present)))
    html = (SHARED / "lilak_lexicon" / "verbs.htm").read_text(encoding="utf-8")
    for past, present in re.findall(r"<td>\d+</td><td[^>]*>[^<]*</td><td>([^<]+)</td><td>([^<]+)</td>", html):
        pairs.add((normalise(past), normalise(present)))
    table = SHARED / "reza1615_persian_spellchecker_wordlists" / "LT" / "فعل‌ها.txt"
    for line in table.read_text(encoding="utf-8").splitlines():
        cols = [c for c in line.split("\t") if c]
        if len(cols) >= 4 and cols[0].isdigit() and not line.startswith("#"):
            past, present = normalise(cols[2]), normalise(cols[3].rstrip("v"))
            if present != "-":
                pairs.add((past, present))
    return pairs


# ------------------------------------------------------------------------------------------------ clusters


def test_ngrams(n: int = 6) -> set[str]:
    """Every 6-gram of the PerDT and Seraji test text: cluster text that shares one is dropped."""
    grams: set[str] = set()
    for rel in TEST_RAW:
        for line in (SHARED / rel).read_text(encoding="utf-8").splitlines():
            if rel.endswith(".conllu"):
                if not line.startswith("# text"):
                    continue
                line = line.split("=", 1)[1]
            toks = line.split()
            grams.update(" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1))
    return grams


def cluster_lines() -> Iterator[str]:
    """Raw text lines for clustering, in a fixed order."""
    for rel in CLUSTER_TEXT:
        yield from (SHARED / rel).read_text(encoding="utf-8").splitlines()
    for sent in read_conllu(SHARED / TREEBANKS["iper"][0]):
        yield " ".join(w.form for w in sent.words)
    for path in sorted(glob.glob(str(SHARED / "fars_varzesh3_news_json" / "*" / "*.json"))):
        for article in json.loads(Path(path).read_text(encoding="utf-8")):
            yield article.get("title") or ""
            yield article.get("abstract") or ""
            yield from article.get("paragraphs") or []


def cluster_corpus() -> list[list[str]]:
    """Normalised, tokenised cluster text without any line that overlaps the test sets."""
    banned = test_ngrams()
    out, dropped = [], 0
    for line in cluster_lines():
        toks = line.split()
        if any(" ".join(toks[i : i + 6]) in banned for i in range(len(toks) - 5)):
            dropped += 1
            continue
        words = [normalise(t) for t in _TOKEN.findall(line)]
        if words:
            out.append(words)
    log(f"cluster text: {len(out)} lines, {sum(map(len, out))} tokens, {dropped} lines dropped for test overlap")
    return out


def build_clusters(
    sents: list[list[str]], min_count: int = 3, n_context: int = 1000, dim: int = 100, ks: tuple[int, ...] = (64, 512)
) -> dict[str, list[int]]:
    """Word → cluster id at each granularity in `ks`: k-means on SVD of left/right-neighbour PPMI vectors."""
    counts = Counter(w for s in sents for w in s)
    vocab = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[:n_context])}
    mat = np.zeros((len(vocab), 2 * n_context + 2), dtype=np.float64)
    for s in sents:
        padded = ["<s>", *s, "</s>"]
        for i in range(1, len(padded) - 1):
            row = index.get(padded[i])
            if row is None:
                continue
            left, right = ctx.get(padded[i - 1], n_context), ctx.get(padded[i + 1], n_context)
            mat[row, left] += 1
            mat[row, n_context + 1 + right] += 1
    vecs = _svd(_ppmi(mat), dim)
    out: dict[str, list[int]] = {w: [] for w in vocab}
    for k in ks:
        labels = _kmeans(vecs, k)
        for w, lab in zip(vocab, labels):
            out[w].append(int(lab))
    log(f"clusters: {len(vocab)} words, k={ks}")
    return out


def _ppmi(mat: np.ndarray) -> np.ndarray:
    total = mat.sum()
    rows = mat.sum(axis=1, keepdims=True)
    cols = mat.sum(axis=0, keepdims=True) ** 0.75
    cols = cols / cols.sum() * total
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(mat * total / (rows * cols))
    return np.nan_to_num(np.maximum(pmi, 0.0), nan=0.0, posinf=0.0, neginf=0.0)


def _svd(mat: np.ndarray, dim: int) -> np.ndarray:
    gram = mat.T @ mat
    vals, vecs = np.linalg.eigh(gram)
    top = vecs[:, np.argsort(-vals)[:dim]]
    top = top * np.sign(top[np.abs(top).argmax(axis=0), range(dim)])  # fix eigenvector signs
    emb = mat @ top
    return emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-9)


def _kmeans(vecs: np.ndarray, k: int, iters: int = 25) -> np.ndarray:
    """Spherical k-means, seeded with the k most frequent words (deterministic)."""
    centres = vecs[:k].copy()
    labels = np.zeros(len(vecs), dtype=np.int64)
    for _ in range(iters):
        labels = np.argmax(vecs @ centres.T, axis=1)
        for j in range(k):
            members = vecs[labels == j]
            if len(members):
                c = members.sum(axis=0)
                centres[j] = c / max(np.linalg.norm(c), 1e-9)
    return labels


# ------------------------------------------------------------------------------------------------ word table


def build_lexicon(clusters: dict[str, list[int]]) -> Lexicon:
    """The packaged word table: word-list tags and cluster ids for every word that has either."""
    tags = word_list_tags()
    rows: dict[str, tuple[str, str]] = {}
    for word in sorted(set(tags) | set(clusters)):
        if not word or "\t" in word or " " in word:
            continue
        cl = clusters.get(word)
        cluster_field = " ".join(f"c{k}={c}" for k, c in zip(("a", "b"), cl)) if cl else ""
        rows[word] = (" ".join(sorted(tags.get(word, ()))), cluster_field)
    log(f"word table: {len(rows)} words")
    return Lexicon(rows)


# ------------------------------------------------------------------------------------------------ treebanks


def load_treebanks(holdout: bool) -> tuple[dict[str, list[Sentence]], dict[str, list[Sentence]]]:
    """(train, held-out) sentences per treebank; with `holdout`, every fifth dev sentence is held out."""
    train: dict[str, list[Sentence]] = {}
    held: dict[str, list[Sentence]] = {}
    for tb, (rel, is_dev) in TREEBANKS.items():
        sents = [clean_sentence(s, tb) for s in read_conllu(SHARED / rel)]
        if holdout and is_dev:
            train[tb] = [s for i, s in enumerate(sents) if i % 5 != 4]
            held[tb] = [s for i, s in enumerate(sents) if i % 5 == 4]
        else:
            train[tb] = sents
    return train, held


def clean_sentence(sent: Sentence, tb: str) -> Sentence:
    """Bring iPerUDT's `past#present` verb lemmas to the UD PerDT/Seraji form (the past stem)."""
    if tb == "iper":
        for w in sent.words:
            if "#" in w.lemma and w.upos in ("VERB", "AUX"):
                w.lemma = w.lemma.split("#")[0]
    return sent


def tagger_sequences(sent: Sentence) -> Iterator[tuple[list[str], list[str]]]:
    """The sentence as syntactic words and, if it has multi-word tokens, once more as written (host's tag)."""
    forms = [w.form for w in sent.words]
    labels = [w.upos for w in sent.words]
    yield forms, labels
    if sent.fused:
        fused_forms, fused_labels = [], []
        starts = {f.first: f for f in sent.fused}
        i = 0
        while i < len(forms):
            f = starts.get(i)
            if f is None:
                fused_forms.append(forms[i])
                fused_labels.append(labels[i])
                i += 1
            else:
                fused_forms.append(f.form)
                fused_labels.append(labels[i])
                i = f.last + 1
        yield fused_forms, fused_labels


# ------------------------------------------------------------------------------------------------ POS model


def featurizers(lexicon: Lexicon) -> dict[str, WordFeaturizer]:
    return {tb: WordFeaturizer(lexicon, domain=f"{tb}|") for tb in TREEBANKS}


def train_crf(
    train: dict[str, list[Sentence]], lexicon: Lexicon, path: Path, c1: float, c2: float, iters: int
) -> None:
    feats = featurizers(lexicon)
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for tb in TREEBANKS:
        for sent in train[tb]:
            for forms, labels in tagger_sequences(sent):
                trainer.append(sentence_features(feats[tb], forms), labels)
                n += len(forms)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iters, "feature.possible_transitions": True})
    log(f"training CRF on {n} tokens (c1={c1}, c2={c2}, {iters} iterations)")
    trainer.train(str(path))
    log(f"model {path.name}: {path.stat().st_size / 1e6:.2f} MB")


def score_crf(path: Path, held: dict[str, list[Sentence]], lexicon: Lexicon) -> dict[str, float]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    feats = featurizers(lexicon)
    out = {}
    for tb, sents in held.items():
        good = total = 0
        for sent in sents:
            pred = tagger.tag(sentence_features(feats[tb], [w.form for w in sent.words]))
            good += sum(p == w.upos for p, w in zip(pred, sent.words))
            total += len(sent.words)
        out[tb] = 100 * good / total
    return out
