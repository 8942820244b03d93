"""A crfsuite model's weights as plain Python tuples, for taggers that decode from cached per-word scores.

The model file is read directly: crfsuite's format (crf1d_model.c, version 100) is a 48-byte header, two CQDB
string tables (labels, attributes; an id → record offset array at the end of each) and a chunk of 20-byte
features (type, source, label, weight as a little-endian double). That takes a tenth of a second for the
POS model, where `Tagger.dump` and parsing its text took a third (`Tagger.info()`: half a second), and keeps
the weights at full precision (the dump rounds them to six decimals).

Tuples, not lists: a tuple of floats is dropped from the garbage collector's watch once it has been seen, so the
tens of thousands of weight rows, and the per-word score vectors cached from them, cost nothing at each full
collection (lists are rescanned every time: about a seventh of the pipeline's time once its caches were warm).
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from pathlib import Path

from khabar.errors import ModelError

_HEADER = struct.Struct("<4sI4sIIIIIIIII")  # magic, size, type, version, 3 counts, 5 offsets
_CHUNK = struct.Struct("<4sII")  # id, size, number of items
_CQDB = struct.Struct("<4sIIIII")  # id, size, flag, byte order, number of ids, offset of the id → record array
_RECORD = struct.Struct("<iI")  # id, key size (with its terminating NUL)
_FEATURE = struct.Struct("<IIId")  # type (0 state, 1 transition), attribute or label from, label to, weight


def read_model(model: Path) -> tuple[list[str], list[tuple[str, str, float]], list[tuple[str, str, float]]]:
    """The labels (in crfsuite's order), the transitions (from, to, weight) and state features (attr, label, w)."""
    try:
        data = model.read_bytes()
        if len(data) < _HEADER.size or data[:4] != b"lCRF":
            raise ValueError("not a crfsuite model: no lCRF header")
        _, size, kind, version, _, n_labels, n_attrs, at_features, at_labels, at_attrs, _, _ = _HEADER.unpack_from(
            data
        )
        if (kind, version) != (b"FOMC", 100):
            raise ValueError(f"not a crfsuite 1st-order CRF model of version 100 ({kind!r}, {version})")
        if size != len(data):
            raise ValueError(f"the header says {size} bytes, the file has {len(data)}: truncated or damaged")
        labels = _strings(data, at_labels, n_labels)
        attrs = _strings(data, at_attrs, n_attrs)
        chunk, chunk_size, count = _CHUNK.unpack_from(data, at_features)
        if chunk != b"FEAT" or chunk_size != _CHUNK.size + count * _FEATURE.size:
            raise ValueError("no feature chunk of the stated size where the header says")
        start = at_features + _CHUNK.size
        features = _FEATURE.iter_unpack(data[start : start + count * _FEATURE.size])
        state, transitions = [], []
        for kind_of, source, label, weight in features:
            if kind_of == 0:
                state.append((attrs[source], labels[label], weight))
            elif kind_of == 1:
                transitions.append((labels[source], labels[label], weight))
            else:
                raise ValueError(f"unknown feature type {kind_of}")
    except (OSError, ValueError, IndexError, struct.error) as exc:
        raise ModelError(f"cannot read the CRF model {model} ({exc})") from exc
    return labels, transitions, state


def _strings(data: bytes, at: int, count: int) -> list[str]:
    """Strings 0 .. count-1 of the CQDB table at offset `at`, in id order."""
    chunk, _, _, _, n_ids, at_index = _CQDB.unpack_from(data, at)
    if chunk != b"CQDB" or n_ids < count:
        raise ValueError("a string table is not where the header says")
    out = []
    for offset in struct.unpack_from(f"<{count}I", data, at + at_index):
        _, size = _RECORD.unpack_from(data, at + offset)
        key = at + offset + _RECORD.size
        out.append(data[key : key + size - 1].decode("utf-8"))
    return out


class CrfWeights:
    """The state and transition weights of a crfsuite model, as per-attribute label vectors."""

    def __init__(self, model: Path) -> None:
        self.labels, transitions, state = read_model(model)
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
