"""The entities stage: tag names with the shipped CRF, then merge the mentions of each referent into one Entity.

Tagging runs sentence by sentence over `doc.tokens` (model: khabar/data/models/ner.crfsuite, card ner.md).
Linking then works on the whole document:

1. Names with the same label merge when they are spelled alike (`fold`), when a person's name is part of a
   longer one (`امیرعبداللهیان` in `حسین امیرعبداللهیان`), or when an organisation or place differs only by a
   descriptor (`حماس` / `جنبش حماس`, `ایران` / `جمهوری اسلامی ایران`).
2. A person's roles are the office phrases apposed to the name (`اسماعیل هنیه، رئیس دفتر سیاسی جنبش حماس`) or
   written before it (`وزیر امور خارجه ایران حسین امیرعبداللهیان`), and honorifics before it (`آیت‌الله`).
3. An office phrase standing alone (`وزیر امور خارجه جمهوری اسلامی ایران در دیدار با ...`) becomes a mention of
   the person who holds that office in this document, or, when nobody does, of the one nearby person with no
   office yet; otherwise it is left unlinked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Protocol

import pycrfsuite

from khabar.analyse import load_analysis
from khabar.document import Document, Entity, Span
from khabar.errors import ModelError
from khabar.extract.cues import cue_lexicon
from khabar.extract.gazetteers import fold, given_names, matcher
from khabar.extract.ner_features import FeatureExtractor, word_classes
from khabar.extract.speakers import fold as fold_keeping_offsets
from khabar.extract.speakers import is_title

__all__ = [
    "EntityRecognizer",
    "Mention",
    "link_mentions",
    "mark_proper_nouns",
    "same_referent",
    "spread_names",
    "token_spans",
]

MODEL = "ner.crfsuite"
MAX_COMPLEMENT = 6  # words an office phrase may take after its head (its organisation or place)
SURNAME_DECADE = "5"  # a surname the tagger dropped is no more frequent than this in the word list (decades 0-7)
NEARBY_SENTENCES = 3  # how far a lone office phrase looks for its holder when nobody holds it yet
LEAD_PARAGRAPH = 1  # paragraphs 0 (the title) and 1 (the lead) name a story's speaker by office
TITLE_SEPARATORS = frozenset({"|", "-", "–", "/", "؛", ":", "«", "»"})  # between the parts of a title
COMMAS = frozenset({"،", ","})
OBJECT_PREPOSITIONS = frozenset({"از", "درباره", "با", "به", "برای", "علیه", "بر", "در"})
NAME_LABELS = frozenset({"PER", "ORG", "LOC"})  # names whose words PerDT tags PROPN
_CLOSING = {")": "(", "»": "«", '"': '"', "]": "["}
_OPENING = frozenset(_CLOSING.values())
# Words that end an office phrase even when no POS tags are there to say so (verbs of saying, particles).
BOUNDARY = frozenset(
    fold(w)
    for w in [
        "گفت",
        "افزود",
        "کرد",
        "است",
        "بود",
        "شد",
        "گفته",
        "داشت",
        "دارد",
        "اظهار",
        "کرده",
        "تاکید",
        "خواند",
        "نیز",
        "هم",
    ]
)
STOP_UPOS = frozenset({"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PRON", "PUNCT", "DET", "PART", "INTJ"})
# Words that qualify an office without saying which one (`سرپرست جدید باشگاه استقلال`, `وزیر سابق نفت`): they
# continue an office phrase, and two phrases that differ only by them name the same office.
ROLE_MODIFIERS = frozenset(
    fold(w) for w in ["جدید", "سابق", "فعلی", "پیشین", "کنونی", "اسبق", "موقت", "وقت", "ارشد", "منتخب", "باشگاه"]
)
# Words in front of an organisation or place that do not change what it names (جنبش حماس = حماس).
DESCRIPTORS = frozenset(
    fold(w)
    for w in [
        "جنبش",
        "گروه",
        "حزب",
        "سازمان",
        "خبرگزاری",
        "شرکت",
        "کشور",
        "شهر",
        "استان",
        "نوار",
        "جمهوری",
        "اسلامی",
        "منطقه",
        "رژیم",
        "روزنامه",
        "شبکه",
    ]
)


@dataclass(slots=True)
class Mention:
    """A stretch of tokens that names an entity (or, with `role`, describes one by its office)."""

    first: int  # token index
    last: int  # token index after the mention
    label: str
    words: tuple[str, ...]  # folded words, punctuation left out
    sentence: int
    role: bool = False


@dataclass(slots=True)
class _Cluster:
    label: str
    names: list[Mention] = field(default_factory=list)
    roles: list[Mention] = field(default_factory=list)
    titles: list[tuple[int, int]] = field(default_factory=list)  # token ranges of honorifics

    @property
    def longest(self) -> Mention:
        return max(self.names, key=lambda m: (len(m.words), -m.first))

    @property
    def canonical(self) -> Mention:
        """A person's fullest name; for anything else the form used most (`غزه` over `نوار غزه`)."""
        if self.label == "PER":
            return self.longest
        counts = Counter(m.words for m in self.names)
        return max(self.names, key=lambda m: (counts[m.words], len(m.words), -m.first))


