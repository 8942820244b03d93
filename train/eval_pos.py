"""Score the analyse stage on gold tokens: UPOS, lemma and FEATS accuracy for CoNLL-U files.

    .venv/bin/python train/eval_pos.py                         # PerDT test and Seraji test, as in the card
    .venv/bin/python train/eval_pos.py FILE.conllu --convention seraji

The tagger gets each sentence's gold syntactic words (multi-word tokens already split), so this measures
tagging and lemmatisation alone (for PerDT also with the entities stage's PROPN correction, which the default
pipeline applies); end-to-end scores from raw text come from train/eval_ud.py. Lemma accuracy is
exact string match with the treebank lemma; FEATS accuracy is exact match of the whole FEATS string.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from khabar.analyse import Analysis, load_analysis  # noqa: E402
from khabar.analyse.conllu import Sentence, read_conllu  # noqa: E402
from khabar.extract.entities import EntityRecognizer, mark_proper_nouns  # noqa: E402

SHARED = Path(os.environ.get("KHABAR_SHARED", REPO.parent / "shared")) / "data"
DEFAULT_FILES = (
    ("PerDT test", SHARED / "ud_persian_perdt" / "fa_perdt-ud-test.conllu", "perdt"),
    ("Seraji test", SHARED / "ud_persian_seraji" / "fa_seraji-ud-test.conllu", "seraji"),
)


@dataclass
class Scores:
    """Counts of correct UPOS, lemma, FEATS and all three, over `words` words."""

    words: int = 0
    upos: int = 0
    lemma: int = 0
    feats: int = 0
    all_three: int = 0
    seconds: float = 0.0

    def row(self, name: str, convention: str, with_speed: bool = True) -> str:
        def pct(n: int) -> str:
            return f"{100 * n / max(self.words, 1):.2f}"

        cells = [name, convention, str(self.words), pct(self.upos), pct(self.lemma), pct(self.feats)]
        cells.append(pct(self.all_three))
        if with_speed:
            cells.append(f"{self.words / max(self.seconds, 1e-9):,.0f}")
        return "| " + " | ".join(cells) + " |"


HEADER = "| data | convention | words | UPOS | lemma | FEATS | all three |\n|---|---|---|---|---|---|---|"


@dataclass
class Word:
    """One predicted word, in the shape the entities stage corrects."""

    upos: str | None
    lemma: str | None
    feats: str | None


def evaluate(analysis: Analysis, sentences: list[Sentence], names: EntityRecognizer | None = None) -> Scores:
    """Tag and lemmatise each sentence's gold words and count exact matches.

    With `names`, the entity tagger then corrects PROPN sentence by sentence, as the default pipeline's
    entities stage does (`mark_proper_nouns`): the tags the pipeline hands on.
    """
    scores = Scores()
    start = time.perf_counter()
    predicted = []
    for sent in sentences:
        forms = [w.form for w in sent.words]
        words = [Word(*analysed) for analysed in analysis.analyse(forms)]
        if names is not None:
            mark_proper_nouns(words, forms, names.tag(forms))
        predicted.append(words)
    scores.seconds = time.perf_counter() - start
    for sent, pred in zip(sentences, predicted):
        for w, p in zip(sent.words, pred):
            upos, lemma, feats = p.upos, p.lemma, p.feats or ""
            ok = (upos == w.upos, lemma == w.lemma, feats == w.feats)
            scores.words += 1
            scores.upos += ok[0]
            scores.lemma += ok[1]
            scores.feats += ok[2]
            scores.all_three += all(ok)
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="CoNLL-U files (default: PerDT and Seraji test)")
    parser.add_argument("--convention", default="perdt", help="perdt, seraji or iper (for FILES)")
    args = parser.parse_args(argv)
    runs = [(f.name, f, args.convention) for f in args.files] or list(DEFAULT_FILES)
    print(HEADER.replace(" |\n", " | words/s |\n", 1) + "---|")
    names = EntityRecognizer()
    for name, path, convention in runs:
        analysis = load_analysis(convention)  # loading is not timed
        sentences = list(read_conllu(path))
        print(evaluate(analysis, sentences).row(name, convention), flush=True)
        if convention == "perdt":
            print(evaluate(analysis, sentences, names).row(name + " + entities", convention), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
