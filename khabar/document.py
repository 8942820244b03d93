"""The one data model: a `Document` holding raw text, repaired text, the edits between them, and spans.

Every offset in a span is a character offset into `Document.text` (the repaired text). `Document.to_raw`
maps any such span back to the raw input through the recorded edits, so nothing a stage reports is ever
detached from what the user gave us.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Edit:
    """One repair: raw[start:end] became `text`, by the fix named `kind`, for `reason`.

    Inside a repair stage the offsets refer to the text that stage saw; once composed into a document they
    refer to the raw input.
    """

    start: int
    end: int
    text: str
    kind: str
    reason: str

    def to_dict(self, raw: str) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "raw": raw[self.start : self.end],
            "text": self.text,
            "kind": self.kind,
            "reason": self.reason,
        }


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Replay sorted, non-overlapping edits on `text` (the replay that tests check against)."""
    parts: list[str] = []
    pos = 0
    for edit in edits:
        parts.append(text[pos : edit.start])
        parts.append(edit.text)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def compose_edits(raw_edits: list[Edit], current: str, changes: list[Edit]) -> list[Edit]:
    """Fold `changes` (offsets into `current`) into `raw_edits` (offsets into raw; `current` is their result).

    Earlier edits and new changes are laid out in `current`'s coordinates and grouped where they overlap; a
    group holding a change becomes one raw edit covering the whole group. The result stays a sorted list of
    non-overlapping raw edits whose replay on the raw text gives the new text. Both inputs are sorted, so one
    linear merge does it.
    """
    items = _merged_items(raw_edits, changes)
    result: list[Edit] = []
    delta = 0  # len(current) - len(raw) over everything before the group
    i = 0
    while i < len(items):
        cs, ce = items[i][0], items[i][1]
        j = i + 1
        while j < len(items) and _joins(cs, ce, items[j][0], items[j][1]):
            ce = max(ce, items[j][1])
            j += 1
        if j - i == 1:
            start, end, is_change, edit = items[i]
            if not is_change:
                result.append(edit)
                delta += len(edit.text) - (edit.end - edit.start)
            elif start != end or edit.text:
                result.append(Edit(start - delta, end - delta, edit.text, edit.kind, edit.reason))
            i = j
            continue
        group = items[i:j]
        after = delta + sum(len(it[3].text) - (it[3].end - it[3].start) for it in group if not it[2])
        if all(not it[2] for it in group):
            result.extend(it[3] for it in group)
        else:
            result.append(_merge(group, current, delta, after))
        delta = after
        i = j
    return result


def _merged_items(raw_edits: list[Edit], changes: list[Edit]) -> list[tuple[int, int, bool, Edit]]:
    """Earlier edits (at their place in `current`) and changes, in one list sorted by (start, end, kind)."""
    earlier: list[tuple[int, int, bool, Edit]] = []
    delta = 0
    for ed in raw_edits:
        earlier.append((ed.start + delta, ed.start + delta + len(ed.text), False, ed))
        delta += len(ed.text) - (ed.end - ed.start)
    new = [(ch.start, ch.end, True, ch) for ch in changes]
    if not earlier or not new:
        return earlier or new
    return list(heapq.merge(earlier, new, key=lambda it: (it[0], it[1], it[2])))


def _joins(cs: int, ce: int, s: int, e: int) -> bool:
    """Whether [s, e) overlaps the group [cs, ce); an empty span joins only strictly inside the other."""
    if s == e:
        return cs < s < ce
    if cs == ce:
        return s < cs < e
    return s < ce and cs < e


def _merge(group: list[tuple[int, int, int, Edit]], current: str, delta: int, after: int) -> Edit:
    cs, ce = group[0][0], max(item[1] for item in group)
    pieces, pos = [], cs
    for start, end, is_change, edit in group:
        if is_change:
            pieces.append(current[pos:start] + edit.text)
            pos = end
    pieces.append(current[pos:ce])
    kinds = list(dict.fromkeys(item[3].kind for item in group))
    reasons = list(dict.fromkeys(item[3].reason for item in group))
    return Edit(cs - delta, ce - after, "".join(pieces), "+".join(kinds), "; ".join(reasons))


def _new_starts(edits: list[Edit]) -> list[int]:
    starts, delta = [], 0
    for ed in edits:
        starts.append(ed.start + delta)
        delta += len(ed.text) - (ed.end - ed.start)
    return starts


