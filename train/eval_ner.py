"""Score the NER model: exact-span entity F1 per label and micro, on the PEYMA test split and Arman test fold 1.

Two ways in:
- gold tokens: the corpus's own tokens (each normalised by khabar's repair, like training text) are tagged,
  sentence by sentence, and names are spread through documents of 20 sentences as the stage does;
- raw text: the sentences are joined into documents of 20 sentences, run through the pipeline (repair, segment,
  analyse when registered, entities), and the predicted entities are mapped back to raw character offsets
  and compared with the gold entities' raw character spans.

Only the labels a corpus annotates are scored on it (see ner_score.py). Also prints the model's load time and
the pipeline's throughput with and without the entities stage.

    .venv/bin/python train/eval_ner.py [--model PATH] [--write-card]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ner_corpora as nc
import ner_score

from khabar.document import Document
from khabar.extract.entities import EntityRecognizer, spread_names, token_spans
from khabar.pipeline import DEFAULT_STAGES, Pipeline

DOC_SENTENCES = 20
BEFORE_ENTITIES = ("repair", "segment", "analyse")


def test_sets() -> dict[str, tuple[list[nc.Sentence], frozenset[str]]]:
    return {
        "PEYMA test": (nc.peyma("test"), nc.CORPUS_LABELS["peyma"]),
        "Arman test fold 1": (nc.arman("test", 1), nc.CORPUS_LABELS["arman"]),
    }


def from_gold_tokens(recognizer: EntityRecognizer, sentences: list[nc.Sentence], labels: frozenset[str]) -> dict:
    """Tag the corpus tokens directly (one repair call per distinct token), documents as in `from_raw_text`."""
    pred: list[list[str]] = []
    for k in range(0, len(sentences), DOC_SENTENCES):
        group = [[nc.tidy(t) or t for t in s.tokens] for s in sentences[k : k + DOC_SENTENCES]]
        tags = [tag for words in group for tag in recognizer.tag(words)]
        tags = spread_names(recognizer.features.folded([w for words in group for w in words]), tags)
        for words in group:
            pred.append(tags[: len(words)])
            tags = tags[len(words) :]
    return ner_score.score([s.tags for s in sentences], pred, labels)


def from_raw_text(pipeline: Pipeline, recognizer: EntityRecognizer, sentences: list[nc.Sentence], labels) -> dict:
    """Run raw documents through the pipeline and compare entity spans in raw character offsets."""
    gold: set[ner_score.Span] = set()
    pred: set[ner_score.Span] = set()
    for n, k in enumerate(range(0, len(sentences), DOC_SENTENCES)):
        raw, spans = nc.as_raw_text(sentences[k : k + DOC_SENTENCES])
        gold |= {(n, s, e, label) for s, e, label in spans}
        doc = pipeline(Document.from_text(raw))
        tags, _ = recognizer.tag_document(doc)
        for a, b, label in token_spans(tags):
            s, e = doc.to_raw(doc.tokens[a].start, doc.tokens[b - 1].end)
            pred.add((n, s, e, label))
    return ner_score.score_spans(gold, pred, labels)


def upstream() -> Pipeline:
    """The registered stages that run before entities."""
    return Pipeline([s for s in DEFAULT_STAGES if s in BEFORE_ENTITIES])


def throughput(pipeline: Pipeline, recognizer: EntityRecognizer, sentences: list[nc.Sentence]) -> tuple[float, float]:
    """MB/s (UTF-8) of the upstream stages alone, and with the entities stage added."""
    texts = [nc.as_raw_text(sentences[k : k + DOC_SENTENCES])[0] for k in range(0, len(sentences), DOC_SENTENCES)]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    t0 = time.process_time()
    docs = [pipeline(t) for t in texts]
    t1 = time.process_time()
    for doc in docs:
        recognizer(doc)
    t2 = time.process_time()
    return size / (t1 - t0), size / (t2 - t0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=None, help="model file (default: the shipped one)")
    parser.add_argument("--write-card", action="store_true", help="write the scores into khabar/data/models/ner.md")
    args = parser.parse_args()
    t0 = time.process_time()
    recognizer = EntityRecognizer(args.model)
    load_s = time.process_time() - t0
    pipeline = upstream()
    out = [f"Model load: {load_s:.2f} s. Upstream stages for raw text: {', '.join(pipeline.stage_names)}.", ""]
    for name, (sentences, labels) in test_sets().items():
        for way, result in (
            ("gold tokens", from_gold_tokens(recognizer, sentences, labels)),
            ("raw text through the pipeline", from_raw_text(pipeline, recognizer, sentences, labels)),
        ):
            out.append(f"### {name}, {way}")
            out.append(ner_score.format_table(result).strip())
            out.append("")
    for name, (sentences, _) in test_sets().items():
        up, full = throughput(pipeline, EntityRecognizer(args.model), sentences)
        out.append(
            f"Throughput on {name} raw text (CPU time, one process, fresh recognizer): upstream {up:.2f} MB/s, "
            f"upstream + entities {full:.2f} MB/s."
        )
    report = "\n".join(out)
    print(report)
    if args.write_card:
        card = nc.REPO / "khabar" / "data" / "models" / "ner.md"
        text = card.read_text(encoding="utf-8")
        head = text.split(ner_score.SCORES_START, 1)[0]
        command = "Measured by `.venv/bin/python train/eval_ner.py --write-card` (test sets scored once, at the end)."
        card.write_text(f"{head}{ner_score.SCORES_START}\n\n{command}\n\n{report}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
