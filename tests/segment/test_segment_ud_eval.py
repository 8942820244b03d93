"""The UD evaluator (train/eval_ud.py): raw text like the shared task, character alignment, and a dev-set floor."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from khabar.document import Document, Sentence
from khabar.segment import Segmenter

REPO = Path(__file__).resolve().parents[2]
CONLLU = """# sent_id = 1
# text = کتابش را خواند.
1-2\tکتابش\t_\t_\t_\t_\t_\t_\t_\t_
1\tکتاب\tکتاب\tNOUN\t_\t_\t_\t_\t_\t_
2\tش\tاو\tPRON\t_\t_\t_\t_\t_\t_
3\tرا\tرا\tADP\t_\t_\t_\t_\t_\t_
4\tخواند\tخواند\tVERB\t_\t_\t_\t_\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t_\t_\t_\t_\t_\t_

# sent_id = 2
# text = تیتر دوم
1\tتیتر\tتیتر\tNOUN\t_\t_\t_\t_\t_\t_
2\tدوم\tدوم\tADJ\t_\t_\t_\t_\t_\t_

"""


def load_eval():
    spec = importlib.util.spec_from_file_location("eval_ud", REPO / "train" / "eval_ud.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_ud"] = module
    spec.loader.exec_module(module)
    return module


E = load_eval()


def test_segment_ud_eval_wraps_like_conllu_to_text() -> None:
    line = " ".join(["کلمه"] * 40)
    wrapped = E.wrap_lines(line)
    assert wrapped.replace("\n", " ") == line
    assert all(len(part) <= E.WRAP for part in wrapped.split("\n"))
    assert E.wrap_lines("کوتاه است") == "کوتاه است"


def test_segment_ud_eval_perfect_and_broken(tmp_path: Path) -> None:
    path = tmp_path / "tiny.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    sentences = E.read_gold(path)
    assert [s.text for s in sentences] == ["کتابش را خواند.", "تیتر دوم"]
    text, offsets = E.raw_text(sentences)
    assert text == "کتابش را خواند. تیتر دوم\n" and offsets == [0, 16]
    nonspace = E.NonSpace(text)
    gold = E.gold_segmentation(sentences, offsets, nonspace)
    assert gold.sentences == [(0, 13), (13, 20)]
    assert [w.form for w in gold.words] == ["کتاب", "ش", "را", "خواند", ".", "تیتر", "دوم"]
    perfect = E.score(gold, gold)
    assert all(perfect[m]["f1"] == 1.0 for m in ("tokens", "words", "sentences", "upos", "lemma"))

    doc = Document.from_text(text)  # a system that splits no clitic and finds no sentence end
    doc.paragraphs = [doc.span(0, len(text) - 1)]
    Segmenter(split_clitics=False)(doc)
    doc.sentences = [Sentence(doc, 0, len(text) - 1, 0, len(doc.tokens))]
    broken = E.score(gold, E.system_segmentation(doc, nonspace))
    assert broken["tokens"]["f1"] == 1.0
    assert broken["words"]["recall"] == pytest.approx(5 / 7)
    assert broken["words"]["precision"] == pytest.approx(5 / 6)
    assert broken["sentences"]["f1"] == 0.0


def test_segment_ud_eval_tolerates_changed_characters() -> None:
    gold_words = [E.Word(0, 4, "کتاب", True), E.Word(0, 4, "ش", True)]
    system_words = [E.Word(0, 4, "کتاب", True), E.Word(0, 4, "ش", True)]
    assert len(E.align_words(gold_words, system_words)) == 2
    shifted = [E.Word(0, 5, "کتابش")]
    assert E.align_words(gold_words, shifted) == []


def words_from(tokens: list[str]) -> list:
    """Evaluator words from the CoNLL 2018 test notation: "abc a b c" is token abc split into words a, b, c."""
    words, pos = [], 0
    for token in tokens:
        surface, *parts = token.split(" ")
        span = (pos, pos + len(surface))
        if parts:
            words.extend(E.Word(*span, part, True) for part in parts)
        else:
            words.append(E.Word(*span, surface))
        pos = span[1]
    return words


@pytest.mark.parametrize(
    ("gold", "system", "aligned"),
    [  # the expected counts are those of the shared task's own evaluator tests (conll18_ud_eval.py)
        (["abc a b c"], ["a", "b", "c"], 3),
        (["a", "bc b c", "d"], ["a", "b", "c", "d"], 4),
        (["abcd a b c d"], ["ab a b", "cd c d"], 4),
        (["abc a b c", "de d e"], ["a", "bcd b c d", "e"], 5),
        (["abcd"], ["a", "b", "c", "d"], 0),
        (["abc", "d"], ["a", "b", "c", "d"], 1),
        (["a", "bc", "d"], ["a", "b", "c", "d"], 2),
        (["a", "bc b c", "d"], ["a", "b", "cd"], 2),
        (["abc a BX c", "def d EX f"], ["ab a b", "cd c d", "ef e f"], 4),
        (["ab a b", "cd bc d"], ["a", "bc", "d"], 2),
        (["a", "bc b c", "d"], ["ab AX BX", "cd CX a"], 1),
    ],
)
def test_segment_ud_eval_aligns_like_conll18(gold: list[str], system: list[str], aligned: int) -> None:
    assert len(E.align_words(words_from(gold), words_from(system))) == aligned


@pytest.mark.data
def test_segment_ud_eval_dev_floor(shared_data: Path) -> None:
    """First 300 sentences of each dev file, segment stage alone: floors well under the measured dev scores."""
    pipeline = E.build_pipeline(["segment"])
    floors = {"tokens": 0.99, "words": 0.99, "sentences": 0.97}
    for treebank, name in (
        ("ud_persian_perdt", "fa_perdt-ud-dev.conllu"),
        ("ud_persian_seraji", "fa_seraji-ud-dev.conllu"),
    ):
        result = E.evaluate(shared_data / treebank / name, pipeline, limit=300)
        for metric, floor in floors.items():
            assert result[metric]["f1"] >= floor, (name, metric, result[metric])