class EntityRecognizer:
    """The pipeline stage: fills `doc.entities` from `doc.tokens` (and `doc.sentences` when present)."""

    name = "entities"
    requires = frozenset({"tokens"})
    provides = frozenset({"entities"})

    def __init__(self, model: Path | None = None, proper_nouns: bool = True) -> None:
        self.proper_nouns = proper_nouns  # correct the analyse stage's PROPN from the names found here
        self.tagger = pycrfsuite.Tagger()
        path = model or resources.files("khabar.data.models").joinpath(MODEL)
        try:
            with resources.as_file(path) as local:
                self.tagger.open(str(local))
        except (OSError, FileNotFoundError) as exc:
            raise ModelError(f"cannot load the NER model {path} ({exc}); build it with train/train_ner.py") from exc
        self.features = FeatureExtractor()

    def tag(self, words: Sequence[str]) -> list[str]:
        """IOB tags for one sentence's token texts."""
        return self.tagger.tag(self.features.sentence(words)) if words else []

    def tag_document(self, doc: Document) -> tuple[list[str], list[int]]:
        """IOB tags for every token of `doc` (names spread through the document), and each token's sentence."""
        texts = [doc.text[t.start : t.end] for t in doc.tokens]
        return self._tag_texts(doc, texts, self.features.folded(texts))

    def _tag_texts(self, doc: Document, texts: list[str], folded: list[str]) -> tuple[list[str], list[int]]:
        tags: list[str] = []
        sentence_of: list[int] = []
        for n, (a, b) in enumerate(_sequences(doc)):
            tags += self.tag(texts[a:b])
            sentence_of += [n] * (b - a)
        return spread_names(folded, tags), sentence_of

    def __call__(self, doc: Document) -> Document:
        texts = [doc.text[t.start : t.end] for t in doc.tokens]
        folded = self.features.folded(texts)
        tags, sentence_of = self._tag_texts(doc, texts, folded)
        if self.proper_nouns:
            mark_proper_nouns(doc.tokens, texts, tags)
        upos = [t.upos for t in doc.tokens]
        doc.entities = link_mentions(doc, texts, tags, sentence_of, upos, folded)
        return doc


class Tagged(Protocol):
    """What `mark_proper_nouns` corrects: a token's tag, lemma and features (a `Token`, or an evaluator's word)."""

    upos: str | None
    lemma: str | None
    feats: str | None