class OffsetMap:
    """Maps offsets in the repaired text to the raw text and back, through sorted raw edits."""

    def __init__(self, edits: list[Edit]) -> None:
        self._edits = edits
        self._new_starts = _new_starts(edits)
        self._new_ends = [ns + len(ed.text) for ns, ed in zip(self._new_starts, edits)]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw span that the repaired span [start, end) came from (widened to whole edits)."""
        return self._point(start, is_end=False), self._point(end, is_end=True)

    def _point(self, pos: int, is_end: bool) -> int:
        k = bisect_right(self._new_starts, pos - 1 if is_end else pos) - 1
        if k < 0:
            return pos
        ed, ns, ne = self._edits[k], self._new_starts[k], self._new_ends[k]
        inside = ns < pos <= ne if is_end else ns <= pos < ne
        if inside:
            return ed.end if is_end else ed.start
        return ed.end + (pos - ne)


@dataclass(slots=True)
class Span:
    """A view onto a document: character offsets into `doc.text`; the text is computed, never copied."""

    doc: Document = field(repr=False, compare=False)
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.doc.text[self.start : self.end]

    def raw_span(self) -> tuple[int, int]:
        return self.doc.to_raw(self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        raw_start, raw_end = self.raw_span()
        return {"start": self.start, "end": self.end, "raw_start": raw_start, "raw_end": raw_end}


@dataclass(slots=True)
class Token(Span):
    """A word or punctuation mark, with its analysis once the analyse stage has run."""

    upos: str | None = None
    lemma: str | None = None
    feats: str | None = None
    space_after: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "upos": self.upos,
            "lemma": self.lemma,
            "feats": self.feats,
            "space_after": self.space_after,
        }


@dataclass(slots=True)
class Sentence(Span):
    """A sentence; `token_start:token_end` index into `doc.tokens`."""

    token_start: int = 0
    token_end: int = 0

    @property
    def tokens(self) -> list[Token]:
        return self.doc.tokens[self.token_start : self.token_end]

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "tokens": [self.token_start, self.token_end]}


@dataclass(slots=True)
class Entity:
    """One real-world referent in a document: every mention of it, merged, with the titles attached to it."""

    id: str
    label: str
    name: str
    mentions: list[Span] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "name": self.name,
            "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in self.mentions],
            "roles": self.roles,
        }


@dataclass(slots=True)
class Quantity:
    """A number, percentage or amount of money: `value` is the number; `unit` is '%' or a currency or None."""

    span: Span
    value: float | int
    kind: str = "number"
    unit: str | None = None
    approximate: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.span.start,
            "end": self.span.end,
            "text": self.span.text,
            "value": self.value,
            "kind": self.kind,
            "unit": self.unit,
            "approximate": self.approximate,
        }


@dataclass(slots=True)
class DateMention:
    """A date as written (Jalali, Gregorian or Hijri) and its ISO Gregorian value when it names a whole day."""

    span: Span
    value: str | None
    calendar: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.span.start,
            "end": self.span.end,
            "text": self.span.text,
            "value": self.value,
            "calendar": self.calendar,
        }


@dataclass(slots=True)
class Speaker:
    """Who a quote is attributed to: the words at the quote and the entity they resolve to (if any)."""

    text: str
    start: int
    end: int
    entity: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Quote:
    """A statement and who made it: `kind` is 'direct' or 'indirect'; the cue is null for a floating quote."""

    kind: str
    content: Span
    cue: Span | None
    speaker: Speaker | None
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        def part(span: Span | None) -> dict[str, Any] | None:
            return None if span is None else {"start": span.start, "end": span.end, "text": span.text}

        return {
            "kind": self.kind,
            "content": part(self.content),
            "cue": part(self.cue),
            "speaker": None if self.speaker is None else self.speaker.to_dict(),
            "confidence": round(self.confidence, 3),
        }


@dataclass
class Document:
    """Raw text, repaired text, the edits between them, and every layer of spans the stages add.

    Layers a stage has not filled stay empty; `to_dict` writes all of them, so the JSON shape is stable.
    """

    raw: str
    text: str = ""
    edits: list[Edit] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    numbers: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    source: dict[str, Any] | None = None
    meetings: list[Any] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    _offsets: OffsetMap | None = field(default=None, repr=False)

    @classmethod
    def from_text(cls, raw: str, **meta: Any) -> Document:
        """A document that no stage has touched yet: its text is the raw text."""
        return cls(raw=raw, text=raw, meta=dict(meta))

    def set_edits(self, edits: list[Edit]) -> None:
        """Replace the edit list and the text it yields (the repair stage's one way in)."""
        self.edits = edits
        self.text = apply_edits(self.raw, edits)
        self._offsets = None

    @property
    def offsets(self) -> OffsetMap:
        if self._offsets is None:
            self._offsets = OffsetMap(self.edits)
        return self._offsets

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_raw(start, end)

    def span(self, start: int, end: int) -> Span:
        return Span(self, start, end)

    def to_dict(self, include_raw: bool = False) -> dict[str, Any]:
        """The document JSON: the contract `khabar process --json` prints and the store keeps."""
        out: dict[str, Any] = {"text": self.text}
        if include_raw:
            out["raw"] = self.raw
        out["meta"] = self.meta
        out["warnings"] = self.warnings
        out["paragraphs"] = [p.to_dict() for p in self.paragraphs]
        out["fixes"] = [ed.to_dict(self.raw) for ed in self.edits]
        out["sentences"] = [s.to_dict() for s in self.sentences]
        out["tokens"] = [t.to_dict() for t in self.tokens]
        out["entities"] = [_layer_dict(x) for x in self.entities]
        out["numbers"] = [_layer_dict(x) for x in self.numbers]
        out["dates"] = [_layer_dict(x) for x in self.dates]
        out["quotes"] = [_layer_dict(x) for x in self.quotes]
        out["source"] = _layer_dict(self.source) if self.source is not None else None
        out["meetings"] = [_layer_dict(x) for x in self.meetings]
        return out


def _layer_dict(item: Any) -> Any:
    """Layers added by later stages serialise themselves; plain dicts pass through."""
    return item.to_dict() if hasattr(item, "to_dict") else item
