"""Clitic splitting: one written word → the syntactic words UD Persian annotates (کتابش → کتاب + ش).

The UD Persian treebanks (PerDT, Seraji) split pronominal clitics (-ش -م -ت -شان -مان -تان, -اش after a
half-space, -یش after a vowel) and the copula clitics (-ست, -ند / -یم after an adjective) off their host, as a
multi-word token. A word is split only when the word itself is not in the lexicon and what is left is a known
host, so that whole words that merely end like a clitic (آرامش, دولت, رفتند) stay whole. Forms whose split is
fixed (خودش, مرا, برایش) come from a hand-written table. The parts are always substrings of the written word,
so every syntactic word keeps exact character offsets.
"""

from __future__ import annotations

from collections.abc import Iterator

from khabar.segment import lexicons

ZWNJ = "\u200c"
PRONOUNS = ("شان", "مان", "تان", "ش", "م", "ت")
# After a half-space: pronouns (خانه‌اش) and the copula (انسانی‌اند); the indefinite -ای is never split.
AFTER_ZWNJ = ("اند", "ایم", "اید", "اش", "ام", "ات")
# Copula endings that attach to adjectives without a half-space (معتقدند, امیدواریم).
COPULA = ("ند", "یم", "ید")
PLURAL = (ZWNJ + "های", "های", ZWNJ + "ها", "ها", "ان", "ات")
# The last letter of every ending above: a cheap first test before any lookup.
LAST_LETTERS = frozenset("شمتند")

CACHE_SIZE = 200_000  # distinct words remembered; news vocabulary fits, an endless stream stays bounded

Candidate = tuple[str, str, bool]  # (host, clitic, whether the clitic is the copula after an adjective)


def candidates(word: str) -> Iterator[Candidate]:
    """Every (host, clitic, copula) reading of `word`, most specific first."""
    for clitic in AFTER_ZWNJ:
        if word.endswith(ZWNJ + clitic):
            yield word[: -len(clitic)], clitic, False
    for pron in PRONOUNS:
        if word.endswith("های" + pron):
            yield word[: -len(pron)], pron, False
        elif word.endswith("ی" + pron) and word[-len(pron) - 2 : -len(pron) - 1] in ("ا", "و"):
            yield word[: -len(pron) - 1], "ی" + pron, False
    for clitic in COPULA:
        if word.endswith(clitic):
            yield word[: -len(clitic)], clitic, True
    for pron in PRONOUNS:
        if word.endswith(pron):
            yield word[: -len(pron)], pron, False
    if word.endswith("ست") and word[-3:-2] in ("ا", "و", "ی"):
        yield word[:-2], "ست", False


def is_host(stem: str, copula: bool, hosts: frozenset[str], adjectives: frozenset[str]) -> bool:
    """Whether `stem` can carry the clitic: a known host, or the plural of one; the copula needs an adjective."""
    bare = stem.rstrip(ZWNJ)
    if len(bare) < 2:
        return False
    if copula:
        return bare in adjectives
    if bare in hosts:
        return True
    return any(bare.endswith(pl) and bare[: -len(pl)].rstrip(ZWNJ) in hosts for pl in PLURAL)


def first_split(word: str, hosts: frozenset[str], adjectives: frozenset[str]) -> tuple[str, str] | None:
    """The first reading of `word` whose host can carry its clitic (the build script reuses this)."""
    for stem, clitic, copula in candidates(word):
        if is_host(stem, copula, hosts, adjectives):
            return stem, clitic
    return None


class CliticSplitter:
    """Splits written words into UD syntactic words; results are cached, since news repeats its words."""

    def __init__(self) -> None:
        self.fused = lexicons.fused_forms()
        self.whole = lexicons.whole_words()
        self.hosts = lexicons.clitic_hosts()
        self.adjectives = lexicons.adjective_hosts()
        # Only words ending in one of these can split: a cheap test before any lookup.
        self.last_letters = LAST_LETTERS | {form[-1] for form in self.fused}
        self._cache: dict[str, tuple[int, ...] | None] = {}

    def cuts(self, word: str) -> tuple[int, ...] | None:
        """Offsets inside `word` where a new syntactic word starts, or None when it stays whole."""
        try:
            return self._cache[word]
        except KeyError:
            pass
        result = self._cuts(word)
        if len(self._cache) >= CACHE_SIZE:
            self._cache.clear()
        self._cache[word] = result
        return result

    def _cuts(self, word: str) -> tuple[int, ...] | None:
        parts = self.fused.get(word)
        if parts is not None:
            return _offsets(parts)
        if len(word) < 3 or word[-1] not in LAST_LETTERS or word in self.whole or self._is_plural(word):
            return None
        found = first_split(word, self.hosts, self.adjectives)
        return None if found is None else (len(found[0]),)

    def _is_plural(self, word: str) -> bool:
        """A plural in -ان of a known word (متهمان, مردمان) is not host + -مان."""
        return word.endswith("ان") and len(word) > 4 and word[:-2] in self.hosts


def _offsets(parts: tuple[str, ...]) -> tuple[int, ...]:
    """Start offsets of parts[1:] inside their concatenation."""
    out, pos = [], 0
    for part in parts[:-1]:
        pos += len(part)
        out.append(pos)
    return tuple(out)