def mark_proper_nouns(tokens: Sequence[Tagged], texts: Sequence[str], tags: Sequence[str]) -> None:
    """Correct the analyse stage's PROPN with the names this stage found, where the tag set has PROPN.

    PerDT (the default convention) tags every word of a name PROPN, `دولت` and `مجلس` included when they are
    part of one. The POS tagger decides word by word and confuses PROPN with NOUN most of all; the entity tagger
    sees names whole. So a NOUN or ADJ inside a person, organisation or place becomes PROPN, and a PROPN outside
    every name becomes NOUN, with the lemma and FEATS of its new tag. (Held-out PerDT dev, fold 4: UPOS 94.86
    → 95.29.) A document without PROPN (the Seraji convention has none) is left alone.
    """
    if not any(t.upos == "PROPN" for t in tokens):
        return
    in_name = [False] * len(tokens)
    for a, b, label in token_spans(list(tags)):
        if label in NAME_LABELS:
            in_name[a:b] = [True] * (b - a)
    analysis = load_analysis("perdt")
    for token, text, name in zip(tokens, texts, in_name, strict=True):
        if name and token.upos in ("NOUN", "ADJ"):
            new = "PROPN"
        elif not name and token.upos == "PROPN":
            new = "NOUN"
        else:
            continue
        upos, lemma, feats = analysis.word(text, new)
        token.upos, token.lemma, token.feats = upos, lemma, feats or None


def spread_names(folded: list[str], tags: list[str]) -> list[str]:
    """Tag the untagged repeats of a name the tagger found elsewhere in the document, with its usual label.

    The tagger sees one sentence at a time; a name is the same name in the next paragraph. A form the tagger
    left untagged more often than it tagged it is taken for a common word and not spread (on the dev sets this
    step adds 0.7 F1 on PEYMA and 0.15 on Arman). Forms shorter than 3 letters are never spread.
    """
    labels: dict[tuple[str, ...], Counter[str]] = {}
    for a, b, label in token_spans(tags):
        labels.setdefault(tuple(folded[a:b]), Counter())[label] += 1
    where: dict[str, list[int]] = {}
    for i, w in enumerate(folded):
        where.setdefault(w, []).append(i)
    out = list(tags)
    for form, counts in sorted(labels.items(), key=lambda kv: -len(kv[0])):
        if len("".join(form)) < 3:
            continue
        n = len(form)
        spots = [i for i in where.get(form[0], ()) if tuple(folded[i : i + n]) == form]
        free = [i for i in spots if all(t == "O" for t in out[i : i + n])]
        if len(free) <= len(spots) - len(free):
            label = counts.most_common(1)[0][0]
            for i in free:
                out[i : i + n] = [f"B-{label}"] + [f"I-{label}"] * (n - 1)
    return out


def _sequences(doc: Document) -> Iterator[tuple[int, int]]:
    """Token ranges to tag: the sentences, or the whole token list in pieces when there are none."""
    if doc.sentences:
        for s in doc.sentences:
            yield s.token_start, s.token_end
        return
    for a in range(0, len(doc.tokens), 100):
        yield a, min(a + 100, len(doc.tokens))


def link_mentions(
    doc: Document,
    texts: list[str],
    tags: list[str],
    sentence_of: list[int],
    upos: Sequence[str | None],
    folded: list[str] | None = None,
) -> list[Entity]:
    """Entities from a tagged document: mentions merged, roles attached, ids E1, E2, ... in order of appearance."""
    folded = folded or [fold(t) for t in texts]
    linker = _Linker(texts, tags, sentence_of, upos, folded, _paragraph_of(doc), _CueStarts(doc))
    return linker.entities(doc)


