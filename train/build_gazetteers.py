"""Build khabar's NER gazetteers and word classes from the hand-written seeds and the training corpora.

Writes khabar/data/lexicons/{titles,offices,outlets,places}.txt and ner_words.tsv. Deterministic: the same
corpora give the same files. Only training sentences are read (evaluation sentences are removed first), so the
gazetteers never carry an answer from a test set.

    .venv/bin/python train/build_gazetteers.py
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ner_corpora as nc

from khabar.extract.gazetteers import fold

SEEDS = Path(__file__).resolve().parent / "ner_seeds"
OUT = nc.REPO / "khabar" / "data" / "lexicons"
HAZM = nc.DATA / "hazm_lexicon"

MIN_PLACE = 5  # times a name must be tagged LOC in training data
PLACE_PURITY = 0.9  # share of its entity tags that are LOC
MIN_TITLE = 20  # times a word must stand right before a person's name
TITLE_SHARE = 0.8  # share of its occurrences that stand right before a name (0.5 for spellings of a seed title)
MIN_OFFICE = 3
OFFICE_WORDS = 3  # an office phrase from data: its head and at most two more dictionary words
MIN_OUTLET = 3
MIN_GIVEN = 10  # times a word must open a person's name of two or more words (or stand inside one)
GIVEN_SHARE = 0.9  # share of those uses against ending a name: given names rarely end one
OFFICE_WINDOW = 6  # tokens an office phrase may span before the name
STOP_AT = frozenset(["،", ",", ".", ":", "؛", "(", ")", "«", "»", '"', "و", "که", "را", "در", "به", "از", "با", "برای"])


def read_seed(name: str) -> list[tuple[str, str]]:
    """(entry, tag) pairs of a seed file, comments skipped."""
    rows = []
    for line in (SEEDS / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            entry, _, tag = line.partition("\t")
            rows.append((entry.strip(), tag.strip()))
    return rows


def training_sentences() -> list[nc.Sentence]:
    """Every sentence a model may learn from: evaluation and selection sets removed."""
    held_out = nc.peyma("dev") + nc.peyma("test") + nc.arman("test", 1)
    pool = nc.peyma("train") + nc.peyma_600k() + nc.arman("train", 1) + nc.parsner("news") + nc.parsner("wiki")
    return nc.without(pool, held_out)


def entity_texts(sentences: Iterable[nc.Sentence]) -> Counter[tuple[str, str]]:
    """(text, label) counts of the annotated entities."""
    counts: Counter[tuple[str, str]] = Counter()
    for sent in sentences:
        for a, b, label in nc.entity_spans(sent.tags):
            counts[" ".join(sent.tokens[a:b]), label] += 1
    return counts


def data_places(entities: Counter[tuple[str, str]]) -> list[str]:
    """Names tagged LOC often and almost only as LOC."""
    by_name: dict[str, Counter[str]] = {}
    for (text, label), n in entities.items():
        by_name.setdefault(text, Counter())[label] += n
    keep = []
    for text, labels in by_name.items():
        loc, total = labels["LOC"], sum(labels.values())
        if loc >= MIN_PLACE and loc / total >= PLACE_PURITY and len(fold(text)) > 1:
            keep.append(text)
    return [nc.tidy(t) for t in sorted(keep, key=lambda t: (-by_name[t]["LOC"], t))]


def data_titles(sentences: list[nc.Sentence], seeds: set[str]) -> list[str]:
    """Words that mostly stand right before a person's name (آقای، دکتر ...)."""
    before, total = Counter(), Counter()
    for sent in sentences:
        for tok in sent.tokens:
            total[fold(tok)] += 1
        for a, _, label in nc.entity_spans(sent.tags):
            if label == "PER" and a > 0 and sent.tags[a - 1] == "O":
                before[fold(sent.tokens[a - 1])] += 1
    spelled = _spellings(sentences)
    seed_keys = {fold(t).replace(" ", "") for t in seeds}

    def is_title(w: str, n: int) -> bool:
        share = n / total[w]
        variant = w.replace(" ", "") in seed_keys
        return n >= MIN_TITLE and len(w) > 1 and share >= (TITLE_SHARE / 2 if variant else TITLE_SHARE)

    keep = [w for w, n in before.items() if is_title(w, n) and w not in STOP_AT]
    return sorted((nc.tidy(spelled[w]) for w in keep), key=lambda w: (-before[fold(w)], w))


def data_offices(sentences: list[nc.Sentence], heads: set[str], words: dict[str, str]) -> list[str]:
    """Office phrases right before a person's name: a known head word and up to two more dictionary words."""
    counts: Counter[str] = Counter()
    for sent in sentences:
        for a, _, label in nc.entity_spans(sent.tags):
            if label != "PER":
                continue
            for h in range(a - 1, max(-1, a - 1 - OFFICE_WINDOW), -1):
                tok = sent.tokens[h]
                if tok in STOP_AT:
                    break
                if fold(tok) in heads:
                    end = h + 1
                    while (
                        end < min(a, h + OFFICE_WORDS) and sent.tags[end] == "O" and _content(sent.tokens[end], words)
                    ):
                        end += 1
                    counts[nc.tidy(" ".join(sent.tokens[h:end]))] += 1
                    break
    return sorted((p for p, n in counts.items() if n >= MIN_OFFICE), key=lambda p: (-counts[p], p))


