"""The CRF model reader: the weights read from the file are crfsuite's own, and a damaged file is a clear error."""

from __future__ import annotations

from pathlib import Path

import pycrfsuite
import pytest

from khabar.analyse.crf import CrfWeights, read_model
from khabar.errors import ModelError

MODELS = Path(__file__).resolve().parents[2] / "khabar" / "data" / "models"


@pytest.mark.parametrize("name", ["pos.crfsuite", "lemma.crfsuite", "ner.crfsuite"])
def test_crf_reader_matches_crfsuite_info(name: str) -> None:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODELS / name))
    info = tagger.info()
    labels, transitions, state = read_model(MODELS / name)
    assert set(labels) == set(info.labels)
    # info() parses crfsuite's text dump, which rounds weights to six decimals; the file has them in full
    assert {(a, b): w for a, b, w in transitions} == pytest.approx(info.transitions, abs=1e-6)
    assert {(a, b): w for a, b, w in state} == pytest.approx(info.state_features, abs=1e-6)


def test_crf_weights_score_a_sentence_as_crfsuite_does() -> None:
    """Viterbi over the read weights picks crfsuite's own labels for a sentence's attribute lists."""
    weights = CrfWeights(MODELS / "pos.crfsuite")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODELS / "pos.crfsuite"))
    xseq = [["b", "w=او", "BOS"], ["b", "w=گفت"], ["b", "w=."]]
    into = weights.into
    totals = list(weights.vector(xseq[0]))
    back = []
    for attrs in xseq[1:]:
        emit = weights.vector(attrs)
        step = [max(range(len(totals)), key=lambda p: totals[p] + into[k][p]) for k in range(len(totals))]
        totals = [totals[p] + into[k][p] + emit[k] for k, p in enumerate(step)]
        back.append(step)
    best = [max(range(len(totals)), key=totals.__getitem__)]
    for step in reversed(back):
        best.append(step[best[-1]])
    assert [weights.labels[k] for k in reversed(best)] == tagger.tag(xseq)


def test_crf_reader_names_a_damaged_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.crfsuite"
    broken.write_bytes((MODELS / "pos.crfsuite").read_bytes()[:1000])
    with pytest.raises(ModelError, match=r"broken\.crfsuite"):
        read_model(broken)
    text = tmp_path / "text.crfsuite"
    text.write_text("not a model", encoding="utf-8")
    with pytest.raises(ModelError, match="not a crfsuite"):
        read_model(text)