class _CueStarts:
    """`i in cue_starts`: whether a reporting cue starts at token i (`تصریح` of `تصریح کرد`, a fused `یادآورشد`).
    No name or office phrase runs on into one, though the tagger, seeing an unknown fused verb, sometimes takes it
    for a surname. Asked only about the few tokens inside or after a name or office (the quotes stage scans the
    whole text), and each answer kept."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._folded: str | None = None
        self._known: dict[int, bool] = {}

    def __contains__(self, i: int) -> bool:
        found = self._known.get(i)
        if found is None:
            if self._folded is None:
                self._folded = fold_keeping_offsets(self.doc.text)
            found = self._known[i] = cue_lexicon().starts_at(self._folded, self.doc.tokens[i].start)
        return found


def _paragraph_of(doc: Document) -> list[int]:
    """The paragraph index of each token; empty when the document has no title (its first paragraph reads as a
    sentence, or it has none): then no paragraph is known to be the title or the lead."""
    if not doc.paragraphs or not is_title(doc.text, doc.paragraphs[0].start, doc.paragraphs[0].end):
        return []
    ends = [p.end for p in doc.paragraphs]
    out, k = [], 0
    for token in doc.tokens:
        while k + 1 < len(ends) and token.start >= ends[k]:
            k += 1
        out.append(k)
    return out


class _Linker:
    """Holds one document's tokens and tags while its mentions are merged."""

    def __init__(
        self,
        texts: list[str],
        tags: list[str],
        sentence_of: list[int],
        upos: Sequence[str | None],
        folded: list[str],
        paragraph_of: list[int],  # empty: no title known, so no title or lead rules
        cue_starts: Container[int] = frozenset(),
    ) -> None:
        self.texts = texts
        self.cue_starts = cue_starts
        self.paragraph_of = paragraph_of
        self.inferred_roles: set[int] = set()  # first tokens of office phrases linked by _resolve_lone_roles
        self._by_head: dict[tuple[str, ...], list[tuple[_Cluster, Mention]]] = {}  # office head → holders
        self._by_sentence: dict[int, list[_Cluster]] = {}  # sentence → people named in it
        self.folded = folded
        self.sentence_of = sentence_of
        self.upos = upos
        self.offices = matcher("offices")
        self.titles = matcher("titles")
        self.lexicon = word_classes()
        spans = self._join_name_chains(self._trim_office_heads(token_spans(tags)))
        self.mentions = [self._mention(a, b, label) for a, b, label in spans]
        self.label_at: dict[int, Mention] = {i: m for m in self.mentions for i in range(m.first, m.last)}
        self._where: dict[str, list[int]] | None = None

    def _trim_office_heads(self, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Start a name after an office head it begins inside: `وزیر [امور خارجه ایران]` names `ایران`; end it
        before a reporting cue (`موهبتی [یادآورشد]`).

        The tagger sometimes reads the rest of an office title as an organisation; the office is a role, and
        only what follows its head names something.
        """
        out = []
        for a, b, label in spans:
            for i in range(max(0, a - 3), a):
                hit = self.offices.longest_at(self.folded, i) if self.offices.starts(self.folded[i]) else None
                if label != "PER" and hit is not None and a < hit[0] < b:
                    a = hit[0]
                    break
            b = next((i for i in range(a + 1, b) if i in self.cue_starts), b)
            a, b = self._trim_punctuation(a, b)
            if a < b and a not in self.cue_starts:
                out.append((a, b, label))
        return out

    def _join_name_chains(self, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Extend a person's name by the word after it when another mention pairs its last word with that word:
        `[صادق فرهمند] امین` and, later, `[فرهمند امین]` are one name, `صادق فرهمند امین` (the tagger dropped
        the surname that is also a common word, or began the next name with it: `[امین صبح امروز]` as a time)."""
        folded = self.folded
        pairs = {tuple(folded[i : i + 2]) for a, b, label in spans if label == "PER" for i in range(a, b - 1)}
        out: list[tuple[int, int, str]] = []
        for a, b, label in spans:
            if out and a < out[-1][1]:  # the word was taken by the name before
                a = out[-1][1]
                if a >= b:
                    continue
            same_sentence = b < len(folded) and self.sentence_of[b] == self.sentence_of[b - 1]
            if label == "PER" and same_sentence and ((folded[b - 1], folded[b]) in pairs or self._surname_at(a, b)):
                b += 1
            out.append((a, b, label))
        return out

    def _surname_at(self, a: int, b: int) -> bool:
        """Whether token b is the surname of a name `a:b` made only of given names (`علی محمد [شاعری]`): a
        noun or adjective that is no office, title or reporting cue, and no common word (`علی حاج کاظم امروز`,
        `محمد رضا نفس ...`: the word list's frequency decade at most SURNAME_DECADE)."""
        names = given_names()
        if b - a < 2 or not all(w in names for w in self.folded[a:b]):
            return False
        w = self.folded[b]
        if len(w) < 3 or not w.isalpha() or w in BOUNDARY or b in self.cue_starts:
            return False
        if self.lexicon.get(w, "0") > SURNAME_DECADE:  # "s" (a stopword) sorts after the digits
            return False
        if self.offices.starts(w) or self.titles.starts(w):
            return False
        return b >= len(self.upos) or self.upos[b] in (None, "NOUN", "PROPN", "ADJ")

    def _trim_punctuation(self, a: int, b: int) -> tuple[int, int]:
        """Drop punctuation the tagger put at a name's edges (`، درمان و آموزش پزشکی`); a closing bracket
        stays when its opening one is inside (`حضرت زینب (س)`)."""
        texts = self.texts
        while a < b and not any(ch.isalnum() for ch in texts[a]) and texts[a] not in _OPENING:
            a += 1
        while b > a and not any(ch.isalnum() for ch in texts[b - 1]):
            closing = texts[b - 1]
            if closing in _CLOSING and _CLOSING[closing] in texts[a : b - 1]:
                break
            b -= 1
        return a, b

    def _mention(self, a: int, b: int, label: str, role: bool = False) -> Mention:
        words = tuple(w for w in self.folded[a:b] if w and w not in COMMAS and w.isalnum())
        return Mention(a, b, label, words, self.sentence_of[a] if a < len(self.sentence_of) else 0, role)

    def entities(self, doc: Document) -> list[Entity]:
        clusters = self._clusters()
        people = [c for c in clusters if c.label == "PER"]
        self._propagate(people)
        covered = self._attach_roles(people)
        self._resolve_lone_roles(people, covered)
        clusters.sort(key=lambda c: min(m.first for m in c.names))
        return [self._entity(doc, f"E{n}", c) for n, c in enumerate(clusters, start=1)]

    # -- names -----------------------------------------------------------------------------------------------

    def _clusters(self) -> list[_Cluster]:
        """Merge name mentions, in document order, into clusters of one referent each.

        A mention joins the most recently mentioned cluster whose longest name it fits (never just any earlier
        mention, so `محمد` cannot chain two different Mohammads together).
        """
        clusters: list[_Cluster] = []
        by_word: dict[str, list[_Cluster]] = {}
        for m in self.mentions:
            if not m.words:
                continue
            candidates = {id(c): c for w in m.words for c in by_word.get(w, ()) if c.label == m.label}
            fits = [c for c in candidates.values() if same_referent(m.words, c.longest.words, m.label)]
            home = max(fits, key=lambda c: c.names[-1].first, default=None)
            if home is None:
                home = _Cluster(m.label, [m])
                clusters.append(home)
            else:
                home.names.append(m)
            for w in m.words:
                if home not in by_word.setdefault(w, []):
                    by_word[w].append(home)
        return clusters

    def _propagate(self, people: list[_Cluster]) -> None:
        """Add untagged repeats of a person's full name or surname (a word no dictionary lists) as mentions.

        The tagger decides sentence by sentence; a name it found once is the same name three sentences later.
        A form the tagger left untagged more often than it tagged it is a common word, and is not spread.
        """
        forms: dict[tuple[str, ...], _Cluster | None] = {}
        for c in people:
            for m in c.names:
                candidates = [m.words]
                if len(m.words) > 1 and len(m.words[-1]) > 2 and m.words[-1] not in self.lexicon:
                    candidates.append(m.words[-1:])
                for form in candidates:
                    forms[form] = c if forms.get(form, c) is c else None  # None: two people share it
        for form, c in sorted(forms.items(), key=lambda kv: -len(kv[0])):
            if c is None:
                continue
            spots = [i for i in self._positions().get(form[0], ()) if tuple(self.folded[i : i + len(form)]) == form]
            free = [i for i in spots if all(j not in self.label_at for j in range(i, i + len(form)))]
            if len(free) <= len(spots) - len(free):
                for i in free:
                    m = self._mention(i, i + len(form), "PER")
                    c.names.append(m)
                    self.label_at.update((j, m) for j in range(i, i + len(form)))

    def _positions(self) -> dict[str, list[int]]:
        """Folded word → the token positions where it stands (built on first use)."""
        if self._where is None:
            self._where = {}
            for i, w in enumerate(self.folded):
                self._where.setdefault(w, []).append(i)
        return self._where

    # -- roles -----------------------------------------------------------------------------------------------

    def role_end(self, i: int) -> tuple[int, int] | None:
        """(head end, phrase end) of an office phrase starting at token i, or None."""
        hit = self.offices.longest_at(self.folded, i) if self.offices.starts(self.folded[i]) else None
        if hit is None or (hit[0] == i + 1 and self._title_end(i) == i + 1):
            return None  # a lone honorific (امام، امیر) is a title, not an office
        head_end = end = hit[0]
        while end < len(self.texts) and end - head_end < MAX_COMPLEMENT and self._complement(end):
            end += 1
        return head_end, end

    def _complement(self, j: int) -> bool:
        """Whether token j can continue an office phrase (its organisation or place, not a name or a verb)."""
        if j in self.cue_starts:
            return False
        m = self.label_at.get(j)
        if m is not None:
            return m.label != "PER"
        w = self.folded[j]
        if w in ROLE_MODIFIERS:
            return True
        known = self.lexicon.get(w) or self.lexicon.get(_singular(w), "s")  # `دادگاه‌های` as `دادگاه`
        if not w.isalnum() or w.isdigit() or w in BOUNDARY or known == "s":
            return False  # punctuation, a number, a verb of saying, a function word, or a word no dictionary knows
        return self.upos[j] not in STOP_UPOS if j < len(self.upos) else True

    def _attach_roles(self, people: list[_Cluster]) -> set[int]:
        """Attach apposed and pre-nominal offices and honorifics to people; returns the tokens they cover."""
        covered: set[int] = set()
        for c in people:
            for m in c.names:
                for a, b in (self._before(m.first, c), self._apposed(m.last)):
                    if a < b:
                        c.roles.append(self._mention(a, b, "PER", role=True))
                        covered.update(range(a, b))
        return covered

    def _before(self, start: int, c: _Cluster) -> tuple[int, int]:
        """A pre-nominal office ending at `start` (after any honorifics, which are recorded as titles)."""
        j = start
        while True:
            t = next((t for t in range(max(0, j - 3), j) if self._title_end(t) == j), None)
            if t is None:
                break
            c.titles.append((t, j))
            j = t
        for s in range(max(0, j - MAX_COMPLEMENT - 3), j):
            found = self.role_end(s)
            if found is not None and found[1] == j and s not in self.label_at:
                return s, j
        return j, j

    def _title_end(self, t: int) -> int:
        hit = self.titles.longest_at(self.folded, t)
        return -1 if hit is None else hit[0]

    def _apposed(self, end: int) -> tuple[int, int]:
        """An office phrase after a comma right after the name (`X، رئیس ...`)."""
        if end + 1 < len(self.texts) and self.folded[end] in COMMAS:
            found = self.role_end(end + 1)
            if found is not None:
                return end + 1, found[1]
        return end, end

    def _resolve_lone_roles(self, people: list[_Cluster], covered: set[int]) -> None:
        """Office phrases with no name beside them: link each to the one person it can refer to.

        People are looked up by office head and by sentence, not compared one by one with every phrase: a
        book-length text has thousands of both."""
        for c in people:
            for r in c.roles:
                self._index_role(c, r, self._head_len(r))
        for c in people:
            for sentence in {m.sentence for m in c.names}:
                self._by_sentence.setdefault(sentence, []).append(c)
        i = 0
        while i < len(self.texts):
            found = None if i in covered or i in self.label_at else self.role_end(i)
            if found is None or found[1] - i < 2:
                i += 1
                continue
            role = self._mention(i, found[1], "PER", role=True)
            holder = self._holder(role, found[0] - i, people)
            if holder is not None:
                holder.roles.append(role)
                self._index_role(holder, role, found[0] - i)
                self.inferred_roles.add(role.first)
            i = found[1]

    def _index_role(self, c: _Cluster, role: Mention, head_len: int) -> None:
        """File `role` (held by `c`) under its office head, where `_holder` looks for it."""
        self._by_head.setdefault(role.words[:head_len], []).append((c, role))

    def _holder(self, role: Mention, head_len: int, people: list[_Cluster]) -> _Cluster | None:
        """The person an unattached office phrase refers to, when exactly one fits."""
        head, rest = role.words[:head_len], set(role.words[head_len:])
        indexed = self._by_head.get(head, ())  # roles with this head: the only ones `_same_office` can accept
        holders = list({id(c): c for c, r in indexed if _same_office(head, rest, r, len(head))}.values())
        if len(holders) == 1:
            return holders[0]
        if holders:
            return None
        if self._opens_title_or_lead(role):
            found, lead = self._lead_holder(role, head, people)
            if found:
                return lead
        if not any(j in self.label_at for j in range(role.first + head_len, role.last)):
            return None  # an office that names no organisation or country is too vague to pin on someone
        sentences = range(role.sentence - NEARBY_SENTENCES, role.sentence + NEARBY_SENTENCES + 1)
        near = {id(c): c for n in sentences for c in self._by_sentence.get(n, ()) if not c.roles}
        if len(near) != 1:
            return None
        [person] = near.values()
        subject = any(m.sentence in sentences and not self._governed(m.first) for m in person.names)
        return person if subject else None  # `... درباره کیم جونگ اون`: named only as an object

    def _opens_title_or_lead(self, role: Mention) -> bool:
        """Whether the phrase opens the title or the lead (of a document that has both): the place where news
        names its speaker by office (`وزیر ارتباطات ... تاکید کرد: ...`)."""
        where = self.paragraph_of
        if not where or where[-1] == 0 or where[role.first] > LEAD_PARAGRAPH:
            return False
        return role.first == 0 or where[role.first - 1] != where[role.first]

    def _lead_holder(
        self, role: Mention, head: tuple[str, ...], people: list[_Cluster]
    ) -> tuple[bool, _Cluster | None]:
        """Who an office phrase in the title or lead is: news names the speaker there by office and in the body
        by name (`رئیس فراکسیون ... خبر داد.` then `به گزارش ...، امیر خجسته ... گفت`), or in the title.

        In order: the person the title quotes (`عارف: ...`); the first person named in a later paragraph, up to
        the one after the lead, unless an office of their own says otherwise (then nobody: the phrase names
        someone else); for a lead, the one person the title names (`واکنش علم‌الهدی به ...`). Returns whether
        a rule decided, and whom.
        """
        title = [c for c in people if any(self._quoted_in_title(m, c) for m in c.names)]
        if len(title) == 1:
            return True, title[0]
        after = [
            (m.first, c)
            for c in people
            for m in c.names
            if self.paragraph_of[role.first] < self.paragraph_of[m.first] <= LEAD_PARAGRAPH + 1
        ]
        if after:
            first = min(after, key=lambda pair: pair[0])[1]
            stated = [r for r in first.roles if r.first not in self.inferred_roles]  # apposed or before the name
            same_head = any(r.words[: len(head)] == head for r in stated)
            return True, first if same_head or not stated else None
        named = [c for c in people if any(self.paragraph_of[m.first] == 0 for m in c.names)]
        if self.paragraph_of[role.first] == 0 or len(named) != 1:
            return False, None
        if all(self._governed(m.first) for m in named[0].names if self.paragraph_of[m.first] == 0):
            return False, None  # `چین از کیم جونگ اون خبر دارد؟`: the title is about them, they do not speak
        return True, named[0]

    def _governed(self, i: int) -> bool:
        """Whether the word before token i is a preposition (the name is an object: `از X`، `درباره X`)."""
        return i > 0 and self.folded[i - 1] in OBJECT_PREPOSITIONS

    def _quoted_in_title(self, m: Mention, c: _Cluster) -> bool:
        """`[سرلشکر] سلامی: ...` at the start of the title or of one of its parts: the title quotes this person
        (not `معاون روحانی: ...`, where the name only says whose deputy speaks)."""
        if self.paragraph_of[m.first] != 0 or m.last >= len(self.texts) or self.texts[m.last] != ":":
            return False
        start = m.first
        while (t := next((a for a, b in c.titles if b == start), None)) is not None:
            start = t
        return start == 0 or self.texts[start - 1] in TITLE_SEPARATORS

    def _head_len(self, role: Mention) -> int:
        found = self.role_end(role.first)
        return (found[0] if found else role.last) - role.first

    # -- output ----------------------------------------------------------------------------------------------

    def _entity(self, doc: Document, ident: str, c: _Cluster) -> Entity:
        tokens = doc.tokens
        spans = {(tokens[m.first].start, tokens[m.last - 1].end) for m in [*c.names, *c.roles]}
        mentions = [Span(doc, s, e) for s, e in sorted(spans)]
        name_m = c.canonical
        name = doc.text[tokens[name_m.first].start : tokens[name_m.last - 1].end]
        roles: list[str] = []
        for a, b in sorted([*c.titles, *((r.first, r.last) for r in c.roles)]):
            text = doc.text[tokens[a].start : tokens[b - 1].end]
            if text not in roles:
                roles.append(text)
        return Entity(ident, c.label, name, mentions, roles)


def token_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first, last, label) token spans from IOB tags; an I- that continues nothing opens an entity."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        cont = tag.startswith("I-") and tag[2:] == label
        if start >= 0 and not cont:
            spans.append((start, i, label))
            start, label = -1, ""
        if tag != "O" and not cont:
            start, label = i, tag[2:]
    return spans


