"""Meetings: `X در دیدار با Y`, `دیدار X با Y`, `X با Y دیدار کرد` and phone calls give a meeting of two parties.

This module only finds the two phrases and the cue; `khabar.extract.quotes` registers the phrases with the
document's speakers, so a meeting repeated in the headline and the lead (`امیرعبداللهیان در دیدار با رئیس دفتر
سیاسی جنبش حماس` / `وزیر امور خارجه ... در دیدار با اسماعیل هنیه، رئیس دفتر سیاسی جنبش حماس`) comes out once,
and tells that the two ways of naming each side name the same party.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from khabar.extract import gazetteers
from khabar.extract.ner_features import word_classes
from khabar.extract.speakers import (
    GROUPS,
    SpeakerPhrase,
    free_phrase,
    is_honorific,
    is_office,
    is_title,
    joined_office,
    key,
    office_length,
    read_table,
    sentence_spans,
    subject_phrase,
    words_pattern,
)

_VERB = r"\s*(?:کرد|کردند|می\s*کند|می\s*کنند|خواهد\s*کرد|خواهند\s*کرد|داشت|داشتند|نمود|نمودند)(?!\w)"


@dataclass(frozen=True)
class MeetingPatterns:
    """The three meeting constructions, built from the meeting nouns of the cue lexicon, and the sports veto."""

    in_meeting: re.Pattern[str]  # X در دیدار با Y
    noun: re.Pattern[str]  # دیدار X با Y, after its own preposition
    verb: re.Pattern[str]  # X با Y دیدار کرد
    calls: frozenset[str]
    score: re.Pattern[str]
    nouns: re.Pattern[str]


@cache
def meeting_patterns() -> MeetingPatterns:
    rows = read_table("cues.tsv")
    nouns = sorted((r["cue"] for r in rows if r["type"] == "meeting"), key=len, reverse=True)
    kinds = "(?P<kind>" + "|".join(words_pattern(n) for n in nouns) + ")"
    calls = frozenset(key(r["cue"]) for r in rows if r["type"] == "meeting" and r["frames"] == "T")
    score = "|".join(words_pattern(r["cue"]) for r in rows if r["type"] == "score")
    return MeetingPatterns(
        re.compile(r"(?<!\w)در\s*" + kinds + r"(?:\s*(?:خود|های|ی))?\s*با(?!\w)"),
        re.compile(r"(?<!\w)(?:در|از|پس\s*از|پیش\s*از|طی)\s*" + kinds + r"\s+(?!با(?!\w))"),
        re.compile(r"(?<!\w)با\s+(?P<other>[^،,.:؛!?؟\n]{2,80}?)\s*" + kinds + _VERB),
        calls,
        re.compile(r"(?<!\w)(?:" + score + r")(?!\w)"),
        re.compile(kinds),
    )


@dataclass(slots=True)
class MeetingMention:
    """One mention of a meeting: both parties' phrases, the cue, and whether it sits in a headline."""

    first: SpeakerPhrase
    second: SpeakerPhrase
    cue: tuple[int, int]
    kind: str
    in_title: bool


def find_meetings(folded: str, paragraphs: list[tuple[int, int]], stops: list[int]) -> list[MeetingMention]:
    """Every meeting mention with two parties that can be named, in text order.

    `stops` are the offsets of reporting cues: a party's name ends before one (`... با سفیر روسیه گفت`).
    """
    found: list[MeetingMention] = []
    nouns = meeting_patterns().nouns
    for ps, pe in paragraphs:
        if not nouns.search(folded, ps, pe):
            continue
        title = is_title(folded, ps, pe)
        for ss, se in sentence_spans(folded, ps, pe):
            found.extend(_in_sentence(folded, ss, se, title, stops))
    return found


def _in_sentence(folded: str, ss: int, se: int, title: bool, stops: list[int]) -> list[MeetingMention]:
    pat = meeting_patterns()
    if pat.score.search(folded, ss, se):
        return []
    out = []
    for m in pat.in_meeting.finditer(folded, ss, se):
        colon = folded.rfind(":", ss, m.start())  # `خبرگزاری فارس: X در دیدار با Y`
        first = subject_phrase(folded, ss if colon < 0 else colon + 1, m.start())
        # A stop where the party's name itself starts (`با «علی چگنی»`) does not end it.
        lead = m.end() + len(folded[m.end() : se]) - len(folded[m.end() : se].lstrip(' "«\u200c'))
        k = bisect_right(stops, lead)
        second = free_phrase(folded, m.end(), min(se, stops[k]) if k < len(stops) else se)
        if first and second:
            out.append(MeetingMention(first, second, m.span(), _kind(m), title))
    for m in pat.noun.finditer(folded, ss, se):
        with_ = re.compile(r"\s+با\s+").search(folded, m.end(), se)
        if with_ is None:
            continue
        first = free_phrase(folded, m.end(), with_.start())
        second = free_phrase(folded, with_.end(), se)
        if first and second and first.end <= with_.start():
            out.append(MeetingMention(first, second, (m.start("kind"), m.end("kind")), _kind(m), title))
    for m in pat.verb.finditer(folded, ss, se):
        first = subject_phrase(folded, ss, m.start())
        second = free_phrase(folded, m.start("other"), m.end("other"))
        if first and second:
            out.append(MeetingMention(first, second, (m.start("kind"), m.end()), _kind(m), title))
    return out


def plausible_party(words: Sequence[str], resolved: bool) -> bool:
    """Whether a meeting party's words can name who met: an entity of the document, an office, an honorific or
    a group of people (`همتایان خود`), or a word no dictionary lists (a name the tagger missed). `تدبیر و درایت`
    after `در دیدار با`, or a sports team's match (`دیدار ... با تیم ...`), is not a meeting of two parties."""
    if not words or words[0] in ("تیم", "تیمهای"):
        return False  # `در دیدار با تیم ...`: a match
    if resolved:
        return True
    if is_office(words[0]) or office_length(words) or is_honorific(words[0]) or words[0] in GROUPS:
        return True
    if len(words) > 1 and joined_office(words, 1):  # `صدر اعظم` written apart is `صدراعظم`
        return True
    lexicon = word_classes()
    return any(gazetteers.fold(w) not in lexicon for w in words if len(w) > 2 and w.isalpha())


def _kind(m: re.Match[str]) -> str:
    return "call" if key(m.group("kind")) in meeting_patterns().calls else "meeting"
