"""The source chain of a story: the outlet that published it and the outlets it cites.

The publisher is the first outlet named by `به گزارش X`, a dateline (`تهران- ایرنا-`) or an interview
`با خبرنگار X`, whichever comes first. Everything else the story draws on is cited, in order: `به نقل از X`,
`به نوشته X`, `بنا بر گزارش X`, a later `به گزارش Y`, the office after `به گزارش X از ...`, and outlets
interviewed (`در مصاحبه با خبرگزاری رویترز`). Outlet names end at punctuation or a clause word; desk words
(`گروه بین‌الملل`, `خبرنگار اقتصادی`) before the outlet are dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from khabar.extract import gazetteers
from khabar.extract.speakers import Words, fold, key, read_table, words_pattern

# Words that end an outlet name (`به گزارش فارس از مشهد`، `به نقل از X در ...`).
_END_WORDS = frozenset(["از", "در", "که", "با", "برای", "درباره", "طی", "پس", "پیش", "بعد", "قبل"])
_SELF = frozenset(["این", "همین", "آن"])
_OURS = frozenset(["ما"])
_PUNCT = frozenset("،,:;؛.!?؟")
_FROM = re.compile(r"\s*از(?!\w)")
_CITY = re.compile(r"\s*از\s+\w+")
_JOINT = re.compile(r"[\s،,]*(?:و(?!\w))?\s*")
_COMMA_AFTER = re.compile(r"\s*[،,]?\s*")
_REPORTER_WORD = re.compile(r"\s*خبرنگار(?!\w)")
_MAX_WORDS = 12
# An outlet name ended by a clause word (`در`, `که`) rather than punctuation is trusted up to this many words.
_SHORT = 3


@dataclass(frozen=True)
class SourceLexicon:
    """Compiled source words: cue patterns, and folded word tuples for heads, desks and sections."""

    cues: re.Pattern[str]
    kinds: dict[str, str]
    heads: tuple[tuple[str, ...], ...]
    media: tuple[tuple[str, ...], ...]
    speech: tuple[tuple[str, ...], ...]
    desks: frozenset[str]
    sections: tuple[tuple[str, ...], ...]


@cache
def source_lexicon() -> SourceLexicon:
    rows = read_table("sources.tsv")
    by_type: dict[str, list[str]] = {}
    for row in rows:
        by_type.setdefault(row["type"], []).append(row["word"])
    cue_words = sorted(by_type["report"] + by_type["cite"], key=len, reverse=True)
    cues = re.compile(
        r"(?<!\w)(?:" + "|".join(f"(?P<c{i}>{words_pattern(w)})" for i, w in enumerate(cue_words)) + r")(?!\w)"
    )
    kinds = {f"c{i}": ("report" if w in by_type["report"] else "cite") for i, w in enumerate(cue_words)}
    return SourceLexicon(
        cues,
        kinds,
        tuple(tuple(h.split()) for h in by_type["head"] + by_type["media"]),
        tuple(tuple(h.split()) for h in by_type["media"]),
        tuple(tuple(w.split()) for w in by_type["speech"]),
        frozenset(by_type["desk"]),
        tuple(tuple(s.split()) for s in by_type["section"]),
    )


_DATELINE = re.compile(
    r"\s*[^\W\d][\w ]{1,25}?\s*(?:[-–—/]\s*([^\W\d][\w ]{1,25}?)\s*[-–—]|\(\s*([\w ]{2,25})\s*\)\s*[-–—])"
)
_REPORTER = re.compile(r"(?<!\w)(?:با|به)\s*خبرنگار(?!\w)")
_INTERVIEW = re.compile(r"(?<!\w)(?:گفت\s*و?\s*گو|مصاحبه)(?:\s*ی)*(?:\s*اختصاصی)?\s*با(?!\w)")


def find_sources(
    text: str, folded: str, paragraphs: list[tuple[int, int]], stops: Iterable[int] = ()
) -> dict[str, object]:
    """`{publisher, cited}` for a document: outlet names as written in `text` (None / [] when unnamed).

    `stops` are offsets where an outlet name must end (where reporting verbs start).
    """
    lex = source_lexicon()
    stops = sorted(stops)
    named: list[tuple[int, str, tuple[int, int]]] = []  # (position, role, outlet span)
    for m in lex.cues.finditer(folded):
        span = outlet_span(folded, m.end(), lex, stops)
        if span is None:
            continue
        role = lex.kinds[m.lastgroup or ""]
        named.append((m.start(), role, span))
        after = _office_after(folded, span[1], lex, stops)
        if after is not None:
            named.append((m.start() + 1, "cite", after))
    for m in _REPORTER.finditer(folded):
        span = outlet_span(folded, m.end(), lex, stops)
        if span is not None and folded[span[0] : span[1]].strip() not in _OURS:
            named.append((m.start(), "report", span))
    for m in _INTERVIEW.finditer(folded):
        span = outlet_span(folded, m.end(), lex, stops)
        if span is None or _REPORTER_WORD.match(folded, m.end()):
            continue
        if _names_outlet(Words.of(folded, *span).texts, lex.heads):
            named.append((m.start(), "interview", span))
    named.extend(_datelines(folded, paragraphs[:3]))
    return _chain(text, sorted(named))


def outlet_span(folded: str, pos: int, lex: SourceLexicon, stops: list[int]) -> tuple[int, int] | None:
    """The outlet name starting at `pos`, desk words dropped; None for `این گزارش` and the like."""
    k = bisect_left(stops, pos)
    stop = stops[k] if k < len(stops) else len(folded)
    limit = min(len(folded), pos + 300, stop)
    words = Words.of(folded, pos, limit)
    if any(tuple(words.texts[: len(w)]) == w for w in lex.speech):
        return None  # `به نقل از سخنان X`: a person's words, not an outlet
    j, closed = _name_end(words, cut=limit == stop and stop < len(folded))
    i = _skip_desk(words.texts, j, lex)
    if i >= j or words.texts[i] in _SELF or (words.texts[i] == "«" and i + 1 >= j):
        return None
    quoted = _quoted_end(words, i)
    if quoted is not None:
        return words.spans[i][0], words.spans[quoted][1]
    known = _known_outlet(words.texts, i, j)
    if not closed:
        j = _with_quoted(words, known or min(j, i + (2 if _head_at(words.texts, i, lex.heads) else 1)))
    elif known is not None and j - known >= _SHORT:
        j = known
    return words.spans[i][0], words.spans[j - 1][1]


def _name_end(words: Words, cut: bool) -> tuple[int, bool]:
    """Index after an outlet name, and whether punctuation, a clause word or the text's end closed it.

    Commas inside a list (`وزارت بهداشت، درمان و آموزش پزشکی`) do not end a name. A name running past
    _MAX_WORDS words, or cut (`cut`) by the next cue or ended by a clause word after more than _SHORT words,
    is not closed: no comma set it off (`به گزارش ایسنا جلال ملکی ... گفت`).
    """
    j = count = 0
    while j < len(words):
        w = words.texts[j]
        if w in "،," and _listed(words, j):
            j += 1
            continue
        if w in _PUNCT or w == "از" or _clause_joint(words, j):
            return j, True
        if w in _END_WORDS:
            return j, count <= _SHORT
        count += w.isalnum()
        if count > _MAX_WORDS:
            return j, False
        j += 1
    return j, count <= _SHORT or not cut


def _listed(words: Words, j: int) -> bool:
    """Whether the comma at `j` starts the middle of a list: a short chunk holding `و`, then a comma."""
    k = j + 1
    while k < len(words) and k - j <= 5 and words.texts[k] not in _PUNCT:
        k += 1
    return k < len(words) and words.texts[k] in "،," and "و" in words.texts[j + 1 : k]


def _quoted_end(words: Words, i: int) -> int | None:
    """Index of the closing mark of a name written in quotation marks (`"ورزش سه"`), if it opens with one."""
    if words.texts[i] not in ('"', "«"):
        return None
    close = '"' if words.texts[i] == '"' else "»"
    return next((k for k in range(i + 1, min(len(words), i + 8)) if words.texts[k] == close), None)


def _known_outlet(texts: list[str], i: int, j: int) -> int | None:
    """End index of the longest outlet of the gazetteer that starts at `i` (`ایسنا` in `ایسنا حبیب‌الله جناغ`)."""
    hit = gazetteers.matcher("outlets").longest_at([gazetteers.fold(t) for t in texts[i:j]], 0)
    return i + hit[0] if hit else None


def _head_at(texts: list[str], i: int, heads: tuple[tuple[str, ...], ...]) -> bool:
    return any(tuple(texts[i : i + len(h)]) == h for h in heads)


def _with_quoted(words: Words, j: int) -> int:
    """Extend a name over a quoted part right after it (`باشگاه خبری فارس «توانا»`)."""
    if j < len(words) and words.texts[j] == "«":
        close = next((k for k in range(j + 1, min(len(words), j + 6)) if words.texts[k] == "»"), None)
        if close is not None:
            return close + 1
    return j


_NEXT_CREDIT = frozenset({"نقل", "نوشته", "گزارش", "روایت"})  # `به X`: the next credit begins


def _clause_joint(words: Words, j: int) -> bool:
    """`و به نقل از`، `به نقل از`، `به نوشته`: where one outlet name gives way to the next credit
    (`به گزارش ایسنا به نوشته روزنامه دکان هرالد`)."""
    nxt = words.texts[j + 1] if j + 1 < len(words) else ""
    w = words.texts[j]
    return (w == "و" and nxt in ("به", "بنا", "بنابر")) or (w == "به" and nxt in _NEXT_CREDIT)


def _skip_desk(texts: list[str], j: int, lex: SourceLexicon) -> int:
    """Index of the outlet name after desk and section words (`گروه بین‌الملل خبرگزاری فارس`, `خبرنگار مهر`).

    When the words left do not open with an outlet word but one follows (`تئاتر باشگاه خبری فارس`), the name
    starts there.
    """
    i = 0
    while i < j - 1:
        section = next((s for s in lex.sections if tuple(texts[i : i + len(s)]) == s), None)
        if texts[i] in lex.desks:
            i += 1
        elif section is not None and i + len(section) < j:
            i += len(section)
        else:
            break
    if _head_at(texts, i, lex.heads):
        return i
    return next((k for k in range(i + 1, j) if _head_at(texts, k, lex.heads)), i)


def _names_outlet(texts: list[str], heads: tuple[tuple[str, ...], ...]) -> bool:
    """Whether a phrase's words name an outlet: they open with one of `heads` or are an outlet of the gazetteer."""
    return _head_at(texts, 0, heads) or _known_outlet(texts, 0, len(texts)) == len(texts)


