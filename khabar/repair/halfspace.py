"""Half-spaces (ZWNJ, U+200C) in both directions: split fused words and join words split at a space.

PDF extraction drops the ZWNJ (`میدهد` for `می‌دهد`), copy-paste turns it into a space (`موازنه های`). Both are
repaired from a model learned from clean text (train/build_halfspace.py): known words come from counts; unknown
words from affixes (`می‌` + a known verb form, a known stem + `‌های`). A real word such as `میدان` is known as
written and is never split; separate words such as `جمهوری اسلامی` are never joined, because the corpus writes
them apart.

Text that already uses half-spaces is left alone: its author chose where they go (see `is_damaged`).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import groupby, pairwise
from operator import itemgetter

from khabar.document import Edit
from khabar.errors import ModelError
from khabar.repair.chars import NON_JOINING, ZWNJ

# Affixes that Persian writes after a half-space; longest first so that `های` wins over `ها`.
SUFFIXES = ("هایشان", "هایتان", "هایمان", "هایی", "هایم", "هایت", "هایش", "های", "ها", "ترین", "تری", "تر",
            "ایم", "اید", "اند", "ام", "ات", "اش", "ای")
PREFIXES = ("نمی", "می", "بی")
# Affixes that also stand alone as words (`تر` wet, `ای` O): only joined when the stem before them is known.
_AMBIGUOUS_ALONE = frozenset({"تر", "ای", "ام", "ات", "اش", "ایم", "اید", "اند", "بی"})
# Suffixes with alef that attach with a half-space only after a silent heh (`خانه‌اش` but `کتابش`).
AFTER_HEH = frozenset({"ایم", "اید", "اند", "ام", "ات", "اش", "ای"})
_WORD_CHARS = r"\w\u200c\u064b-\u0655\u0670"  # letters, digits, half-spaces, harakat: what a word is made of
WORD_RE = re.compile(rf"[^\W\d_][{_WORD_CHARS}]*")
# A text is damaged when fewer than a tenth of its half-space sites carry one. Extraction damage is wholesale
# (a PDF loses every half-space, copy-paste turns every one into a space), while authors who type some
# half-spaces and space or fuse the rest are common: at one half (the first choice), khabar re-spaced such
# authors' text, and clean-text half-space F1 on the dev sets was 0.943 / 0.966 against 0.972 / 0.971 at 0.1
# (flat from 0.1 down to 0.01; damaged text, having none, is unaffected).
DAMAGED_SHARE = 0.1
STRONG_JOIN = 3  # a spaced pair is evidence of damage when clean text joins it this much more often


WINDOW = 1 << 16  # characters: longer texts are searched for candidate words window by window
GAP_SHARE = 0.7  # an unknown word or pair gets a half-space where clean text writes one this often
GAP_MIN = 3  # ... and has done so at least this many times


def gap_context(left: str, right: str) -> tuple[str, str]:
    """Up to three letters each side of a gap, `^`/`$` marking a word edge within reach."""
    return (left[-3:] if len(left) >= 3 else "^" + left), (right[:3] if len(right) >= 3 else right + "$")


@dataclass
class HalfSpaceModel:
    """Decisions learned from clean text: fused forms to split, spaced pairs to join, known words, affix rates."""

    fused: dict[str, str] = field(default_factory=dict)
    fused_scores: dict[str, str] = field(default_factory=dict)  # fused spelling → its form's build score
    joined: dict[tuple[str, ...], str] = field(default_factory=dict)
    known: dict[str, str] = field(default_factory=dict)  # known word → its build score (count), as written
    verbs: frozenset[str] = frozenset()  # verb forms that may follow می‌/نمی‌
    affix_share: dict[str, float] = field(default_factory=dict)
    # First words of joinable sequences and words that join onto the word before: a fast pre-check.
    join_starters: frozenset[str] = frozenset(("می", "نمی"))
    join_enders: frozenset[str] = frozenset(SUFFIXES)
    triple_starters: frozenset[str] = frozenset()
    # letter context of a gap -> how often clean text writes (nothing, a space, a half-space) there
    gaps: dict[tuple[str, str], tuple[int, int, int]] = field(default_factory=dict, repr=False)
    # joined forms that clean text also often writes apart: not counted as evidence of damage
    weak_joins: set[str] = field(default_factory=set, repr=False)
    _cache: dict[str, str | None] = field(default_factory=dict, repr=False)

    def restore(self, word: str, depth: int = 0) -> str | None:
        """The word with its half-spaces restored, or None when it should stay as written."""
        if word in self.fused:
            return self.fused[word]
        if word in self.known or depth > 1:
            return None
        composed = self._compose(word, depth)
        if composed is not None:
            return None if composed == word else composed
        return self._by_gaps(word) if depth == 0 else None

    def _by_gaps(self, word: str) -> str | None:
        """An unknown word with no affix reading: half-spaces where the letters around a gap call for one."""
        cuts = []
        for k in range(2, len(word) - 1):
            counts = self.gaps.get(gap_context(word[:k], word[k:]))
            if counts and word[k - 1] not in NON_JOINING and _share(counts[2], counts[0]):
                cuts.append(k)
        if not cuts:
            return None
        return ZWNJ.join(word[a:b] for a, b in pairwise([0, *cuts, len(word)]))

    def restore_cached(self, word: str) -> str | None:
        """`restore`, remembered: news repeats its words, across documents too."""
        if word not in self._cache:
            if len(self._cache) > 500_000:
                self._cache.clear()
            self._cache[word] = self.restore(word)
        return self._cache[word]

    def _compose(self, word: str, depth: int) -> str | None:
        """Read an unknown word as affix + known word; of several readings, the one nearest known words wins.

        A reading where the word is already correct (`گفتارهای` = `گفتار` + `های`, no half-space after ر)
        wins outright and returns the word itself, so such words are never split elsewhere (`گفتاره‌ای`), not
        even by the letter-gap fallback. None: no affix reading.
        """
        readings: list[tuple[int, int, int, str]] = []  # (unknown parts, minus the known part's score, order, form)
        for order, (head, tail, form_of) in enumerate(self._splits(word)):
            if head[-1] in NON_JOINING and tail in SUFFIXES and head in self.known:
                return word
            part = form_of(depth)
            if part:
                readings.append((part[0], -part[1], order, part[2]))
        return min(readings)[3] if readings else None

    def _splits(self, word: str):
        """Candidate readings of `word`: (head, tail, function giving (unknown parts, known part's score, form)
        or None)."""
        for suffix in SUFFIXES:
            stem = word[: -len(suffix)]
            if not word.endswith(suffix) or len(stem) < 2:
                continue
            if stem[-1] in NON_JOINING:
                yield stem, suffix, lambda depth: None
                continue
            if self.affix_share.get(suffix, 0) < 0.5 or (suffix in AFTER_HEH and stem[-1] != "ه"):
                continue
            yield stem, suffix, lambda depth, stem=stem, suffix=suffix: self._joined(stem, ZWNJ + suffix, depth, True)
        for prefix in PREFIXES:
            rest = word[len(prefix) :]
            if not word.startswith(prefix) or len(rest) < 2 or self.affix_share.get(prefix, 0) < 0.5:
                continue
            if prefix in ("می", "نمی") and self.fused.get(rest, rest).split(ZWNJ)[0] not in self.verbs:
                continue
            yield prefix, rest, lambda depth, prefix=prefix, rest=rest: self._joined(rest, prefix, depth, False)

    def _joined(self, part: str, affix: str, depth: int, affix_after: bool) -> tuple[int, int, str] | None:
        """(unknown parts, the known part's score, form) of reading `part` with `affix`; None if it cannot be.

        The score decides between readings that are both known (`نمونهای`: `نمونه` + `ای`, not `نمون` + `های`)."""
        if part in self.fused or part in self.known:
            form = self.fused.get(part, part)
            unknown, score = 0, int(self.fused_scores.get(part) or self.known.get(part, 0))
        else:
            form = self.restore(part, depth + 1)
            unknown, score = 1, 0
        if not form:
            return None
        return unknown, score, (form + affix if affix_after else affix + ZWNJ + form)

    def join(self, words: tuple[str, ...]) -> str | None:
        """The joined form of words that copy-paste split at spaces, or None when they are separate words."""
        if words in self.joined:
            return self.joined[words]
        if len(words) != 2:
            return None
        first, second = words
        if first in ("می", "نمی") and second not in _AMBIGUOUS_ALONE and len(second) >= 2:
            return first + ZWNJ + second
        if second in SUFFIXES and self.affix_share.get(second, 0) >= 0.5:
            if second in AFTER_HEH and first[-1] != "ه":
                return None
            if second in _AMBIGUOUS_ALONE and first not in self.known:
                return None
            return first + ("" if first[-1] in NON_JOINING else ZWNJ) + second
        counts = self.gaps.get(gap_context(first, second))
        if counts and first[-1] not in NON_JOINING and _share(counts[2], counts[1]):
            return first + ZWNJ + second
        return None


def _share(zwnj: int, other: int) -> bool:
    return zwnj >= GAP_MIN and zwnj >= GAP_SHARE * (zwnj + other)


@cache
def load_model() -> HalfSpaceModel:
    """Load the packaged model once per process."""
    try:
        raw = resources.files("khabar").joinpath("data/lexicons/halfspace.tsv.gz").read_bytes()
    except FileNotFoundError as exc:
        raise ModelError("khabar/data/lexicons/halfspace.tsv.gz is missing: run train/build_halfspace.py") from exc
    model = HalfSpaceModel()
    fields = _fields(gzip.decompress(raw).decode("utf-8"))
    f = fields["F"]
    model.fused = dict(zip(f[1::4], f[2::4]))
    model.fused_scores = dict(zip(f[1::4], f[3::4]))
    j = fields["J"]
    for words, form, together, apart in zip(j[1::5], j[2::5], j[3::5], j[4::5]):
        model.joined[tuple(words.split(" "))] = form
        if int(together) < STRONG_JOIN * max(1, int(apart)):
            model.weak_joins.add(words)
    g = fields["G"]
    for left, right, nothing, space, half in zip(g[1::6], g[2::6], g[3::6], g[4::6], g[5::6]):
        model.gaps[left, right] = (int(nothing), int(space), int(half))
    r = fields["R"]
    model.affix_share = {affix: float(share) for affix, share in zip(r[2::5], r[3::5])}
    w = fields["W"]
    model.known = dict(zip(w[1::3], w[2::3]))  # scores parsed only when two readings are compared
    model.verbs = frozenset(fields["V"][1::2])
    model.join_starters = frozenset({words[0] for words in model.joined} | {"می", "نمی"})
    model.triple_starters = frozenset(words[0] for words in model.joined if len(words) == 3)
    return model


_ROW_FIELDS = {"F": 4, "J": 5, "G": 6, "R": 5, "W": 3, "V": 2}  # the kind letter counts as a field


def _fields(text: str) -> dict[str, list[str]]:
    """Each row kind's fields, flattened with the kind letter first (`F\tkey\tform` → [F, key, form, F, ...]).

    Start-up time matters (every command and every ingest worker loads this table), so rows are not split one
    by one: the build writes each kind in one run, and each run is joined and split in one call.
    """
    fields: dict[str, list[str]] = {key: [] for key in _ROW_FIELDS}
    for kind, rows in groupby(filter(None, text.split("\n")), key=itemgetter(0)):
        run = "\t".join(rows).split("\t")
        width = _ROW_FIELDS.get(kind, 0)
        if not width or len(run) % width or run[::width].count(kind) != len(run) // width or fields[kind]:
            raise ModelError(f"khabar/data/lexicons/halfspace.tsv.gz: malformed rows of kind {kind!r}")
        fields[kind] = run
    return fields


_WORD_CHAR = re.compile(f"[{_WORD_CHARS}]")
_CUT = re.compile(f"[^{_WORD_CHARS} ]")  # a window may end here: no candidate crosses it


def _occurrences(text: str, forms: dict[str, str]) -> list[tuple[int, int, str]]:
    """Where the given whole words (or space-separated word groups) stand in the text: (start, end, found).

    `str.find` per candidate scans at C speed; Python only touches the places that change. Where two
    candidates overlap, the earlier one wins, then the longer. A long text is searched window by window, each
    window only for the candidates written in it: one scan of the whole text per candidate would make a
    book-length text cost its length times its vocabulary.
    """
    found = []
    for lo, hi, candidates in _windows(text, forms):
        for candidate in candidates:
            start = text.find(candidate, lo, hi)
            while start != -1:
                end = start + len(candidate)
                if not (start and _WORD_CHAR.match(text, start - 1)) and not _WORD_CHAR.match(text, end):
                    found.append((start, end, candidate))
                start = text.find(candidate, start + 1, hi)
    found.sort(key=lambda f: (f[0], -f[1]))
    kept: list[tuple[int, int, str]] = []
    for item in found:
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


def _windows(text: str, forms: dict[str, str]) -> Iterator[tuple[int, int, Iterable[str]]]:
    """(start, end, candidates written in it) for stretches of about WINDOW characters, cut at a character that
    is neither part of a word nor a space (no candidate spans one); a short text is one window, every candidate."""
    if len(text) <= WINDOW:
        yield 0, len(text), forms
        return
    lo = 0
    while lo < len(text):
        cut = _CUT.search(text, lo + WINDOW)
        hi = len(text) if cut is None else cut.start()
        written = _written(text, lo, hi)
        yield lo, hi, [c for c in forms if c in written]
        lo = hi


def _written(text: str, lo: int, hi: int) -> set[str]:
    """The words of text[lo:hi], and its runs of two and three words one space apart."""
    matches = list(WORD_RE.finditer(text, lo, hi))
    written = {m.group() for m in matches}
    for a, b, c in zip(matches, matches[1:], [*matches[2:], None]):
        if text[a.end() : b.start()] == " ":
            pair = a.group() + " " + b.group()
            written.add(pair)
            if c is not None and text[b.end() : c.start()] == " ":
                written.add(pair + " " + c.group())
    return written


_TYPED_BESIDE_SPACE = re.compile(rf"([^\W\d_]+)({ZWNJ}+ +)(?=([^\W\d_]+))")  # the right word stays to be a left one


def keep_typed_zwnj(text: str) -> list[Edit]:
    """A half-space typed before a space (`رئیس‌ جمهوری`): one word when the model writes it so, else two.

    Typists reach for the half-space and hit the space bar too. Where the model's fused table gives the pair
    as one word with a half-space, the space goes; otherwise `fix_stray_zwnj` drops the half-space and the
    words stay apart (`آموزش‌ و` → `آموزش و`). A half-space after the space (`رئیس ‌جمهوری`) is left to
    `fix_stray_zwnj`: the dev sets' gold reads that order as a space (joining it there cost precision).
    """
    if ZWNJ not in text:
        return []
    fused = load_model().fused
    edits = []
    for m in _TYPED_BESIDE_SPACE.finditer(text):
        left, right = m.group(1), m.group(3)
        if left[-1] not in NON_JOINING and fused.get(left + right) == left + ZWNJ + right:
            edits.append(Edit(m.start(2), m.end(2), ZWNJ, "keep_typed_zwnj", f"{left}{ZWNJ}{right} is one word"))
    return edits


def _fused_edits(text: str, model: HalfSpaceModel, words: list[str] | None = None) -> list[Edit]:
    forms = {}
    for word in set(WORD_RE.findall(text) if words is None else words):
        if ZWNJ not in word:
            form = model.restore_cached(word)
            if form and form != word:
                forms[word] = form
    return [
        Edit(start, end, forms[word], "restore_fused_zwnj", f"{word} is written {forms[word]}")
        for start, end, word in _occurrences(text, forms)
    ]


def _spaced_edits(
    text: str, model: HalfSpaceModel, words: list[str] | None = None, plurals_only: bool = False
) -> list[Edit]:
    """Joins of words split at a space; with `plurals_only`, only a plural ending standing alone (`موازنه های`)."""
    words = WORD_RE.findall(text) if words is None else words
    if plurals_only:
        found = _PLURAL_RE.search(text) is not None
        pairs = {(words[i - 1], w) for i, w in enumerate(words) if i and w in _PLURALS} if found else set()
        triples = []
    else:
        starters, enders = model.join_starters, model.join_enders
        pairs = {p for p in pairwise(words) if p[0] in starters or p[1] in enders}
        triples = [i for i, word in enumerate(words[:-2]) if word in model.triple_starters]
    groups: dict[str, str] = {}
    for pair in pairs:
        form = model.join(pair)
        if form:
            groups[" ".join(pair)] = form
    for i in triples:
        triple = (words[i], words[i + 1], words[i + 2])
        if triple in model.joined:
            groups[" ".join(triple)] = model.joined[triple]
    return [
        Edit(start, end, groups[words], "join_spaced_zwnj", f"{words} is one word: {groups[words]}")
        for start, end, words in _occurrences(text, groups)
    ]


# A plural ending standing alone (`موازنه های`): a space typed where the half-space belongs, joined even in text
# whose half-spaces were deleted (the seed mixes both); `می شود` there stays as the author spaced it.
_PLURALS = frozenset({"ها", "های", "هایی"})
_AFFIXES_ALONE = frozenset({"نمی", "می"}) | _PLURALS
_PLURAL_ALTERNATION = "|".join(sorted(_PLURALS, key=len, reverse=True))
_PLURAL_RE = re.compile(rf" (?:{_PLURAL_ALTERNATION})(?!\w)")
_AFFIX_ZWNJ_RE = re.compile(rf"^(?:نمی|می)\u200c|\u200c(?:{_PLURAL_ALTERNATION})$")


def _how_lost(words: list[str], splits: list[Edit]) -> str:
    """"deleted" (PDF), "spaced" (copy-paste) or "unknown": how the text lost its half-spaces.

    The most frequent half-space sites are the affixes `می‌` and `‌ها`/`‌های`: deletion leaves them fused to
    their word, copy-paste leaves them standing alone. Without a clear majority both repairs run.
    """
    fused = sum(1 for e in splits if _AFFIX_ZWNJ_RE.search(e.text))
    alone = sum(map(_AFFIXES_ALONE.__contains__, words))
    if fused > 2 * alone:
        return "deleted"
    if alone > 2 * fused:
        return "spaced"
    return "unknown"


def is_damaged(text: str, model: HalfSpaceModel | None = None) -> bool:
    """True when the text has lost its half-spaces: fewer than DAMAGED_SHARE of its half-space sites carry one.

    Sites are the half-spaces present plus the fused and spaced forms the model would repair.
    """
    model = model or load_model()
    if ZWNJ not in text:
        return True
    return _damaged(text, len(_fused_edits(text, model)) + len(_spaced_edits(text, model)))


def _damaged(text: str, missing: int) -> bool:
    present = text.count(ZWNJ)
    return present == 0 or present < DAMAGED_SHARE * (present + missing)


def repair_half_spaces(text: str, join: bool = True, split: bool = True) -> list[Edit]:
    """Join spaced forms (`موازنه های` → `موازنه‌های`) and split fused ones (`میدهد` → `می‌دهد`).

    Only in text that has lost its half-spaces (`is_damaged`). How it lost them decides what else is trusted:
    where half-spaces were deleted (PDF: fused forms outnumber spaced ones) the spaces are the author's, and
    only a plural ending standing alone is joined (`موازنه های`); where half-spaces became spaces (copy-paste)
    the fused words are the author's and are not split.
    """
    model = load_model()
    words = WORD_RE.findall(text)
    splits = _fused_edits(text, model, words)
    how = _how_lost(words, splits)
    if ZWNJ not in text and (how == "deleted" or not join):
        # damaged for sure, and only plural endings standing alone are joined: no need to look for other forms
        joins = _spaced_edits(text, model, words, plurals_only=True) if join else []
    else:
        joins = _spaced_edits(text, model, words)
        strong_joins = sum(1 for e in joins if e.reason.split(" is one word:")[0] not in model.weak_joins)
        if not _damaged(text, strong_joins + len(splits)):
            return []
    joins, splits = joins if join else [], splits if split else []
    if how == "deleted":
        joins = [e for e in joins if text[e.start : e.end].rsplit(" ", 1)[-1] in _PLURALS]
    elif how == "spaced":
        splits = []
    covered = [(e.start, e.end) for e in joins]
    kept = [e for e in splits if not any(s <= e.start and e.end <= t for s, t in covered)]
    return sorted(joins + kept, key=lambda e: e.start)

