"""Whole-pipeline speed: khabar's default pipeline against hazm's (normalise, sentences, words, lemmas).

    .venv/bin/python bench/bench_pipeline.py [--limit N] [--repeat 3]

Both run through bench_repair.py's runner (one core, only the per-article calls timed, fastest of the passes)
on the same input: the held-out Fars dev articles as clean text, one article per call. hazm runs in its own
throwaway venv (bench/out/venvs/hazm). Reports MB/s of CPU time, khabar's stage list and the ratio to hazm.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_repair import System, fastest_pass, python_for, run_system  # noqa: E402
from bench.repair_eval import dev_sets  # noqa: E402

KHABAR = System(
    "khabar", "khabar", (),
    "import khabar\nnlp = khabar.load()\nnormalise = lambda text: len(nlp(text).tokens)",
)
HAZM = System(
    "hazm", "hazm", ("hazm==0.10.0",),
    "from hazm import Lemmatizer, Normalizer, sent_tokenize, word_tokenize\n"
    "normalizer, lemmatizer = Normalizer(), Lemmatizer()\n"
    "normalise = lambda text: sum(len([lemmatizer.lemmatize(w) for w in word_tokenize(s)])"
    " for s in sent_tokenize(normalizer.normalize(text)))",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="articles")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes; the fastest counts")
    args = parser.parse_args()
    texts = dev_sets(args.limit)["fars-dev"]
    size = sum(len(t.encode()) for t in texts)
    from khabar.pipeline import DEFAULT_STAGES

    rates = {}
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "texts.json"
        inputs.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        for system in (KHABAR, HAZM):
            result = run_system(system, python_for(system, fresh=False), inputs, args.repeat, Path(tmp))
            rates[system.name] = size / fastest_pass(result, list(range(len(texts))), "cpu") / 1e6
    stages = ", ".join(DEFAULT_STAGES)
    print(f"Input: {len(texts)} held-out Fars articles, {size / 1e6:.3f} MB; khabar stages: {stages}")
    print("\n| system | MB/s (CPU, one core) | × hazm |\n|---|---|---|")
    for name, rate in rates.items():
        print(f"| {name} | {rate:.3f} | {rate / rates['hazm']:.2f} |")


if __name__ == "__main__":
    main()
