"""Layout fixes: spaces at line edges, page residue, and lines hard-wrapped inside a paragraph.

After these fixes every paragraph is one line and paragraphs are separated by exactly one "\\n".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from khabar.document import Edit

_SPACE_RUN_RE = re.compile(r"(?P<inner>(?<=[^ \n]) {2,}(?=[^ \n]))|^ +| +$", re.MULTILINE)
_PAGE_NUMBER_RE = re.compile(r"^[-–—\s]*(?:(?:صفحه|page|p\.)\s*)?[0-9۰-۹٠-٩]{1,4}[-–—\s]*$", re.IGNORECASE)
_LINE_RE = re.compile(r"[^\n]+")
# A line that ends with one of these (optionally followed by closing quotes/brackets) ends a sentence.
_TERMINAL_RE = re.compile(r"[.!?؟…:؛][»\"”')\]]*$")
_FIRST_WORD_RE = re.compile(r"\S+")
# Words that cannot end a sentence or a title: a line ending in one continues on the next line.
_CONTINUES_RE = re.compile(r"(?:^|\s)(?:را|و|از|به|با|در|که|برای|تا|یا|این|آن|بر|اما|ولی|هم|نیز|چون|اگر|های|ها)[،,]?$")
FULL_LINE_SHARE = 0.8  # a line is "full" when it plus the next word would reach 80% of the wrap width
WRAPPED_LINE_SHARE = 0.9  # stricter "full" when deciding whether a text is hard-wrapped at all
WRAPPED_SHARE = 0.5  # a text is hard-wrapped when at least half of its mid-sentence line ends are full lines


def tidy_spaces(text: str) -> list[Edit]:
    """Collapse runs of spaces and strip spaces at line edges: they are layout, never content."""
    if "  " not in text and " \n" not in text and "\n " not in text and text.strip(" ") == text:
        return []
    return [
        Edit(m.start(), m.end(), " " if m.group("inner") else "", "tidy_spaces",
             "repeated spaces" if m.group("inner") else "space at a line edge")
        for m in _SPACE_RUN_RE.finditer(text)
    ]


def remove_page_residue(text: str) -> list[Edit]:
    """Drop page numbers and running headers/footers (short lines repeated three or more times).

    Only in texts of several lines; the line goes with its line break, so no blank line is left behind.
    """
    lines = list(_LINE_RE.finditer(text))
    if len(lines) < 6:
        return []
    repeated = Counter(m.group().strip() for m in lines)
    edits = []
    for m in lines:
        line = m.group().strip()
        end = m.end() + 1 if m.end() < len(text) else m.end()  # the line and its line break
        if _PAGE_NUMBER_RE.match(line):
            edits.append(Edit(m.start(), end, "", "remove_page_residue", "page number"))
        elif repeated[line] >= 3 and len(line) < 80 and not _TERMINAL_RE.search(line):
            edits.append(Edit(m.start(), end, "", "remove_page_residue", "running header or footer"))
    return edits


def ends_sentence(line: str) -> bool:
    """True when the line ends with sentence-final punctuation (a safe place to cut a long text)."""
    return bool(_TERMINAL_RE.search(line.rstrip()))


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str
    terminal: bool  # ends with sentence-final punctuation


def join_hard_wraps(text: str) -> list[Edit]:
    """Join lines wrapped inside a paragraph (and blank lines inside a sentence); keep real paragraph breaks.

    A text is hard-wrapped when its lines that stop mid-sentence are "full" (as long as the longest lines): a
    wrapping program broke them. There, a line that ends a sentence ends its paragraph when a blank line follows
    or when the next word would have fitted on it; a line that stops mid-sentence ends its paragraph only when it
    is short (a headline) or is a title (the first line, followed by a blank line, not ending in a word such as
    `را` or `و` that cannot end a phrase). Everything else joins with a space. Text written one paragraph per
    line is left as it is.
    """
    lines = [
        _Line(m.start(), m.end(), m.group(), bool(_TERMINAL_RE.search(m.group())))
        for m in _LINE_RE.finditer(text)
        if m.group().strip()
    ]
    edits = _trim_outer_breaks(text, lines)
    if len(lines) < 2:
        return edits
    width = _wrap_width(lines)
    if not _is_hard_wrapped(text, lines, width):
        return edits + _single_breaks(text, lines)
    for index, (prev, nxt) in enumerate(pairwise(lines)):
        gap = text[prev.end : nxt.start]
        breaks = "\n" if _is_paragraph_end(prev, nxt, gap, width, index == 0) else " "
        if gap != breaks:
            kind = "keep_paragraph_break" if breaks == "\n" else "join_hard_wraps"
            reason = "paragraph break" if breaks == "\n" else "line wrapped inside a paragraph"
            edits.append(Edit(prev.end, nxt.start, breaks, kind, reason))
    return sorted(edits, key=lambda e: e.start)


def _wrap_width(lines: list[_Line]) -> float:
    """The width the text was wrapped at: the longest lines (90th percentile when there are many)."""
    lengths = sorted(len(ln.text) for ln in lines)
    return lengths[int(0.9 * (len(lengths) - 1))] if len(lengths) >= 10 else lengths[-1]


def _is_full(prev: _Line, nxt: _Line, width: float, share: float = FULL_LINE_SHARE) -> bool:
    first_word = _FIRST_WORD_RE.match(nxt.text)
    return len(prev.text) + 1 + len(first_word.group() if first_word else "") > share * width


def _is_hard_wrapped(text: str, lines: list[_Line], width: float) -> bool:
    open_lines = [(a, b) for a, b in pairwise(lines) if not a.terminal]
    full = sum(_is_full(a, b, width, WRAPPED_LINE_SHARE) for a, b in open_lines)
    has_blank = "\n\n" in text.strip("\n")
    return full >= 1 and full >= WRAPPED_SHARE * len(open_lines) and (has_blank or len(lines) >= 4)


def _is_paragraph_end(prev: _Line, nxt: _Line, gap: str, width: float, first: bool) -> bool:
    blank = gap.count("\n") > 1
    if prev.terminal:
        return blank or not _is_full(prev, nxt, width)
    if _CONTINUES_RE.search(prev.text):
        return False
    return not _is_full(prev, nxt, width) or (first and blank)


def _single_breaks(text: str, lines: list[_Line]) -> list[Edit]:
    """In text that is not hard-wrapped every line is a paragraph: blank lines between them go."""
    return [
        Edit(a.end, b.start, "\n", "keep_paragraph_break", "one line break between paragraphs")
        for a, b in pairwise(lines)
        if text[a.end : b.start] != "\n"
    ]


def _trim_outer_breaks(text: str, lines: list[_Line]) -> list[Edit]:
    """Blank lines before the first and after the last line are layout residue."""
    if not lines:
        return [Edit(0, len(text), "", "join_hard_wraps", "text has no content")] if text else []
    edits = []
    if lines[0].start > 0:
        edits.append(Edit(0, lines[0].start, "", "join_hard_wraps", "leading blank lines"))
    if lines[-1].end < len(text):
        edits.append(Edit(lines[-1].end, len(text), "", "join_hard_wraps", "trailing blank lines"))
    return edits
