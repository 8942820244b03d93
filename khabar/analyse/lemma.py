"""The lemmatiser: UD lemmas for Persian words (past stem for verbs, singular for plurals, no clitics).

Three sources, tried in order, each cached per (form, UPOS):

1. the treebank table: forms seen in training, with the lemma the chosen convention gives them;
2. for verbs, `VerbAnalyser`: takes off preverb, می/نمی/ب/ن prefixes and personal or perfect endings, and maps
   the stem to its past stem through the stem list (hazm, Lilak, hunspell and the treebanks' `past#present`
   pairs), so `نتوانسته‌اند` → `توانست` and `برمی‌گردد` → `گشت` (`توانست#توان` under iPerUDT's convention);
   then the lemma another treebank gives the form;
3. for other words, a small classifier (lemma.crfsuite) that picks a suffix rule («های» → «», «گان» → «ه»,
   «ٔ» → «», identity, ...) from the word's ending, its UPOS, and whether each candidate is a listed word.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path

import pycrfsuite

from khabar.analyse.features import ZWNJ, normalise
from khabar.analyse.lexicon import Lexicon

PREVERBS = ("بر", "در", "باز", "فرا", "فرو", "وا")
VERB_PREFIXES = ("نمی", "می", "ن", "ب", "")
# Personal endings, including the colloquial ones (میکنه, میکنن, میکنین).
PERSON_ENDINGS = ("", "م", "ی", "د", "یم", "ید", "ند", "ه", "ن", "ین")
PAST_ENDINGS = ("", "م", "ی", "یم", "ید", "ند", "ن", "ین")
PERFECT_ENDINGS = ("ه", "هام", "های", "هاست", "هایم", "هاید", "هاند", "هایی", "هامون")
VOWELS = ("ا", "و")
NOMINAL_SKIP = frozenset({"PUNCT", "VERB", "AUX"})


def compact(form: str) -> str:
    """The spelling verbs are matched on: normalised, without ZWNJ (می‌کنند and میکنند are one form)."""
    return normalise(form).replace(ZWNJ, "").replace(" ", "")


@dataclass(slots=True)
class VerbAnalyser:
    """Maps inflected verb forms to their past stem through a (past, present) stem list."""

    weights: dict[str, float]
    presents: dict[str, list[str]] = field(default_factory=dict)
    pair_weight: dict[tuple[str, str], float] = field(default_factory=dict)
    present_of: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, str, float]]) -> VerbAnalyser:
        """From (past, present, weight): a past stem weighs as much as its best pair; a present stem lists its
        past stems by pair weight."""
        weights: dict[str, float] = {}
        presents: dict[str, list[tuple[float, str]]] = {}
        for past, present, weight in pairs:
            weights[past] = max(weight, weights.get(past, 0.0))
            presents.setdefault(present, []).append((weight, past))
        ranked = {q: [p for _, p in sorted(ps, key=lambda x: (-x[0], x[1]))] for q, ps in presents.items()}
        pair_weight = {(p, q): w for p, q, w in pairs}
        present_of: dict[str, str] = {}
        for past, present, _ in sorted(pairs, key=lambda x: (-x[2], x[1])):
            present_of.setdefault(past, present)
        return cls(weights, ranked, pair_weight, present_of)

    def stems(self, form: str) -> str | None:
        """`past#present` (iPerUDT's verb lemma), or None if `form` has no analysis."""
        past = self.lemma(form)
        return None if past is None else f"{past}#{self.present_of[past]}"

    def lemma(self, form: str) -> str | None:
        """The past stem of `form`, or None if no analysis uses a listed stem."""
        best: tuple[float, str] | None = None
        word = compact(form)
        for preverb in (*PREVERBS, ""):
            if not word.startswith(preverb) or len(word) <= len(preverb):
                continue
            bonus = 1e9 if preverb else 0.0  # the treebanks drop preverbs: برگشت → گشت
            for past, weight in self._analyses(word[len(preverb) :]):
                if best is None or bonus + weight > best[0]:
                    best = (bonus + weight, past)
        return None if best is None else best[1]

    def _analyses(self, word: str) -> list[tuple[str, float]]:
        """(past stem, weight) for every prefix + stem + ending split of `word` that uses a listed stem."""
        out: list[tuple[str, float]] = []
        for prefix in VERB_PREFIXES:
            if not word.startswith(prefix) or len(word) <= len(prefix):
                continue
            for rest in _glide_variants(word[len(prefix) :], prefix):
                out += self._past_stems(rest, prefix)
                out += self._present_stems(rest)
        return out

    def _past_stems(self, rest: str, prefix: str) -> list[tuple[str, float]]:
        if prefix == "ب":
            return []
        out = []
        for ending in (*PAST_ENDINGS, *PERFECT_ENDINGS):
            stem = rest[: len(rest) - len(ending)] if ending else rest
            if stem in self.weights and rest.endswith(ending):
                out.append((stem, self.weights[stem]))
        return out

    def _present_stems(self, rest: str) -> list[tuple[str, float]]:
        out = []
        for ending in PERSON_ENDINGS:
            if not rest.endswith(ending):
                continue
            stem = rest[: len(rest) - len(ending)] if ending else rest
            stems = [stem, stem[:-1]] if ending and stem.endswith("ی") and stem[:-1].endswith(VOWELS) else [stem]
            for present in stems:  # the second is the glide: گوید = گو + ی + د
                out += [(p, self.pair_weight[(p, present)]) for p in self.presents.get(present, ())]
        return out


def _glide_variants(rest: str, prefix: str) -> list[str]:
    """After ب/ن, a stem starting with آ/ا is written with a glide: بیاید (آید), بیندیشد (اندیشد)."""
    out = [rest]
    if prefix in ("ب", "ن") and rest.startswith("ی") and len(rest) > 2:
        out.append(rest[1:])
        if rest[1] == "ا":
            out.append("آ" + rest[2:])
        else:
            out.append("ا" + rest[1:])
    return out


class SuffixRules:
    """Chooses a suffix rule for a word the table does not know: a maxent model over rule names."""

    def __init__(
        self, model: Path | None, lexicon: Lexicon, lemmas: frozenset[str], rules: list[tuple[str, str]]
    ) -> None:
        self._tagger: pycrfsuite.Tagger | None = None
        if model is not None:
            self._tagger = pycrfsuite.Tagger()
            self._tagger.open(str(model))
        self.lexicon = lexicon
        self.lemmas = lemmas
        self.rules = rules

    def listed(self, word: str) -> bool:
        """A plausible lemma: a training lemma or a word the lists give a non-verb class."""
        return word in self.lemmas or self.lexicon.listed(word)

    def features(self, form: str, upos: str, tb: str) -> list[str]:
        """What the rule classifier sees: the UPOS, the ending, and which rules give a listed word."""
        w = normalise(form)
        feats = [f"u={upos}", f"t={tb}", f"tu={tb}|{upos}", f"s1={w[-1:]}", f"s2={w[-2:]}", f"s3={w[-3:]}"]
        feats += [f"us2={upos}|{w[-2:]}", f"us3={upos}|{w[-3:]}", f"z={ZWNJ in w}"]
        if self.listed(w):
            feats.append("listed")
        for strip, add in self.rules:
            if strip and w.endswith(strip) and len(w) > len(strip) + 1:
                name = f"{strip}>{add}"
                feats.append("can:" + name)
                if self.listed(apply_rule(w, strip, add)):
                    feats += ["ok:" + name, f"ok:{name}|{upos}", f"ok:{name}|{upos}|{tb}"]
        return feats

    def lemma(self, form: str, upos: str, tb: str) -> str:
        if self._tagger is None:
            return form
        rule = self._tagger.tag([self.features(form, upos, tb)])[0]
        strip, _, add = rule.partition(">")
        if not strip and not add:
            return form  # as written: digits, harakat and all
        for word in (form, normalise(form)):
            if word.endswith(strip):
                return apply_rule(word, strip, add)
        return form


def apply_rule(word: str, strip: str, add: str) -> str:
    base = word[: len(word) - len(strip)] if strip else word
    return base.rstrip(ZWNJ) + add


def rule_of(form: str, lemma: str) -> tuple[str, str] | None:
    """The suffix rule turning `form` into `lemma` (None when the change is not at the end, e.g. احزاب → حزب)."""
    w, lem = normalise(form), normalise(lemma)
    n = 0
    while n < min(len(w), len(lem)) and w[n] == lem[n]:
        n += 1
    strip, add = w[n:], lem[n:]
    if n < 2 or len(add) > 2 or len(strip) > 6:
        return None
    if apply_rule(w, strip, add) != lem:
        return None
    return strip, add


class Lemmatiser:
    """Form + UPOS → lemma under one treebank's conventions (`tb`: perdt, seraji or iper)."""

    def __init__(self, table: Path, model: Path, lexicon: Lexicon, tb: str = "perdt") -> None:
        self.tb = tb
        self.table: dict[tuple[str, str], str] = {}
        self.feats: dict[tuple[str, str], str] = {}
        self.any_table: dict[tuple[str, str], str] = {}
        self.remap: dict[str, str] = {}
        stems: list[tuple[str, str, float]] = []
        lemmas: set[str] = set()
        rules: list[tuple[str, str]] = []
        with gzip.open(table, "rt", encoding="utf-8") as handle:
            for line in handle:
                kind, *cols = line.rstrip("\n").split("\t")
                if kind == "T":
                    self._add_table(cols)
                elif kind == "V":
                    stems.append((cols[0], cols[1], float(cols[2])))
                elif kind == "M" and cols[0] == tb:
                    self.remap[cols[1]] = cols[2]
                elif kind == "L":
                    lemmas.add(cols[0])
                elif kind == "R":
                    rules.append((cols[0], cols[1]))
        self.verbs = VerbAnalyser.from_pairs(stems)
        self.suffixes = SuffixRules(model if model.exists() else None, lexicon, frozenset(lemmas), rules)

    def _add_table(self, cols: list[str]) -> None:
        tb, form, upos, lemma, feats = cols
        if tb == self.tb:
            self.table[(form, upos)] = lemma
            self.feats[(form, upos)] = feats
        elif "#" not in lemma and (tb != "iper" or (form, upos) not in self.any_table):
            self.any_table[(form, upos)] = lemma  # another treebank's lemma, formal ones first

    def __call__(self, form: str, upos: str) -> str:
        """The lemma (not cached here: `Analysis` caches the whole analysis of each form and UPOS)."""
        for key in ((form, upos), (normalise(form), upos)):
            if key in self.table:
                return self.table[key]
        if upos in ("VERB", "AUX"):
            stem = self.verbs.stems(form) if self.tb == "iper" else self.verbs.lemma(form)
            if stem is not None:
                return self.remap.get(stem, stem)
        for key in ((form, upos), (normalise(form), upos)):
            if key in self.any_table:
                return self.any_table[key]
        if upos == "PUNCT":
            return form
        return self.suffixes.lemma(form, upos, self.tb)
