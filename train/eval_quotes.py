"""Score who-said-what against hand annotations, with the shared scorer, on all files and on a held-out part.

    python -m train.eval_quotes [GOLD_DIR] [--out DIR] [--damage pdf|web] [--scorer PATH] [--json]

GOLD_DIR (default ../shared/gold/quotes-dev) holds NAME.json annotations and input/NAME.txt articles. Every
article goes through the default pipeline and its document JSON (what `khabar process --json` prints) is written
to OUT/NAME.json; then ../shared/eval/score_quotes.py scores three sets: all files, the tuning part and the
held-out part. The split is fixed by sorted name: every third file (positions 2, 5, 8, ...) is held out, so rules
are tuned on the other two thirds and checked on articles they were not written from.

With --damage, each article is first damaged by ../shared/eval/corrupt.py (seed 0) the way PDF extraction or
copy-paste damages text, so the score includes what repair cannot undo (the scorer ignores spacing).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from khabar.pipeline import load

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
METRICS = ("quotes", "attribution")


def held_out(names: list[str]) -> set[str]:
    """The held-out names: every third one in sorted order."""
    return {n for i, n in enumerate(sorted(names)) if i % 3 == 2}


def run_pipeline(gold_dir: Path, out_dir: Path, damage: str | None = None) -> list[str]:
    """Write OUT/NAME.json for every annotated article (damaged first with `damage`); the names processed."""
    pipeline = load()
    out_dir.mkdir(parents=True, exist_ok=True)
    names = sorted(p.stem for p in gold_dir.glob("*.json"))
    for name in names:
        text = (gold_dir / "input" / f"{name}.txt").read_text(encoding="utf-8")
        if damage is not None:
            text = corrupt(text, damage)
        doc = pipeline(text, id=name)
        (out_dir / f"{name}.json").write_text(json.dumps(doc.to_dict(), ensure_ascii=False), encoding="utf-8")
    return names


def corrupt(text: str, mode: str) -> str:
    """`text` damaged by the shared corrupt.py in `mode` (pdf or web), seed 0."""
    script = SHARED / "eval" / "corrupt.py"
    return subprocess.run(
        [sys.executable, str(script), mode, "0"], input=text, capture_output=True, text=True, check=True
    ).stdout


def score(scorer: Path, gold_dir: Path, out_dir: Path, names: list[str]) -> dict[str, object]:
    """Run the shared scorer on the annotations of `names` only (linked into a temporary folder)."""
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            (Path(tmp) / f"{name}.json").symlink_to((gold_dir / f"{name}.json").resolve())
        result = subprocess.run(
            [sys.executable, str(scorer), tmp, str(out_dir)], capture_output=True, text=True, check=True
        )
    return json.loads(result.stdout)


def table(rows: dict[str, dict[str, object]]) -> str:
    """A plain-text table: one row per file set, F1 (P/R) per metric and the accuracies."""
    head = (
        f"{'set':<10} {'files':>5} {'gold':>5}  {'quote F1 (P/R)':<20} {'attrib F1 (P/R)':<20} spk   kind  pub   cited"
    )
    lines = [head, "-" * len(head)]
    for label, r in rows.items():
        cells = [f"{r[m]['f1']:.3f} ({r[m]['p']:.2f}/{r[m]['r']:.2f})" for m in METRICS]  # type: ignore[index]
        pub = "-" if r["publisher_accuracy"] is None else f"{r['publisher_accuracy']:.2f}"
        cited = "-" if r["cited_recall"] is None else f"{r['cited_recall']:.2f}"
        lines.append(
            f"{label:<10} {r['files']:>5} {r['gold_quotes']:>5}  {cells[0]:<20} {cells[1]:<20} "
            f"{r['speaker_accuracy']:.2f}  {r['kind_accuracy']:.2f}  {pub:<5} {cited}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=SHARED / "gold" / "quotes-dev")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "khabar-quotes-eval")
    parser.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score_quotes.py")
    parser.add_argument("--damage", choices=["pdf", "web"], help="damage each article first (shared corrupt.py)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON instead of a table")
    args = parser.parse_args(argv)
    names = run_pipeline(args.gold, args.out, args.damage)
    held = held_out(names)
    sets = {"all": names, "tune": [n for n in names if n not in held], "held-out": sorted(held)}
    rows = {
        label: {**score(args.scorer, args.gold, args.out, part), "files": len(part)} for label, part in sets.items()
    }
    print(json.dumps(rows) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
