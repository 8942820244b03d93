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
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import pairwise

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
WORD_RE = re.compile(r"[^\W\d_][\w\u200c\u064b-\u0655\u0670]*")
DAMAGED_SHARE = 0.5  # a text is damaged when fewer than half of its half-space sites carry one


@dataclass
class HalfSpaceModel:
    """Decisions learned from clean text: fused forms to split, spaced pairs to join, known words, affix rates."""

    fused: dict[str, str] = field(default_factory=dict)
    joined: dict[tuple[str, ...], str] = field(default_factory=dict)
    known: frozenset[str] = frozenset()
    affix_share: dict[str, float] = field(default_factory=dict)
    # First words of joinable sequences and words that join onto the word before: a fast pre-check.
    join_starters: frozenset[str] = frozenset(("می", "نمی"))
    join_enders: frozenset[str] = frozenset(SUFFIXES)

    def restore(self, word: str, depth: int = 0) -> str | None:
        """The word with its half-spaces restored, or None when it should stay as written."""
        if word in self.fused:
            return self.fused[word]
        if word in self.known or depth > 1:
            return None
        return self._compose(word, depth)

    def _compose(self, word: str, depth: int) -> str | None:
        for prefix in PREFIXES:
            rest = word[len(prefix) :]
            if word.startswith(prefix) and len(rest) >= 2 and self.affix_share.get(prefix, 0) >= 0.5:
                rest_form = self._stem_form(rest, depth)
                if rest_form:
                    return prefix + ZWNJ + rest_form
        for suffix in SUFFIXES:
            stem = word[: -len(suffix)]
            if not word.endswith(suffix) or len(stem) < 2 or stem[-1] in NON_JOINING:
                continue
            if self.affix_share.get(suffix, 0) < 0.5 or (suffix in AFTER_HEH and stem[-1] != "ه"):
                continue
            stem_form = self._stem_form(stem, depth)
            if stem_form:
                return stem_form + ZWNJ + suffix
        return None

    def _stem_form(self, stem: str, depth: int) -> str | None:
        if stem in self.fused:
            return self.fused[stem]
        if stem in self.known:
            return stem
        return self.restore(stem, depth + 1)

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
        return None


@cache
def load_model() -> HalfSpaceModel:
    """Load the packaged model once per process."""
    try:
        raw = resources.files("khabar").joinpath("data/lexicons/halfspace.tsv.gz").read_bytes()
    except FileNotFoundError as exc:
        raise ModelError("khabar/data/lexicons/halfspace.tsv.gz is missing: run train/build_halfspace.py") from exc
    model = HalfSpaceModel()
    known = set()
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        kind, *cols = line.split("\t")
        if kind == "F":
            model.fused[cols[0]] = cols[1]
        elif kind == "J":
            model.joined[tuple(cols[0].split(" "))] = cols[1]
        elif kind == "W":
            known.add(cols[0])
        elif kind == "R":
            model.affix_share[cols[1]] = float(cols[2])
    model.known = frozenset(known)
    model.join_starters = frozenset({words[0] for words in model.joined} | {"می", "نمی"})
    return model


def _fused_edits(text: str, model: HalfSpaceModel) -> list[Edit]:
    edits = []
    for m in WORD_RE.finditer(text):
        word = m.group()
        if ZWNJ in word:
            continue
        form = model.restore(word)
        if form and form != word:
            edits.append(Edit(m.start(), m.end(), form, "restore_fused_zwnj", f"{word} is written {form}"))
    return edits


def _spaced_edits(text: str, model: HalfSpaceModel) -> list[Edit]:
    edits = []
    matches = list(WORD_RE.finditer(text))
    words = [m.group() for m in matches]
    starters, enders = model.join_starters, model.join_enders
    i = 0
    while i < len(matches) - 1:
        if words[i] not in starters and words[i + 1] not in enders:
            i += 1
            continue
        for n in (3, 2):
            group = matches[i : i + n]
            if len(group) < n or any(text[a.end() : b.start()] != " " for a, b in pairwise(group)):
                continue
            form = model.join(tuple(words[i : i + n]))
            if form:
                start, end = group[0].start(), group[-1].end()
                reason = f"{' '.join(words[i : i + n])} is one word: {form}"
                edits.append(Edit(start, end, form, "join_spaced_zwnj", reason))
                i += n - 1
                break
        i += 1
    return edits


_AFFIX_ALONE_RE = re.compile(r"(?<![^\W\d_])(?:نمی|می|ها|های|هایی)(?![^\W\d_]|\u200c)")
_AFFIX_ZWNJ_RE = re.compile(r"^(?:نمی|می)\u200c|\u200c(?:ها|های|هایی)$")


def _how_lost(text: str, splits: list[Edit]) -> str:
    """"deleted" (PDF), "spaced" (copy-paste) or "unknown": how the text lost its half-spaces.

    The most frequent half-space sites are the affixes `می‌` and `‌ها`/`‌های`: deletion leaves them fused to
    their word, copy-paste leaves them standing alone. Without a clear majority both repairs run.
    """
    fused = sum(1 for e in splits if _AFFIX_ZWNJ_RE.search(e.text))
    alone = len(_AFFIX_ALONE_RE.findall(text))
    if fused > 2 * alone:
        return "deleted"
    if alone > 2 * fused:
        return "spaced"
    return "unknown"


def is_damaged(text: str, model: HalfSpaceModel | None = None) -> bool:
    """True when the text has lost its half-spaces: fewer of its half-space sites carry one than lack one.

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
    nothing is joined; where half-spaces became
    spaces (copy-paste) the fused words are the author's and are not split.
    """
    model = load_model()
    joins, splits = _spaced_edits(text, model), _fused_edits(text, model)
    if not _damaged(text, len(joins) + len(splits)):
        return []
    joins, splits = joins if join else [], splits if split else []
    how = _how_lost(text, splits)
    if how == "deleted":
        joins = []
    elif how == "spaced":
        splits = []
    covered = [(e.start, e.end) for e in joins]
    kept = [e for e in splits if not any(s <= e.start and e.end <= t for s, t in covered)]
    return sorted(joins + kept, key=lambda e: e.start)

