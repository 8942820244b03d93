"""The analyser's word table: for each word, the POS classes the word lists give it and its distributional cluster.

Built by train/train_pos.py from the hazm, Lilak and hunspell word lists and from clusters of raw news text; one
gzipped TSV line per word: `word<TAB>tags<TAB>clusters`, both fields space-separated (see pos_lexicon.md).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class LexInfo:
    """Feature strings for one word: word-list tags (`tags`); all of its features (`own`), those a neighbour
    sees (`near`) and those seen from two words away (`far`)."""

    tags: list[str]
    own: list[str]
    near: list[str]
    far: list[str]


UNKNOWN = LexInfo([], ["unk"], ["unk"], [])


class Lexicon:
    """Word → LexInfo, loaded from the packaged table (or built in memory by training)."""

    def __init__(self, rows: dict[str, tuple[str, str]]) -> None:
        self._rows = rows
        self._infos: dict[str, LexInfo] = {}

    @classmethod
    def load(cls, path: str | Path) -> Lexicon:
        rows: dict[str, tuple[str, str]] = {}
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                word, tags, clusters = line.rstrip("\n").split("\t")
                rows[word] = (tags, clusters)
        return cls(rows)

    def save(self, path: str | Path) -> None:
        """Write the table sorted by word, with a fixed gzip mtime so that rebuilding gives the same bytes."""
        with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            for word in sorted(self._rows):
                tags, clusters = self._rows[word]
                gz.write(f"{word}\t{tags}\t{clusters}\n".encode())

    def __contains__(self, word: str) -> bool:
        return word in self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, word: str) -> LexInfo:
        info = self._infos.get(word)
        if info is not None:
            return info
        row = self._rows.get(word)
        if row is None:
            return UNKNOWN
        tags = row[0].split()
        clusters = row[1].split()
        own = [*tags, *clusters] or ["known"]
        info = LexInfo(tags, own, own, clusters)
        self._infos[word] = info
        return info
