"""Entity-level exact-span scoring in the style of seqeval (an entity counts only if its span and label match).

Scores are per label and micro-averaged over (a) the labels the gold corpus annotates and (b) PER/ORG/LOC.
Predicted entities of a label the corpus does not annotate (a DATE on Arman, a FAC on PEYMA) are left out:
the gold has no opinion about them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import ner_corpora as nc

SCORES_START = "## Scores"
CORE = ("PER", "ORG", "LOC")

Span = tuple[int, int, int, str]  # (sequence or document number, start, end, label)


def spans_of(sequences: Iterable[Sequence[str]]) -> set[Span]:
    """Entities of IOB-tagged sequences as (sequence number, start, end, label)."""
    return {(n, a, b, label) for n, tags in enumerate(sequences) for a, b, label in nc.entity_spans(list(tags))}


def score(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]], labels: Iterable[str]) -> dict:
    """Scores of tagged sequences (see `score_spans`)."""
    return score_spans(spans_of(gold), spans_of(pred), labels)


def score_spans(gold: set[Span], pred: set[Span], labels: Iterable[str]) -> dict:
    """{label: (precision, recall, f1, support)} plus 'micro' (all `labels`) and 'micro PER/ORG/LOC'."""
    labels = [x for x in nc.LABELS if x in set(labels)]
    pred = {s for s in pred if s[3] in labels}
    tp = Counter(s[3] for s in gold & pred)
    n_gold = Counter(s[3] for s in gold)
    n_pred = Counter(s[3] for s in pred)
    result = {label: _prf(tp[label], n_pred[label], n_gold[label]) for label in labels}
    result["micro"] = _prf(*(sum(c[x] for x in labels) for c in (tp, n_pred, n_gold)))
    core = [x for x in CORE if x in labels]
    result["micro PER/ORG/LOC"] = _prf(*(sum(c[x] for x in core) for c in (tp, n_pred, n_gold)))
    return result


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float, int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(100 * p, 2), round(100 * r, 2), round(100 * f, 2), n_gold


def format_table(result: dict) -> str:
    """A Markdown table: label, precision, recall, F1, gold count."""
    rows = ["| label | P | R | F1 | gold |", "|---|---|---|---|---|"]
    rows += [f"| {k} | {p:.2f} | {r:.2f} | {f:.2f} | {n} |" for k, (p, r, f, n) in result.items()]
    return "\n" + "\n".join(rows)
