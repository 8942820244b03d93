"""Whole-pipeline speed: khabar's default pipeline against hazm's (normalise, sentences, words, lemmas).

    .venv/bin/python bench/bench_pipeline.py [--limit N] [--repeat 3] [--stages repair,segment,analyse]

Both run through bench_repair.py's runner (one core, only the per-article calls timed, fastest of the runs)
on the same input: the held-out Fars dev articles as clean text, one article per call, each seen once per
process after `--warmup` Fars training articles (so word caches hold what a long run holds, not the timed text).
hazm runs in its own throwaway venv (bench/out/venvs/hazm). Reports MB/s of CPU time, khabar's stage list and
the ratio to hazm.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_repair import System, fastest_pass, python_for, run_system, warmup_texts  # noqa: E402
from bench.repair_eval import dev_sets  # noqa: E402


def khabar_system(stages: list[str]) -> System:
    """khabar's pipeline with `stages` (its default stages when empty), counted like hazm's: tokens out."""
    load = f"khabar.load({stages!r})" if stages else "khabar.load()"
    code = f"import khabar\nnlp = {load}\nnormalise = lambda text: len(nlp(text).tokens)"
    return System("khabar", "khabar", (), code)

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
    parser.add_argument("--repeat", type=int, default=3, help="timed runs, each a fresh process; the fastest counts")
    parser.add_argument("--warmup", type=int, default=500, help="Fars training articles each run processes first")
    parser.add_argument("--stages", default="", help="khabar's stages, comma-separated (default: all default stages)")
    args = parser.parse_args()
    texts = dev_sets(args.limit)["fars-dev"]
    size = sum(len(t.encode()) for t in texts)
    from khabar.pipeline import DEFAULT_STAGES

    stages = [s for s in args.stages.split(",") if s]
    rates = {}
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "texts.json"
        inputs.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        warmup = Path(tmp) / "warmup.json"
        warmup.write_text(json.dumps(warmup_texts(args.warmup, None), ensure_ascii=False), encoding="utf-8")
        for system in (khabar_system(stages), HAZM):
            result = run_system(system, python_for(system, fresh=False), inputs, warmup, args.repeat, Path(tmp))
            rates[system.name] = size / fastest_pass(result, list(range(len(texts))), "cpu") / 1e6
    names = ", ".join(stages or DEFAULT_STAGES)
    print(f"Input: {len(texts)} held-out Fars articles, {size / 1e6:.3f} MB; khabar stages: {names}")
    print("\n| system | MB/s (CPU, one core) | × hazm |\n|---|---|---|")
    for name, rate in rates.items():
        print(f"| {name} | {rate:.3f} | {rate / rates['hazm']:.2f} |")


if __name__ == "__main__":
    main()