def data_given_names(sentences: list[nc.Sentence], exclude: set[str]) -> list[str]:
    """Words that open or continue a person's name but seldom end it (`علی`, `محمد`, `حبیب`, `الله` of
    `حبیب الله`): a name made only of them lacks its surname. Stopwords and titles (`exclude`) are left out."""
    inside, last = Counter(), Counter()
    for sent in sentences:
        for a, b, label in nc.entity_spans(sent.tags):
            if label != "PER" or b - a < 2:
                continue
            for i in range(a, b - 1):
                inside[fold(sent.tokens[i])] += 1
            last[fold(sent.tokens[b - 1])] += 1
    keep = [
        w
        for w, n in inside.items()
        if n >= MIN_GIVEN and n >= GIVEN_SHARE * (n + last[w]) and w.isalpha() and len(w) > 1 and w not in exclude
    ]
    return sorted(keep, key=lambda w: (-inside[w], w))


def _content(token: str, words: dict[str, str]) -> bool:
    """A dictionary word that is not a function word (offices are made of such words)."""
    return words.get(fold(token), "s") not in {"s", "0", "1"}


def data_outlets(sentences: list[nc.Sentence], places: set[str]) -> list[str]:
    """Organisations named right after «خبرگزاری» or «به گزارش» (not place names, not bare numbers)."""
    counts: Counter[str] = Counter()
    for sent in sentences:
        folded = [fold(t) for t in sent.tokens]
        for a, b, label in nc.entity_spans(sent.tags):
            if label != "ORG":
                continue
            words = sent.tokens[a:b]
            if folded[a] == "خبرگزاری" and b - a > 1:
                words = words[1:]
            elif not (a > 0 and folded[a - 1] in {"خبرگزاری", "گزارش"}):
                continue
            if fold(" ".join(words)) not in places and not words[0].isdigit():
                counts[nc.tidy(" ".join(words))] += 1
    return sorted((p for p, n in counts.items() if n >= MIN_OUTLET), key=lambda p: (-counts[p], p))


def _spellings(sentences: list[nc.Sentence]) -> dict[str, str]:
    """The most frequent written form of each folded word."""
    forms: dict[str, Counter[str]] = {}
    for sent in sentences:
        for tok in sent.tokens:
            forms.setdefault(fold(tok), Counter())[tok] += 1
    return {k: v.most_common(1)[0][0] for k, v in forms.items()}


def word_classes() -> list[tuple[str, str]]:
    """Folded hazm words with their frequency decade; stopwords marked 's'."""
    stop = {fold(w) for w in (HAZM / "stopwords.dat").read_text(encoding="utf-8").split("\n") if w.strip()}
    classes: dict[str, str] = {}
    for line in (HAZM / "words.dat").read_text(encoding="utf-8").splitlines():
        word, freq, _ = [*line.split("\t"), "", ""][:3]
        if freq.isdigit() and int(freq) > 0 and " " not in word:
            key = fold(word)
            decade = str(min(int(math.log10(int(freq))), 7))
            classes[key] = max(classes.get(key, "0"), decade)
    for w in stop:
        classes[w] = "s"
    return sorted(classes.items())


def write(name: str, header: str, rows: Iterable[tuple[str, str]]) -> int:
    """Write one list, keeping the first of entries that fold to the same key; returns the entry count."""
    seen: set[str] = set()
    lines = [f"# {line}" for line in header.strip().splitlines()]
    for entry, tag in rows:
        key = fold(entry).replace(" ", "")
        if key and key not in seen:
            seen.add(key)
            lines.append(f"{entry}\t{tag}" if tag else entry)
    (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(seen)


def main() -> None:
    sentences = training_sentences()
    entities = entity_texts(sentences)
    seed_titles = [e for e, _ in read_seed("titles")]
    seed_offices = [e for e, _ in read_seed("offices")]
    heads = {fold(p.split()[0]) for p in seed_offices}
    words = dict(word_classes())
    places = read_seed("places") + [(e, "data") for e in data_places(entities)]
    place_keys = {fold(p) for p, _ in places}
    note = "Built by train/build_gazetteers.py from train/ner_seeds/{name}.txt (hand-written, first) and {src}."
    titles = seed_titles + data_titles(sentences, set(seed_titles))
    given_exclude = {w for w, c in words.items() if c == "s"} | {fold(t) for t in titles for t in t.split()}
    counts = {
        "titles.txt": write(
            "titles.txt",
            note.format(name="titles", src="words standing before PER names in the NER training corpora"),
            [(e, "") for e in titles],
        ),
        "offices.txt": write(
            "offices.txt",
            note.format(name="offices", src="office phrases standing before PER names in the NER training corpora"),
            [(e, "") for e in seed_offices + data_offices(sentences, heads, words)],
        ),
        "outlets.txt": write(
            "outlets.txt",
            note.format(name="outlets", src="ORG names after «خبرگزاری» / «به گزارش» in the NER training corpora"),
            [(e, "") for e, _ in read_seed("outlets")] + [(e, "") for e in data_outlets(sentences, place_keys)],
        ),
        "places.txt": write(
            "places.txt",
            note.format(name="places", src="names tagged LOC often and almost only as LOC in the training corpora")
            + "\nname<TAB>kind: country, city, region (seed) or data (from the corpora).",
            places,
        ),
        "given_names.txt": write(
            "given_names.txt",
            "Built by train/build_gazetteers.py: words that open or continue a person's name of two or more words\n"
            f"in the NER training corpora at least {MIN_GIVEN} times, and end one at most "
            f"{1 - GIVEN_SHARE:.0%} as often (folded).",
            [(e, "") for e in data_given_names(sentences, given_exclude)],
        ),
        "ner_words.tsv": write(
            "ner_words.tsv",
            "Built by train/build_gazetteers.py from hazm words.dat and stopwords.dat (MIT).\n"
            "folded word<TAB>class: s = stopword, 0-7 = decade of its hazm frequency.",
            words.items(),
        ),
    }
    for name, n in counts.items():
        print(f"{name}: {n} entries")


if __name__ == "__main__":
    main()