def same_referent(a: tuple[str, ...], b: tuple[str, ...], label: str) -> bool:
    """Whether two names with the same label can name the same referent.

    People: equal, or the shorter a run of the longer's words; one word must be the surname (last word) or
    the first of a two-word name. Others: equal, or equal once descriptor words in front are dropped.
    """
    if a == b:
        return True
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if not short:
        return False
    if label != "PER":
        extra = long_[: len(long_) - len(short)]
        return long_[len(extra) :] == short and all(w in DESCRIPTORS for w in extra)
    if len(short) == 1:
        return len(short[0]) > 2 and (long_[-1] == short[0] or (len(long_) == 2 and long_[0] == short[0]))
    n = len(short)
    return any(long_[i : i + n] == short for i in range(len(long_) - n + 1))


def _same_office(head: tuple[str, ...], rest: set[str], known: Mention, known_head_len: int) -> bool:
    """Same office head, and one complement (organisation, country) contains the other; a bare head matches
    nothing, since `عضو` or `امام جمعه` alone says nothing about which one."""
    if known.words[:known_head_len] != head:
        return False
    rest = {_singular(w) for w in rest - ROLE_MODIFIERS}
    other = {_singular(w) for w in set(known.words[known_head_len:]) - ROLE_MODIFIERS}
    return bool(rest and other) and (rest <= other or other <= rest)


def _singular(word: str) -> str:
    """A folded word without its plural ending, so that `دادگاه‌های انقلاب` and `دادگاه انقلاب` are one office."""
    for ending in ("های", "ها"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word
