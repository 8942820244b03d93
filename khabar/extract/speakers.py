"""Who speaks: the words naming a speaker at a quote, and the person or body they refer to.

Works from the repaired text alone (a light regex word split), and uses `doc.entities` when the entities stage
has run. Speaker mentions that name the same person (`مهدی جاریانی`, `جاریانی`, a role phrase set off by a comma)
are grouped into clusters; a cluster takes the entity whose mentions it overlaps or whose name, mentions or roles
it spells. Pronouns (`وی`، `او`، `ایشان`), demonstratives (`این مسئول`) and dropped subjects take the speaker of
the previous quote.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import chain
from operator import itemgetter
from pathlib import Path

from khabar.document import Document, Entity, Speaker
from khabar.errors import ModelError
from khabar.extract import gazetteers

LEXICONS = Path(__file__).resolve().parent.parent / "data" / "lexicons"

# Letter forms that vary in Persian text, mapped one to one so folded offsets stay the offsets of `doc.text`.
# The half-space becomes a space, so a pattern written with spaces matches either spelling.
_FOLD = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "\u200c": " ",
        "\u200d": " ",
        "\u200e": " ",
        "\u200f": " ",
        "\u00a0": " ",
    }
)

WORD = re.compile(r"\w+|[^\w\s]")


def fold(text: str) -> str:
    """`text` with letter variants unified and half-spaces as spaces, the same length (offsets carry over)."""
    return text.translate(_FOLD)


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """Letters and digits only, folded: how two spellings of a name are compared (names repeat: cached)."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated lexicon under khabar/data/lexicons (`#` lines are comments; the first row names)."""
    path = LEXICONS / name
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    except OSError as exc:
        raise ModelError(f"{path}: lexicon cannot be read ({exc.strerror}); reinstall khabar") from None
    header = lines[0].split("\t")
    rows = [dict(zip(header, ln.split("\t"), strict=False)) for ln in lines[1:]]
    if any(len(r) != len(header) for r in rows):
        raise ModelError(f"{path}: every row needs {len(header)} tab-separated fields ({', '.join(header)})")
    return rows


def words_pattern(phrase: str) -> str:
    """A regex for a folded phrase whose spaces may also be half-spaces or missing in the text."""
    return r"\s*".join(re.escape(w) for w in fold(phrase).split())


_QUOTED = re.compile(r"«[^«»\n]*»|\"[^\"\n]*\"|“[^“”\n]*”")
_SENT_END = re.compile(r"(?<![.…])(?<!\s\w)(?<!^\w)(?:[.!?؟]|[!?؟]+)(?![.…])(?=\s|$)")
_TERMINAL = frozenset('.!?؟»"”:…')


