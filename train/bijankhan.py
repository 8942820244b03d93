"""Read the Bijankhan-tagged news sentences of ParsNER as extra POS training data in PerDT's UPOS convention.

The files (`token<TAB>Bijankhan-XPOS<TAB>NER`, ../shared/data/parsner_repo_ner_corpora/news) come from the
Bijankhan corpus, like UD Seraji, so every sentence that shares a sentence, a word 8-gram or 50 letters with a
UD dev or test file is removed first (`Contamination`). The tags are mapped by a table (`BASE`), then by a few
context rules (names inside PERS/LOC/ORG spans become PROPN, as PerDT tags every word of a name PROPN;
participles before a verb are VERB; clausal تا is SCONJ), then by how PerDT's training sentences usually tag
the word next to its neighbour or alone (است → AUX, هم → ADV, پس از → ADP), except where Bijankhan's own
distinction is the one UD makes (pronoun against determiner). The card (pos.md) lists the whole mapping.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from khabar.analyse.conllu import Sentence
from khabar.analyse.features import normalise

Tagged = list[tuple[str, str]]

BASE = {
    "N_SING": "NOUN",
    "N_PL": "NOUN",
    "ADJ_SIM": "ADJ",
    "ADJ_CMPR": "ADJ",
    "ADJ_SUP": "ADJ",
    "ADJ_INO": "ADJ",
    "MORP": "ADJ",
    "V_COP": "ADJ",  # معتقدند: adjective + copula, tagged as its host like PerDT's multi-word tokens
    "ADV": "ADV",
    "ADV_NI": "ADV",
    "ADV_TIME": "ADV",
    "ADV_NEGG": "ADV",
    "ADV_I": "ADV",
    "ADV_LOC": "ADV",
    "MQUA": "ADV",
    "ADV_EXM": "ADP",  # مثل، مانند
    "P": "ADP",
    "COMP_P": "ADP",
    "P_PRO": "ADP",  # برایش: preposition + clitic pronoun
    "CLITIC": "ADP",  # را
    "PRO": "PRON",
    "CLITICRO": "PRON",  # مرا، آنرا
    "DET": "DET",
    "QUA": "DET",
    "SPEC": "DET",
    "IF": "SCONJ",
    "V_PA": "VERB",
    "V_PRS": "VERB",
    "V_SUB": "VERB",
    "V_PP": "VERB",
    "V_IMP": "VERB",
    "V_PRE": "AUX",
    "V_AUX": "VERB",  # توانستن, داشتن: PerDT's VERB; MODALS are AUX
    "DELM": "PUNCT",
    "CON": "SCONJ",  # CCONJ for the COORDINATORS
    "ADJ_ORD": "ADJ",  # NUM for the CARDINALS
    "OH": "INTJ",
    "PS": "INTJ",
    "INT": "INTJ",
}
# Tags whose sentences are left out: Arabic phrases (PerDT has no convention for them) and one-off tags.
DROP_TAGS = frozenset({"AR", "NP", "V_E", "COM", "AUX", "pro", "n_sing", "ADJ"})
# Bijankhan's distinction is UD's here, so a PerDT word majority must not override it (این: DET or PRON).
NO_OVERRIDE = frozenset({"PRO", "DET", "CLITICRO", "DELM"})
NAME_TAGS = frozenset({"N_SING", "N_PL", "ADJ_SIM", "ADJ_CMPR", "ADJ_SUP", "ADJ_INO"})
NAME_SPANS = ("PERS", "LOC", "ORG")
COORDINATORS = frozenset({"و", "یا", "اما", "ولی", "لیکن", "ولیکن", "بلکه"})
SPEC_NOUNS = frozenset({"گونه", "نوع", "سری", "رشته", "جور", "درصد", "مجموعه", "میزان", "مقدار", "سلسله", "مورد"})
CARDINALS = frozenset(
    [
        "یک",
        "دو",
        "سه",
        "چهار",
        "پنج",
        "شش",
        "هفت",
        "هشت",
        "نه",
        "ده",
        "یازده",
        "دوازده",
        "سیزده",
        "چهارده",
        "پانزده",
        "شانزده",
        "هفده",
        "هجده",
        "هیجده",
        "نوزده",
        "بیست",
        "سی",
        "چهل",
        "پنجاه",
        "شصت",
        "هفتاد",
        "هشتاد",
        "نود",
        "صد",
        "یکصد",
        "دویست",
        "سیصد",
        "چهارصد",
        "پانصد",
        "ششصد",
        "هفتصد",
        "هشتصد",
        "نهصد",
        "هزار",
        "میلیون",
        "میلیارد",
        "بیلیون",
        "تریلیون",
    ]
)
# V_AUX forms that PerDT tags AUX: باید and the future خواه (other V_AUX, توانستن and داشتن, are VERB).
MODALS = frozenset(
    {"باید", "نباید", "بایستی", "بایست", "می‌بایست", "می‌بایستی", "نمی‌بایست", "می‌باید", "می‌توان", "نمی‌توان"}
)
_NUMBER = re.compile(r"^\d[\d.,/٫٬]*$")
MIN_COUNT, MIN_SHARE = 3, 0.75


def read_col(path: Path) -> Iterator[list[tuple[str, str, str]]]:
    """Sentences of (token, Bijankhan tag, NER tag); blank lines separate sentences."""
    sent: list[tuple[str, str, str]] = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        cols = line.split("\t")
        if len(cols) >= 3 and cols[0]:
            sent.append((cols[0], cols[1], cols[2]))
        elif sent:
            yield sent
            sent = []
    if sent:
        yield sent


@dataclass
class PerdtUsage:
    """How PerDT's training sentences tag a word, alone and next to another word: the UPOS a form (or a form
    before / after a given word) gets at least MIN_SHARE of at least MIN_COUNT times, and the nouns PerDT
    makes part of a following name (استان, امام)."""

    words: dict[str, str] = field(default_factory=dict)
    before: dict[tuple[str, str], str] = field(default_factory=dict)
    after: dict[tuple[str, str], str] = field(default_factory=dict)
    titles: frozenset[str] = frozenset()

    @classmethod
    def of(cls, sentences: Iterable[Sentence]) -> PerdtUsage:
        words: dict[str, Counter[str]] = defaultdict(Counter)
        before: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        after: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        titles: dict[str, Counter[bool]] = defaultdict(Counter)
        for sent in sentences:
            forms = [normalise(w.form) for w in sent.words]
            for i, w in enumerate(sent.words):
                words[forms[i]][w.upos] += 1
                if i + 1 < len(forms):
                    before[(forms[i], forms[i + 1])][w.upos] += 1
                    if w.upos in ("NOUN", "PROPN") and sent.words[i + 1].upos == "PROPN":
                        titles[forms[i]][w.upos == "PROPN"] += 1
                if i:
                    after[(forms[i - 1], forms[i])][w.upos] += 1
        title_words = frozenset(
            f for f, c in titles.items() if sum(c.values()) >= MIN_COUNT and c[True] >= 0.6 * sum(c.values())
        )
        return cls(_majority(words), _majority(before), _majority(after), title_words)

    def override(self, prev: str, key: str, nxt: str) -> str | None:
        """PerDT's usual tag for `key` between `prev` and `nxt`, the word pair before the word alone."""
        return self.before.get((key, nxt)) or self.after.get((prev, key)) or self.words.get(key)


