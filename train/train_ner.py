"""Train khabar's NER model (a linear-chain CRF, python-crfsuite) and write it with its card.

    .venv/bin/python train/train_ner.py            # final model: khabar/data/models/ner.crfsuite + ner.md
    .venv/bin/python train/train_ner.py --select   # selection run: hold out dev sets, print dev scores only

Training data (from ../shared/data; label mapping in ner_corpora.py): PEYMA split_overfit-ir train (+ dev in the
final run), the NSURL-2019 600K part, Arman train_fold1 (a tenth held out as dev in a selection run), ParsNER news
and wiki. Every sentence whose text also appears in PEYMA dev/test or Arman test_fold1 is removed first.

Each sentence goes through khabar's own repair and segment stages (ner_corpora.khabar_tokenise), so the model
learns from the text and tokens it will see at run time. Deterministic: fixed data order, no sampling, crfsuite's
L-BFGS is deterministic. Single-threaded (crfsuite is).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pycrfsuite

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ner_corpora as nc
import ner_score

from khabar.extract.ner_features import FeatureExtractor

MODELS = nc.REPO / "khabar" / "data" / "models"
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 100, "feature.minfreq": 1, "feature.possible_states": False}
HELPER_PARAMS = {**PARAMS, "max_iterations": 50}


def arman_dev_split(sentences: list[nc.Sentence]) -> tuple[list[nc.Sentence], list[nc.Sentence]]:
    """Every tenth sentence of Arman train_fold1 is its dev set (for selection runs only)."""
    dev = [s for i, s in enumerate(sentences) if i % 10 == 9]
    return [s for i, s in enumerate(sentences) if i % 10 != 9], dev


def datasets(select: bool) -> tuple[list[nc.Sentence], dict[str, list[nc.Sentence]]]:
    """The training pool and the sets to score after training (dev sets in a selection run, else none)."""
    arman_train, arman_dev = arman_dev_split(nc.arman("train", 1))
    peyma_train = nc.peyma("train") if select else nc.peyma("train") + nc.peyma("dev")
    if not select:
        arman_train = arman_train + arman_dev
    held_out = nc.peyma("dev") + nc.peyma("test") + nc.arman("test", 1) + (arman_dev if select else [])
    extra = nc.without(nc.peyma_600k() + nc.parsner("news") + nc.parsner("wiki"), held_out)
    pool = nc.without(peyma_train, nc.peyma("test")) + nc.without(arman_train, nc.arman("test", 1)) + extra
    dev = {"peyma-dev": nc.peyma("dev"), "arman-dev": arman_dev} if select else {}
    return pool, dev


def train(sequences: list[nc.Sentence], model: Path, params: dict) -> int:
    """Fit the CRF on khabar-tokenised sequences and save it; returns the token count."""
    extractor = FeatureExtractor()
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(params)
    tokens = 0
    for sent in sequences:
        if sent.tokens:
            trainer.append(extractor.sentence(sent.tokens), sent.tags)
            tokens += len(sent.tokens)
    print(f"training {model.name} on {tokens} tokens", flush=True)
    trainer.train(str(model))
    return tokens


def complete_labels(sequences: list[nc.Sentence], helpers: dict[str, Path]) -> int:
    """Fill in the labels a corpus does not annotate, from a helper model trained on a corpus that does.

    Arman has no DATE/TIME/MONEY/PERCENT and PEYMA no FAC/EVENT/PRODUCT: left as they are, each would teach
    the joint model that the other's entities are O. A helper's entity is added only where the gold says O on
    every token of it. Returns the number of entities added.
    """
    extractor = FeatureExtractor()
    taggers = {}
    for corpus, path in helpers.items():
        taggers[corpus] = pycrfsuite.Tagger()
        taggers[corpus].open(str(path))
    added = 0
    for sent in sequences:
        for corpus, tagger in taggers.items():
            missing = nc.CORPUS_LABELS[corpus] - nc.CORPUS_LABELS[sent.corpus]
            if not missing or not sent.tokens:
                continue
            for a, b, label in nc.entity_spans(tagger.tag(extractor.sentence(sent.tokens))):
                if label in missing and all(t == "O" for t in sent.tags[a:b]):
                    sent.tags[a:b] = [f"B-{label}"] + [f"I-{label}"] * (b - a - 1)
                    added += 1
    return added


def build(pool: list[nc.Sentence], model: Path, params: dict, helper_params: dict) -> tuple[int, int]:
    """Tokenise the pool, complete its labels with two helper models, and train the joint model.

    Returns the number of training tokens and of entities the helpers added.
    """
    sequences = list(nc.khabar_tokenise(pool))
    helpers = {}
    for corpus in ("peyma", "arman"):
        helpers[corpus] = model.with_name(f"{model.stem}-helper-{corpus}.crfsuite")
        train([s for s in sequences if s.corpus == corpus], helpers[corpus], helper_params)
    added = complete_labels(sequences, helpers)
    print(f"label completion added {added} entities", flush=True)
    for path in helpers.values():
        path.unlink()
    return train(sequences, model, params), added


def score_sets(model: Path, sets: dict[str, list[nc.Sentence]]) -> dict[str, dict]:
    """Exact-span scores of the model on each set, khabar-tokenised like training."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    extractor = FeatureExtractor()
    results = {}
    for name, sentences in sets.items():
        gold, pred = [], []
        for sent in nc.khabar_tokenise(sentences):
            gold.append(sent.tags)
            pred.append(tagger.tag(extractor.sentence(sent.tokens)) if sent.tokens else [])
        corpus = "peyma" if name.startswith("peyma") else "arman"
        results[name] = ner_score.score(gold, pred, nc.CORPUS_LABELS[corpus])
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--select", action="store_true", help="hold out dev sets and print dev scores")
    parser.add_argument("--out", type=Path, default=None, help="model path (default: the shipped model)")
    parser.add_argument("--set", nargs="*", default=[], metavar="KEY=VALUE", help="override a crfsuite parameter")
    args = parser.parse_args()
    params = dict(PARAMS)
    for kv in args.set:
        key, _, value = kv.partition("=")
        params[key] = type(params[key])(value) if key in params else value
    model = args.out or (Path("/tmp/ner-select.crfsuite") if args.select else MODELS / "ner.crfsuite")
    pool, dev = datasets(args.select)
    started = time.time()
    tokens, added = build(pool, model, params, HELPER_PARAMS)
    minutes = (time.time() - started) / 60
    print(f"trained in {minutes:.1f} min; model {model.stat().st_size / 1e6:.1f} MB", flush=True)
    for name, result in score_sets(model, dev).items():
        print(name, ner_score.format_table(result))
    if not args.select:
        write_card(model, params, tokens, added, minutes)


