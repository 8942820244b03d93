"""The word lists the segmenter reads: abbreviations and the clitic tables, loaded once from khabar/data.

The lists are data files under khabar/data/lexicons/segment/ (see PROVENANCE.md there); the generated ones are
rebuilt by train/build_segment_lexicons.py, the hand-written ones are edited in place.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from khabar.errors import ModelError

FOLDER = Path(__file__).resolve().parent.parent / "data" / "lexicons" / "segment"


def read_lines(name: str) -> list[str]:
    """The non-empty, non-comment lines of a lexicon file (comments start with '#' followed by a space)."""
    path = FOLDER / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError(f"{path}: segmenter lexicon cannot be read ({exc.strerror}); reinstall khabar") from None
    return [line for line in text.splitlines() if line.strip() and not line.startswith("# ")]


@cache
def abbreviations() -> tuple[str, ...]:
    """Dotted abbreviations that stay one token (Persian from hazm, Latin hand-written), longest first."""
    entries = set(read_lines("abbreviations.txt")) | set(read_lines("abbreviations_latin.txt"))
    return tuple(sorted(entries, key=lambda a: (-len(a), a)))


@cache
def clitic_hosts() -> frozenset[str]:
    """Words that can carry a pronominal or copula clitic: nouns, adjectives, adverbs and the like."""
    return frozenset(read_lines("clitic_hosts.txt"))


@cache
def whole_words() -> frozenset[str]:
    """Words that end like host + clitic but are one word (آرامش, دولت, رفتند): never split."""
    return frozenset(read_lines("clitic_whole_words.txt"))


@cache
def adjective_hosts() -> frozenset[str]:
    """Adjectives that take the copula clitics -ند, -یم, -ید (معتقدند, امیدواریم)."""
    return frozenset(read_lines("clitic_adjectives.txt"))


@cache
def fused_forms() -> dict[str, tuple[str, ...]]:
    """Written forms whose split is fixed (خودش → خود + ش, مرا → م + را), from the hand-written table."""
    table: dict[str, tuple[str, ...]] = {}
    for line in read_lines("clitic_fused.tsv"):
        form, *parts = line.split("\t")
        if "".join(parts) != form:
            raise ModelError(f"{FOLDER / 'clitic_fused.tsv'}: parts of {form!r} do not spell it")
        table[form] = tuple(parts)
    return table


@cache
def news_agencies() -> frozenset[str]:
    """News agency names as they end a dateline («واحد مرکزی خبر:»), words separated by one space."""
    return frozenset(" ".join(line.split()) for line in read_lines("news_agencies.txt"))
