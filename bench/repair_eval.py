"""Repair accuracy on held-out news with the shared protocol (../shared/eval/corrupt.py and score_repair.py).

    python bench/repair_eval.py [--limit N]

Dev sets (never used to build the half-space model, see train/corpora.py): every 10th Fars News article, and
Hamshahri + Radio Farda items (other outlets). Each article is damaged alone (pdf, web, clean), repaired alone,
and scored alone; the table sums true/false positives over articles (micro F1).
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from train.corpora import SHARED, article_paragraphs, fars_split, other_outlet_split  # noqa: E402

EVAL = SHARED / "eval"
MODES = ("pdf", "web", "clean")


def _scorer():
    spec = importlib.util.spec_from_file_location("score_repair", EVAL / "score_repair.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCORER = _scorer()


def corrupt(text: str, mode: str, seed: int) -> str:
    """Damage one article with the shared corruptor (a subprocess, exactly as the protocol runs it)."""
    result = subprocess.run(
        [sys.executable, str(EVAL / "corrupt.py"), mode, str(seed)],
        input=text, capture_output=True, text=True, check=True,
    )
    return result.stdout


def dev_sets(limit: int | None) -> dict[str, list[str]]:
    _, fars_dev = fars_split()
    fars = ["\n".join(article_paragraphs(a)) for a in fars_dev]
    others = ["\n".join(paras) for paras in other_outlet_split()[1] if len(" ".join(paras)) > 200]
    return {"fars-dev": fars[:limit], "hamshahri+farda": others[: limit or None]}


class Tally:
    """Gap-level counts summed over articles."""

    def __init__(self) -> None:
        self.counts = {label: [0, 0, 0] for label in ("ZWNJ", "PARA")}

    def add(self, gold: str, output: str) -> None:
        gl, gc = SCORER.gaps(gold)
        ol, oc = SCORER.gaps(output)
        gc, oc, _ = SCORER.align(gl, gc, ol, oc)
        for label, c in self.counts.items():
            c[0] += sum(1 for g, o in zip(gc, oc) if g == label and o == label)
            c[1] += sum(1 for g, o in zip(gc, oc) if g != label and o == label)
            c[2] += sum(1 for g, o in zip(gc, oc) if g == label and o != label)

    def f1(self, label: str) -> float:
        tp, fp, fn = self.counts[label]
        return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def evaluate(repair: Callable[[str], str], texts: list[str], mode: str) -> Tally:
    tally = Tally()
    for i, text in enumerate(texts):
        tally.add(text, repair(corrupt(text, mode, seed=i)))
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="articles per dev set")
    args = parser.parse_args()
    from khabar.repair import repair_text

    print("| dev set | mode | half-space F1 | paragraph F1 |")
    print("|---|---|---|---|")
    for name, texts in dev_sets(args.limit).items():
        for mode in MODES:
            tally = evaluate(repair_text, texts, mode)
            print(f"| {name} ({len(texts)}) | {mode} | {tally.f1('ZWNJ'):.4f} | {tally.f1('PARA'):.4f} |", flush=True)


if __name__ == "__main__":
    main()