def _majority(counts: dict, min_count: int = MIN_COUNT) -> dict:
    out = {}
    for key, c in counts.items():
        upos, n = c.most_common(1)[0]
        total = sum(c.values())
        if total >= min_count and n >= MIN_SHARE * total:
            out[key] = upos
    return out


def to_upos(sent: list[tuple[str, str, str]], usage: PerdtUsage, names: bool = True) -> Tagged | None:
    """The sentence as (form, UPOS) without its `#` markers, or None if it has a tag left out. Without `names`
    (Seraji's convention) proper nouns stay NOUN."""
    if any(tag in DROP_TAGS or tag not in BASE for _, tag, _ in sent):
        return None
    toks = [t for t in sent if t[0] != "#"]
    keys = [normalise(form) for form, _, _ in toks]
    out = []
    for i, (form, tag, ner) in enumerate(toks):
        prev = keys[i - 1] if i else ""
        nxt = toks[i + 1] if i + 1 < len(toks) else ("", "", "O")
        upos = _contextual(keys[i], tag, ner if names else "O", nxt, toks[i + 1 :])
        if upos is None:
            upos = _overridden(_base(keys[i], tag), tag, usage.override(prev, keys[i], normalise(nxt[0])))
        if names and upos == "NOUN" and nxt[2][:2] == "B-" and nxt[2][2:] in NAME_SPANS and keys[i] in usage.titles:
            upos = "PROPN"
        out.append((form, upos))
    return out if len(out) >= 2 else None


