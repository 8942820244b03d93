"""A crfsuite model's weights as plain Python tuples, for taggers that decode from cached per-word scores.

Tuples, not lists: a tuple of floats is dropped from the garbage collector's watch once it has been seen, so the
tens of thousands of weight rows, and the per-word score vectors cached from them, cost nothing at each full
collection (lists are rescanned every time: about a seventh of the pipeline's time once its caches were warm).

`pycrfsuite.Tagger.info()` parses crfsuite's text dump line by line with a regular expression per line (half a
second for the POS model, about one for NER); here the same dump is read with one pattern per section, which
keeps model loading a small part of a command's start-up.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pycrfsuite

_SECTION = re.compile(r"^(LABELS|TRANSITIONS|STATE_FEATURES) = \{\n(.*?)^\}", re.M | re.S)
_LABEL = re.compile(r"^ *\d+: (.*)$", re.M)
_WEIGHT = re.compile(r"^  \(\d+\) (.*) --> (\S+): (\S+)$", re.M)


def read_dump(model: Path) -> tuple[list[str], list[tuple[str, str, float]], list[tuple[str, str, float]]]:
    """The labels (in crfsuite's order), the transitions (from, to, weight) and state features (attr, label, w)."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    fd, name = tempfile.mkstemp(suffix=".txt", prefix="khabar-crf-")
    os.close(fd)
    try:
        tagger.dump(name)
        text = Path(name).read_text(encoding="utf-8")
    finally:
        os.unlink(name)
    sections = {m.group(1): m.group(2) for m in _SECTION.finditer(text)}
    labels = _LABEL.findall(sections.get("LABELS", ""))
    transitions = [(a, b, float(w)) for a, b, w in _WEIGHT.findall(sections.get("TRANSITIONS", ""))]
    state = [(a, b, float(w)) for a, b, w in _WEIGHT.findall(sections.get("STATE_FEATURES", ""))]
    return labels, transitions, state


class CrfWeights:
    """The state and transition weights of a crfsuite model, as per-attribute label vectors."""

    def __init__(self, model: Path) -> None:
        self.labels, transitions, state = read_dump(model)
        index = {label: i for i, label in enumerate(self.labels)}
        n = len(self.labels)
        rows: dict[str, list[float]] = {}
        for attr, label, weight in state:
            row = rows.get(attr)
            if row is None:
                row = rows[attr] = [0.0] * n
            row[index[label]] = weight
        self.state: dict[str, tuple[float, ...]] = {attr: tuple(row) for attr, row in rows.items()}
        self.transitions = [[0.0] * n for _ in range(n)]
        for a, b, weight in transitions:
            self.transitions[index[a]][index[b]] = weight
        self.into = [list(col) for col in zip(*self.transitions)]

    def vector(self, attrs: Iterable[str]) -> tuple[float, ...]:
        """The summed label scores of `attrs` (attributes the model does not know add nothing)."""
        state = self.state
        rows = [state[a] for a in attrs if a in state]
        if len(rows) == 1:
            return rows[0]
        return tuple(sum(col) for col in zip(*rows)) if rows else (0.0,) * len(self.labels)
