"""The reporting-cue lexicon (khabar/data/lexicons/cues.tsv) compiled for search in folded text.

Shared by the quotes stage, which reads speech around each cue, and the entities stage, which ends a name or an
office phrase where a cue begins (`موهبتی یادآورشد`). Each cue is written in the 3rd person past with its present
stem; `Cue.pattern` inflects it (past, perfect, progressive, present, future, plural; کرد also as نمود) and lets
every space be a half-space or missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from khabar.extract.speakers import fold, read_table, words_pattern

# Light verbs written with کرد in the lexicon may also be written with نمود.
_LIGHT_ALTERNATES: dict[str, tuple[str, tuple[str, ...]]] = {"کرد": ("نمود", ("نما", "نمای"))}

# A word start and its group key (see `CueLexicon`): `می` and the next two letters, or the first two letters.
_WORD_START = re.compile(r"(?<!\w)(?:(می)\s*)?(\w\w?)")
# A cue right after these is a noun phrase (`به گفته`، `این گفته`) or another verb (`فراخواند`); not after the
# adverb `پیش از این` (`پیش از این اعلام کرده بود که ...`).
_BLOCKED_BEFORE = re.compile(r"(?<!\w)(?:فرا|به|(?<!پیش از )(?<!قبل از )(?<!بعد از )(?<!پس از )این)\s*$")
# `در` (`متن کامل`، `ادامه`، `بخش دیگری از`) (`این`) before a document noun: `در ادامه این بیانیه آمده است`.
_RECORD_OPENER = (
    r"(?<!\w)در\s*(?:(?:متن|ادامه|بخش|بخشی|قسمت)\s*(?:کامل\s*|دیگری\s*از\s*|از\s*)?)?(?:(?:این|آن|همین)\s*)?"
)


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon row: how the cue is written, its present stems, and the constructions it takes."""

    text: str
    type: str
    presents: tuple[str, ...]
    frames: str
    prep: str | None

    @classmethod
    def from_row(cls, row: dict[str, str]) -> Cue:
        presents = tuple(p for p in row["present"].split("|") if p != "-")
        prep = None if row["prep"] == "-" else row["prep"]
        return cls(row["cue"], row["type"], presents, row["frames"], prep)

    @property
    def verb(self) -> bool:
        return self.type == "verb"

    def openings(self) -> set[str]:
        """Group keys (see `CueLexicon`) of every way the cue's first word can begin."""
        words = fold(self.text).split()
        if not self.verb or len(words) > 1:
            return {words[0][:2]}
        stem = words[0]
        return {stem[:2], "می" + stem[:2], "خو"} | {"می" + r[:2] for r in self.presents}

    def pattern(self) -> str:
        """A regex for every third-person form of the cue, on folded text."""
        words = fold(self.text).split()
        if not self.verb:
            return words_pattern(self.text)
        if "S" in self.frames:
            return words_pattern(words[0])
        head = words_pattern(" ".join(words[:-1]))
        bare = bool(head) or "E" in self.frames
        forms = _verb_forms(words[-1], self.presents, bare_perfect=bare)
        if words[-1] in _LIGHT_ALTERNATES:
            forms += "|" + _verb_forms(*_LIGHT_ALTERNATES[words[-1]], bare_perfect=bare)
        return (head + r"\s*" if head else "") + f"(?:{forms})"


@dataclass(frozen=True, slots=True)
class CueMatch:
    cue: Cue
    start: int
    end: int


class CueLexicon:
    """The cue table compiled for fast search; `find` lists the cues in a folded region.

    One regex over every cue would try all of them at every word. Instead the cues are grouped by how their
    first word begins (two letters; for `می`-forms, the two letters after `می`), and at each word only the group
    its opening letters name is tried.
    """

    def __init__(self, cues: list[Cue], records: re.Pattern[str] | None = None) -> None:
        self.cues = sorted(cues, key=lambda c: len(c.text), reverse=True)
        self.records = records
        groups: dict[str, list[int]] = {}
        for i, cue in enumerate(self.cues):
            for k in cue.openings():
                groups.setdefault(k, []).append(i)
        self.groups = {k: self._compile(ids) for k, ids in groups.items()}

    def _compile(self, ids: list[int]) -> re.Pattern[str]:
        alternatives = "|".join(f"(?P<c{i}>{self.cues[i].pattern()})" for i in ids)
        return re.compile(r"(?:" + alternatives + r")(?!\w)(?!\s*و\s*گو)")

    def find(self, folded: str, start: int, end: int) -> list[CueMatch]:
        found: list[CueMatch] = []
        last = start
        for w in _WORD_START.finditer(folded, start, end):
            if w.start() < last:
                continue
            m = self._at(folded, w, end)
            if m is not None:
                found.append(m)
                last = m.end
        return found

    def starts_at(self, folded: str, pos: int) -> bool:
        """Whether a cue starts at the word starting at `pos` (for callers that ask about a few words only)."""
        w = _WORD_START.match(folded, pos)
        return w is not None and self._at(folded, w, len(folded)) is not None

    def _at(self, folded: str, w: re.Match[str], end: int) -> CueMatch | None:
        """The cue that starts at the word `w` found, if any (its group tried, then what stands before it)."""
        pos = w.start()
        group = self.groups.get(w.group(1) + w.group(2) if w.group(1) else w.group(2))
        m = group.match(folded, pos, end) if group else None
        if m is None or _BLOCKED_BEFORE.search(folded, max(0, pos - 5), pos):
            return None
        return CueMatch(self.cues[int(m.lastgroup[1:])], pos, m.end())  # type: ignore[index]


def _verb_forms(past: str, presents: tuple[str, ...], bare_perfect: bool) -> str:
    """Third-person forms of a verb from its stems: past, perfect, past and present progressive, future.

    The perfect without `است` (`اعلام کرده`) is taken only for light verbs and verbs marked E: alone, `نوشته`
    and `خواسته` are as often nouns.
    """
    p = re.escape(past)
    auxiliary = r"(?:\s*(?:است|اند|بود|بودند))" + ("?" if bare_perfect else "")
    forms = [
        p + r"ه" + auxiliary + r"(?!\s*(?:شد|شده|شود|می\s*شود|ها|های)(?!\w))",
        p + r"(?:ند)?",
        r"می\s*" + p + r"(?:ند)?",
        r"خواه(?:د|ند)\s*" + p,
    ]
    forms += [r"می\s*" + re.escape(r) + r"(?:د|ند)" for r in presents]
    return "|".join(forms)


@cache
def cue_lexicon() -> CueLexicon:
    """The packaged cue lexicon, compiled once."""
    rows = read_table("cues.tsv")
    cues = [Cue.from_row(row) for row in rows if row["type"] in ("verb", "phrase", "document")]
    records = "|".join(words_pattern(r["cue"]) for r in rows if r["type"] == "record")
    return CueLexicon(cues, re.compile(_RECORD_OPENER + r"(?:" + records + r")(?:\s*ای)?(?!\w)"))