def quoted_spans(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of «...» and "..." inside a region, quote marks included."""
    return [m.span() for m in _QUOTED.finditer(folded, start, end)]


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < pos < e for s, e in spans)


def sentence_spans(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of a region: split after . ! ? ؟ followed by a space, never inside quotation marks."""
    quotes = quoted_spans(folded, start, end)
    cuts = [m.end() for m in _SENT_END.finditer(folded, start, end) if not inside(m.start(), quotes)]
    cuts += [e for s, e in quotes if folded[e - 2 : e - 1] in ".!?؟" and (e == end or folded[e].isspace())]
    spans, pos = [], start
    for cut in sorted(set(cuts)):
        if cut > pos:
            spans.append((pos, cut))
            pos = cut
    if pos < end:
        spans.append((pos, end))
    return [(s + _lead_space(folded, s, e), e) for s, e in spans if folded[s:e].strip()]


def _lead_space(folded: str, s: int, e: int) -> int:
    return len(folded[s:e]) - len(folded[s:e].lstrip())


def is_title(folded: str, start: int, end: int, max_words: int = 25) -> bool:
    """A headline or kicker: short, and not ending like a sentence (`... در دیدار با رئیس دفتر سیاسی حماس؛`)."""
    text = folded[start:end].strip()
    return bool(text) and text[-1] not in _TERMINAL and len(text.split()) <= max_words


@dataclass(slots=True)
class Words:
    """The words of a folded region, with their offsets."""

    spans: list[tuple[int, int]]
    texts: list[str]

    @classmethod
    def of(cls, folded: str, start: int, end: int) -> Words:
        spans, texts = [], []
        for m in WORD.finditer(folded, start, end):
            spans.append(m.span())
            texts.append(m.group())
        return cls(spans, texts)

    def __len__(self) -> int:
        return len(self.texts)


# Word classes that shape a speaker's phrase (khabar/data/lexicons/speaker_words.tsv).
_PUNCT_END = frozenset("،,:;؛.!?؟()[]")
_QUOTES = frozenset('«»"')
_CONTENT_STOPS = frozenset(["را", "از", "به", "بر", "که"])
MAX_WORDS = 12
OFFICE_REACH = 400  # characters after a lone office phrase where a speaker named next would hold it
_ALSO = re.compile(r"\s*(?:هم|نیز)(?!\w)")
# How far past MAX_WORDS a subject is followed to see whether it runs into an object (`را`).
_OBJECT_WORDS = 8


def _word_sets() -> dict[str, frozenset[str]]:
    """The word classes of speaker_words.tsv (see the file's header)."""
    sets: dict[str, set[str]] = {}
    for row in read_table("speaker_words.tsv"):
        sets.setdefault(row["type"], set()).add(fold(row["word"]))
    return {k: frozenset(v) for k, v in sets.items()}


_WORDS = _word_sets()
TIME_ADVERBS = _WORDS["adverb"]
_STOP = _WORDS["stop"] | TIME_ADVERBS
_ADJUNCT = _WORDS["adjunct"]
_LEADING = _WORDS["leading"]
_PARTITIVE = _WORDS["partitive"]
PRONOUNS = _WORDS["pronoun"]
_DEMONSTRATIVES = _WORDS["demonstrative"]
_THINGS = _WORDS["thing"]
_INTERVIEWERS = _WORDS["interviewer"]
_INTERVIEW_MEDIA = frozenset({"برنامه", "شبکه", "ما", "این", "خبرگزاری", "روزنامه", "تلویزیون", "رادیو"})
_NOT_OFFICE = _WORDS["not-office"]
_FRAMES = tuple(tuple(frame.split()) for frame in _WORDS["frame"])
GROUPS = _WORDS["group"]


@dataclass(slots=True)
class SpeakerPhrase:
    """The words naming a speaker: their span, the sub-spans that may each name them, and whether they point back."""

    start: int
    end: int
    parts: list[tuple[int, int]]
    anaphor: bool = False
    names: list[tuple[int, int]] = field(default_factory=list)


def subject_phrase(folded: str, start: int, end: int) -> SpeakerPhrase | None:
    """The subject at the start of a clause (`folded[start:end]` runs up to the cue), or None if it is dropped.

    Skips discourse words and time words, and an adjunct opening the clause up to its comma
    (`در این دیدار، ...`); a role set off by a comma after the name is kept (`اسماعیل هنیه، رئیس ...`). A phrase
    running into `را` holds the object too: only a name or office it opens with is kept as the subject.
    """
    words = Words.of(folded, start, end)
    i = _skip_opening(words)
    if i is None:
        return None
    j = i + 1 if words.texts[i] in PRONOUNS else _phrase_end(words, i, MAX_WORDS + _OBJECT_WORDS)
    if j < len(words) and words.texts[j] == "را":
        j = _subject_before_object(words, i, j)
    j = min(j, i + MAX_WORDS)
    if j == i:
        return None
    parts, names = [(words.spans[i][0], words.spans[j - 1][1])], []
    _split_name(words, i, j, parts, names)
    k = _appositive_end(words, j)
    if k:
        role = (words.spans[j + 1][0], words.spans[k - 1][1])
        names.append(parts[0])
        parts.extend([role, (parts[0][0], role[1])])
    span_end = max(p[1] for p in parts)
    phrase = SpeakerPhrase(parts[0][0], span_end, parts, names=names)
    phrase.anaphor = _is_anaphor(words.texts[i:j])
    return phrase


def free_phrase(folded: str, start: int, end: int) -> SpeakerPhrase | None:
    """A speaker named between two fixed points (`به گفته X،`, `در دیدار با X`): its words up to a stop word."""
    words = Words.of(folded, start, end)
    if not len(words):
        return None
    j = 1 if words.texts[0] in PRONOUNS else _phrase_end(words, 0)
    if j == 0:
        return None
    span = (words.spans[0][0], words.spans[j - 1][1])
    parts, names = [span], []
    _split_name(words, 0, j, parts, names)
    k = _appositive_end(words, j)
    if k:
        role = (words.spans[j + 1][0], words.spans[k - 1][1])
        names.append(span)
        parts.extend([role, (span[0], role[1])])
    return SpeakerPhrase(span[0], max(p[1] for p in parts), parts, _is_anaphor(words.texts[:j]), names)


def _split_name(words: Words, i: int, j: int, parts: list[tuple[int, int]], names: list[tuple[int, int]]) -> None:
    """Add the name and the role of a phrase as parts of their own: `«مجید تخت روانچی» نماینده ...` or
    `اسماعیل هنیه رئیس دفتر سیاسی حماس` (split where an office word from the gazetteer starts the role)."""
    close = _quoted_name(words, i, j)
    if close is not None:
        name_end, role_start = close - 1, close + 1
        i += 1
    else:
        k = next((k for k in range(i + 1, j) if is_office(words.texts[k]) and not joined_office(words.texts, k)), None)
        if k is None or any(is_office(t) for t in words.texts[i:k]):
            return
        name_end, role_start = k - 1, k
    name = (words.spans[i][0], words.spans[name_end][1])
    names.append(name)
    parts.append(name)
    if role_start < j:
        parts.append((words.spans[role_start][0], words.spans[j - 1][1]))


def _subject_before_object(words: Words, i: int, j: int) -> int:
    """End of the subject in words `i:j` that run on into an object (`... را`): a quoted name, an office of the
    gazetteer at the start, or the name before an office word; `i` (no subject) when none of them is there."""
    close = _quoted_name(words, i, j)
    if close is not None:
        return close + 1
    office = office_length(words.texts[i:j])
    if office:
        return i + office
    office_at = next((k for k in range(i + 1, j) if is_office(words.texts[k])), None)
    if office_at is not None:
        return office_at
    # `حکیم این نکته را`: a demonstrative opens the object, so what stands before it is the subject
    return next((k for k in range(i + 1, j) if words.texts[k] in _DEMONSTRATIVES), i)


def office_length(texts: list[str]) -> int:
    """How many of `texts` an office phrase of the gazetteer takes from the start (`رئیس جمهور این توافق`)."""
    hit = gazetteers.matcher("offices").longest_at([gazetteers.fold(t) for t in texts], 0)
    return hit[0] if hit and hit[0] < len(texts) else 0


@cache
def _office_heads() -> frozenset[str]:
    heads = {gazetteers.fold(p.split()[0]) for p in gazetteers.office_phrases()} - _NOT_OFFICE
    return frozenset(heads | {h.replace("ئ", "ی") for h in heads})


@cache
def _titles() -> frozenset[str]:
    return frozenset(gazetteers.fold(t) for t in gazetteers.title_words() if " " not in t)


def is_honorific(word: str) -> bool:
    """Whether `word` is an honorific that stands before a name (`دکتر`, `سردار`), by the gazetteer of titles."""
    return gazetteers.fold(word) in _titles()


@cache
def _joined_offices() -> frozenset[str]:
    """Offices written as one word with a half-space (`نخست‌وزیر`, `صدراعظم`), letters only."""
    return frozenset(gazetteers.fold(p).replace(" ", "").replace("\u200c", "") for p in gazetteers.office_phrases())


def joined_office(texts: Sequence[str], k: int) -> bool:
    """Whether word k ends an office written in two parts (`نخست وزیر`, folded from `نخست‌وزیر`)."""
    return k > 0 and gazetteers.fold(texts[k - 1] + texts[k]).replace("\u200c", "") in _joined_offices()


def is_office(word: str) -> bool:
    """Whether `word` opens an office or role (`رئیس`, `سخنگوی`, `وزیر`), by the gazetteer of offices."""
    w = gazetteers.fold(word)
    heads = _office_heads()
    return w in heads or (w.endswith("ی") and w[:-1] in heads)


def _skip_opening(words: Words) -> int | None:
    i = 0
    while i < len(words):
        w = words.texts[i]
        frame = next((f for f in _FRAMES if tuple(words.texts[i : i + len(f)]) == f), None)
        if frame:
            i += len(frame)
        elif w in _LEADING or w in "،,":
            i += 1
        elif w in _ADJUNCT:
            comma = next((k for k in range(i + 1, len(words)) if words.texts[k] in "،,"), None)
            if comma is None and i + 3 < len(words) and words.texts[i + 1] in _DEMONSTRATIVES:
                i += 3  # `در این مراسم معاون ستاد ... گفت`: a short adjunct with no comma after it
                continue
            if comma is None:
                return None
            i = comma + 1
        else:
            return i
    return None


def _phrase_end(words: Words, i: int, limit: int = MAX_WORDS) -> int:
    """Index after the last word of the noun phrase starting at `i` (at most `limit` words)."""
    j, depth, straight = i, 0, False
    while j < len(words) and j - i < limit:
        w = words.texts[j]
        if w == "«":
            depth += 1
        elif w == "»":
            depth = max(0, depth - 1)
        elif w == '"' and (straight or j == i or (j == i + 1 and is_honorific(words.texts[i]))):
            straight = not straight  # `"علی چگنی" سفیر ...`, `دکتر "گوستاو کوبریرو"`: a name in straight quotes
        elif w in "،," and is_office(words.texts[i]) and _list_goes_on(words, j):
            pass  # `نماینده مردم تهران، ری، شمیرانات و پردیس`: places listed in an office
        elif depth == 0 and not straight and (
            w in _PUNCT_END
            or (w in _STOP and not _partitive(words, i, j))
            or w == '"'
            or (w == "سه" and words.texts[j + 1 : j + 2] == ["شنبه"])
        ):
            break
        j += 1
    return j


def _list_goes_on(words: Words, comma: int) -> bool:
    """Whether the comma at `comma` separates names listed in a phrase (`تهران، ری، شمیرانات و پردیس`), not a
    time or an adjunct set off by commas (`وزیر کشور، روز شنبه و ...`)."""
    item = words.texts[comma + 1 : comma + 4]
    return list_item_follows(item) and not any(w in _STOP or w in _LEADING for w in item[:2])


def list_item_follows(texts: Sequence[str]) -> bool:
    """Whether `texts`, the words after a comma, are one or two words and then a comma or `و`: a list goes on."""
    item = next((k for k, w in enumerate(texts[:3]) if w in ("،", ",", "و")), None)
    return item is not None and 1 <= item <= 2


def _partitive(words: Words, i: int, j: int) -> bool:
    return words.texts[j] == "از" and j == i + 1 and words.texts[i] in _PARTITIVE


def _quoted_name(words: Words, i: int, j: int) -> int | None:
    """Index of the closing mark when the phrase opens with a quoted name (`«مجید تخت روانچی» نماینده ...`)."""
    if words.texts[i] not in _QUOTES:
        return None
    close = next((k for k in range(i + 1, j) if words.texts[k] in _QUOTES), None)
    if close is None or close == i + 1:
        return None
    return close


def _appositive_end(words: Words, j: int) -> int | None:
    """End index of a role set off by a comma after the name (`هنیه، رئیس دفتر سیاسی حماس نیز ...`), if any."""
    if j >= len(words) or words.texts[j] not in "،,":
        return None
    k = _phrase_end(words, j + 1)
    if k == j + 1 or k - j - 1 > 8:
        return None
    if k < len(words) and (words.texts[k] in _CONTENT_STOPS or words.texts[k] in "،,"):
        return None
    if any(t.isdigit() for t in words.texts[j + 1 : k]):
        return None
    return k


def is_interviewer(folded: str, phrase: SpeakerPhrase) -> bool:
    """Whether a subject is the interviewer or the reporter (`مجری راشاتودی`, `خبرنگار ما`): the guidelines
    leave out their questions and statements. The word alone, or before a programme, a network or an outlet;
    not `مجری طرح` (a project's executor) or `گزارشگر ویژه سازمان ملل`."""
    texts = Words.of(folded, phrase.start, phrase.end).texts
    n = next((n for n in (2, 1) if " ".join(texts[:n]) in _INTERVIEWERS), 0)
    if not n:
        return False
    rest = [gazetteers.fold(t) for t in texts[n:]]
    if not rest or rest[0] in _INTERVIEW_MEDIA:
        return True
    outlet = gazetteers.matcher("outlets").longest_at(rest, 0)
    return outlet is not None and outlet[0] == len(rest)


def names_a_thing(folded: str, phrase: SpeakerPhrase) -> bool:
    """Whether a subject is a demonstrative and a noun that never speaks (`این سخنان`, `این واکنش`)."""
    texts = [t for t in Words.of(folded, phrase.start, phrase.end).texts if t not in _QUOTES]
    return len(texts) >= 2 and texts[0] in _DEMONSTRATIVES and texts[1] in _THINGS


def _is_anaphor(texts: list[str]) -> bool:
    letters = [t for t in texts if t not in _QUOTES]
    if not letters:
        return False
    if "".join(letters) in PRONOUNS:
        return True
    return letters[0] in _DEMONSTRATIVES and len(letters) <= 5


@dataclass(slots=True)
class Mention:
    """One span that names a speaker; `words` are its folded words, `name` marks a part known to be a name."""

    start: int
    end: int
    words: tuple[str, ...]
    name: bool = False


class Speakers:
    """The speakers of one document: clusters of mentions, merged by spelling, apposition and meetings.

    `add` registers a phrase in document order and returns its cluster id; `merge` joins two clusters;
    `speaker` builds the `Speaker` for a quote once everything is registered.
    """

    def __init__(self, doc: Document, folded: str) -> None:
        self.doc = doc
        self.folded = folded
        self._parent: list[int] = []
        self._mentions: list[list[Mention]] = []
        # folded word → (start, cluster it was added to, mention): two mentions that can name one speaker share a
        # word, so `_find` compares only these, not every mention so far (a book-length text has thousands)
        self._by_word: dict[str, list[tuple[int, int, Mention]]] = {}
        self._entities = _EntityIndex(doc.entities)
        self._entity_of: dict[int, str | None] = {}
        self._starts: list[tuple[int, int]] = []  # (start, cluster) of every registered mention, sorted
        self._first_mention: dict[str, int] = {}  # entity id → where the text first names it

    def add(self, phrase: SpeakerPhrase) -> int:
        """Register `phrase`'s parts, joining the most recent cluster that one of them names; its cluster id."""
        mentions = [self._mention(s, e, (s, e) in phrase.names) for s, e in phrase.parts]
        mentions = [m for m in mentions if m.words]
        found = self._find(mentions)
        if found is None:
            found = len(self._parent)
            self._parent.append(found)
            self._mentions.append([])
        self._mentions[found].extend(mentions)
        for m in mentions:
            insort(self._starts, (m.start, found))
            for w in set(m.words):
                insort(self._by_word.setdefault(w, []), (m.start, found, m), key=itemgetter(0))  # kept by start
        return found

    def merge(self, a: int, b: int) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self._parent[rb] = ra
            self._mentions[ra].extend(self._mentions[rb])
            self._mentions[rb] = []

    def root(self, cid: int) -> int:
        while self._parent[cid] != cid:
            self._parent[cid] = self._parent[self._parent[cid]]
            cid = self._parent[cid]
        return cid

    def entity(self, cid: int) -> str | None:
        """The entity id the cluster resolves to (None without an entities layer or a match)."""
        root = self.root(cid)
        if root not in self._entity_of:
            self._entity_of[root] = self._entities.resolve(self._mentions[root], self.doc.text)
        return self._entity_of[root]

    def best_mention(self, cid: int) -> Mention | None:
        """The mention that reads best as the speaker's name: a known name, else the fullest short phrase.

        None for a cluster of phrases without words (a speaker phrase made only of quotation marks).
        """
        mentions = self._mentions[self.root(cid)]
        if not mentions:
            return None
        named = [m for m in mentions if m.name] or [m for m in mentions if self._entities.is_person(m)]
        named = named or [m for m in mentions if not is_office(m.words[0])]
        pool = [m for m in named or mentions if len(m.words) <= 4] or named or mentions
        return max(pool, key=lambda m: (len(m.words), -m.start))

    def office_of(self, cid: int, previous: int | None, phrase: SpeakerPhrase) -> int:
        """The person a lone office phrase that names nobody (`مدیرکل کتابخانه‌های عمومی استان اردبیل افزود`)
        refers to, by news style: a speaker is named, then called by office; or called by office first, then
        named as the next speaker (`فرماندار دنا نیز ... اظهار کرد: ...` then `علی تاج‌امیری ادامه داد`).

        The next speaker within OFFICE_REACH characters after the phrase holds it when the person is first named
        there, as that speaker (and holds no office with another head); else the previous speaker does, when the
        document gives them no office and the phrase does not say `هم`/`نیز` (also: someone else speaks). Joins
        the clusters; returns `cid`."""
        words = Words.of(self.folded, phrase.start, phrase.end).texts
        if not words or not is_office(words[0]) or self.entity(cid) is not None:
            return cid
        later = [c for c in self._speakers_after(phrase.end, OFFICE_REACH) if self.root(c) != self.root(cid)]
        named = [(c, self._entity_of_cluster(c)) for c in later]
        following = next(((c, ent) for c, ent in named if ent is not None and _is_person(ent)), None)
        if following is not None and not self._introduces(*following):
            following = None  # named before, in a quote, say: the office did not introduce them
        before = self._entity_of_cluster(previous) if previous is not None else None
        if following is not None and (before is None or following[1].id != before.id):
            holder, person = following
            return cid if _office_heads_differ(person, words[0]) else self._join(holder, cid, person)
        if before is None or not _is_person(before) or before.roles or _ALSO.match(self.folded, phrase.end):
            return cid
        return self._join(previous, cid, before) if previous is not None else cid

    def _entity_of_cluster(self, cid: int) -> Entity | None:
        return self._entities.by_id.get(self.entity(cid) or "")

    def _introduces(self, holder: int, person: Entity) -> bool:
        """Whether the cluster's speaker mentions include the person's first mention in the text."""
        first = self._first_mention.get(person.id)
        if first is None:
            first = self._first_mention[person.id] = min(m.start for m in person.mentions)
        return any(m.start <= first < m.end for m in self._mentions[self.root(holder)])

    def _join(self, holder: int, cid: int, person: Entity) -> int:
        self.merge(holder, cid)
        self._entity_of[self.root(cid)] = person.id
        return cid

    def _speakers_after(self, pos: int, reach: int) -> list[int]:
        """The clusters of speakers named in [pos, pos + reach)."""
        i = bisect_left(self._starts, (pos, -1))
        out = []
        while i < len(self._starts) and self._starts[i][0] < pos + reach:
            out.append(self._starts[i][1])
            i += 1
        return out

    def person_before(self, pos: int) -> int | None:
        """The cluster of the latest person mention of the entities layer before `pos`, registered if new."""
        mention = self._entities.person_before(pos)
        if mention is None:
            return None
        s, e = mention
        return self.add(SpeakerPhrase(s, e, [(s, e)], names=[(s, e)]))

    def speaker(self, phrase: SpeakerPhrase | None, cid: int | None) -> Speaker | None:
        """The quote's speaker: the words at the quote (or, with no entity, those naming the antecedent)."""
        if cid is None:
            if phrase is None or phrase.anaphor:
                return None
            return Speaker(self._clean(phrase.start, phrase.end), phrase.start, phrase.end)
        entity = self.entity(cid)
        if phrase is not None and (not phrase.anaphor or entity is not None):
            return Speaker(self._clean(phrase.start, phrase.end), phrase.start, phrase.end, entity)
        m = self.best_mention(cid)
        if m is None:
            return None
        return Speaker(self._clean(m.start, m.end), m.start, m.end, entity)

    def _clean(self, start: int, end: int) -> str:
        """The words as written; quotation marks around the whole of them dropped (`«هدایت هاشمی»`)."""
        text = self.doc.text[start:end].strip()
        return text[1:-1].strip() if len(text) > 2 and text[0] + text[-1] in ("«»", '""') else text

    def _mention(self, start: int, end: int, name: bool) -> Mention:
        words = tuple(w for w in WORD.findall(self.folded, start, end) if w not in _QUOTES and w not in "،,")
        return Mention(start, end, words, name)

    def _find(self, mentions: list[Mention]) -> int | None:
        """The cluster of the latest registered mention that can name the same speaker as one of `mentions`
        (of two at the same place, the older cluster's)."""
        best: tuple[int, int] | None = None  # (start, -cluster)
        for w in {w for m in mentions for w in m.words}:
            for start, cid, k in reversed(self._by_word.get(w, ())):  # latest first: a name said 1,000 times
                if best is not None and start < best[0]:
                    break
                if any(_same(m.words, k.words) for m in mentions):
                    found = (start, -self.root(cid))
                    best = found if best is None else max(best, found)
        return None if best is None else -best[1]


def _same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two mentions can name the same speaker: equal, or one a run of the other's words.

    A single word must be the longer one's last word (a surname), or its first of two (`هنیه`, `جعفری`).
    """
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(short) == 1:
        if len(short[0]) < 3 or short[0] in PRONOUNS:
            return False
        return long_[-1] == short[0] or (len(long_) == 2 and long_[0] == short[0])
    n = len(short)
    return any(long_[i : i + n] == short for i in range(len(long_) - n + 1))


class _EntityIndex:
    """The entities layer seen from a speaker: mention spans and spellings (name, mentions, roles)."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.spans: list[tuple[int, int, Entity]] = []  # in entity order: the order ties are broken in
        self.keys: dict[str, list[Entity]] = {}
        self.by_id: dict[str, Entity] = {}
        for ent in entities:
            self.by_id[ent.id] = ent
            for m in ent.mentions:
                self.spans.append((m.start, m.end, ent))
            for spelling in [ent.name, *(m.text for m in ent.mentions), *ent.roles]:
                k = key(spelling)
                if len(k) >= 2:
                    self.keys.setdefault(k, []).append(ent)
        # Lookups by position go through sorted copies (a book-length text has thousands of mentions):
        self._by_start = sorted(range(len(self.spans)), key=lambda i: self.spans[i][0])
        self._starts = [self.spans[i][0] for i in self._by_start]
        self._longest = max((e - s for s, e, _ in self.spans), default=0)
        people = sorted((e, s) for s, e, ent in self.spans if _is_person(ent))
        self._person_ends = [e for e, _ in people]
        self._latest_person: list[tuple[int, int]] = []  # [i]: the greatest (start, end) of people[: i + 1]
        for e, s in people:
            self._latest_person.append(max((s, e), self._latest_person[-1]) if self._latest_person else (s, e))

    def _overlapping(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """The spans that overlap [start, end), in entity order."""
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        found = sorted(i for i in self._by_start[lo:hi] if self.spans[i][1] > start)
        return [self.spans[i] for i in found]

    def person_before(self, pos: int) -> tuple[int, int] | None:
        n = bisect_right(self._person_ends, pos)
        return self._latest_person[n - 1] if n else None

    def is_person(self, m: Mention) -> bool:
        return any(_is_person(ent) for _, _, ent in self._overlapping(m.start, m.end))

    def resolve(self, mentions: list[Mention], text: str) -> str | None:
        """The entity a cluster's mentions name; a phrase that opens with an office (`مدیرکل میراث فرهنگی،
        صنایع دستی ...`) names a person, never the organisation inside it."""
        ordered = sorted(mentions, key=lambda m: (not m.name, m.start))
        office = _holds_office(min(mentions, key=lambda m: m.start)) if mentions else False
        by_overlap = (self._by_overlap(m, text) for m in ordered)
        by_spelling = (ent for m in ordered for ent in self.keys.get(key(text[m.start : m.end]), ()))
        found = (ent for ent in chain(by_overlap, by_spelling) if ent is not None and (not office or _is_person(ent)))
        return next((ent.id for ent in found), None)

    def _by_overlap(self, m: Mention, text: str) -> Entity | None:
        inside = self._overlapping(m.start, m.end)
        holder = _holds_office(m)  # `رئیس مرکز بهداشت`: a person, not the centre
        phrase = key(text[m.start : m.end])
        people = [ent for s, _, ent in inside if _is_person(ent) and (not holder or _holds(ent, s, m, phrase))]
        if people:
            return people[0]
        size = len(phrase) or 1
        for s, e, ent in inside:
            if holder and s > m.start:
                continue
            if len(key(text[max(s, m.start) : min(e, m.end)])) >= 0.6 * size:
                return ent
        return None


def _holds(person: Entity, start: int, m: Mention, phrase: str) -> bool:
    """Whether a person named inside an office phrase holds that office (`رئیس‌جمهور حسن روحانی`), rather
    than lending a name to its organisation (`معاون ... گمرک شهید رجایی`): the office is one of their roles."""
    if start <= m.start:
        return True
    return any(key(r) and key(r) in phrase for r in _offices(person))


def _office_heads_differ(person: Entity, head: str) -> bool:
    """Whether a person holds an office whose first word is not `head`."""
    heads = {fold(r.split()[0]) for r in _offices(person)}
    return bool(heads) and fold(head) not in heads


def _offices(person: Entity) -> list[str]:
    """The person's roles that are offices (not honorifics such as `شهید`)."""
    return [r for r in person.roles if r.split() and is_office(r.split()[0])]


def _holds_office(m: Mention) -> bool:
    return bool(m.words) and is_office(m.words[0])


def _is_person(ent: Entity) -> bool:
    return ent.label.upper().startswith("PER")
