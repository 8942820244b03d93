"""The hand-annotated dev articles, scored by the shared scorer: a floor under the numbers we report."""

from __future__ import annotations

from pathlib import Path

import pytest

from train.eval_quotes import held_out, run_pipeline, score

pytestmark = pytest.mark.data


def test_quotes_dev_scores_stay_above_the_floor(shared_dir: Path, tmp_path: Path) -> None:
    gold = shared_dir / "gold" / "quotes-dev"
    names = run_pipeline(gold, tmp_path)
    scorer = shared_dir / "eval" / "score_quotes.py"
    every = score(scorer, gold, tmp_path, names)
    held = score(scorer, gold, tmp_path, sorted(held_out(names)))
    assert every["articles_missing"] == 0
    for result in (every, held):
        assert result["quotes"]["f1"] >= 0.9
        assert result["attribution"]["f1"] >= 0.85
        assert result["speaker_accuracy"] >= 0.9
        assert result["publisher_accuracy"] >= 0.9