def _contextual(key: str, tag: str, ner: str, nxt: tuple[str, str, str], rest: list) -> str | None:
    """Numbers, names, participles before a verb (گفته می‌شود: VERB) and clausal تا (SCONJ before a
    subjunctive verb in the same stretch between punctuation)."""
    if _NUMBER.match(key):
        return "NUM"
    if tag in NAME_TAGS and ner[2:] in NAME_SPANS:
        return "PROPN"
    if tag == "ADJ_INO" and nxt[1].startswith("V_"):
        return "VERB"
    if key == "تا" and tag == "P":
        for _, t, _ in rest:
            if t in ("DELM", "CON"):
                break
            if t == "V_SUB":
                return "SCONJ"
        return "ADP"
    return None


def _overridden(upos: str, tag: str, major: str | None) -> str:
    if major is None or tag in NO_OVERRIDE:
        return upos
    if tag.startswith(("N_", "ADJ_")) and major in ("VERB", "AUX"):
        return upos
    if tag.startswith("V_") and major not in ("VERB", "AUX"):
        return upos
    return major


def _base(key: str, tag: str) -> str:
    if tag == "CON":
        return "CCONJ" if key in COORDINATORS else "SCONJ"
    if tag == "ADJ_ORD":
        return "NUM" if key.replace("\u200c", "").replace(" ", "") in CARDINALS else "ADJ"
    if tag == "SPEC" and key in SPEC_NOUNS:
        return "NOUN"
    if tag == "V_AUX" and (key in MODALS or "خواه" in key):
        return "AUX"
    return BASE[tag]


# ------------------------------------------------------------------------------------------------ overlap

_NOT_LETTER = re.compile(r"[^\w]|[\u0654_]")
WINDOW_WORDS, WINDOW_CHARS = 8, 50


def _letters(forms: Iterable[str]) -> list[str]:
    """The sentence's words with letters only (no ZWNJ, spaces, punctuation, ezafe hamza), empty ones dropped."""
    out = []
    for form in forms:
        key = _NOT_LETTER.sub("", normalise(form))
        if key:
            out.append(key)
    return out


def surface_forms(sent: Sentence) -> list[str]:
    """A treebank sentence as written: multi-word tokens instead of their words."""
    starts = {f.first: f for f in sent.fused}
    out, i = [], 0
    while i < len(sent.words):
        f = starts.get(i)
        out.append(sent.words[i].form if f is None else f.form)
        i = i + 1 if f is None else f.last + 1
    return out


@dataclass
class Contamination:
    """Whole sentences, word 8-grams and 50-letter windows of the sentences that must not be trained on."""

    sentences: set[str] = field(default_factory=set)
    grams: set[tuple[str, ...]] = field(default_factory=set)
    windows: set[str] = field(default_factory=set)

    def add(self, forms: list[str]) -> None:
        words = _letters(forms)
        text = "".join(words)
        self.sentences.add(text)
        self.grams.update(tuple(words[i : i + WINDOW_WORDS]) for i in range(len(words) - WINDOW_WORDS + 1))
        self.windows.update(text[i : i + WINDOW_CHARS] for i in range(len(text) - WINDOW_CHARS + 1))

    def reason(self, forms: list[str]) -> str:
        """Why a sentence counts as seen ("sentence", "8-gram", "letters"), or "" if it does not."""
        words = _letters(forms)
        text = "".join(words)
        if text in self.sentences:
            return "sentence"
        if any(tuple(words[i : i + WINDOW_WORDS]) in self.grams for i in range(len(words) - WINDOW_WORDS + 1)):
            return "8-gram"
        if any(text[i : i + WINDOW_CHARS] in self.windows for i in range(len(text) - WINDOW_CHARS + 1)):
            return "letters"
        return ""


def load(
    paths: Iterable[Path], usage: PerdtUsage, seen: Contamination, names: bool = True
) -> tuple[list[Tagged], Counter[str]]:
    """The usable sentences of `paths` in the UPOS of the treebank `usage` describes, and counts of what was left
    out and why."""
    out, dropped = [], Counter()
    for path in paths:
        for sent in read_col(path):
            why = seen.reason([form for form, _, _ in sent])
            tagged = None if why else to_upos(sent, usage, names)
            if why:
                dropped["overlap: " + why] += 1
            elif tagged is None:
                dropped["tag left out"] += 1
            else:
                out.append(tagged)
    return out, dropped
