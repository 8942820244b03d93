"""Build khabar/data/lexicons/halfspace.tsv.gz: the half-space (ZWNJ) model the repair stage uses.

    python train/build_halfspace.py            # reads ../shared/data, writes the artifact and prints its stats

The model is counts turned into decisions, learned from clean text that uses half-spaces (train/corpora.py says
which; the dev articles are held out) and from three word lists (hazm words.dat, Lilak, hunspell fa_IR.dic):
- F rows: a word written without its half-spaces (`میدهد`), the form to restore (`می‌دهد`) and that form's score,
  kept only when the half-space form is clearly more frequent than the fused spelling (`میدان` stays: it is a
  word);
- J rows: words that copy-paste split at a space (`موازنه های`) and the joined form, kept only when the joined form
  is clearly more frequent than the same words with a real space between them;
- W rows: known words and their score (corpus count + word-list weight): to recognise stems, to block splitting a
  real word, and to prefer the commoner stem when a word reads two ways (`نمونهای`: `نمونه‌ای`, not `نمون‌های`);
- R rows: for each affix, how often the corpus writes it with a half-space after a stem that joins.
Deterministic: same inputs, same file.
"""

from __future__ import annotations

import gzip
import re
import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from khabar.repair.chars import NON_JOINING, ZWNJ
from khabar.repair.halfspace import AFTER_HEH, PREFIXES, SUFFIXES, gap_context
from khabar.repair.unicode import normalize_characters
from train.corpora import DATA, training_texts

OUT = Path(__file__).resolve().parents[1] / "khabar" / "data" / "lexicons" / "halfspace.tsv.gz"
WORD_RE = re.compile(r"[^\W\d_][\w\u200c\u064b-\u0655\u0670]*")
SPLIT_RATIO = 1.0  # restore half-spaces in a fused word when the half-space form is this much more frequent
JOIN_RATIO = 1.0  # join two spaced words when the joined form is this much more frequent than the spaced pair
LEXICON_WEIGHT = 2  # a word-list entry counts as this many corpus occurrences


def canonical(word: str) -> str:
    """Drop half-spaces that are invisible (after a non-joining letter): they carry no information."""
    return re.sub(f"(?<=[{''.join(NON_JOINING)}]){ZWNJ}", "", word)


def count_corpus() -> tuple[Counter, Counter]:
    """Word counts and counts of adjacent word pairs/triples separated by one space."""
    words: Counter = Counter()
    ngrams: Counter = Counter()
    for text in training_texts():
        for line in normalize_characters(text).split("\n"):
            tokens = [canonical(w) for w in WORD_RE.findall(line)]
            words.update(tokens)
            ngrams.update(pairwise(tokens))
            ngrams.update(zip(tokens, tokens[1:], tokens[2:]))
    return words, ngrams


def gap_rows(words: Counter, ngrams: Counter) -> list[str]:
    """Letter contexts of gaps: how often clean text writes nothing, a space or a half-space between them.

    Inside a word the context is up to 3 letters each side of the gap (`^`/`$` at the word's edges); between
    two words it is the end of the first and the start of the second. Kept where a half-space was seen twice.
    """
    gaps: dict[tuple[str, str], list[int]] = {}
    for word, n in words.items():
        plain = word.replace(ZWNJ, "")
        zwnj_at = {len(part) for part in _prefixes(word)}
        for k in range(1, len(plain)):
            if plain[k - 1] in NON_JOINING or not plain[k - 1].isalpha() or not plain[k].isalpha():
                continue
            counts = gaps.setdefault(gap_context(plain[:k], plain[k:]), [0, 0, 0])
            counts[2 if k in zwnj_at else 0] += n
    for pair, n in ngrams.items():
        if len(pair) == 2 and ZWNJ not in pair[0] + pair[1] and pair[0][-1] not in NON_JOINING:
            key = gap_context(pair[0], pair[1])
            if key in gaps:
                gaps[key][1] += n
    return [f"G\t{a}\t{b}\t{c[0]}\t{c[1]}\t{c[2]}" for (a, b), c in sorted(gaps.items()) if c[2] >= 2]


def _prefixes(word: str) -> list[str]:
    """The parts of `word` before each of its half-spaces, half-spaces removed (their lengths mark the gaps)."""
    parts = word.split(ZWNJ)
    return ["".join(parts[: i + 1]) for i in range(len(parts) - 1)]



def lexicon_words() -> set[str]:
    """Words of the hazm, Lilak and hunspell lists, normalised like the corpus."""
    found: set[str] = set()
    for line in (DATA / "hazm_lexicon" / "words.dat").read_text(encoding="utf-8").splitlines():
        found.add(line.split("\t")[0])
    for line in (DATA / "lilak_lexicon" / "lexicon").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            found.add(line.split(",")[0])
    dic = (DATA / "reza1615_persian_spellchecker_wordlists" / "fa_IR.dic").read_text(encoding="utf-8")
    for line in dic.splitlines()[1:]:
        found.add(line.split("/")[0].strip())
    return {canonical(normalize_characters(w).strip()) for w in found if w.strip()}