def write_card(model: Path, params: dict, tokens: int, added: int, minutes: float) -> None:
    """ner.md: sources, label mapping, command and parameters; eval_ner.py fills in the scores section."""
    card = MODELS / "ner.md"
    scores = ""
    if card.exists():
        text = card.read_text(encoding="utf-8")
        if ner_score.SCORES_START in text:
            scores = text[text.index(ner_score.SCORES_START) :]
    body = CARD.format(
        size=model.stat().st_size / 1e6,
        tokens=tokens,
        added=added,
        minutes=minutes,
        params=", ".join(f"{k}={v}" for k, v in params.items()),
        mapping=nc.__doc__.split("Label mapping:", 1)[1].split("\n\n", 1)[0].strip(),
    )
    card.write_text(body + "\n" + (scores or ner_score.SCORES_START + "\n(run train/eval_ner.py)\n"), encoding="utf-8")


CARD = """# ner.crfsuite — named-entity tagger

A linear-chain CRF (python-crfsuite) over khabar tokens, IOB tags for PER, ORG, LOC, FAC, EVENT, PRODUCT,
DATE, TIME, MONEY, PERCENT. Loaded by khabar.extract.entities; features in khabar.extract.ner_features.

- File: {size:.1f} MB; trained on {tokens} tokens in {minutes:.1f} min (one core).
- Commands (in order): `.venv/bin/python train/build_gazetteers.py`, `.venv/bin/python train/build_ner_clusters.py`,
  `.venv/bin/python train/train_ner.py`, then `.venv/bin/python train/eval_ner.py --write-card`.
- Parameters: {params}

## Sources (../shared/data)
- PEYMA, overfit-ir split (`peyma_nsurl2019_ner/split_overfit-ir`): train + dev. Research use.
- NSURL-2019 extra news (`peyma_nsurl2019_ner/Farsi-NER-TrainingDataFixed/600K`), minus every sentence that
  also appears in the PEYMA dev or test split. Research use.
- ArmanPersoNERCorpus `train_fold1` (`arman_personer`), minus sentences also in `test_fold1`. Academic use only.
- ParsNER news and wiki (`parsner_repo_ner_corpora/{{news,wiki}}`, train and test files), minus sentences in
  any evaluation set, and minus sentences with a MISC tag. Licence not stated.
- Gazetteers and word tables (khabar/data/lexicons/{{titles,offices,outlets,places}}.txt, ner_words.tsv,
  ner_clusters.tsv): see PROVENANCE.md there.

Every training sentence is repaired with khabar.repair and tokenised with khabar.segment; gold spans are
projected onto those tokens by character offsets.

## Label mapping
{mapping}

A corpus says nothing about the labels it does not annotate (Arman has no dates, PEYMA no FAC/EVENT/PRODUCT).
Before the joint model is trained, two helper CRFs (one on the PEYMA-labelled data, one on Arman) tag the other
corpora, and a helper's DATE/TIME/MONEY/PERCENT (on Arman and ParsNER) or FAC/EVENT/PRODUCT (on PEYMA and
ParsNER) entity is added where the gold says O on all its tokens ({added} entities added). Scores on a corpus
count only the labels it annotates.

## Selection (dev sets: PEYMA dev, every tenth sentence of Arman train_fold1; `--select`)
Entity F1, exact span. The shipped configuration is the joint one with clusters and label completion: the
PEYMA-only models score 1.5 points higher on PEYMA dev but 10 lower on Arman dev.
Known weakness: khabar's tokenizer splits «2,292» into three tokens, and such amounts (one currency table in
PEYMA dev) are often missed as MONEY.

| run | PEYMA dev, micro PER/ORG/LOC | Arman dev, micro all six |
|---|---|---|
| joint, no clusters, no completion, c1=0.05 | 75.83 | 71.96 |
| PEYMA + 600K only, no clusters, c1=0.05 | 76.58 | 61.24 |
| PEYMA + 600K only, clusters, c1=0.05 | 78.33 | 61.96 |
| PEYMA + 600K only, clusters, c1=0.01 | 77.72 | 61.93 |
| **joint, clusters, completion, c1=0.05 (shipped)** | **76.81** | **71.91** |
| joint, clusters, completion, c1=0.15 | 76.17 | 73.59 |
| joint, clusters, completion, c1=0.05, + UPOS of the word and its neighbours (analyse stage) | 76.62 | 72.65 |
"""


if __name__ == "__main__":
    main()