def _office_after(folded: str, end: int, lex: SourceLexicon, stops: list[int]) -> tuple[int, int] | None:
    """The office in `به گزارش فارس از روابط عمومی ...` (a city after `از` is not a source)."""
    m = _FROM.match(folded, end)
    if m is None:
        return None
    span = outlet_span(folded, m.end(), lex, stops)
    return span if span is not None and _head_at(Words.of(folded, *span).texts, 0, lex.heads) else None


def preamble_end(folded: str, start: int, end: int, stops: list[int]) -> int:
    """Where a sentence's opening credit to outlets (`به گزارش فارس از تبریز و به نقل از ایسنا،`) ends.

    `start` when the sentence does not open with one. A city after `از` is taken to be one word.
    """
    lex = source_lexicon()
    pos = start
    while (m := lex.cues.match(folded, _JOINT.match(folded, pos, end).end(), end)) is not None:
        span = outlet_span(folded, m.end(), lex, stops)
        if span is None:
            break
        office = _office_after(folded, span[1], lex, stops)
        city = _CITY.match(folded, span[1], end)
        pos = office[1] if office else city.end() if city else span[1]
    if pos == start:
        return start
    comma = _COMMA_AFTER.match(folded, pos, end)
    return comma.end() if comma else pos


def _datelines(folded: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, str, tuple[int, int]]]:
    found = []
    for start, end in paragraphs:
        m = _DATELINE.match(folded, start, end)
        if m:
            group = 1 if m.group(1) else 2
            found.append((m.start(), "report", m.span(group)))
    return found