def build() -> list[str]:
    words, ngrams = count_corpus()
    lexicon = lexicon_words()

    def score(word: str) -> int:
        return words[word] + LEXICON_WEIGHT * (word in lexicon)

    zwnj_forms = {w for w in set(words) | lexicon if ZWNJ in w and WORD_RE.fullmatch(w)}
    rows = []
    best_by_key: dict[str, str] = {}
    for form in sorted(zwnj_forms):
        key = form.replace(ZWNJ, "")
        if key not in best_by_key or score(form) > score(best_by_key[key]):
            best_by_key[key] = form
    for key, form in sorted(best_by_key.items()):
        if score(form) >= SPLIT_RATIO * max(1, score(key)) and score(form) >= 2:
            rows.append(f"F\t{key}\t{form}\t{score(form)}")
    for form in sorted(zwnj_forms):
        parts = tuple(form.split(ZWNJ))
        if len(parts) > 3 or not all(parts):
            continue
        if score(form) >= JOIN_RATIO * max(1, ngrams[parts]) and score(form) >= 2:
            rows.append(f"J\t{' '.join(parts)}\t{form}\t{score(form)}\t{ngrams[parts]}")
    shares = affix_rows(words)
    rows.extend(shares)
    known = {w for w in set(words) | lexicon if ZWNJ not in w and WORD_RE.fullmatch(w) and score(w) >= 2}
    # A word only a word list knows (generated plural or verb forms) must not block reading it as stem + affix.
    affixed = {row.split("\t")[2] for row in shares if float(row.split("\t")[3]) >= 0.5}
    known -= {w for w in known if words[w] < 2 and _stem_and_affix(w, affixed, known)}
    rows.extend(f"W\t{w}\t{score(w)}" for w in sorted(known))
    rows.extend(f"V\t{v}" for v in sorted(verb_forms(words)))
    rows.extend(gap_rows(words, ngrams))
    return rows


PRESENT_ENDINGS = ("م", "ی", "د", "یم", "ید", "ند")
PAST_ENDINGS = ("م", "ی", "", "یم", "ید", "ند", "ه")


def verb_forms(words: Counter) -> set[str]:
    """Verb forms that may follow `می‌`/`نمی‌`: conjugated hazm verb stems, and what the corpus writes after them."""
    forms = set()
    for line in (DATA / "hazm_lexicon" / "verbs.dat").read_text(encoding="utf-8").splitlines():
        past, _, present = line.lstrip("#").partition("#")
        for stem, endings in ((present, PRESENT_ENDINGS), (past, PAST_ENDINGS)):
            if not stem:
                continue
            stem = normalize_characters(stem)
            forms.update(stem + e for e in endings)
            if stem[-1] in "اوی" and endings is PRESENT_ENDINGS:
                forms.update(stem + "ی" + e for e in endings if e != "ی")
    for word in words:
        for prefix in ("می" + ZWNJ, "نمی" + ZWNJ):
            if word.startswith(prefix) and len(word) > len(prefix) + 1:
                forms.add(word[len(prefix) :].split(ZWNJ)[0])
    return forms


def _stem_and_affix(word: str, affixes: set[str], known: set[str]) -> bool:
    """Whether `word` reads as a known stem ending in a joining letter + an affix written after a half-space."""
    for affix in affixes:
        if word.endswith(affix) and len(word) > len(affix) + 1:
            stem = word[: -len(affix)]
            if stem in known and stem[-1] not in NON_JOINING:
                return True
        if word.startswith(affix) and word[len(affix) :] in known:
            return True
    return False


def affix_rows(words: Counter) -> list[str]:
    """P(half-space | affix, stem ends in a joining letter), from the corpus's own spelling."""
    rows = []
    for kind, affixes in (("suffix", SUFFIXES), ("prefix", PREFIXES)):
        for affix in affixes:
            with_zwnj = without = 0
            for word, n in words.items():
                plain = word.replace(ZWNJ, "")
                if kind == "suffix" and plain.endswith(affix) and len(plain) > len(affix) + 1:
                    stem = plain[: -len(affix)]
                    if stem[-1] in NON_JOINING or words[stem] < 3 or (affix in AFTER_HEH and stem[-1] != "ه"):
                        continue
                    with_zwnj += n if word == stem + ZWNJ + affix else 0
                    without += n if word == plain else 0
                elif kind == "prefix" and plain.startswith(affix) and len(plain) > len(affix) + 1:
                    rest = plain[len(affix) :]
                    if words[affix + ZWNJ + rest] + words[plain] == 0 or words[rest] < 3:
                        continue
                    with_zwnj += n if word == affix + ZWNJ + rest else 0
                    without += n if word == plain else 0
            share = with_zwnj / (with_zwnj + without) if with_zwnj + without else 0.0
            rows.append(f"R\t{kind}\t{affix}\t{share:.3f}\t{with_zwnj + without}")
    return rows


def main() -> None:
    rows = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT, "wb", mtime=0) as f:
        f.write(("\n".join(rows) + "\n").encode("utf-8"))
    kinds = Counter(r[0] for r in rows)
    summary = ", ".join(f"{k}={v}" for k, v in sorted(kinds.items()))
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB): {summary}")
    for row in rows:
        if row.startswith("R"):
            print(row)


if __name__ == "__main__":
    main()
