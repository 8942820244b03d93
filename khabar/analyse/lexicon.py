"""The analyser's word table: for each listed word, the POS classes the hazm, Lilak and hunspell lists give it.

Built by train/train_pos.py; one gzipped line per word, `word<TAB>tags` with space-separated tags such as
`hz=N,AJ` (hazm), `ll=noun_singular` (Lilak), `hu=pasa` (hunspell flag class), `vf` (a listed verb form),
`vpast`/`vpres` (a verb stem). See khabar/data/lexicons/pos_words.md.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class LexInfo:
    """Feature strings for one word: its word-list tags, or `known`/`unk` when it has none."""

    tags: list[str]
    own: list[str]


UNKNOWN = LexInfo([], ["unk"])
_NOMINAL_SKIP = ("v", "hu=")


class Lexicon:
    """Word → LexInfo, loaded from the packaged table (or built in memory by training)."""

    def __init__(self, rows: dict[str, str]) -> None:
        self._rows = rows
        self._infos: dict[str, LexInfo] = {}

    @classmethod
    def load(cls, path: str | Path) -> Lexicon:
        rows: dict[str, str] = {}
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                word, _, tags = line.rstrip("\n").partition("\t")
                rows[word] = tags
        return cls(rows)

    def save(self, path: str | Path) -> None:
        """Write the table sorted by word, with a fixed gzip mtime so that rebuilding gives the same bytes."""
        with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            for word in sorted(self._rows):
                gz.write(f"{word}\t{self._rows[word]}\n".encode())

    def __contains__(self, word: str) -> bool:
        return word in self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def listed(self, word: str) -> bool:
        """Whether a word list gives `word` a non-verb class (a plausible lemma for a non-verb)."""
        tags = self._rows.get(word)
        return tags is not None and any(not t.startswith(_NOMINAL_SKIP) for t in tags.split())

    def get(self, word: str) -> LexInfo:
        info = self._infos.get(word)
        if info is None:
            tags = self._rows.get(word)
            if tags is None:
                return UNKNOWN
            split = tags.split()
            info = LexInfo(split, split or ["known"])
            self._infos[word] = info
        return info
