"""Who said what: direct and indirect quotes with their speakers, plus the story's source chain and meetings.

Quotes are found from a lexicon of Persian reporting cues (khabar/data/lexicons/cues.tsv), each with the
constructions it takes: speech after a colon or in quotation marks (direct), a reported clause after the cue
(`گفت که ...`), content before the cue (`... را ... توصیف کرد`, `بر ... تاکید کرد`, `از ... خبر داد`),
`خواستار ... شد`, background phrases (`با بیان اینکه ...`) and `به گفته X، ...`. The speaker is the subject that
opens the clause; all cues of one sentence share it. Speech after a colon runs to the end of the paragraph, or
fills the next paragraph when the colon ends one; a following paragraph in quotation marks with no cue of its
own continues the same speech. Headlines are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from khabar.document import Document, Quote, Span
from khabar.extract.cues import CueMatch, cue_lexicon
from khabar.extract.meetings import MeetingMention, find_meetings, plausible_party
from khabar.extract.sources import cite_speaking_outlets, find_sources, preamble_end
from khabar.extract.speakers import (
    PRONOUNS,
    TIME_ADVERBS,
    SpeakerPhrase,
    Speakers,
    Words,
    fold,
    free_phrase,
    inside,
    is_interviewer,
    is_office,
    is_title,
    list_item_follows,
    names_a_thing,
    quoted_spans,
    sentence_spans,
    subject_phrase,
    words_pattern,
)

# Base confidence of a quote by the construction that found it, before the speaker is weighed.
CONFIDENCE = {
    "colon": 0.9,
    "quoted": 0.85,
    "after-quote": 0.8,
    "clause": 0.75,
    "according": 0.75,
    "object": 0.7,
    "split": 0.7,
    "background": 0.65,
    "floating": 0.6,
}
_COMPLEMENTISER = re.compile(r"[\s،,:]*(?:(?:این\s*که|اینکه|که)(?!\w))?[\s،,]*")
# `با بیان اینکه`، `با ابراز امیدواری از اینکه`، `با بیان این مطلب که`
_CLAUSE_OPENER = re.compile(r"\s*(?:(?:از\s*)?(?:این\s*که|اینکه)|(?:این\s*(?:مطلب|نکته|موضوع)\s*)?که)(?!\w)")
_COMMA = re.compile(r"[،,]")
_SPACE = re.compile(r"\s*")
_COMMA_THEN_CLAUSE = re.compile(r"\s*[،,]\s*(?!اما|ولی|لیکن)\w")
MAX_QUOTED_NAME_WORDS = 3  # «هیلاری کلینتون»: a name in quotation marks is short
_THAT = re.compile(r"(?<!\w)که(?!\w)")
_THAT_NEXT = re.compile(r"\s*که(?!\w)")
_CLAUSE_JOINT = re.compile(r"\s(?:که|و)(?!\w)")
_AFTER_DATE = re.compile(r"[\s،,]*(?:بود\s*که(?!\w))?[\s،,]*")
_NEXT_WORD = re.compile(r"\s*(\w+)[\s،,]*")
_AND_OR_COMMA = re.compile(r"\s*(?:[،,]|و(?!\w))")  # `به گفته وی و همکارانش، ...`: more than the pronoun
_QUOTE_THEN_COMMA = re.compile(r"»\s*[،,]")
_CONTRAST = "ولی|اما|لیکن|ولیکن"  # `but`: opens a clause with a subject of its own
_BUT = re.compile(r"[\s،,]*(?:" + _CONTRAST + r")(?!\w)[\s،,]*")
# After a cue, these open the next clause, not what was said (`... را مطرح کرد ولی رهبر ... را رد کرد`).
_NEXT_CLAUSE = re.compile(r"(?:و|" + _CONTRAST + r"|درحالیکه|در\s*حالی\s*که)(?!\w)")
# `، اما` / `و` before a second reporting verb: the first reported clause ends there.
_SECOND_REPORT = re.compile(r"[\s،,]*(?:[،,]\s*(" + _CONTRAST + r")|\s(?:و))(?!\w)\s*")
_COMMA_JOINT = re.compile(r"\s*[،,]\s*")
MAX_LATER_CUES = 3  # a reported clause gives way to one of the next few cues, if any
MAX_SUBJECT_WORDS = 6  # a second report's own subject (`شرکت سازنده`) is short; more words mean a clause
_PRESENT = re.compile(r"(?<!\w)(?:ن?می)(?:\s|\u200c)?(?=\w)")
# `از` of an adverb or a fixed phrase, not the preposition a cue takes (`پیش از این`, `از جمله`, `از سوی`).
_BEFORE_AZ = re.compile(r"(?<!\w)(?:پیش|پس|قبل|بعد|بیش|کمتر)\s*$")
_AFTER_AZ = re.compile(r"\s*(?:جمله|سوی)(?!\w)")
MAX_QUOTED_PARAGRAPHS = 12  # how far a quotation left open may run on
_RELAYED = re.compile(r"\s*به\s*نقل\s*از\s*(?:(?:سخنان|گفته\s*های|گفته|اظهارات|قول)(?!\w)\s*)?")
_COLON = re.compile(r"\s*[:：]")
_CLAUSE_BREAK = re.compile(r"[؛;:]")
# Sentence openers that frame a clause without being its subject (`این در حالی است که X گفت ...`).
_FRAME_OPENER = re.compile(r"\s*(?:این\s*در\s*حالی\s*است\s*که|در\s*حالی\s*که|گفتنی\s*است|لازم\s*به\s*ذکر\s*است)(?!\w)")
# `X در حالی صورت می‌گیرد که Y ... خواسته است`: the statement and its subject are in the clause after `که`
# (`وی در حالی که ... گفت`, with nothing between `حالی` and `که`, keeps its subject).
_FRAMED_CLAUSE = re.compile(r"(?<!\w)در\s*حالی\s*(?:[^\s،,.:]+\s*){1,3}?که(?!\w)")
_SPLIT_VERB = re.compile(r"(?<!\w)(?:شد|شدند|شده\s*(?:است|اند)?|می\s*شود|می\s*شوند|خواهد\s*شد|خواهند\s*شد)(?!\w)")
_MIN_WORDS = 2
# Content made only of these points back at a statement instead of making one (`وی این نکته را بیان کرد`).
_POINTER_WORDS = frozenset(
    ["این", "آن", "همین", "همان", "نکته", "مطلب", "موضوع", "مساله", "مسئله", "سخنان", "را", "ها"]
)
# Walking back from `را`, the object ends (on its left) at these words or after _MAX_OBJECT words.
_PREPOSITIONS = frozenset(["در", "از", "به", "با", "بر", "برای"])
_OBJECT_STOPS = _PREPOSITIONS | {"،", ",", "نیز", "هم", "که", "تا", ":", "؛"} | TIME_ADVERBS
_MAX_OBJECT = 8
# How many sentences back a pronoun with no earlier quote looks for its antecedent.
_LOOKBACK = 3


@dataclass(slots=True)
class Found:
    """A quote before its speaker is resolved: `speaker` is the phrase at the quote (None: dropped subject)."""

    kind: str
    content: tuple[int, int]
    cue: tuple[int, int] | None
    speaker: SpeakerPhrase | None
    how: str
    inherit: bool = False


class QuoteExtractor:
    """Pipeline stage: fills `doc.quotes`, `doc.source` and `doc.meetings`."""

    name = "quotes"
    requires = frozenset({"paragraphs"})
    provides = frozenset({"quotes", "source", "meetings"})

    def __init__(self) -> None:
        self.cues = cue_lexicon()

    def __call__(self, doc: Document) -> Document:
        folded = fold(doc.text)
        paragraphs = _paragraphs(doc)
        matches = _drop_overlaps(self.cues.find(folded, 0, len(folded)))
        people = [m.start for e in doc.entities if e.label.upper().startswith("PER") for m in e.mentions]
        stops = sorted([m.start for m in matches] + people)
        doc.source = find_sources(doc.text, folded, paragraphs, stops)
        dates = {d.span.start: d.span.end for d in doc.dates}
        verb_ends = [t.end for t in doc.tokens if t.upos in ("VERB", "AUX")]
        names = sorted(m.start for e in doc.entities if e.label.upper()[:3] in ("PER", "ORG") for m in e.mentions)
        finder = QuoteFinder(folded, matches, stops, self.cues.records, dates, verb_ends, names)
        found = _without_interviewer(folded, finder.find(paragraphs))
        meetings = find_meetings(folded, paragraphs, stops)
        speakers = Speakers(doc, folded)
        doc.quotes, cluster = _attribute(doc, speakers, found, meetings, paragraphs)
        relays = [doc.text[a:b].strip() for a, b in finder.relays]
        doc.source = cite_speaking_outlets(doc.source, [q.speaker.text for q in doc.quotes if q.speaker] + relays)
        doc.meetings = _meeting_records(doc, speakers, meetings, cluster, paragraphs)
        return doc


def _without_interviewer(folded: str, found: list[Found]) -> list[Found]:
    """The quotes less the interviewer's and the reporter's, and the paragraphs that carry theirs on."""
    out, dropping = [], False
    for f in found:
        if f.speaker is not None and is_interviewer(folded, f.speaker):
            dropping = True
        elif not (dropping and f.inherit):
            dropping = False
            out.append(f)
    return out


def _paragraphs(doc: Document) -> list[tuple[int, int]]:
    if doc.paragraphs:
        return [(p.start, p.end) for p in doc.paragraphs]
    return [m.span() for m in re.finditer(r"[^\n]+", doc.text)]


def _drop_overlaps(matches: list[CueMatch]) -> list[CueMatch]:
    """Phrase cues win over verbs inside them (`به گفته` holds `گفته`)."""
    phrases = [m for m in matches if not m.cue.verb]
    return [m for m in matches if not m.cue.verb or not any(p.start < m.end and m.start < p.end for p in phrases)]


class QuoteFinder:
    """Finds the quotes of one document from its cue matches, paragraph by paragraph, sentence by sentence."""

    def __init__(
        self,
        folded: str,
        matches: list[CueMatch],
        stops: list[int],
        records: re.Pattern[str] | None = None,
        dates: dict[int, int] | None = None,
        verb_ends: list[int] | None = None,
        names: list[int] | None = None,
    ) -> None:
        self.folded = folded
        self.verb_ends = verb_ends or []  # where the analyse stage's verbs end, sorted (none without it)
        self.names = names or []  # where the entities stage's people and organisations start, sorted
        self.dates = dates or {}  # start → end of each date the numbers stage found: never a speaker
        self.records = records
        self.matches = matches
        self.starts = [m.start for m in matches]
        self.stops = stops
        self.relays: list[tuple[int, int]] = []  # spans of the `X` in `X به نقل از Y گفت`: outlets drawn on

    def find(self, paragraphs: list[tuple[int, int]]) -> list[Found]:
        """Every quote in the document, in text order, with the phrase naming its speaker."""
        found: list[Found] = []
        skip_next = False
        open_until = -1  # the paragraph that closes a quotation opened before it and left open
        for i, (ps, pe) in enumerate(paragraphs):
            if skip_next or (i == 0 and is_title(self.folded, ps, pe)):
                skip_next = False
                continue
            following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
            if i <= open_until:  # inside a quotation: up to its closing mark, then the paragraph goes on as usual
                close = self.folded.find("»", ps, pe) + 1 if i == open_until else pe
                content = _strip(self.folded, ps, close)
                if content:
                    found.append(Found("direct", content, None, None, "floating", inherit=True))
                if close == pe:
                    continue
                ps = close
            here, skip_next = self.paragraph(ps, pe, following)
            if not here and found and found[-1].kind == "direct":
                here = _floating(self.folded, ps, pe)
            found.extend(here)
            if here and here[-1].kind == "direct":
                open_until = self._quotation_end(here[-1].content, paragraphs, i + 1 + skip_next)
        return found

    def _quotation_end(self, content: tuple[int, int], paragraphs: list[tuple[int, int]], nxt: int) -> int:
        """A direct quote that opens «» and does not close them runs on, paragraph after paragraph, to the one
        that closes them (a statement read out over several paragraphs; cues inside are the statement's, not
        quotes): the index of that paragraph, or -1 when none within MAX_QUOTED_PARAGRAPHS does."""
        text = self.folded[content[0] : content[1]]
        if text.count("«") <= text.count("»"):
            return -1
        for j in range(nxt, min(len(paragraphs), nxt + MAX_QUOTED_PARAGRAPHS)):
            words = self.folded[paragraphs[j][0] : paragraphs[j][1]]
            if "«" in words:
                return -1  # another quotation opens first: the marks are not one paragraph-spanning pair
            if "»" in words:
                return j
        return -1

    def _next_subject(self, pos: int, cue: int, subject: SpeakerPhrase | None) -> tuple[SpeakerPhrase | None, int]:
        """The subject of a clause between two cues that `ولی`/`اما` opens (and where its content starts), or a
        comma before someone named (`... خبر داده، مدیر روابط عمومی استانداری می‌گوید:`); else the sentence's
        subject: `و` alone keeps it (`... دانست و افزود`), and so does a comma before an object (`، X را ...`)."""
        folded = self.folded
        opener = _BUT.match(folded, pos, cue)
        if opener is not None:
            own = subject_phrase(folded, opener.end(), cue)
            return (own, own.end) if own is not None else (subject, opener.end())
        comma = _COMMA_JOINT.match(folded, pos, cue)
        if comma is not None and comma.group().strip():
            own = subject_phrase(folded, comma.end(), cue)
            if own is not None and self._names_someone(own) and "را" not in Words.of(folded, own.end, cue).texts:
                return own, own.end
        return subject, pos

    def _clause_subject(self, subject: SpeakerPhrase | None, cue: int) -> SpeakerPhrase | None:
        """The subject of the clause the first cue is in, from the sentence's opening subject: itself, or the
        subject of a `که`/`و` clause when the opening one is a thing that never speaks (`این سخنان ... که X`),
        is followed by a finite verb, or names nobody."""
        if subject is None:
            return None
        if names_a_thing(self.folded, subject):  # `این سخنان ... که X ... خواسته بود`
            that = [m.end() for m in _THAT.finditer(self.folded, subject.end, cue)]
            return subject_phrase(self.folded, that[-1], cue) if that else None
        return self._embedded_subject(subject, cue) or self._relative_subject(subject, cue)

    def _embedded_subject(self, subject: SpeakerPhrase, cue: int) -> SpeakerPhrase | None:
        """The subject of the clause the cue ends, when a finite verb closes an earlier clause of the sentence
        and `که` or `و` opens the cue's own: `آمریکا تحریم‌ها را پس از آن آغاز کرد که ترامپ ... گفت`, `... از
        محصولات گوگل هستند و رقبای گوگل می‌گویند`. None when that clause names no subject of its own."""
        joints = [m for m in _CLAUSE_JOINT.finditer(self.folded, subject.end, cue) if self._verb_before(subject.end, m)]
        own = subject_phrase(self.folded, joints[-1].end(), cue) if joints else None
        return own if own is not None and self._names_someone(own) else None

    def _relative_subject(self, subject: SpeakerPhrase, cue: int) -> SpeakerPhrase:
        """A subject that names nobody, then `که` and someone named (`موضوعی که سخنگوی ... آن را بی‌اساس دانسته`):
        the relative clause's subject speaks; else `subject`."""
        that = _THAT_NEXT.match(self.folded, subject.end, cue)
        if subject.anaphor or that is None or self._names_someone(subject):
            return subject
        own = subject_phrase(self.folded, that.end(), cue)
        return own if own is not None and self._names_someone(own) else subject

    def _names_someone(self, phrase: SpeakerPhrase) -> bool:
        """Whether a phrase holds a person or organisation the entities stage found, or opens with an office:
        a clause's first words are often no speaker at all (`... توضیح نداده که برنامه‌ای ... وجود دارد`)."""
        k = bisect_left(self.names, phrase.start)
        words = Words.of(self.folded, phrase.start, phrase.end).texts
        return (k < len(self.names) and self.names[k] < phrase.end) or bool(words and is_office(words[0]))

    def _verb_before(self, start: int, joint: re.Match[str]) -> bool:
        """Whether a finite verb of the analyse stage ends right before `joint`, after `start`."""
        k = bisect_left(self.verb_ends, joint.start() + 1) - 1
        return k >= 0 and self.verb_ends[k] > start and not self.folded[self.verb_ends[k] : joint.start()].strip()

    def _after_date(self, start: int, end: int) -> int:
        """Past a date that opens the clause (`بیست و چهارم تیرماه رییس جمهوری ...`, `17 تیر امسال بود که X ...`):
        it says when, not who."""
        at = _SPACE.match(self.folded, start, end).end()
        if at not in self.dates:
            return start
        return _AFTER_DATE.match(self.folded, self.dates[at], end).end()

    def cues_in(self, start: int, end: int) -> list[CueMatch]:
        return self.matches[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def paragraph(self, ps: int, pe: int, following: tuple[int, int] | None) -> tuple[list[Found], bool]:
        """Quotes of one paragraph, and whether its colon quote took the next paragraph as content."""
        folded = self.folded
        quotes = quoted_spans(folded, ps, pe)
        matches = [c for c in self.cues_in(ps, pe) if not inside(c.start, quotes)]
        colon = next((c for c in matches if "C" in c.cue.frames and _colon_after(folded, c.end, pe)), None)
        head_end = _colon_after(folded, colon.end, pe) if colon else None
        out: list[Found] = []
        for ss, se in sentence_spans(folded, ps, head_end or pe):
            out.extend(self.sentence(ss, se, [c for c in matches if ss <= c.start < se], colon))
        if colon is None or head_end is None:
            return out, False
        took_next = False
        content = _strip(folded, head_end, pe)
        if content is None and following is not None and not is_title(folded, *following):
            content, took_next = _strip(folded, *following), True
        direct = [f for f in out if f.how == "colon"]
        if content is None or not direct:
            return [f for f in out if f.how != "colon"], False
        direct[0].content = _unquote(folded, *content)
        return out, took_next

    def sentence(self, ss: int, se: int, cues: list[CueMatch], colon: CueMatch | None) -> list[Found]:
        """Quotes of one sentence: every cue in it shares the subject that opens it."""
        folded = self.folded
        if not cues:
            return []
        start = preamble_end(folded, ss, cues[0].start, self.stops)
        opener = _FRAME_OPENER.match(folded, start, cues[0].start)
        start = opener.end() if opener else start
        framed = _FRAMED_CLAUSE.search(folded, start, cues[0].start)
        start = framed.end() if framed else start
        start = self._after_date(start, cues[0].start)
        after_quote = _after_quote(folded, start, cues[0])
        if after_quote is not None:
            return [after_quote]
        subject = self._clause_subject(subject_phrase(folded, start, cues[0].start), cues[0].start)
        relayed = _RELAYED.match(folded, subject.end, cues[0].start) if subject else None
        if relayed and subject:  # `رویترز به نقل از (سخنان) صالحی افزود:` Salehi speaks; Reuters relays it
            self.relays.append((subject.start, subject.end))
            subject = free_phrase(folded, relayed.end(), cues[0].start) or subject
        pos = subject.end if subject else start
        out: list[Found] = []
        joints = _Joints(folded, pos, se) if len(cues) > 1 else None  # only a later cue can end a clause early
        for i, c in enumerate(cues):
            if c.start < pos:
                continue
            if c.cue.type == "document":
                statement = self.document(start, c, se, colon)
                out.extend(statement)
                if statement:
                    break
                continue
            if c is colon:
                if out:  # `... خبر داده، مدیر روابط عمومی ... می‌گوید:`
                    subject, pos = self._next_subject(pos, c.start, subject)
                out.append(Found("direct", (c.end, c.end), (c.start, c.end), subject, "colon"))
                break
            if c.cue.type == "phrase" and "K" not in c.cue.frames:
                if "A" in c.cue.frames:
                    out.extend(_according(folded, c, se))
                    break
                quote, pos = _background(folded, c, cues[i + 1 :], subject)
                out.extend(quote)
                continue
            if out:  # a later cue: `... را مطرح کرد ولی رهبر ... را رد کرد` has a subject of its own
                subject, pos = self._next_subject(pos, c.start, subject)
            later = cues[i + 1 : i + 1 + MAX_LATER_CUES]
            end = _next_speech(folded, c.end, later, se, joints) if joints is not None and later else se
            quote, stop = _verb_quote(folded, c, pos, end, subject)
            out.extend(quote)
            if stop and end == se:
                break
            pos = end if stop else c.end
        return out

    def document(self, start: int, c: CueMatch, se: int, colon: CueMatch | None) -> list[Found]:
        """`در بیانیه X آمده است: ...`: X speaks (`در این بیانیه`: the speaker of before)."""
        found = list(self.records.finditer(self.folded, start, c.start)) if self.records else []
        if not found:
            return []
        speaker = free_phrase(self.folded, found[-1].end(), c.start)
        cue = (c.start, c.end)
        if c is colon:
            return [Found("direct", (c.end, c.end), cue, speaker, "colon")]
        m = _COMPLEMENTISER.match(self.folded, c.end, se)
        content = _strip(self.folded, m.end() if m else c.end, se)
        if "K" not in c.cue.frames or not _enough(self.folded, content) or m is None or m.end() == c.end:
            return []
        return [Found("indirect", content, cue, speaker, "clause")]


class _Matches:
    """Matches in text order, looked up by where they end."""

    def __init__(self, found: list[re.Match[str]]) -> None:
        self.found = found
        self.ends = [m.end() for m in found]

    def last(self, pos: int, cue: int) -> list[re.Match[str]]:
        """The last match inside [pos, cue] (none, or one in a list)."""
        k = bisect_right(self.ends, cue)
        return self.found[k - 1 : k] if k and self.found[k - 1].start() >= pos else []


class _Joints:
    """Where one reported clause may give way to the next in a sentence (`، اما`, `و`, commas), found once for
    the sentence: a long one holds many cues."""

    def __init__(self, folded: str, start: int, end: int) -> None:
        reports = list(_SECOND_REPORT.finditer(folded, start, end))
        self.reports = _Matches(reports)
        self.contrasts = _Matches([m for m in reports if m.group(1)])
        self.commas = _Matches(list(_COMMA_JOINT.finditer(folded, start, end)))


def _next_speech(folded: str, pos: int, later: list[CueMatch], se: int, joints: _Joints) -> int:
    """Where a reported clause starting at `pos` ends: at `، اما` that opens a second report, with a subject of
    its own or none (`... حمایت می‌کند، اما هشدار داد که ...`, `... نداشته، اما شرکت سازنده می‌گوید ...`), at
    `و` right before a second reporting verb in the past (`... و افزود که ...`; `و می‌گویند` may report inside
    the clause), or at a comma before a cue that opens speech with a colon; else at the sentence end `se`."""
    for c in later:
        if not c.cue.verb:
            continue
        joins = joints.contrasts.last(pos, c.start)
        joins += [
            m
            for m in joints.reports.last(pos, c.start)
            if not m.group(1) and m.end() == c.start and not _PRESENT.search(folded, c.start, c.end)
        ]
        if _colon_after(folded, c.end, se):  # `... خبر داده، مدیر روابط عمومی ... می‌گوید:`: a new speech
            joins += joints.commas.last(pos, c.start)
        join = max(joins, key=lambda m: m.start(), default=None)
        if join is not None and len(Words.of(folded, join.end(), c.start)) <= MAX_SUBJECT_WORDS:
            return join.start()
    return se


def _colon_after(folded: str, pos: int, end: int) -> int | None:
    m = _COLON.match(folded, pos, end)
    return m.end() if m else None


def _verb_quote(folded: str, c: CueMatch, pos: int, se: int, subject: SpeakerPhrase | None) -> tuple[list[Found], bool]:
    """The quote a reporting verb opens: after it (and then the sentence is done) or before it."""
    cue_span = (c.start, c.end)
    frames = c.cue.frames
    if "S" in frames:
        close = _SPLIT_VERB.search(folded, c.end, se)
        if close is None:
            return [], False
        content = _strip(folded, c.end, close.start())
        if content is None:  # `... را خواستار شد`: the object comes first
            content = _object(folded, pos, c.start, "را", predicate=False)
        return ([Found("indirect", content, cue_span, subject, "split")] if _enough(folded, content) else []), False
    rest = _strip(folded, c.end, se)
    if rest is not None and not _NEXT_CLAUSE.match(folded, rest[0], rest[1]):
        speech = _quoted_speech(folded, *rest) if "C" in frames and folded[rest[0]] in '«"' else None
        if speech is not None:
            return [Found("direct", speech, cue_span, subject, "quoted")], True
        if "K" in frames:
            m = _COMPLEMENTISER.match(folded, c.end, se)
            content = _strip(folded, m.end() if m else c.end, se)
            if _enough(folded, content):
                inner = _unquote(folded, *content)
                if inner != content:  # `گفت که «...»`: the clause is the speaker's words, in quotation marks
                    return [Found("direct", inner, cue_span, subject, "quoted")], True
                return [Found("indirect", content, cue_span, subject, "clause")], True
    if "O" in frames and c.cue.prep:
        content = _object(folded, pos, c.start, c.cue.prep, predicate="P" in frames)
        if _enough(folded, content):
            return [Found("indirect", content, cue_span, subject, "object")], False
    return [], False


def _object(folded: str, pos: int, end: int, prep: str, predicate: bool) -> tuple[int, int] | None:
    """Content before the cue: from the object marker `را` (kept) or after a preposition (dropped).

    With `predicate`, words must stand between `را` and the cue (`X را Y دانست`; `کتاب را خواند` is reading).
    """
    markers = re.compile(r"(?<!\w)" + words_pattern(prep) + r"(?!\w)").finditer(folded, pos, end)
    marker = next((m for m in markers if prep != "از" or not _fixed_az(folded, m.start(), m.end())), None)
    if marker is None or (predicate and not folded[marker.end() : end].strip()):
        return None
    if _CLAUSE_BREAK.search(folded, marker.start(), end):
        return None
    if prep != "را":
        return _strip(folded, marker.end(), end)
    commas = [m.end() for m in _COMMA.finditer(folded, pos, marker.start())]
    listing = 0
    while listing < len(commas) and _lists_on(folded, commas[-1 - listing], marker.start()):
        listing += 1
    if listing >= 2:  # `A، B، C و D`; with one comma (`A، B و C`) the A may as well end an adjunct
        commas = commas[:-listing]
        if not commas:  # `وی حمایت‌ها در لبنان، یمن، عراق و سوریه را ... توصیف کرد`: all of it is the object
            return _strip(folded, pos, end)
    return _strip(folded, commas[-1] if commas else object_start(folded, pos, marker.start()), end)


def _fixed_az(folded: str, start: int, end: int) -> bool:
    """Whether the `از` at [start, end) belongs to an adverb or fixed phrase (`پیش از این`, `از جمله`)."""
    return bool(_BEFORE_AZ.search(folded, max(0, start - 8), start) or _AFTER_AZ.match(folded, end))


def _lists_on(folded: str, comma: int, end: int) -> bool:
    """Whether the comma ending at `comma` separates items of a list (`لبنان، یمن، عراق و سوریه`)."""
    return list_item_follows(Words.of(folded, comma, end).texts[:4])


def object_start(folded: str, pos: int, marker: int) -> int:
    """Where the object before `را` begins: walking back over its words to a preposition (at least one word)."""
    words = Words.of(folded, pos, marker)
    k = len(words)
    while k > 0 and len(words) - k < _MAX_OBJECT and (
        words.texts[k - 1] not in _OBJECT_STOPS or _modifier(words.texts, k - 1)
    ):
        k -= 1
    k = min(k, len(words) - 1)
    return words.spans[k][0] if words.texts else pos


def _modifier(texts: list[str], k: int) -> bool:
    """`به`/`از` after a noun inside the object (`پیشنهاد ارسال کمک به ایران را`, `حمایت از فلسطین را`), not
    after a noun that a preposition governs (`در حمایت از تحقق آتش‌بس را`: an adjunct before the object)."""
    if texts[k] not in ("به", "از") or k == 0 or texts[k - 1] in _OBJECT_STOPS or not texts[k - 1].isalpha():
        return False
    return k < 2 or texts[k - 2] not in _PREPOSITIONS


def _background(
    folded: str, c: CueMatch, later: list[CueMatch], subject: SpeakerPhrase | None
) -> tuple[list[Found], int]:
    """`با بیان اینکه ...، گفت`: the statement runs to the comma before the main verb; returns it and its end.

    A question put to the speaker (`در پاسخ به اینکه ...، گفت`) is skipped the same way, with no quote.
    """
    main = _main_verb(folded, later)
    if main is None:
        return [], c.end
    commas = [m.start() for m in _COMMA.finditer(folded, c.end, main.start)]
    end = commas[-1] if commas else main.start
    closed = _QUOTE_THEN_COMMA.search(folded, c.end, end)
    if closed:  # `با تاکید بر اینکه X «...»، با کنایه ...، گفت`: the statement ends with its quotation
        end = closed.start() + 1
    clause = _CLAUSE_OPENER.match(folded, c.end, end)
    if "Q" in c.cue.frames or ("b" in c.cue.frames and clause is None):
        return [], end
    content = _strip(folded, clause.end() if clause else c.end, end)
    if not _enough(folded, content):
        return [], end
    return [Found("indirect", content, (c.start, c.end), subject, "background")], end


def _main_verb(folded: str, later: list[CueMatch]) -> CueMatch | None:
    """The verb a background phrase hangs on: the first one set off by a comma, else the first one."""
    verbs = [m for m in later if m.cue.verb]
    return next((m for m in verbs if folded[: m.start].rstrip().endswith(("،", ","))), verbs[0] if verbs else None)


def _according(folded: str, c: CueMatch, se: int) -> list[Found]:
    """`به گفته X، ...`: the speaker up to the comma, the statement after it; a pronoun needs no comma
    (`به باور وی آنها ...`)."""
    word = _NEXT_WORD.match(folded, c.end, se)
    if word is not None and word.group(1) in PRONOUNS and not _AND_OR_COMMA.match(folded, word.end(1), se):
        speaker, content = free_phrase(folded, word.start(1), word.end(1)), _strip(folded, word.end(), se)
    else:
        comma = _COMMA.search(folded, c.end, se)
        if comma is None:
            return []
        speaker, content = free_phrase(folded, c.end, comma.start()), _strip(folded, comma.end(), se)
    if speaker is None or not _enough(folded, content):
        return []
    return [Found("indirect", content, (c.start, c.end), speaker, "according")]


def _after_quote(folded: str, ss: int, first: CueMatch) -> Found | None:
    """`«...»، X گفت.`: a sentence that opens with the quotation and names the speaker after it."""
    m = re.compile(r"\s*[«\"]").match(folded, ss, first.start)
    if m is None or "C" not in first.cue.frames:
        return None
    spans = [s for s in quoted_spans(folded, m.end() - 1, first.start) if s[0] == m.end() - 1]
    if not spans or len(folded[spans[0][0] : spans[0][1]].split()) < 5:
        return None
    rest = re.compile(r"[\s،,]*(?:این\s*را\s*)?").match(folded, spans[0][1], first.start)
    speaker = subject_phrase(folded, rest.end() if rest else spans[0][1], first.start)
    return Found("direct", _unquote(folded, *spans[0]), (first.start, first.end), speaker, "after-quote")


def _floating(folded: str, ps: int, pe: int) -> list[Found]:
    """A paragraph wholly in quotation marks, after direct speech, continues it (its speaker is inherited)."""
    text = folded[ps:pe].strip()
    if len(text) < 2 or text[0] not in '«"' or text.rstrip(".")[-1:] not in '»"':
        return []
    content = _strip(folded, ps, pe)
    return [Found("direct", _unquote(folded, *content), None, None, "floating", inherit=True)] if content else []


def _strip(folded: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without surrounding spaces and separators; None when nothing is left."""
    while start < end and (folded[start].isspace() or folded[start] in "،,:؛"):
        start += 1
    while end > start and (folded[end - 1].isspace() or folded[end - 1] in "،,:؛"):
        end -= 1
    return (start, end) if start < end else None


def _quoted_speech(folded: str, start: int, end: int) -> tuple[int, int] | None:
    """The speech in the quotation marks that open `folded[start:end]`: all of it when they close at its end
    (`گفت «...».`), else the first pair (`گفت «...» و افزود ...`); None when they hold a name inside a reported
    clause (`گفت «هیلاری کلینتون»، وزیر خارجه ... اعتراف کرده است`: a few words, then a comma and the clause)."""
    whole = _unquote(folded, start, end)
    if whole != (start, end):
        return whole
    spans = [q for q in quoted_spans(folded, start, end) if q[0] == start]
    if not spans:
        return start, end
    close = spans[0][1]
    if len(folded[start + 1 : close - 1].split()) <= MAX_QUOTED_NAME_WORDS and _COMMA_THEN_CLAUSE.match(
        folded, close, end
    ):
        return None
    return start + 1, close - 1


def _unquote(folded: str, start: int, end: int) -> tuple[int, int]:
    """Drop the quotation marks around speech that is wholly inside one pair («...» or «...».)."""
    trimmed = end - 1 if folded[end - 1] == "." and end - start > 2 else end
    if folded[start] in '«"' and folded[trimmed - 1] in '»"':
        spans = quoted_spans(folded, start, trimmed)
        if spans and spans[0] == (start, trimmed):
            return start + 1, trimmed - 1
    return start, end


def _enough(folded: str, content: tuple[int, int] | None) -> bool:
    """At least _MIN_WORDS words, and more than a pointer back to something said before (`این نکته را`)."""
    if content is None:
        return False
    words = folded[content[0] : content[1]].split()
    return len(words) >= _MIN_WORDS and not set(words) <= _POINTER_WORDS


def _attribute(
    doc: Document,
    speakers: Speakers,
    found: list[Found],
    meetings: list[MeetingMention],
    paragraphs: list[tuple[int, int]],
) -> tuple[list[Quote], dict[int, int]]:
    """Register every named speaker in text order, join meeting parties, then give each quote its speaker.

    A pronoun or dropped subject takes the previous quote's speaker; before any quote, the nearest person
    the entities layer knows, else the subject of an earlier sentence. Returns the quotes and the cluster of
    every named phrase (keyed by `id(phrase)`).
    """
    phrases = [f.speaker for f in found if f.speaker and not f.speaker.anaphor]
    phrases += [p for m in meetings for p in (m.first, m.second) if not p.anaphor]
    cluster = {id(p): speakers.add(p) for p in sorted(phrases, key=lambda p: p.start)}
    _join_meetings(speakers, meetings, cluster)
    quotes: list[Quote] = []
    last: int | None = None
    for f in found:
        if f.speaker is not None and not f.speaker.anaphor:
            cid: int | None = speakers.office_of(cluster[id(f.speaker)], last, f.speaker)
        else:
            cid = last if last is not None else _antecedent(doc, speakers, paragraphs, _position(f))
        speaker = speakers.speaker(f.speaker, cid)
        content = Span(doc, *f.content)
        cue = Span(doc, *f.cue) if f.cue else None
        quotes.append(Quote(f.kind, content, cue, speaker, _confidence(f, cid is not None)))
        last = cid if cid is not None else last
    return quotes, cluster


def _position(f: Found) -> int:
    return f.speaker.start if f.speaker else (f.cue or f.content)[0]


def _antecedent(doc: Document, speakers: Speakers, paragraphs: list[tuple[int, int]], pos: int) -> int | None:
    """Who a pronoun means when no quote came before: a person mention, else an earlier sentence's subject."""
    person = speakers.person_before(pos)
    if person is not None:
        return person
    folded = speakers.folded
    body = [(ps, pe) for i, (ps, pe) in enumerate(paragraphs) if ps < pos and not (i == 0 and is_title(folded, ps, pe))]
    sentences = [s for ps, pe in body for s in sentence_spans(folded, ps, min(pe, pos)) if s[0] < pos]
    for ss, se in reversed(sentences[-_LOOKBACK:]):
        phrase = subject_phrase(folded, ss, se)
        if phrase is not None and not phrase.anaphor and phrase.end < pos:
            return speakers.add(phrase)
    return None


def _confidence(f: Found, resolved: bool) -> float:
    base = CONFIDENCE[f.how]
    if f.speaker is None or f.speaker.anaphor or f.inherit:
        base *= 0.9 if resolved else 0.5
    return base


def _join_meetings(speakers: Speakers, meetings: list[MeetingMention], cluster: dict[int, int]) -> None:
    """A headline meeting and a body meeting that share one party are one meeting: join the other parties."""
    pairs = [(m, cluster.get(id(m.first)), cluster.get(id(m.second))) for m in meetings]
    for i, (a, a1, a2) in enumerate(pairs):
        for b, b1, b2 in pairs[i + 1 :]:
            if not (a.in_title or b.in_title) or a1 is None or a2 is None or b1 is None or b2 is None:
                continue
            r = speakers.root
            if r(a2) == r(b2) and r(a1) != r(b1):
                speakers.merge(a1, b1)
            elif r(a1) == r(b1) and r(a2) != r(b2):
                speakers.merge(a2, b2)


def _meeting_records(
    doc: Document,
    speakers: Speakers,
    meetings: list[MeetingMention],
    cluster: dict[int, int],
    paragraphs: list[tuple[int, int]],
) -> list[dict[str, object]]:
    """One record per meeting (mentions with the same two parties are one), in order of first mention."""
    records: list[dict[str, object]] = []
    seen: set[frozenset[str]] = set()
    names = {e.id: e.name for e in doc.entities}
    for m in meetings:
        cids = [_party_cluster(doc, speakers, paragraphs, cluster, p) for p in (m.first, m.second)]
        if cids[0] is None or cids[1] is None:
            continue
        # The same two parties: the same entities, or the same speaker clusters where there is no entity
        # (`امیرعبداللهیان ... رئیس دفتر سیاسی حماس` in the headline, `وزیر امور خارجه ... هنیه` in the lead).
        parties_key = frozenset(speakers.entity(c) or f"cluster {speakers.root(c)}" for c in cids)
        if len(parties_key) < 2 or parties_key in seen:
            continue
        parties = [_party(doc, speakers, names, p, c) for p, c in zip((m.first, m.second), cids, strict=True)]
        words = [Words.of(speakers.folded, p.start, p.end).texts for p in (m.first, m.second)]
        if not all(plausible_party(w, p["entity"] is not None) for w, p in zip(words, parties, strict=True)):
            continue
        seen.add(parties_key)
        records.append(
            {
                "kind": m.kind,
                "participants": parties,
                "cue": {"start": m.cue[0], "end": m.cue[1], "text": doc.text[m.cue[0] : m.cue[1]]},
                "confidence": 0.8 if all(p["entity"] for p in parties) else 0.6,
            }
        )
    return records


def _party_cluster(
    doc: Document, speakers: Speakers, paragraphs: list[tuple[int, int]], cluster: dict[int, int], p: SpeakerPhrase
) -> int | None:
    cid = cluster.get(id(p))
    return cid if cid is not None else _antecedent(doc, speakers, paragraphs, p.start)


def _party(
    doc: Document, speakers: Speakers, names: dict[str, str], phrase: SpeakerPhrase, cid: int
) -> dict[str, object]:
    """A meeting party: the words at the meeting, the name it is best known by (`names`: entity id → name), and
    its entity."""
    best = speakers.best_mention(cid) or phrase
    entity = speakers.entity(cid)
    return {
        "entity": entity,
        "text": doc.text[phrase.start : phrase.end].strip("«» "),
        "start": phrase.start,
        "end": phrase.end,
        "name": names[entity] if entity in names else doc.text[best.start : best.end].strip("«» "),
    }
