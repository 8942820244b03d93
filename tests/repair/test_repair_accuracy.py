"""Repair accuracy on held-out news with the shared protocol: floors well below the measured numbers, so a
regression in the half-space model or the layout fixes fails here."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from khabar.repair import repair_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench(shared_data):
    spec = importlib.util.spec_from_file_location("repair_eval", ROOT / "bench" / "repair_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.data
@pytest.mark.parametrize(("mode", "zwnj_floor", "para_floor"), [("pdf", 0.80, 0.95), ("web", 0.75, 0.99),
                                                                 ("clean", 0.94, 0.99)])
def test_repair_accuracy_on_held_out_fars(bench, mode: str, zwnj_floor: float, para_floor: float) -> None:
    texts = bench.dev_sets(30)["fars-dev"]
    tally = bench.evaluate(repair_text, texts, mode)
    assert tally.f1("ZWNJ") >= zwnj_floor
    assert tally.f1("PARA") >= para_floor