def _chain(text: str, named: list[tuple[int, str, tuple[int, int]]]) -> dict[str, object]:
    """Publisher and cited outlets; with no other sign of the publisher, the outlet that did the interview."""
    if not any(role == "report" for _, role, _ in named):
        named = [(pos, "report" if role == "interview" else role, span) for pos, role, span in named]
    publisher: str | None = None
    cited: list[str] = []
    seen: set[str] = set()
    for _, role, (s, e) in named:
        name = _unwrap(text[s:e].strip())
        k = key(name)
        if len(k) < 2 or k in seen:
            continue
        if role == "report" and publisher is None:
            publisher = name
        else:
            cited.append(name)
        seen.add(k)
    if publisher is not None:
        cited = [c for c in cited if not _same_outlet(key(c), key(publisher))]
    return {"publisher": publisher, "cited": cited}


def cite_speaking_outlets(source: dict[str, object], speakers: Iterable[str]) -> dict[str, object]:
    """`source` with every news medium that speaks in the story (`خبرگزاری رویترز ... گزارش داد`) added to its
    cited outlets, after those already there: an outlet quoted is an outlet drawn on. The publisher is not."""
    lex = source_lexicon()
    cited = [str(name) for name in source.get("cited") or []]  # type: ignore[attr-defined]
    seen = {key(name) for name in [*cited, str(source.get("publisher") or "")] if name}
    for name in speakers:
        texts = Words.of(fold(name), 0, len(name)).texts
        k = key(name)
        new = len(k) >= 2 and not any(_same_outlet(k, other) for other in seen)
        if texts and new and _names_outlet(texts, lex.media):
            cited.append(name)
            seen.add(k)
    return {**source, "cited": cited}


def _unwrap(name: str) -> str:
    """`"ورزش سه"` → `ورزش سه`: quotation marks around a whole name are not part of it."""
    return name[1:-1].strip() if len(name) > 2 and name[0] + name[-1] in ('""', "«»") else name


def _same_outlet(a: str, b: str) -> bool:
    return a in b or b in a
